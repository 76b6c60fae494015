// The embedded migrations and what can be read from them without a database.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <finml/storage/migrations.hpp>

namespace finml::storage {
namespace {

TEST(TablesCreatedByTest, FollowsCreateDropAndRenameAndIgnoresComments) {
  const Migration migrations[] = {
      {1, "one", "-- CREATE TABLE commented_out (x INTEGER);\n"
                 "CREATE TABLE b (x INTEGER);\ncreate table if not exists A_Table (y TEXT);\n"
                 "CREATE TABLE doomed (z INTEGER);"},
      {2, "two", "DROP TABLE IF EXISTS doomed;\nALTER TABLE b RENAME TO c;\n"
                 "ALTER TABLE c ADD COLUMN w TEXT;\nCREATE INDEX ix ON c (w);"},
  };
  EXPECT_EQ(tables_created_by(migrations),
            (std::vector<std::string>{"a_table", "c", "schema_migrations"}));
}

TEST(MigrationsTest, BothDialectsHaveTheSameVersionsInAscendingOrder) {
  const auto sqlite = sqlite_migrations();
  const auto postgres = postgres_migrations();
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, postgres[i].version);
    EXPECT_EQ(sqlite[i].name, postgres[i].name);
    if (i > 0) {
      EXPECT_LT(sqlite[i - 1].version, sqlite[i].version);
    }
  }
  EXPECT_EQ(tables_created_by(sqlite), tables_created_by(postgres));
}

}  // namespace
}  // namespace finml::storage
