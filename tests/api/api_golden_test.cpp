// Runs every golden case under tests/api/cases/ against the real finml binary: each case file
// gets a fresh server (empty SQLite database, clock pinned by FIXED_NOW) and its steps run in
// order. See tests/api/README.md for the format.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api/golden_case.hpp"
#include "support/api_keys.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;

const std::string kSourceDir = FINML_SOURCE_DIR;
const std::string kCasesDir = kSourceDir + "/tests/api/cases";
constexpr const char* kDefaultNow = "2025-12-08T12:00:00Z";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "$SHARED/..." is the shared data folder beside the project; other paths are the repository's.
std::string resolve_body_file(std::string path) {
  constexpr std::string_view kShared = "$SHARED/";
  if (path.starts_with(kShared)) return kSourceDir + "/../shared/" + path.substr(kShared.size());
  return kSourceDir + "/" + path;
}

std::string test_name_of(const std::string& file) {
  std::string relative = std::filesystem::relative(file, kCasesDir).replace_extension().string();
  for (auto& c : relative) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return relative;
}

class GoldenCase : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCase, AnswersAsRecorded) {
  // Ordered, so that a request body is sent with its members in the order the case lists them.
  const nlohmann::ordered_json spec = nlohmann::ordered_json::parse(read_file(GetParam()));
  ASSERT_TRUE(spec.contains("steps") && spec["steps"].is_array() && !spec["steps"].empty())
      << GetParam() << " has no steps";
  FinmlServer server({{"FIXED_NOW", spec.value("fixed_now", std::string(kDefaultNow))}});
  HttpConnection connection(server.port(), std::chrono::seconds(60));
  std::string admin_key;

  int index = 0;
  for (const auto& step : spec["steps"]) {
    SCOPED_TRACE("step " + std::to_string(index++) + ": " + step["request"].dump().substr(0, 300));
    const auto& request = step.at("request");
    std::string body;
    if (request.contains("body")) body = request["body"].dump();
    if (request.contains("body_file")) {
      body = read_file(resolve_body_file(request["body_file"].get<std::string>()));
      if (request.contains("body_merge")) {
        nlohmann::ordered_json merged = nlohmann::ordered_json::parse(body);
        merged.merge_patch(request["body_merge"]);
        body = merged.dump();
      }
    }
    if (request.contains("raw_body")) body = request["raw_body"].get<std::string>();
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (request.contains("headers")) {
      for (const auto& [name, value] : request["headers"].items()) {
        headers[name] = value.get<std::string>();
        // "$ADMIN_KEY": an admin key, made for this case's server on first use.
        if (headers[name] == "$ADMIN_KEY") {
          if (admin_key.empty()) admin_key = create_api_key(server, {"--admin"}).key;
          headers[name] = admin_key;
        }
      }
    }
    const auto response = connection.request(request.at("method").get<std::string>(),
                                             request.at("path").get<std::string>(), body, headers);
    ASSERT_TRUE(response.has_value()) << "no response";

    const auto& expect = step.at("expect");
    EXPECT_EQ(response->status, expect.at("status").get<int>()) << response->body.substr(0, 2000);
    json actual;
    ASSERT_NO_THROW(actual = json::parse(response->body)) << "not JSON: " << response->body.substr(0, 500);
    EXPECT_NE(response->header("content-type").find("application/json"), std::string::npos);
    if (response->status >= 400) {
      EXPECT_TRUE(actual.contains("detail") && actual["detail"].is_string()) << response->body;
      EXPECT_TRUE(actual.contains("error") && actual["error"].is_object()) << response->body;
    }
    if (expect.contains("body")) {
      CompareOptions options;
      options.tolerance = expect.value("tolerance", 1e-9);
      options.partial = expect.value("partial", false);
      if (expect.contains("ignore")) options.ignore = expect["ignore"].get<std::vector<std::string>>();
      const auto differences = compare_json(json::parse(expect["body"].dump()), actual, options);
      std::string listed;
      for (const auto& difference : differences) listed += "\n  " + difference;
      EXPECT_TRUE(differences.empty()) << GetParam() << ":" << listed;
    }
  }
  EXPECT_EQ(server.stop(), 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCase, ::testing::ValuesIn(list_case_files(kCasesDir)),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return test_name_of(param_info.param); });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenCase);

// The comparison itself: what it lets through and what it reports.
TEST(CompareJson, ToleratesNumbersWithinToleranceAndIgnoredPaths) {
  const json expected = {{"a", 1.0}, {"t", "x"}, {"items", {{{"at", "1"}}, {{"at", "2"}}}}};
  const json actual = {{"a", 1.004}, {"t", "x"}, {"items", {{{"at", "9"}}, {{"at", "8"}}}}};
  EXPECT_TRUE(compare_json(expected, actual, {.tolerance = 0.01, .ignore = {"$.items[*].at"}, .partial = false}).empty());
  EXPECT_FALSE(compare_json(expected, actual, {.tolerance = 0.001, .ignore = {"$.items[*].at"}, .partial = false}).empty());
}

TEST(CompareJson, PlaceholdersMatchByKindLengthOrChoice) {
  const json expected = {{"n", "$number"}, {"list", {{"$length", 2}}}, {"grade", {{"$one_of", {"A", "B"}}}}, {"x", "$any"}};
  EXPECT_TRUE(compare_json(expected, {{"n", 3.5}, {"list", {1, 2}}, {"grade", "B"}, {"x", nullptr}}, {}).empty());
  EXPECT_EQ(compare_json(expected, {{"n", "3"}, {"list", {1}}, {"grade", "F"}, {"x", 1}}, {}).size(), 3u);
}

TEST(CompareJson, ReportsMissingUnexpectedAndMistypedMembersByPath) {
  const json expected = {{"a", 1}, {"b", {{"c", "x"}}}};
  const json actual = {{"b", {{"c", 2}}}, {"z", true}};
  const auto differences = compare_json(expected, actual, {});
  ASSERT_EQ(differences.size(), 3u);
  EXPECT_EQ(differences[0], "$.a: missing");
  EXPECT_EQ(differences[1], "$.b.c: expected \"x\", got 2");
  EXPECT_EQ(differences[2], "$.z: unexpected, true");
  EXPECT_EQ(compare_json(expected, actual, {.tolerance = 1e-9, .ignore = {}, .partial = true}).size(), 2u);
}

}  // namespace
}  // namespace finml::testing
