#include <finml/service/response_cache.hpp>

#include <charconv>

namespace finml::service {
namespace {

// "<status> <content type>\n<body>": content types hold neither spaces nor newlines here.
std::string encode(const CachedAnswer& answer) {
  std::string out = std::to_string(answer.status);
  out += ' ';
  out += answer.content_type;
  out += '\n';
  out += answer.body;
  return out;
}

std::optional<CachedAnswer> decode(std::string_view stored) {
  const auto space = stored.find(' ');
  const auto newline = stored.find('\n');
  if (space == std::string_view::npos || newline == std::string_view::npos || newline < space) return std::nullopt;
  CachedAnswer answer;
  const auto [end, error] = std::from_chars(stored.data(), stored.data() + space, answer.status);
  if (error != std::errc() || end != stored.data() + space) return std::nullopt;
  answer.content_type.assign(stored.substr(space + 1, newline - space - 1));
  answer.body.assign(stored.substr(newline + 1));
  return answer;
}

}  // namespace

std::optional<CachedAnswer> ResponseCache::find(std::string_view key) {
  auto stored = store_.get(key);
  if (!stored) errors_.fetch_add(1, std::memory_order_relaxed);
  std::optional<CachedAnswer> answer;
  if (stored && stored->has_value()) answer = decode(**stored);
  (answer ? hits_ : misses_).fetch_add(1, std::memory_order_relaxed);
  return answer;
}

void ResponseCache::store(std::string_view key, const CachedAnswer& answer) {
  if (!store_.put(key, encode(answer), ttl_)) errors_.fetch_add(1, std::memory_order_relaxed);
}

CacheFigures ResponseCache::figures() const noexcept {
  return {.backend = store_.backend(),
          .hits = hits_.load(std::memory_order_relaxed),
          .misses = misses_.load(std::memory_order_relaxed),
          .evictions = store_.evictions(),
          .errors = errors_.load(std::memory_order_relaxed)};
}

}  // namespace finml::service
