#pragma once
/// @file finml/http/routes.hpp
/// The route table of the service.
#include <finml/http/handlers/dependencies.hpp>
#include <finml/http/router.hpp>

namespace finml::http {

/// Adds every route of the service to `router`.
void register_routes(Router& router, const Dependencies& dependencies);

}  // namespace finml::http
