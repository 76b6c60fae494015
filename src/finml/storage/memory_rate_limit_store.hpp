#pragma once
/// @file finml/storage/memory_rate_limit_store.hpp
/// The in-process rate-limit counter: one fixed window per key, starting at the key's first
/// hit. Keys whose window has ended are forgotten as the map is swept, so that a stream of
/// distinct client addresses cannot grow it without bound.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include <finml/storage/rate_limit_store.hpp>

namespace finml::storage {

class MemoryRateLimitStore final : public RateLimitStore {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// `clock` is for tests; by default the steady clock.
  explicit MemoryRateLimitStore(Clock clock = {});

  core::Result<WindowCount> hit(std::string_view key, std::chrono::milliseconds window) override;
  /// Keys held now, expired ones not yet swept included.
  [[nodiscard]] std::size_t size() const;

 private:
  struct Window {
    std::int64_t hits = 0;
    std::chrono::steady_clock::time_point ends;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };
  // Shards keep workers counting different keys from waiting on one lock.
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Window, StringHash, std::equal_to<>> windows;
    std::size_t sweep_at = 1024;  // swept at this size, then set to twice the keys still live
  };
  static constexpr std::size_t kShards = 16;

  Clock clock_;
  std::array<Shard, kShards> shards_;
};

}  // namespace finml::storage
