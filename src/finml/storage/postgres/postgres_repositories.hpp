#pragma once
/// @file finml/storage/postgres/postgres_repositories.hpp
/// The PostgreSQL implementations of the storage ports, over one PostgresStore.
#include <finml/storage/database.hpp>
#include <finml/storage/postgres/postgres_store.hpp>

namespace finml::storage::postgres::detail {

class PostgresUserRepository final : public UserRepository {
 public:
  explicit PostgresUserRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<void> ensure(core::UserId id) override;
  [[nodiscard]] Result<std::optional<User>> find(core::UserId id) override;
  Result<bool> remove(core::UserId id) override;

 private:
  PostgresStore& store_;
};

class PostgresTransactionRepository final : public TransactionRepository {
 public:
  explicit PostgresTransactionRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<std::vector<core::TransactionId>> insert(
      core::UserId user, std::span<const core::Transaction> rows) override;
  Result<std::vector<core::TransactionId>> upsert(
      core::UserId user, std::span<const core::Transaction> rows) override;
  Result<std::vector<std::optional<core::TransactionId>>> insert_new(
      core::UserId user, std::span<const core::Transaction> rows) override;
  [[nodiscard]] Result<std::vector<core::Transaction>> list(
      core::UserId user, const TransactionQuery& query) override;
  [[nodiscard]] Result<std::int64_t> count(core::UserId user) override;
  [[nodiscard]] Result<std::optional<core::Transaction>> find(core::UserId user,
                                                              core::TransactionId id) override;
  Result<std::optional<core::Transaction>> modify(
      core::UserId user, core::TransactionId id,
      core::FunctionRef<Result<void>(core::Transaction&)> change) override;
  Result<bool> remove_if(core::UserId user, core::TransactionId id,
                         core::FunctionRef<Result<void>(const core::Transaction&)> allowed) override;

 private:
  PostgresStore& store_;
};

class PostgresHealthScoreRepository final : public HealthScoreRepository {
 public:
  explicit PostgresHealthScoreRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<std::int64_t> append(const HealthScoreRecord& record) override;
  [[nodiscard]] Result<std::vector<HealthScoreRecord>> list_since(
      core::UserId user, core::Timestamp since) override;
  [[nodiscard]] Result<std::optional<HealthScoreRecord>> latest(core::UserId user) override;
  [[nodiscard]] Result<std::vector<double>> latest_scores_of_all_users() override;

 private:
  PostgresStore& store_;
};

class PostgresModelParameterRepository final : public ModelParameterRepository {
 public:
  explicit PostgresModelParameterRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<std::int64_t> upsert(const ModelParameters& parameters) override;
  [[nodiscard]] Result<std::optional<ModelParameters>> find(
      core::UserId user, std::string_view model_type, std::string_view target) override;
  [[nodiscard]] Result<std::vector<ModelParameters>> list(core::UserId user) override;

 private:
  PostgresStore& store_;
};

class PostgresInsightsRepository final : public InsightsRepository {
 public:
  explicit PostgresInsightsRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<void> save_latest(const InsightsSnapshot& snapshot) override;
  [[nodiscard]] Result<std::optional<InsightsSnapshot>> latest(core::UserId user) override;

 private:
  PostgresStore& store_;
};

class PostgresApiKeyRepository final : public ApiKeyRepository {
 public:
  explicit PostgresApiKeyRepository(PostgresStore& store) noexcept : store_(store) {}
  Result<void> create(const ApiKeyRecord& key) override;
  [[nodiscard]] Result<std::optional<ApiKeyRecord>> find(std::string_view id) override;
  [[nodiscard]] Result<std::vector<ApiKeyRecord>> list() override;
  Result<bool> revoke(std::string_view id, core::Timestamp at) override;

 private:
  PostgresStore& store_;
};

// Idempotency-Key (issue 7, helper T).
class PostgresIdempotencyRepository final : public IdempotencyRepository {
 public:
  explicit PostgresIdempotencyRepository(PostgresStore& store) noexcept : store_(store) {}
  using IdempotencyRepository::claim;
  Result<std::optional<IdempotencyRecord>> claim(const IdempotencyRecord& pending, core::Timestamp not_before,
                                                 core::Timestamp abandoned_before) override;
  Result<void> complete(const IdempotencyRecord& answered) override;
  Result<void> release(core::UserId user, std::string_view key) override;

 private:
  PostgresStore& store_;
};

}  // namespace finml::storage::postgres::detail
