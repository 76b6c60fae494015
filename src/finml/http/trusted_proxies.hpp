#pragma once
/// @file finml/http/trusted_proxies.hpp
/// TRUSTED_PROXIES: the addresses (IPs or CIDR blocks, IPv4 or IPv6) whose X-Forwarded-For is
/// believed, and the client address of a request that follows from them.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <finml/core/error.hpp>
#include <finml/http/message.hpp>

namespace finml::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  /// Parses "10.0.0.0/8, 192.168.1.7, ::1"; kInvalidArgument names the first bad item.
  [[nodiscard]] static core::Result<TrustedProxies> parse(std::string_view list);

  [[nodiscard]] bool empty() const noexcept { return blocks_.empty(); }
  /// Whether `address` (an IP address as text) lies in one of the blocks.
  [[nodiscard]] bool contains(std::string_view address) const;

  /// The peer's address; when the peer is trusted, the right-most address of X-Forwarded-For
  /// that is not itself trusted (the left-most when all are): what a client could not forge.
  [[nodiscard]] std::string client_address(const Request& request) const;

 private:
  struct Block {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
    int prefix = 0;
  };
  std::vector<Block> blocks_;
};

}  // namespace finml::http
