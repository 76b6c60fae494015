#include <finml/http/json/system_json.hpp>

#include <finml/http/json/error_json.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {
namespace {

void write_health_members(Writer& writer, const ServiceInfo& info, double uptime_seconds,
                          const service::DatabaseHealth& database, const service::CacheFigures* cache) {
  writer.field("status", database.reachable ? "healthy" : "unhealthy");
  writer.field("version", info.version);
  writer.field("environment", info.environment);
  writer.key("uptime_seconds").number_rounded(uptime_seconds, 3);
  writer.key("database").begin_object();
  writer.field("reachable", database.reachable);
  writer.field("backend", database.backend);
  writer.key("latency_ms").number_rounded(database.latency_ms, 3);
  if (!database.reachable) writer.field("error", database.error);
  writer.end_object();
  writer.key("cache").begin_object();
  writer.field("enabled", cache != nullptr);
  if (cache != nullptr) {
    writer.field("backend", cache->backend);
    writer.field("hits", static_cast<std::int64_t>(cache->hits));
    writer.field("misses", static_cast<std::int64_t>(cache->misses));
    writer.key("hit_rate").number_rounded(cache->hit_rate(), 4);
    writer.field("evictions", static_cast<std::int64_t>(cache->evictions));
    writer.field("errors", static_cast<std::int64_t>(cache->errors));
  }
  writer.end_object();
}

}  // namespace

std::string write_root(const ServiceInfo& info, const std::vector<Route>& routes) {
  Writer writer;
  writer.begin_object();
  writer.field("name", info.name);
  writer.field("version", info.version);
  writer.field("environment", info.environment);
  writer.key("endpoints").begin_object();
  for (const auto& route : routes) writer.field(route.method + " " + route.path_template, route.summary);
  writer.end_object();
  writer.end_object();
  return writer.take();
}

std::string write_health(const ServiceInfo& info, double uptime_seconds,
                         const service::DatabaseHealth& database, const service::CacheFigures* cache,
                         std::string_view request_id) {
  if (database.reachable) {
    Writer writer;
    writer.begin_object();
    write_health_members(writer, info, uptime_seconds, database, cache);
    writer.end_object();
    return writer.take();
  }
  return write_error_body({.status = 503,
                           .type = "HTTPException",
                           .code = "unavailable",
                           .message = "Service unhealthy: the database is unreachable (" + database.error + ")",
                           .fields = {},
                           .exception_text = std::nullopt,
                           .request_id = std::string(request_id),
                           .extra_members = [&](Writer& writer) {
                             write_health_members(writer, info, uptime_seconds, database, cache);
                           }});
}

}  // namespace finml::http::json
