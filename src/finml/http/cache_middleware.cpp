#include <finml/http/cache_middleware.hpp>

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include <finml/http/json/canonical_json.hpp>

namespace finml::http {
namespace {

// Separates the parts of the key material; percent-decoded text may hold any byte but NUL.
constexpr char kSeparator = '\0';

std::vector<std::pair<std::string, std::string>> sorted_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const auto equals = item.find('=');
    auto name = percent_decode(item.substr(0, equals), true);
    auto value = percent_decode(equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1), true);
    // Undecodable text stays as sent: still a distinct key.
    pairs.emplace_back(name ? std::move(*name) : std::string(item.substr(0, equals)),
                       value ? std::move(*value) : std::string(item.substr(equals + 1)));
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

}  // namespace

std::optional<std::string> CacheMiddleware::key_of(const Exchange& exchange) const {
  const Route& route = *exchange.route;
  const Request& request = exchange.request;
  const auto body = json::canonical_body_digest(request.body);
  if (!body) return std::nullopt;

  std::string material;
  material.reserve(256);
  for (const std::string_view part : {std::string_view(request.method), std::string_view(route.path_template)}) {
    material += part;
    material += kSeparator;
  }
  material += today_().to_string();
  material += kSeparator;
  for (const auto& [name, value] : exchange.path_parameters) {
    material.append(name).append(1, '=').append(value).append(1, kSeparator);
  }
  material += '?';
  const auto query = sorted_query(request.query);
  for (const auto& [name, value] : query) material.append(name).append(1, '=').append(value).append(1, kSeparator);
  material += body->digest;

  if (route.caching == Caching::kStoredData || route.caching == Caching::kInputOrStoredData) {
    std::optional<std::string> user_text;
    for (const auto& [name, value] : exchange.path_parameters) {
      if (name == "user_id") user_text = value;
    }
    if (!user_text) {
      for (const auto& [name, value] : query) {
        if (name == "user_id") user_text = value;
      }
    }
    if (!user_text) user_text = body->user_id;
    if (!user_text) {
      // kInputOrStoredData: a request naming no user reads nothing stored.
      if (route.caching == Caching::kInputOrStoredData) return json::digest_hex(material);
      return std::nullopt;
    }
    const auto id = parse_decimal_integer(*user_text);
    if (!id) return std::nullopt;
    const auto user = database_.users().find(core::UserId(*id));
    if (!user) return std::nullopt;
    material += kSeparator;
    if (user->has_value()) {
      material += std::to_string((*user)->data_version);
      material += '@';
      material += std::to_string((*user)->created_at.time_since_epoch().count());
    } else {
      material += "no-user";
    }
  }
  return json::digest_hex(material);
}

Response CacheMiddleware::handle(Exchange& exchange, Next next) {
  if (exchange.route == nullptr || exchange.route->caching == Caching::kNone) return next(exchange);
  const auto key = key_of(exchange);
  if (key) {
    if (auto cached = cache_.find(*key)) {
      Response response;
      response.status = cached->status;
      response.content_type = std::move(cached->content_type);
      response.body = std::move(cached->body);
      if (!cached->etag.empty()) response.with_header("ETag", std::move(cached->etag));
      response.with_header("X-Cache", "HIT");
      return response;
    }
  }
  Response response = next(exchange);
  if (key && response.status == 200) {
    std::string etag;
    for (const auto& header : response.headers) {
      if (header.name == "ETag") etag = header.value;
    }
    cache_.store(*key, {.status = response.status,
                        .content_type = response.content_type,
                        .body = response.body,
                        .etag = std::move(etag)});
  }
  response.with_header("X-Cache", "MISS");
  return response;
}

}  // namespace finml::http
