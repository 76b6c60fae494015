// End-to-end tests of the real `finml serve` binary over loopback HTTP: health, metrics,
// error bodies, limits, timeouts, keep-alive, logging and graceful shutdown.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace finml::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Environment = std::map<std::string, std::string>;

json body_of(const HttpResponse& response) { return json::parse(response.body); }

// Every non-2xx body: a string `detail` and the original's envelope.
void expect_error_envelope(const HttpResponse& response, int status) {
  ASSERT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.header("content-type"), "application/json");
  const auto body = body_of(response);
  ASSERT_TRUE(body.contains("detail")) << response.body;
  EXPECT_TRUE(body["detail"].is_string());
  EXPECT_FALSE(body["detail"].get<std::string>().empty());
  ASSERT_TRUE(body["error"].is_object()) << response.body;
  EXPECT_TRUE(body["error"]["type"].is_string());
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_EQ(body["error"]["status_code"], status);
}

// The value of one series in the Prometheus text, or -1 when absent.
double metric_value(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

std::vector<json> json_log_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.front() == '{') lines.push_back(json::parse(line));
  }
  return lines;
}

TEST(ServerTest, HealthReportsHealthyWithItsDatabase) {
  FinmlServer server(Environment{{"ENVIRONMENT", "staging"}});
  const auto response = http_request(server.port(), "GET", "/health");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  const auto body = body_of(*response);
  EXPECT_EQ(body["status"], "healthy");
  EXPECT_EQ(body["environment"], "staging");
  EXPECT_TRUE(body["version"].is_string());
  EXPECT_GE(body["uptime_seconds"].get<double>(), 0.0);
  EXPECT_EQ(body["database"]["reachable"], true);
  EXPECT_EQ(body["database"]["backend"], "sqlite");
}

TEST(ServerTest, HealthIsUnhealthyWith503WhenTheDatabaseIsGone) {
  FinmlServer server;
  std::filesystem::remove(server.directory() + "/finml.db");
  std::this_thread::sleep_for(1100ms);  // past the health re-check interval
  const auto response = http_request(server.port(), "GET", "/health");
  ASSERT_TRUE(response);
  expect_error_envelope(*response, 503);
  const auto body = body_of(*response);
  EXPECT_EQ(body["status"], "unhealthy");
  EXPECT_EQ(body["database"]["reachable"], false);
}

TEST(ServerTest, RootNamesTheServiceAndItsEndpoints) {
  FinmlServer server;
  const auto response = http_request(server.port(), "GET", "/");
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  const auto body = body_of(*response);
  EXPECT_EQ(body["name"], "finml");
  EXPECT_EQ(body["environment"], "development");
  EXPECT_TRUE(body["endpoints"].contains("GET /health"));
  EXPECT_TRUE(body["endpoints"].contains("POST /goals/timeline"));
}

TEST(ServerTest, AcceptsAGetWithAJsonContentTypeAndNoBody) {
  FinmlServer server;
  HttpConnection connection(server.port());
  ASSERT_TRUE(connection.send_raw(
      "GET /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: application/json\r\n\r\n"));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST(ServerTest, HonoursOrGeneratesTheRequestId) {
  FinmlServer server;
  const auto given = http_request(server.port(), "GET", "/health", {}, {{"X-Request-ID", "client-42.a:b_c"}});
  ASSERT_TRUE(given);
  EXPECT_EQ(given->header("x-request-id"), "client-42.a:b_c");
  const auto invalid = http_request(server.port(), "GET", "/health", {}, {{"X-Request-ID", "has spaces in it"}});
  ASSERT_TRUE(invalid);
  EXPECT_TRUE(std::regex_match(invalid->header("x-request-id"), std::regex("[0-9a-f]{32}")));
  const auto missing = http_request(server.port(), "GET", "/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(body_of(*missing)["error"]["request_id"], missing->header("x-request-id"));
}

TEST(ServerTest, MetricsCountRequestsByRouteTemplate) {
  FinmlServer server;
  const auto before = http_request(server.port(), "GET", "/metrics");
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);
  EXPECT_NE(before->header("content-type").find("text/plain"), std::string::npos);
  const std::string health_series = R"(api_requests_total{endpoint="/health",method="GET",status_code="200"})";
  const double health_before = std::max(0.0, metric_value(before->body, health_series));  // -1: no series yet
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(http_request(server.port(), "GET", "/health"));
  ASSERT_TRUE(http_request(server.port(), "GET", "/no/such/path/12345"));
  ASSERT_TRUE(http_request(server.port(), "POST", "/goals/timeline", "{bad json"));

  const auto after = http_request(server.port(), "GET", "/metrics");
  ASSERT_TRUE(after);
  const std::string& text = after->body;
  EXPECT_EQ(metric_value(text, health_series), health_before + 3);
  EXPECT_EQ(metric_value(text, R"(api_requests_total{endpoint="unmatched",method="GET",status_code="404"})"), 1);
  EXPECT_EQ(metric_value(text, R"(api_requests_total{endpoint="/goals/timeline",method="POST",status_code="400"})"), 1);
  EXPECT_EQ(text.find("/no/such/path"), std::string::npos) << "raw paths must never become labels";
  EXPECT_GE(metric_value(text, R"(api_request_duration_seconds_count{endpoint="/health",method="GET"})"), 3);
  EXPECT_EQ(metric_value(text, "api_requests_in_flight"), 1);  // this very /metrics request
  EXPECT_GT(metric_value(text, "process_resident_memory_bytes"), 1e6);
  EXPECT_NE(text.find("finml_build_info{"), std::string::npos);
}

TEST(ServerTest, MetricsCanBeSwitchedOff) {
  FinmlServer server(Environment{{"ENABLE_METRICS", "false"}});
  const auto response = http_request(server.port(), "GET", "/metrics");
  ASSERT_TRUE(response);
  expect_error_envelope(*response, 404);
}

TEST(ServerTest, UnknownRouteIs404WithTheEnvelope) {
  FinmlServer server;
  const auto response = http_request(server.port(), "GET", "/api/v1/nothing-here");
  ASSERT_TRUE(response);
  expect_error_envelope(*response, 404);
  EXPECT_EQ(body_of(*response)["detail"], "Not Found");
  EXPECT_EQ(body_of(*response)["error"]["type"], "HTTPException");
}

TEST(ServerTest, WrongMethodIs405WithAllow) {
  FinmlServer server;
  const auto response = http_request(server.port(), "DELETE", "/health");
  ASSERT_TRUE(response);
  expect_error_envelope(*response, 405);
  EXPECT_EQ(response->header("allow"), "GET, HEAD");
  const auto post_only = http_request(server.port(), "GET", "/goals/timeline");
  ASSERT_TRUE(post_only);
  expect_error_envelope(*post_only, 405);
  EXPECT_EQ(post_only->header("allow"), "POST");
}

TEST(ServerTest, MalformedJsonIs400) {
  FinmlServer server;
  for (const char* bad : {"{bad json", R"({"target_amount": 5,})", R"({"a": 1} trailing)",
                          R"({"target_amount": 100, "current_savings": 0, "monthly_savings": 10, "x": tru})"}) {
    const auto response = http_request(server.port(), "POST", "/goals/timeline", bad);
    ASSERT_TRUE(response);
    expect_error_envelope(*response, 400);
    EXPECT_NE(body_of(*response)["detail"].get<std::string>().find("Malformed JSON"), std::string::npos) << bad;
  }
}

TEST(ServerTest, SchemaViolationsAre422ListingEveryBadField) {
  FinmlServer server;
  const auto response = http_request(server.port(), "POST", "/goals/timeline",
                                     R"({"target_amount": null, "monthly_savings": "abc", "user_id": 7})");
  ASSERT_TRUE(response);
  expect_error_envelope(*response, 422);
  const auto body = body_of(*response);
  EXPECT_EQ(body["error"]["type"], "ValidationError");
  const auto& details = body["error"]["details"];
  ASSERT_EQ(details.size(), 3u) << response->body;
  std::map<std::string, std::string> by_path;
  for (const auto& detail : details) by_path[detail["path"]] = detail["type"];
  EXPECT_EQ(by_path["$.target_amount"], "null");
  EXPECT_EQ(by_path["$.monthly_savings"], "value_error");  // a string, but not a number
  EXPECT_EQ(by_path["$.current_savings"], "missing");
  EXPECT_EQ(details[0]["field"].get<std::string>().rfind("body -> ", 0), 0u);
  const std::string detail = body["detail"];
  EXPECT_NE(detail.find("$.target_amount"), std::string::npos);
  EXPECT_NE(detail.find("$.current_savings"), std::string::npos);
}

TEST(ServerTest, BodiesOverTheLimitGet413) {
  FinmlServer server(Environment{{"MAX_BODY_BYTES", "4096"}});
  const std::string big(5000, ' ');
  const auto declared = http_request(server.port(), "POST", "/goals/timeline", "{}" + big);
  ASSERT_TRUE(declared);
  expect_error_envelope(*declared, 413);
  EXPECT_NE(body_of(*declared)["detail"].get<std::string>().find("4096"), std::string::npos);

  // A chunked body has no Content-Length: the limit applies as it arrives.
  HttpConnection connection(server.port());
  std::string request = "POST /goals/timeline HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) request += "7d0\r\n" + std::string(2000, ' ') + "\r\n";
  request += "0\r\n\r\n";
  connection.send_raw(request);
  const auto chunked = connection.read_response();
  ASSERT_TRUE(chunked);
  expect_error_envelope(*chunked, 413);
}

TEST(ServerTest, AcceptsBodiesUpToTenMebibytesByDefault) {
  FinmlServer server;
  std::string padding(9 * 1024 * 1024, 'x');
  const std::string body = R"({"target_amount": 50000, "current_savings": 10000, "monthly_savings": 2000, "note": ")" +
                           padding + R"("})";
  const auto accepted = http_request(server.port(), "POST", "/goals/timeline", body);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body.substr(0, 300);
  const auto refused = http_request(server.port(), "POST", "/goals/timeline", std::string(10 * 1024 * 1024 + 1, ' '));
  ASSERT_TRUE(refused);
  expect_error_envelope(*refused, 413);
}

TEST(ServerTest, KeepsConnectionsAliveAndAnswersPipelinedRequestsInOrder) {
  FinmlServer server;
  HttpConnection connection(server.port());
  for (int i = 0; i < 3; ++i) {
    const auto response = connection.request("GET", "/health");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->header("connection"), "keep-alive");
  }
  ASSERT_TRUE(connection.send_raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                                  "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                                  "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(connection.read_response()->status, 200);
  EXPECT_EQ(connection.read_response()->status, 404);
  EXPECT_EQ(body_of(*connection.read_response())["name"], "finml");
}

TEST(ServerTest, ASlowClientGets408AndAnIdleOneIsClosed) {
  FinmlServer server(Environment{{"HEADER_TIMEOUT", "0.5"}, {"IDLE_TIMEOUT", "0.5"}});
  HttpConnection slow(server.port());
  ASSERT_TRUE(slow.send_raw("POST /goals/timeline HTTP/1.1\r\nHost: x\r\n"));  // headers never end
  const auto timed_out = slow.read_response();
  ASSERT_TRUE(timed_out);
  expect_error_envelope(*timed_out, 408);

  HttpConnection idle(server.port());
  ASSERT_TRUE(idle.request("GET", "/health"));
  EXPECT_TRUE(idle.closed_by_peer(3000ms));
}

TEST(ServerTest, ShutdownFinishesTheRequestInFlightAndLogsIt) {
  FinmlServer server;
  const std::string body = R"({"target_amount": 50000, "current_savings": 10000, "monthly_savings": 2000})";
  HttpConnection in_flight(server.port());
  ASSERT_TRUE(in_flight.send_raw("POST /goals/timeline HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                                 body.substr(0, 20)));
  HttpConnection idle(server.port());
  ASSERT_TRUE(idle.request("GET", "/health"));
  std::this_thread::sleep_for(200ms);

  server.process().signal(SIGTERM);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(idle.closed_by_peer(2000ms)) << "idle keep-alive connections are closed at once";
  EXPECT_THROW(HttpConnection refused(server.port()), std::runtime_error) << "no new connections";

  ASSERT_TRUE(in_flight.send_raw(body.substr(20)));
  const auto response = in_flight.read_response();
  ASSERT_TRUE(response) << "the request in flight is answered";
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_EQ(body_of(*response)["months_needed"], 20);

  const auto status = server.process().wait(10s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0);

  const auto lines = json_log_lines(server.process().stdout_text());
  std::vector<std::string> events;
  for (const auto& line : lines) {
    events.push_back(line["event"]);
    EXPECT_TRUE(line.contains("timestamp") && line.contains("level"));
  }
  EXPECT_NE(std::find(events.begin(), events.end(), "startup"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "shutdown"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "stopped"), events.end());
  const auto request_line = std::find_if(lines.begin(), lines.end(), [](const json& line) {
    return line["event"] == "request" && line["route"] == "/goals/timeline";
  });
  ASSERT_NE(request_line, lines.end());
  for (const char* key : {"request_id", "method", "route", "status", "duration_ms", "bytes"}) {
    EXPECT_TRUE(request_line->contains(key)) << key;
  }
  EXPECT_EQ((*request_line)["status"], 200);
}

TEST(ServerTest, RefusesABadConfigurationNamingTheVariable) {
  const struct {
    std::vector<std::string> arguments;
    std::map<std::string, std::string> environment;
    std::string variable;
  } cases[] = {
      {{"serve", "--port", "abc"}, {}, "PORT"},
      {{"serve"}, {{"PORT", "70000"}}, "PORT"},
      {{"serve"}, {{"ENVIRONMENT", "prod"}}, "ENVIRONMENT"},
      {{"serve"}, {{"DATABASE_URL", "mysql://localhost/db"}}, "DATABASE_URL"},
      {{"serve"}, {{"CONFIDENCE_LEVEL", "1.5"}}, "CONFIDENCE_LEVEL"},
      {{"serve"}, {{"LOG_LEVEL", "LOUD"}}, "LOG_LEVEL"},
  };
  const std::string directory = make_temp_directory();
  for (const auto& c : cases) {
    ChildProcess process(finml_binary(), c.arguments, c.environment, directory);
    const auto status = process.wait(10s);
    ASSERT_TRUE(status) << c.variable;
    EXPECT_EQ(*status, 2) << c.variable;
    EXPECT_NE(process.stderr_text().find(c.variable), std::string::npos) << process.stderr_text();
  }
}

TEST(ServerTest, FlagsBeatTheEnvironmentWhichBeatsTheEnvFile) {
  const std::string directory = make_temp_directory();
  std::FILE* file = std::fopen((directory + "/.env").c_str(), "w");
  std::fprintf(file, "DATABASE_URL=sqlite:///from_dotenv.db\nWORKERS=1\nPORT=0\nENVIRONMENT=development\n");
  std::fclose(file);
  ChildProcess process(finml_binary(), {"serve", "--environment", "staging"},
                       {{"ENVIRONMENT", "production"}, {"WORKERS", "2"}}, directory);
  std::optional<json> startup;
  for (int attempt = 0; attempt < 500 && !startup; ++attempt) {
    for (const auto& line : json_log_lines(process.stdout_text())) {
      if (line["event"] == "startup") startup = line;
    }
    if (!startup) std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(startup) << process.stderr_text();
  EXPECT_EQ((*startup)["environment"], "staging");  // the flag beats the environment
  EXPECT_EQ((*startup)["workers"], 2);              // the environment beats .env
  EXPECT_TRUE(std::filesystem::exists(directory + "/from_dotenv.db"));  // .env beats the default
  const auto response = http_request(static_cast<std::uint16_t>((*startup)["port"].get<int>()), "GET", "/health");
  ASSERT_TRUE(response);
  EXPECT_EQ(body_of(*response)["environment"], "staging");
  process.signal(SIGTERM);
  ASSERT_EQ(process.wait(10s), 0);
}

TEST(ServerTest, HelpListsEverySetting) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"--help"}, std::vector<std::string>{"serve", "--help"}}) {
    ChildProcess process(finml_binary(), arguments);
    ASSERT_EQ(process.wait(10s), 0);
    const std::string text = process.stdout_text();
    for (const char* option : {"--host", "--port", "--database-url", "--redis-host", "--cache-ttl-seconds",
                               "--rate-limit-requests", "--cors-origins", "--environment", "--log-level",
                               "--enable-metrics", "--confidence-level", "--max-training-months", "--workers",
                               "--max-body-bytes", "--idle-timeout", "--default-currency"}) {
      EXPECT_NE(text.find(option), std::string::npos) << option << " missing from finml " << arguments[0];
    }
  }
}

}  // namespace
}  // namespace finml::testing
