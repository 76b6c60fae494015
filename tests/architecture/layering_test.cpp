// The architecture's dependency rules, checked on the sources: each layer includes only
// itself, the layers beneath it and the libraries it is allowed (docs/architecture.md).
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

struct Include {
  fs::path file;
  std::string header;
};

std::vector<Include> includes_under(const fs::path& directory) {
  std::vector<Include> found;
  static const std::regex kInclude(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    const auto extension = entry.path().extension();
    if (extension != ".hpp" && extension != ".cpp" && extension != ".h") continue;
    std::ifstream file(entry.path());
    for (std::string line; std::getline(file, line);) {
      std::smatch match;
      if (std::regex_search(line, match, kInclude)) found.push_back({entry.path(), match[1]});
    }
  }
  return found;
}

// A header of the C++ standard library: no extension, no directory.
bool is_standard(const std::string& header) {
  return header.find('.') == std::string::npos && header.find('/') == std::string::npos;
}

bool starts_with_any(const std::string& header, const std::vector<std::string>& prefixes) {
  for (const auto& prefix : prefixes) {
    if (header.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

const fs::path kSource = fs::path(FINML_SOURCE_DIR) / "src" / "finml";

// Fails for every include of `layer` that is neither standard nor in `allowed`.
void expect_only(const std::string& layer, const std::vector<std::string>& allowed,
                 const std::vector<std::string>& excluded_subdirectories = {}) {
  for (const auto& include : includes_under(kSource / layer)) {
    const std::string relative = fs::relative(include.file, kSource).string();
    if (starts_with_any(relative, excluded_subdirectories)) continue;
    EXPECT_TRUE(is_standard(include.header) || starts_with_any(include.header, allowed))
        << relative << " includes <" << include.header << ">, which the " << layer << " layer may not use";
  }
}

TEST(LayeringTest, CoreUsesOnlyTheStandardLibrary) { expect_only("core", {"finml/core/"}); }

TEST(LayeringTest, AnalyticsArePureFunctionsOverCore) {
  expect_only("analytics", {"finml/core/", "finml/analytics/", "Eigen/", "unsupported/Eigen/", "nlopt.hpp",
                            "LBFGSB.h", "LBFGS.h"});
}

TEST(LayeringTest, StoragePortsKnowNoDatabaseLibrary) {
  expect_only("storage", {"finml/core/", "finml/storage/database", "finml/storage/migrations",
                          "finml/storage/detail/", "finml/storage/cache_store", "finml/storage/rate_limit_store",
                          "finml/storage/memory_"},
              {"storage/sqlite/", "storage/postgres/", "storage/redis/"});
}

TEST(LayeringTest, EachStorageAdapterUsesOnlyItsOwnDriver) {
  expect_only("storage/sqlite", {"finml/core/", "finml/storage/database", "finml/storage/migrations",
                                 "finml/storage/detail/", "finml/storage/sqlite/", "SQLiteCpp/", "sqlite3.h",
                                 "sys/", "unistd.h"});
  expect_only("storage/postgres", {"finml/core/", "finml/storage/database", "finml/storage/migrations",
                                   "finml/storage/detail/", "finml/storage/postgres/", "libpq-fe.h",
                                   "poll.h", "sys/", "unistd.h"});
  expect_only("storage/redis", {"finml/core/", "finml/storage/cache_store", "finml/storage/rate_limit_store",
                                "finml/storage/redis/", "hiredis/", "sys/"});
}

// Bank-file parsing (issue 7): pure functions over core, no I/O, no JSON.
TEST(LayeringTest, IngestParsesOverCoreOnly) { expect_only("ingest", {"finml/core/", "finml/ingest/", "fmt/", "xxhash.h"}); }

TEST(LayeringTest, ServicesUseStoragePortsNotAdapters) {
  expect_only("service", {"finml/core/", "finml/analytics/", "finml/storage/database", "finml/service/",
                          "finml/ingest/",  // issue 7: imports
                          "finml/storage/cache_store", "finml/storage/rate_limit_store",
                          "sodium.h"});
}

TEST(LayeringTest, HttpKnowsNothingOfTheAppOrTheStorageAdapters) {
  for (const auto& include : includes_under(kSource / "http")) {
    EXPECT_FALSE(starts_with_any(include.header, {"finml/app/", "finml/storage/sqlite/", "finml/storage/postgres/",
                                                  "finml/storage/redis/"}))
        << include.file << " includes <" << include.header << ">";
  }
}

TEST(LayeringTest, JsonLibrariesAppearOnlyInHttpJson) {
  for (const auto& include : includes_under(kSource)) {
    const std::string relative = fs::relative(include.file, kSource).string();
    if (relative.rfind("http/json/", 0) == 0) continue;
    EXPECT_FALSE(starts_with_any(include.header, {"simdjson", "rapidjson/", "nlohmann/"}))
        << relative << " includes <" << include.header << ">: JSON lives only in http/json";
  }
}

}  // namespace
