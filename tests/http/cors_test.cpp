// CORS over HTTP against the real binary: preflights, the headers on answers and errors (those
// refused while read too), origins that are not allowed, the wildcard, credentials, and the
// configuration that is refused.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using namespace std::chrono_literals;
using Environment = std::map<std::string, std::string>;

constexpr const char* kApp = "https://app.example";
constexpr const char* kOther = "https://evil.example";

HttpResponse must(std::optional<HttpResponse> response) {
  if (!response) throw std::runtime_error("no response");
  return *response;
}

HttpResponse preflight(const FinmlServer& server, const std::string& path, const std::string& origin,
                       const std::string& method = "POST") {
  return must(http_request(server.port(), "OPTIONS", path, "",
                           {{"Origin", origin},
                            {"Access-Control-Request-Method", method},
                            {"Access-Control-Request-Headers", "content-type, x-api-key"}}));
}

bool has_cors_header(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name.starts_with("access-control-")) return true;
  }
  return false;
}

class CorsTest : public ::testing::Test {
 protected:
  // The trailing slash is how people write origins in settings; browsers send none.
  FinmlServer server_{Environment{{"CORS_ORIGINS", "https://app.example/, http://localhost:3000"}}};
};

TEST_F(CorsTest, PreflightOfAnAllowedOriginGetsThePathsMethodsAndHeaders) {
  const auto response = preflight(server_, "/api/v1/budget/alerts", kApp);
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.header("access-control-allow-origin"), kApp);
  EXPECT_EQ(response.header("access-control-allow-methods"), "POST");
  const auto headers = response.header("access-control-allow-headers");
  for (const char* name : {"X-API-Key", "Authorization", "Content-Type", "X-Request-ID", "Idempotency-Key", "If-Match",
                           "If-None-Match"}) {
    EXPECT_NE(headers.find(name), std::string::npos) << name;
  }
  EXPECT_EQ(response.header("access-control-max-age"), "600");
  EXPECT_EQ(response.header("vary"), "Origin");
  EXPECT_EQ(response.header("access-control-allow-credentials"), "");
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(response.header("content-length"), "") << "a 204 carries no Content-Length";
  EXPECT_EQ(response.header("content-type"), "");
}

TEST_F(CorsTest, PreflightListsEveryMethodOfAPathWithParameters) {
  // GET and POST share /api/v1/recommendations/habits/{user_id}; GET brings HEAD.
  const auto response = preflight(server_, "/api/v1/recommendations/habits/7", "http://localhost:3000", "GET");
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.header("access-control-allow-origin"), "http://localhost:3000");
  EXPECT_EQ(response.header("access-control-allow-methods"), "GET, HEAD, POST");
}

TEST_F(CorsTest, PreflightNeedsNoKeyEvenWhenKeysAreRequired) {
  FinmlServer strict(Environment{{"CORS_ORIGINS", kApp}, {"AUTH_REQUIRED", "true"}});
  EXPECT_EQ(preflight(strict, "/api/v1/budget/alerts", kApp).status, 204);
  // The 401 itself is readable by the page: it carries the CORS headers.
  const auto refused = must(http_request(strict.port(), "POST", "/api/v1/budget/alerts", "{}", {{"Origin", kApp}}));
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.header("access-control-allow-origin"), kApp);
}

TEST_F(CorsTest, PreflightOfAnUnknownPathIsNotFound) {
  const auto response = preflight(server_, "/no/such/route", kApp);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("access-control-allow-origin"), kApp);
}

TEST_F(CorsTest, AnswersAndErrorsOfAnAllowedOriginCarryOriginAndExposedHeaders) {
  const auto ok = must(http_request(server_.port(), "GET", "/health", "", {{"Origin", kApp}}));
  const auto invalid = must(http_request(server_.port(), "POST", "/goals/timeline", "{}", {{"Origin", kApp}}));
  const auto missing = must(http_request(server_.port(), "GET", "/nowhere", "", {{"Origin", kApp}}));
  const auto wrong_method = must(http_request(server_.port(), "DELETE", "/health", "", {{"Origin", kApp}}));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(wrong_method.status, 405);
  for (const auto* response : {&ok, &invalid, &missing, &wrong_method}) {
    SCOPED_TRACE(response->status);
    EXPECT_EQ(response->header("access-control-allow-origin"), kApp);
    EXPECT_EQ(response->header("vary"), "Origin");
    const auto exposed = response->header("access-control-expose-headers");
    for (const char* name : {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-RateLimit-Limit",
                             "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "X-Request-ID", "X-Cache",
                             "ETag"}) {
      EXPECT_NE(exposed.find(name), std::string::npos) << name;
    }
  }
}

// Answers given while the request is still being read (body too large, body too slow) pass no
// middleware; without the same headers a browser would show a network error instead of them.
TEST(CorsRejectionTest, RefusalsWhileReadingCarryTheSameHeaders) {
  FinmlServer server(Environment{{"CORS_ORIGINS", kApp}, {"MAX_BODY_BYTES", "4096"}, {"BODY_TIMEOUT", "0.5"}});
  const auto too_large = must(http_request(server.port(), "POST", "/goals/timeline", std::string(5000, ' '),
                                           {{"Origin", kApp}}));
  HttpConnection slow(server.port());
  ASSERT_TRUE(slow.send_raw("POST /goals/timeline HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                            "Content-Length: 100\r\n\r\n{"));  // the body never arrives
  const auto too_slow = slow.read_response();
  ASSERT_TRUE(too_slow);
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(too_slow->status, 408);
  for (const auto* response : {&too_large, &*too_slow}) {
    SCOPED_TRACE(response->status);
    EXPECT_EQ(response->header("access-control-allow-origin"), kApp);
    EXPECT_NE(response->header("access-control-expose-headers").find("X-Request-ID"), std::string::npos);
    EXPECT_EQ(response->header("vary"), "Origin");
  }
  // Another origin still gets none.
  const auto other = must(http_request(server.port(), "POST", "/goals/timeline", std::string(5000, ' '),
                                       {{"Origin", kOther}}));
  EXPECT_EQ(other.status, 413);
  EXPECT_FALSE(has_cors_header(other));
}

TEST_F(CorsTest, AnOriginNotListedGetsNoCorsHeaders) {
  const auto simple = must(http_request(server_.port(), "GET", "/health", "", {{"Origin", kOther}}));
  EXPECT_EQ(simple.status, 200);
  EXPECT_FALSE(has_cors_header(simple));
  EXPECT_EQ(simple.header("vary"), "Origin");
  // Its preflight is not answered as one: OPTIONS is no method of the path.
  const auto refused = preflight(server_, "/api/v1/budget/alerts", kOther);
  EXPECT_EQ(refused.status, 405);
  EXPECT_FALSE(has_cors_header(refused));
  // "https://app.example.evil" is not "https://app.example".
  EXPECT_FALSE(has_cors_header(must(http_request(server_.port(), "GET", "/health", "", {{"Origin", "https://app.example.evil"}}))));
}

TEST_F(CorsTest, RequestsWithoutOriginAreUntouched) {
  const auto response = must(http_request(server_.port(), "GET", "/health"));
  EXPECT_EQ(response.status, 200);
  EXPECT_FALSE(has_cors_header(response));
}

TEST(CorsSettingsTest, WildcardWithoutCredentialsAnswersStar) {
  FinmlServer server(Environment{{"CORS_ORIGINS", "*"}});
  const auto response = must(http_request(server.port(), "GET", "/health", "", {{"Origin", kOther}}));
  EXPECT_EQ(response.header("access-control-allow-origin"), "*");
  EXPECT_EQ(response.header("access-control-allow-credentials"), "");
  EXPECT_EQ(response.header("vary"), "") << "the same answer for every origin";
  EXPECT_EQ(preflight(server, "/goals/timeline", kOther).header("access-control-allow-origin"), "*");
}

TEST(CorsSettingsTest, CredentialsEchoTheListedOriginNeverAStar) {
  FinmlServer server(Environment{{"CORS_ORIGINS", kApp}, {"CORS_ALLOW_CREDENTIALS", "true"}});
  const auto response = must(http_request(server.port(), "GET", "/health", "", {{"Origin", kApp}}));
  EXPECT_EQ(response.header("access-control-allow-origin"), kApp);
  EXPECT_EQ(response.header("access-control-allow-credentials"), "true");
  const auto flight = preflight(server, "/goals/timeline", kApp);
  EXPECT_EQ(flight.header("access-control-allow-origin"), kApp);
  EXPECT_EQ(flight.header("access-control-allow-credentials"), "true");
}

TEST(CorsSettingsTest, NoOriginsMeansNoCors) {
  FinmlServer server;
  const auto response = must(http_request(server.port(), "GET", "/health", "", {{"Origin", kApp}}));
  EXPECT_FALSE(has_cors_header(response));
  EXPECT_EQ(preflight(server, "/goals/timeline", kApp).status, 405);
}

TEST(CorsSettingsTest, WildcardWithCredentialsIsRefusedAtStart) {
  const std::string directory = make_temp_directory();
  ChildProcess process(finml_binary(), {"serve", "--port", "0", "--env-file", "/dev/null"},
                       {{"CORS_ORIGINS", "https://a.example,*"},
                        {"CORS_ALLOW_CREDENTIALS", "true"},
                        {"DATABASE_URL", "sqlite:///" + directory + "/finml.db"}},
                       directory);
  EXPECT_EQ(process.wait(20s), 2);
  EXPECT_NE(process.stderr_text().find("CORS_ALLOW_CREDENTIALS: must be false when CORS_ORIGINS allows every origin"),
            std::string::npos)
      << process.stderr_text();
}

}  // namespace
}  // namespace finml::testing
