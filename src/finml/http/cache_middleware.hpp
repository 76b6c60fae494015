#pragma once
/// @file finml/http/cache_middleware.hpp
/// Serves the answers of cacheable routes (Route::caching) from the response cache. The key
/// is the digest of: method, route template, today's date (answers that depend on "today"
/// never outlive it), the path parameters, the query parameters sorted, the canonical digest
/// of the body (whitespace and key order do not matter), and for kStoredData routes the
/// user's data version and creation time (any write to the user's data, or deleting and
/// re-creating the user, makes a new key); kInputOrStoredData routes add them too whenever the
/// request names a user (issue 7: analytics answered from stored data, category overrides). Only 200 answers are stored: status, content type
/// and body. Answers of cacheable routes carry X-Cache: HIT or MISS.
///
/// The caller is not part of the key: this step runs after authorization, which already
/// refuses a user key asking for another user's data, and answers depend on the request only.
#include <functional>
#include <optional>
#include <string>

#include <finml/core/date.hpp>
#include <finml/http/middleware.hpp>
#include <finml/service/response_cache.hpp>
#include <finml/storage/database.hpp>

namespace finml::http {

class CacheMiddleware final : public Middleware {
 public:
  CacheMiddleware(service::ResponseCache& cache, storage::Database& database, std::function<core::Date()> today)
      : cache_(cache), database_(database), today_(std::move(today)) {}

  Response handle(Exchange& exchange, Next next) override;

  /// The cache key of a request to a cacheable route; nullopt when it cannot be cached (a body
  /// that is not JSON, a kStoredData request without a readable user_id, a database error).
  [[nodiscard]] std::optional<std::string> key_of(const Exchange& exchange) const;

 private:
  service::ResponseCache& cache_;
  storage::Database& database_;
  std::function<core::Date()> today_;
};

}  // namespace finml::http
