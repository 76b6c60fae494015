// The application around the handlers, in process: an exception becomes a 500 that still carries
// what the middleware would have added (here CORS), since the browser reads it only then.
#include <gtest/gtest.h>

#include <stdexcept>

#include <finml/http/application.hpp>
#include <finml/http/cors_middleware.hpp>

namespace finml::http {
namespace {

std::string header_of(const Response& response, std::string_view name) {
  for (const auto& header : response.headers) {
    if (header.name == name) return header.value;
  }
  return "";
}

TEST(ApplicationTest, AnExceptionsFiveHundredCarriesTheCorsHeadersOfAnAllowedOrigin) {
  BuildInfo build;
  build.name = "finml-test";
  Metrics metrics(build);
  Logger logger(LogLevel::kCritical, LogFormat::kText);
  Application application(ApplicationOptions{.production = true}, metrics, logger);
  application.use(std::make_unique<CorsMiddleware>(CorsOptions{.origins = {"https://app.example"}}));
  application.router().add(Route{.method = "GET",
                                 .path_template = "/throws",
                                 .summary = "fails",
                                 .handler = [](const RequestContext&) -> core::Result<Response> {
                                   throw std::runtime_error("secret detail");
                                 },
                                 .access = Access::kPublic});
  Request request;
  request.method = "GET";
  request.target = request.path = "/throws";
  request.headers = {{"origin", "https://app.example"}};

  const Response response = application.handle(request);

  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
  EXPECT_EQ(header_of(response, "Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(header_of(response, "Vary"), "Origin");

  request.headers = {{"origin", "https://evil.example"}};
  const Response other = application.handle(request);
  EXPECT_EQ(other.status, 500);
  EXPECT_EQ(header_of(other, "Access-Control-Allow-Origin"), "");
}

}  // namespace
}  // namespace finml::http
