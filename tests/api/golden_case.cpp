#include "api/golden_case.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>

namespace finml::testing {
namespace {

// "$.a[*].b" -> a regex matching "$.a[3].b".
std::regex path_pattern(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 3, "[*]") == 0) {
      out += R"(\[[0-9]+\])";
      i += 2;
      continue;
    }
    const char c = pattern[i];
    if (std::string_view(R"(.[]{}()*+?^$|\)").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return std::regex(out);
}

struct Comparison {
  const CompareOptions& options;
  std::vector<std::regex> ignored;
  std::vector<std::string> differences;

  bool is_ignored(const std::string& path) const {
    return std::any_of(ignored.begin(), ignored.end(), [&](const std::regex& r) { return std::regex_match(path, r); });
  }

  // Placeholders for values a case cannot pin: "$any", "$number", "$string", "$array",
  // "$object", "$boolean", {"$length": n} (an array of n elements), {"$one_of": [...]}.
  bool placeholder(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& path) {
    if (expected.is_string()) {
      const auto& text = expected.get_ref<const std::string&>();
      if (!text.starts_with("$")) return false;
      bool ok = true;
      if (text == "$any") ok = true;
      else if (text == "$number") ok = actual.is_number();
      else if (text == "$string") ok = actual.is_string();
      else if (text == "$array") ok = actual.is_array();
      else if (text == "$object") ok = actual.is_object();
      else if (text == "$boolean") ok = actual.is_boolean();
      else return false;
      if (!ok) differences.push_back(path + ": expected " + text + ", got " + actual.dump().substr(0, 200));
      return true;
    }
    if (expected.is_object() && expected.size() == 1 && expected.contains("$length")) {
      if (!actual.is_array() || actual.size() != expected["$length"].get<std::size_t>()) {
        differences.push_back(path + ": expected an array of " + expected["$length"].dump() + " elements, got " +
                              actual.dump().substr(0, 200));
      }
      return true;
    }
    if (expected.is_object() && expected.size() == 1 && expected.contains("$one_of")) {
      const auto& choices = expected["$one_of"];
      if (std::find(choices.begin(), choices.end(), actual) == choices.end()) {
        differences.push_back(path + ": expected one of " + choices.dump() + ", got " + actual.dump().substr(0, 200));
      }
      return true;
    }
    return false;
  }

  void compare(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& path) {
    if (is_ignored(path)) return;
    if (placeholder(expected, actual, path)) return;
    if (expected.is_number() && actual.is_number()) {
      const double e = expected.get<double>();
      const double a = actual.get<double>();
      if (!(std::abs(e - a) <= options.tolerance + 1e-9 * std::abs(e))) {
        differences.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
      }
      return;
    }
    if (expected.type() != actual.type()) {
      differences.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
      return;
    }
    if (expected.is_object()) {
      for (const auto& [key, value] : expected.items()) {
        const std::string child = path + "." + key;
        if (!actual.contains(key)) {
          differences.push_back(child + ": missing");
          continue;
        }
        compare(value, actual.at(key), child);
      }
      if (!options.partial) {
        for (const auto& [key, value] : actual.items()) {
          if (!expected.contains(key)) differences.push_back(path + "." + key + ": unexpected, " + value.dump());
        }
      }
      return;
    }
    if (expected.is_array()) {
      if (expected.size() != actual.size()) {
        differences.push_back(path + ": expected " + std::to_string(expected.size()) + " elements, got " +
                              std::to_string(actual.size()) + ": " + actual.dump());
        return;
      }
      for (std::size_t i = 0; i < expected.size(); ++i) {
        compare(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
      }
      return;
    }
    if (expected != actual) differences.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
  }
};

}  // namespace

std::vector<std::string> compare_json(const nlohmann::json& expected, const nlohmann::json& actual,
                                      const CompareOptions& options) {
  Comparison comparison{.options = options, .ignored = {}, .differences = {}};
  for (const auto& pattern : options.ignore) comparison.ignored.push_back(path_pattern(pattern));
  comparison.compare(expected, actual, "$");
  return comparison.differences;
}

std::vector<std::string> list_case_files(const std::string& directory) {
  std::vector<std::string> files;
  if (!std::filesystem::exists(directory)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace finml::testing
