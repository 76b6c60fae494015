#include <finml/storage/database_url.hpp>

#include <gtest/gtest.h>

namespace finml::storage {
namespace {

DatabaseUrl parsed(std::string_view url) {
  const auto result = parse_database_url(url);
  EXPECT_TRUE(result.has_value()) << url << ": " << result.error().message;
  return result.value_or(DatabaseUrl{});
}

TEST(DatabaseUrlTest, ReadsSqlitePathsAsSqlAlchemyDoes) {
  EXPECT_EQ(parsed("sqlite:///finml.db").location, "finml.db");
  EXPECT_EQ(parsed("sqlite:///data/finml.db").location, "data/finml.db");
  EXPECT_EQ(parsed("sqlite:////var/lib/finml/finml.db").location, "/var/lib/finml/finml.db");
  EXPECT_EQ(parsed("sqlite:///:memory:").location, ":memory:");
  EXPECT_EQ(parsed("sqlite://").location, ":memory:");
  EXPECT_EQ(parsed("sqlite:///finml.db").backend, Backend::kSqlite);
}

TEST(DatabaseUrlTest, AcceptsAPythonDriverSuffixAndAnyCaseInTheScheme) {
  EXPECT_EQ(parsed("sqlite+pysqlite:///finml.db").location, "finml.db");
  EXPECT_EQ(parsed("SQLite:///finml.db").location, "finml.db");
  EXPECT_EQ(parsed("PostgreSQL://db.example/finml").location, "postgresql://db.example/finml");
}

TEST(DatabaseUrlTest, PassesPostgresUrlsToLibpqWithoutTheDriverSuffix) {
  const DatabaseUrl plain = parsed("postgresql://finml:s3cret@db:5432/finml?sslmode=disable");
  EXPECT_EQ(plain.backend, Backend::kPostgres);
  EXPECT_EQ(plain.location, "postgresql://finml:s3cret@db:5432/finml?sslmode=disable");
  EXPECT_EQ(parsed("postgres://finml@db/finml").location, "postgres://finml@db/finml");
  EXPECT_EQ(parsed("postgresql+psycopg2://finml:pw@db/finml").location,
            "postgresql://finml:pw@db/finml");
  EXPECT_EQ(parsed("postgresql+asyncpg://db/finml").location, "postgresql://db/finml");
  EXPECT_EQ(parsed("postgres+psycopg://db/finml").location, "postgres://db/finml");
  EXPECT_EQ(parsed("postgresql://").location, "postgresql://");
}

TEST(DatabaseUrlTest, RejectsOtherSchemesSayingWhatIsAccepted) {
  for (const std::string_view url :
       {"mysql://root@localhost/finml", "finml.db", "", "://nothing", "sqlite:/finml.db",
        "http://localhost:5432/finml"}) {
    const auto result = parse_database_url(url);
    ASSERT_FALSE(result.has_value()) << url;
    EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument) << url;
    EXPECT_NE(result.error().message.find("postgresql://"), std::string::npos)
        << result.error().message;
    EXPECT_NE(result.error().message.find("sqlite:///"), std::string::npos)
        << result.error().message;
  }
}

TEST(DatabaseUrlTest, RejectsMalformedSqliteUrls) {
  for (const std::string_view url :
       {"sqlite:///", "sqlite://host/finml.db", "sqlite:///finml.db?mode=ro"}) {
    const auto result = parse_database_url(url);
    ASSERT_FALSE(result.has_value()) << url;
    EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument) << url;
  }
}

TEST(DatabaseUrlTest, ErrorMessagesNeverShowThePassword) {
  const auto result = parse_database_url("mysql://root:hunter2@localhost/finml");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message.find("hunter2"), std::string::npos) << result.error().message;
}

TEST(DatabaseUrlTest, RedactsThePasswordOfTheUserInfo) {
  EXPECT_EQ(redact_database_url("postgresql://finml:s3cret@db:5432/finml"),
            "postgresql://finml:***@db:5432/finml");
  EXPECT_EQ(redact_database_url("postgresql+psycopg2://u:p%40ss@db/x?sslmode=require"),
            "postgresql+psycopg2://u:***@db/x?sslmode=require");
  // An unencoded '@' in the password: the host starts after the last '@'.
  EXPECT_EQ(redact_database_url("postgresql://u:p@ss@db/x"), "postgresql://u:***@db/x");
}

TEST(DatabaseUrlTest, RedactsAPasswordGivenAsAQueryParameter) {
  EXPECT_EQ(redact_database_url("postgresql://db/x?user=u&password=s3cret&sslmode=require"),
            "postgresql://db/x?user=u&password=***&sslmode=require");
  EXPECT_EQ(redact_database_url("postgresql://db/x?PASSWORD=s3cret"),
            "postgresql://db/x?PASSWORD=***");
}

TEST(DatabaseUrlTest, LeavesUrlsWithoutAPasswordAlone) {
  for (const std::string_view url :
       {"postgresql://finml@db:5432/finml", "postgresql://db/finml", "sqlite:///finml.db",
        "sqlite:////var/lib/finml/finml.db", "sqlite:///:memory:", "postgresql://:5432/x",
        "postgresql://u:@db/x", "not a url"}) {
    EXPECT_EQ(redact_database_url(url), url);
  }
}

}  // namespace
}  // namespace finml::storage
