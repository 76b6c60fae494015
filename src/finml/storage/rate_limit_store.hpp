#pragma once
/// @file finml/storage/rate_limit_store.hpp
/// The rate-limit port: fixed windows of counted hits by key. Implemented in process
/// (memory_rate_limit_store.hpp) and by Redis (storage/redis), where one atomic script counts
/// for every instance of the service.
///
/// Safe to call from many threads at once. A store that cannot be reached answers
/// kUnavailable; callers then count locally.
#include <chrono>
#include <cstdint>
#include <string_view>

#include <finml/core/error.hpp>

namespace finml::storage {

/// Where a key's current window stands after one more hit.
struct WindowCount {
  std::int64_t hits = 0;                  ///< hits in the window, this one included
  std::chrono::milliseconds reset_in{0};  ///< until the window ends and the count starts again
};

class RateLimitStore {
 public:
  virtual ~RateLimitStore() = default;
  /// Counts one hit of `key`. A key's window starts at its first hit and lasts `window`.
  virtual core::Result<WindowCount> hit(std::string_view key, std::chrono::milliseconds window) = 0;
};

}  // namespace finml::storage
