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

TEST(RouterTest, RejectsTemplatesThatDoNotStartWithASlash) {
  Router router;
  EXPECT_THROW(router.add({"GET", "health", "", answer(1)}), std::invalid_argument);
}

}  // namespace
}  // namespace finml::http
