#pragma once
// A database of its own for one test (suite), on the backend the test runs against: the tests
// that run twice (SQLite, then with FINML_TEST_BACKEND=postgres on the PostgreSQL server of
// tests/storage, whose URL is in FINML_TEST_POSTGRES_URL_FILE) ask for it the same way.
#include <optional>
#include <string>

namespace finml::testing {

/// Runs one statement on the PostgreSQL server at `url`; throws std::runtime_error when it cannot.
void postgres_exec(const std::string& url, const std::string& sql);

/// With FINML_TEST_BACKEND=postgres: the URL of a new, empty database `name` (dropped first if
/// a killed run left it) on the test server; throws when that server cannot be reached (a test
/// must not pass without it). Otherwise nullopt: the caller's own SQLite file.
[[nodiscard]] std::optional<std::string> new_postgres_database(const std::string& name);

}  // namespace finml::testing
