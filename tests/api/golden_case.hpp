#pragma once
// The golden HTTP cases under tests/api/cases/: JSON files with request/expectation steps,
// run against the real finml binary. The format is described in tests/api/README.md.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace finml::testing {

/// Everything that differs between an expected and an actual body, one line per difference,
/// each naming its JSON path; empty when they match.
struct CompareOptions {
  double tolerance = 1e-9;            ///< absolute, for numbers
  std::vector<std::string> ignore;    ///< JSONPaths ("$.a[*].b") whose values are not compared
  bool partial = false;               ///< extra keys in actual objects are allowed
};
[[nodiscard]] std::vector<std::string> compare_json(const nlohmann::json& expected, const nlohmann::json& actual,
                                                    const CompareOptions& options);

/// Every *.json file under `directory`, recursively, sorted.
[[nodiscard]] std::vector<std::string> list_case_files(const std::string& directory);

}  // namespace finml::testing
