// TRUSTED_PROXIES and the client address that rate limits count by.
#include <gtest/gtest.h>

#include <finml/http/trusted_proxies.hpp>

namespace finml::http {
namespace {

Request request_from(std::string remote, std::optional<std::string> forwarded_for = std::nullopt) {
  Request request;
  request.remote_address = std::move(remote);
  if (forwarded_for) request.headers.push_back({"x-forwarded-for", *forwarded_for});
  return request;
}

TEST(TrustedProxiesTest, ParsesAddressesAndBlocks) {
  const auto proxies = TrustedProxies::parse(" 10.0.0.0/8, 192.168.1.7 ,::1, fd00::/8");
  ASSERT_TRUE(proxies.has_value());
  EXPECT_TRUE(proxies->contains("10.200.3.4"));
  EXPECT_FALSE(proxies->contains("11.0.0.1"));
  EXPECT_TRUE(proxies->contains("192.168.1.7"));
  EXPECT_FALSE(proxies->contains("192.168.1.8"));
  EXPECT_TRUE(proxies->contains("::1"));
  EXPECT_TRUE(proxies->contains("fd12::5"));
  EXPECT_FALSE(proxies->contains("fe80::1"));
  EXPECT_TRUE(proxies->contains("::ffff:10.1.1.1"));  // IPv4-mapped, as dual-stack sockets report
  EXPECT_FALSE(proxies->contains("not-an-address"));
  EXPECT_TRUE(TrustedProxies::parse("")->empty());
  EXPECT_TRUE(TrustedProxies::parse("0.0.0.0/0")->contains("8.8.8.8"));
}

TEST(TrustedProxiesTest, RefusesWhatIsNotAnAddressOrBlock) {
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0/8", "example.com", "10.0.0.1/", "10.0.0.1/x", "1.2.3.4/-1"}) {
    const auto parsed = TrustedProxies::parse(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
  }
}

TEST(TrustedProxiesTest, BelievesForwardedForOnlyFromATrustedPeer) {
  const auto proxies = *TrustedProxies::parse("127.0.0.1, 10.0.0.0/8");
  // An untrusted peer's header is ignored: a client could write anything there.
  EXPECT_EQ(proxies.client_address(request_from("203.0.113.9", "1.1.1.1")), "203.0.113.9");
  // The right-most address that is not a trusted proxy is the client.
  EXPECT_EQ(proxies.client_address(request_from("127.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2")), "198.51.100.4");
  EXPECT_EQ(proxies.client_address(request_from("127.0.0.1", "198.51.100.4")), "198.51.100.4");
  // Only proxies in the chain: the left-most.
  EXPECT_EQ(proxies.client_address(request_from("127.0.0.1", "10.0.0.3, 10.0.0.2")), "10.0.0.3");
  EXPECT_EQ(proxies.client_address(request_from("127.0.0.1")), "127.0.0.1");
  EXPECT_EQ(TrustedProxies().client_address(request_from("127.0.0.1", "1.1.1.1")), "127.0.0.1");
}

}  // namespace
}  // namespace finml::http
