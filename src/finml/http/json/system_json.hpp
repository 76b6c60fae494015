#pragma once
/// @file finml/http/json/system_json.hpp
/// Bodies of GET / and GET /health.
#include <string>
#include <vector>

#include <finml/http/handlers/dependencies.hpp>
#include <finml/http/router.hpp>
#include <finml/service/response_cache.hpp>
#include <finml/service/system_service.hpp>

namespace finml::http::json {

/// {name, version, environment, endpoints: {"GET /health": summary, ...}}
[[nodiscard]] std::string write_root(const ServiceInfo& info, const std::vector<Route>& routes);

/// {status: healthy|unhealthy, version, environment, uptime_seconds, database: {...},
/// cache: {enabled, backend, hits, misses, hit_rate, evictions, errors}}; when unhealthy also
/// the error envelope (detail, error), as every non-2xx body has. `cache` null: {enabled: false}.
[[nodiscard]] std::string write_health(const ServiceInfo& info, double uptime_seconds,
                                       const service::DatabaseHealth& database,
                                       const service::CacheFigures* cache, std::string_view request_id);

}  // namespace finml::http::json
