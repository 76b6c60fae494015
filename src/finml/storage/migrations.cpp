#include <finml/storage/migrations.hpp>

#include <algorithm>
#include <regex>
#include <set>

namespace finml::storage {
namespace {

/// The SQL in lower case without its "--" comments, so that a comment naming a table (or a
/// statement) does not count.
[[nodiscard]] std::string lower_case_without_comments(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_comment = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (in_comment) {
      if (c == '\n') {
        in_comment = false;
        out.push_back(c);
      }
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      in_comment = true;
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

std::vector<std::string> tables_created_by(std::span<const Migration> migrations) {
  // The statements that make, remove or rename a table, in the order they run. Our migrations
  // use plain identifiers, so quoted ones need no handling.
  static const std::regex kTableStatement(
      R"((create\s+table\s+(?:if\s+not\s+exists\s+)?|drop\s+table\s+(?:if\s+exists\s+)?|alter\s+table\s+(?:if\s+exists\s+)?)([a-z_][a-z0-9_]*)(?:\s+rename\s+to\s+([a-z_][a-z0-9_]*))?)");
  std::set<std::string> tables{"schema_migrations"};
  for (const Migration& migration : migrations) {
    const std::string sql = lower_case_without_comments(migration.sql);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), kTableStatement);
         it != std::sregex_iterator(); ++it) {
      const std::smatch& match = *it;
      const std::string verb = match[1].str().substr(0, match[1].str().find_first_of(" \t\n"));
      const std::string table = match[2].str();
      if (verb == "create") {
        tables.insert(table);
      } else if (verb == "drop") {
        tables.erase(table);
      } else if (match[3].matched && tables.erase(table) > 0) {
        tables.insert(match[3].str());
      }
    }
  }
  return {tables.begin(), tables.end()};
}

}  // namespace finml::storage
