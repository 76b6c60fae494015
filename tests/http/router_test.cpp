#include <finml/http/router.hpp>

#include <gtest/gtest.h>

namespace finml::http {
namespace {

Handler answer(int status) {
  return [status](const RequestContext&) -> core::Result<Response> {
    Response response;
    response.status = status;
    return response;
  };
}

Router example_router() {
  Router router;
  router.add({"GET", "/", "root", answer(1)});
  router.add({"GET", "/health", "health", answer(2)});
  router.add({"POST", "/api/v1/recommendations/habits", "habits", answer(3)});
  router.add({"GET", "/api/v1/recommendations/habits/{user_id}", "habits of", answer(4)});
  router.add({"POST", "/api/v1/recommendations/habits/{user_id}", "habits of (client)", answer(5)});
  return router;
}

TEST(RouterTest, MatchesLiteralRoutesAndTheRoot) {
  const Router router = example_router();
  const auto root = router.match("GET", "/");
  ASSERT_TRUE(std::holds_alternative<Router::Match>(root));
  EXPECT_EQ(std::get<Router::Match>(root).route->path_template, "/");
  const auto health = router.match("GET", "/health/");
  ASSERT_TRUE(std::holds_alternative<Router::Match>(health));
  EXPECT_EQ(std::get<Router::Match>(health).route->summary, "health");
}

TEST(RouterTest, CapturesPathParametersByMethod) {
  const Router router = example_router();
  const auto get = router.match("GET", "/api/v1/recommendations/habits/42");
  ASSERT_TRUE(std::holds_alternative<Router::Match>(get));
  const auto& match = std::get<Router::Match>(get);
  EXPECT_EQ(match.route->summary, "habits of");
  ASSERT_EQ(match.parameters.size(), 1u);
  EXPECT_EQ(match.parameters[0].first, "user_id");
  EXPECT_EQ(match.parameters[0].second, "42");
  const auto post = router.match("POST", "/api/v1/recommendations/habits/42");
  EXPECT_EQ(std::get<Router::Match>(post).route->summary, "habits of (client)");
}

TEST(RouterTest, HeadIsAnsweredByGetRoutes) {
  const Router router = example_router();
  EXPECT_TRUE(std::holds_alternative<Router::Match>(router.match("HEAD", "/health")));
}

TEST(RouterTest, ListsTheAllowedMethodsWhenOnlyTheMethodIsWrong) {
  const Router router = example_router();
  const auto miss = router.match("DELETE", "/api/v1/recommendations/habits/7");
  ASSERT_TRUE(std::holds_alternative<Router::Miss>(miss));
  EXPECT_EQ(std::get<Router::Miss>(miss).allowed_methods, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  const auto unknown = router.match("GET", "/api/v1/recommendations/habits/7/extra");
  ASSERT_TRUE(std::holds_alternative<Router::Miss>(unknown));
  EXPECT_TRUE(std::get<Router::Miss>(unknown).allowed_methods.empty());
}

// Issue 7: PUT/PATCH/DELETE .../transactions/export were read as transaction id "export" (422).
TEST(RouterTest, ALiteralSegmentRouteAnswers405RatherThanAParameterRouteOfAnotherMethod) {
  Router router;
  // The parameter routes first: the most specific template decides whatever the order.
  router.add({"GET", "/users/{user_id}/transactions/{transaction_id}", "one", answer(1)});
  router.add({"PUT", "/users/{user_id}/transactions/{transaction_id}", "replace", answer(2)});
  router.add({"PATCH", "/users/{user_id}/transactions/{transaction_id}", "patch", answer(3)});
  router.add({"DELETE", "/users/{user_id}/transactions/{transaction_id}", "delete", answer(4)});
  router.add({"GET", "/users/{user_id}/transactions/export", "export", answer(5)});
  router.add({"POST", "/users/{user_id}/transactions/bulk", "bulk", answer(6)});
  for (const std::string method : {"PUT", "PATCH", "DELETE", "POST"}) {
    const auto miss = router.match(method, "/users/7/transactions/export");
    ASSERT_TRUE(std::holds_alternative<Router::Miss>(miss)) << method;
    EXPECT_EQ(std::get<Router::Miss>(miss).allowed_methods, (std::vector<std::string>{"GET", "HEAD"})) << method;
  }
  const auto exported = router.match("GET", "/users/7/transactions/export");
  ASSERT_TRUE(std::holds_alternative<Router::Match>(exported));
  EXPECT_EQ(std::get<Router::Match>(exported).route->summary, "export");
  EXPECT_EQ(std::get<Router::Match>(exported).parameters.size(), 1U);
  const auto bulk = router.match("GET", "/users/7/transactions/bulk");
  ASSERT_TRUE(std::holds_alternative<Router::Miss>(bulk));
  EXPECT_EQ(std::get<Router::Miss>(bulk).allowed_methods, (std::vector<std::string>{"POST"}));
  // Any other id is still the parameter routes'.
  const auto patch = router.match("PATCH", "/users/7/transactions/12");
  ASSERT_TRUE(std::holds_alternative<Router::Match>(patch));
  EXPECT_EQ(std::get<Router::Match>(patch).route->summary, "patch");
  const auto miss = router.match("POST", "/users/7/transactions/12");
  ASSERT_TRUE(std::holds_alternative<Router::Miss>(miss));
  EXPECT_EQ(std::get<Router::Miss>(miss).allowed_methods,
            (std::vector<std::string>{"DELETE", "GET", "HEAD", "PATCH", "PUT"}));
}

TEST(RouterTest, RejectsTemplatesThatDoNotStartWithASlash) {
  Router router;
  EXPECT_THROW(router.add({"GET", "health", "", answer(1)}), std::invalid_argument);
}

}  // namespace
}  // namespace finml::http
