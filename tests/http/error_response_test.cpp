#include <finml/http/error_response.hpp>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include <gtest/gtest.h>

namespace finml::http {
namespace {

TEST(ErrorResponseTest, MapsEachErrorCodeToOneStatus) {
  EXPECT_EQ(http_status(core::ErrorCode::kMalformedInput), 400);
  EXPECT_EQ(http_status(core::ErrorCode::kValidation), 422);
  EXPECT_EQ(http_status(core::ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(http_status(core::ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status(core::ErrorCode::kConflict), 409);
  EXPECT_EQ(http_status(core::ErrorCode::kPreconditionFailed), 412);
  EXPECT_EQ(http_status(core::ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(http_status(core::ErrorCode::kUnavailable), 503);
  EXPECT_EQ(http_status(core::ErrorCode::kInternal), 500);
}

TEST(ErrorResponseTest, ABadArgumentReadsLikeTheOriginalsHttpException) {
  const auto response = error_response({core::ErrorCode::kInvalidArgument, "target_amount must be greater than current_savings", {}}, "id1");
  EXPECT_EQ(response.status, 400);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["detail"], "target_amount must be greater than current_savings");
  EXPECT_EQ(body["error"]["type"], "HTTPException");
  EXPECT_EQ(body["error"]["message"], body["detail"]);
}

TEST(ErrorResponseTest, HidesExceptionTextInProduction) {
  const std::runtime_error secret("connection to 10.0.0.5 user=admin failed");
  const auto production = internal_error_response(&secret, true, "req-9");
  EXPECT_EQ(production.status, 500);
  EXPECT_EQ(production.body.find("10.0.0.5"), std::string::npos);
  EXPECT_NE(production.body.find("req-9"), std::string::npos);
  const auto development = internal_error_response(&secret, false, "req-9");
  EXPECT_NE(development.body.find("10.0.0.5"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(development.body)["error"]["type"], "InternalServerError");
}

}  // namespace
}  // namespace finml::http
