#include <finml/http/trusted_proxies.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace finml::http {
namespace {

struct Address {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
};

// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, what a dual-stack socket reports) read as IPv4.
std::optional<Address> parse_address(std::string_view text) {
  const std::string copy(text);
  Address address;
  if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) return address;
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
  static constexpr std::array<std::uint8_t, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped.begin(), kMapped.end(), address.bytes.begin())) {
    std::copy(address.bytes.begin() + 12, address.bytes.end(), address.bytes.begin());
    std::fill(address.bytes.begin() + 4, address.bytes.end(), 0);
    return address;
  }
  address.v6 = true;
  return address;
}

}  // namespace

core::Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies proxies;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = trim_ows(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    const auto slash = item.find('/');
    const auto address = parse_address(item.substr(0, slash));
    const auto bad = [&] {
      return core::fail(core::ErrorCode::kInvalidArgument,
                        "'" + std::string(item) + "' is not an IP address or CIDR block");
    };
    if (!address) return bad();
    Block block{.v6 = address->v6, .bytes = address->bytes, .prefix = address->v6 ? 128 : 32};
    if (slash != std::string_view::npos) {
      const std::string_view bits = item.substr(slash + 1);
      int prefix = -1;
      const auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      if (error != std::errc() || end != bits.data() + bits.size() || prefix < 0 || prefix > block.prefix) return bad();
      block.prefix = prefix;
    }
    proxies.blocks_.push_back(block);
  }
  return proxies;
}

bool TrustedProxies::contains(std::string_view text) const {
  if (blocks_.empty()) return false;
  const auto address = parse_address(trim_ows(text));
  if (!address) return false;
  for (const auto& block : blocks_) {
    if (block.v6 != address->v6) continue;
    int bits = block.prefix;
    bool inside = true;
    for (std::size_t i = 0; bits > 0 && inside; ++i, bits -= 8) {
      const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xFF : 0xFF << (8 - bits));
      inside = (address->bytes[i] & mask) == (block.bytes[i] & mask);
    }
    if (inside) return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const Request& request) const {
  if (blocks_.empty() || !contains(request.remote_address)) return request.remote_address;
  const auto forwarded = request.header("x-forwarded-for");
  if (!forwarded) return request.remote_address;
  std::string_view rest = *forwarded;
  std::string_view leftmost;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view hop = trim_ows(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) continue;
    leftmost = hop;
    if (!contains(hop)) return std::string(hop);
  }
  return leftmost.empty() ? request.remote_address : std::string(leftmost);
}

}  // namespace finml::http
