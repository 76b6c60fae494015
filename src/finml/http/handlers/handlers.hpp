#pragma once
/// @file finml/http/handlers/handlers.hpp
/// One handler per endpoint, each in its own file; routes.cpp puts them in the route table.
#include <finml/http/handlers/dependencies.hpp>
#include <finml/http/router.hpp>

namespace finml::http::handlers {

[[nodiscard]] Handler root_get(const Dependencies& dependencies, const Router& router);
[[nodiscard]] Handler health_get(const Dependencies& dependencies);
[[nodiscard]] Handler metrics_get(const Dependencies& dependencies);
[[nodiscard]] Handler goals_timeline_post(const Dependencies& dependencies);
[[nodiscard]] Handler goals_reverse_plan_post(const Dependencies& dependencies);

}  // namespace finml::http::handlers
