#include <finml/service/response_cache.hpp>

#include <charconv>

namespace finml::service {
namespace {

// "<status> <content type>[ <etag>]\n<body>": content types and tags hold neither spaces nor
// newlines here. Entries without a tag (stored before tags were) read as having none.
std::string encode(const CachedAnswer& answer) {
  std::string out = std::to_string(answer.status);
  out += ' ';
  out += answer.content_type;
  if (!answer.etag.empty()) (out += ' ') += answer.etag;
  out += '\n';
  out += answer.body;
  return out;
}

std::optional<CachedAnswer> decode(std::string_view stored) {
  const auto newline = stored.find('\n');
  if (newline == std::string_view::npos) return std::nullopt;
  std::string_view head = stored.substr(0, newline);
  const auto space = head.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  CachedAnswer answer;
  const auto [end, error] = std::from_chars(head.data(), head.data() + space, answer.status);
  if (error != std::errc() || end != head.data() + space) return std::nullopt;
  head.remove_prefix(space + 1);
  const auto tag = head.find(' ');
  answer.content_type.assign(head.substr(0, tag));
  if (tag != std::string_view::npos) answer.etag.assign(head.substr(tag + 1));
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
