// API keys: what a key looks like, what is stored of it, and how the verifier's cache trades
// database queries for a bounded revocation delay.
#include <chrono>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include <finml/service/api_keys.hpp>

namespace finml::service {
namespace {

using namespace std::chrono_literals;

// An in-memory key store that counts its look-ups and can be made to fail.
class FakeKeys final : public storage::ApiKeyRepository {
 public:
  core::Result<void> create(const storage::ApiKeyRecord& key) override {
    if (!keys.emplace(key.id, key).second) return core::fail(core::ErrorCode::kInternal, "duplicate");
    return {};
  }
  core::Result<std::optional<storage::ApiKeyRecord>> find(std::string_view id) override {
    ++finds;
    if (failing) return core::fail(core::ErrorCode::kUnavailable, "sqlite: /srv/finml.db: unable to open");
    const auto found = keys.find(std::string(id));
    if (found == keys.end()) return std::optional<storage::ApiKeyRecord>{};
    return std::optional(found->second);
  }
  core::Result<std::vector<storage::ApiKeyRecord>> list() override {
    std::vector<storage::ApiKeyRecord> all;
    for (const auto& [id, key] : keys) all.push_back(key);
    return all;
  }
  core::Result<bool> revoke(std::string_view id, core::Timestamp at) override {
    const auto found = keys.find(std::string(id));
    if (found == keys.end()) return false;
    if (!found->second.revoked_at) found->second.revoked_at = at;
    return true;
  }

  std::map<std::string, storage::ApiKeyRecord> keys;
  int finds = 0;
  bool failing = false;
};

class ApiKeysTest : public ::testing::Test {
 protected:
  NewApiKey make(std::optional<core::UserId> user) {
    auto made = create_api_key(keys_, user, "test", core::Timestamp{});
    EXPECT_TRUE(made.has_value());
    return *made;
  }
  ApiKeyVerifier verifier(std::size_t max_cached = 100) {
    return ApiKeyVerifier(keys_, 2s, max_cached, [this] { return now_; });
  }

  FakeKeys keys_;
  std::chrono::steady_clock::time_point now_{};
};

TEST_F(ApiKeysTest, AKeyCarriesItsIdAnd256RandomBitsAndOnlyItsHashIsStored) {
  const NewApiKey made = make(core::UserId(42));
  ASSERT_TRUE(api_key_id(made.key).has_value());
  EXPECT_EQ(*api_key_id(made.key), made.record.id);
  EXPECT_EQ(made.key.substr(0, 4), "fml_");
  EXPECT_EQ(made.key.size() - made.key.rfind('_') - 1, 52u);  // 52 base32 characters: 260 >= 256 bits
  const storage::ApiKeyRecord& stored = keys_.keys.at(made.record.id);
  EXPECT_EQ(stored.secret_hash, api_key_hash(made.key));
  EXPECT_EQ(stored.secret_hash.size(), 64u);
  EXPECT_EQ(stored.secret_hash.find(made.key.substr(made.key.rfind('_') + 1, 16)), std::string::npos);
  EXPECT_EQ(stored.user_id, core::UserId(42));
  // Two keys never share an id or a secret.
  const NewApiKey other = make(core::UserId(42));
  EXPECT_NE(other.record.id, made.record.id);
  EXPECT_NE(other.key.substr(21), made.key.substr(21));
}

TEST_F(ApiKeysTest, MalformedKeysHaveNoId) {
  const NewApiKey made = make(std::nullopt);
  for (const std::string& key : {std::string(""), std::string("fml_"), made.key + "a", made.key.substr(1),
                                 "FML_" + made.key.substr(4), made.key.substr(0, 20) + "-" + made.key.substr(21)}) {
    EXPECT_FALSE(api_key_id(key).has_value()) << key;
  }
}

TEST_F(ApiKeysTest, VerifiesTheRightKeyOnlyAndWithoutTheDatabaseWhileRemembered) {
  const NewApiKey user = make(core::UserId(7));
  const NewApiKey admin = make(std::nullopt);
  auto checker = verifier();
  const auto verified = checker.verify(user.key);
  ASSERT_TRUE(verified.has_value());
  ASSERT_TRUE(verified->has_value());
  EXPECT_EQ((*verified)->user_id, core::UserId(7));
  EXPECT_EQ((*verified)->key_id, user.record.id);
  EXPECT_TRUE((*checker.verify(admin.key))->admin());
  EXPECT_EQ(keys_.finds, 2);

  std::string wrong = user.key;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(checker.verify(wrong)->has_value());
  EXPECT_FALSE(checker.verify("not a key")->has_value());
  EXPECT_TRUE(checker.verify(user.key)->has_value());
  EXPECT_EQ(keys_.finds, 2) << "remembered keys, and malformed ones, need no query";
}

TEST_F(ApiKeysTest, ARevokedKeyIsRefusedOnceTheCacheEntryExpires) {
  const NewApiKey made = make(core::UserId(7));
  auto checker = verifier();
  ASSERT_TRUE(checker.verify(made.key)->has_value());
  ASSERT_TRUE(*keys_.revoke(made.record.id, core::Timestamp{}));
  now_ += 1999ms;
  EXPECT_TRUE(checker.verify(made.key)->has_value()) << "the documented delay: up to 2 s";
  now_ += 1ms;
  EXPECT_FALSE(checker.verify(made.key)->has_value());
  now_ += 10s;
  EXPECT_FALSE(checker.verify(made.key)->has_value());
}

TEST_F(ApiKeysTest, UnknownIdsAreRememberedInABoundedCache) {
  const NewApiKey made = make(core::UserId(7));
  auto checker = verifier(2);
  std::string unknown = made.key;
  unknown[4] = unknown[4] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(checker.verify(unknown)->has_value());
  EXPECT_FALSE(checker.verify(unknown)->has_value());
  EXPECT_EQ(keys_.finds, 1);
  // A third id overflows the two entries: the cache starts over rather than growing.
  std::string another = made.key;
  another[5] = another[5] == 'a' ? 'b' : 'a';
  EXPECT_TRUE(checker.verify(made.key)->has_value());
  EXPECT_FALSE(checker.verify(another)->has_value());
  EXPECT_TRUE(checker.verify(made.key)->has_value());
  EXPECT_EQ(keys_.finds, 4);
}

TEST_F(ApiKeysTest, AStorageFailureIsUnavailableWithoutTheDriversText) {
  const NewApiKey made = make(core::UserId(7));
  keys_.failing = true;
  auto checker = verifier();
  const auto verified = checker.verify(made.key);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(verified.error().message.find("sqlite"), std::string::npos);
  EXPECT_EQ(verified.error().message.find("finml.db"), std::string::npos);
}

}  // namespace
}  // namespace finml::service
