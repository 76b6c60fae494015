#include <finml/service/resources_service.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include <finml/analytics/categories/categories.hpp>
#include <finml/service/base64url.hpp>
#include <finml/service/user_data_service.hpp>

namespace finml::service {
namespace {

namespace categories = analytics::categories;

// What the service knows of each resource: its name in messages, its repository, the filters
// it takes, and the values of its status and kind.
template <class Row>
struct Kind;

template <>
struct Kind<storage::Account> {
  using Id = core::AccountId;
  static constexpr std::string_view kName = "Account";
  static storage::AccountRepository& repository(storage::Database& db) { return db.accounts(); }
  static constexpr std::array<std::string_view, 0> kStatuses{};
  static constexpr std::array<std::string_view, 7> kKinds{"cash", "checking", "savings", "credit_card",
                                                          "loan", "investment", "other"};
  static constexpr std::string_view kKindParameter = "type";
  static constexpr bool kCategory = false, kDates = false, kAmounts = true;
};

template <>
struct Kind<storage::Goal> {
  using Id = core::GoalId;
  static constexpr std::string_view kName = "Goal";
  static storage::GoalRepository& repository(storage::Database& db) { return db.goals(); }
  static constexpr std::array<std::string_view, 4> kStatuses{"active", "completed", "paused", "cancelled"};
  static constexpr std::array<std::string_view, 0> kKinds{};
  static constexpr std::string_view kKindParameter = "type";
  static constexpr bool kCategory = false, kDates = true, kAmounts = true;
};

template <>
struct Kind<storage::Budget> {
  using Id = core::BudgetId;
  static constexpr std::string_view kName = "Budget";
  static storage::BudgetRepository& repository(storage::Database& db) { return db.budgets(); }
  static constexpr std::array<std::string_view, 2> kStatuses{"active", "expired"};
  static constexpr std::array<std::string_view, 0> kKinds{};
  static constexpr std::string_view kKindParameter = "type";
  static constexpr bool kCategory = true, kDates = true, kAmounts = true;
};

template <>
struct Kind<storage::Bill> {
  using Id = core::BillId;
  static constexpr std::string_view kName = "Bill";
  static storage::BillRepository& repository(storage::Database& db) { return db.bills(); }
  static constexpr std::array<std::string_view, 2> kStatuses{"paid", "unpaid"};
  static constexpr std::array<std::string_view, 0> kKinds{};
  static constexpr std::string_view kKindParameter = "type";
  static constexpr bool kCategory = false, kDates = true, kAmounts = true;
};

template <>
struct Kind<storage::UserCategory> {
  using Id = core::CategoryId;
  static constexpr std::string_view kName = "Category";
  static storage::UserCategoryRepository& repository(storage::Database& db) { return db.user_categories(); }
  static constexpr std::array<std::string_view, 0> kStatuses{};
  static constexpr std::array<std::string_view, 4> kKinds{"income", "expense", "savings", "transfer"};
  static constexpr std::string_view kKindParameter = "type";
  static constexpr bool kCategory = false, kDates = false, kAmounts = false;
};

constexpr std::array<std::string_view, 5> kFrequencies{"weekly", "biweekly", "monthly", "quarterly", "yearly"};
constexpr std::array<std::string_view, 5> kBuckets{"needs", "wants", "savings", "income", "transfer"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& values, std::string_view value) {
  return std::ranges::find(values, value) != values.end();
}

template <std::size_t N>
std::string listing(const std::array<std::string_view, N>& values) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += values[i];
  }
  return out;
}

std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return "'" + std::string(text.substr(0, kShown)) + (text.size() > kShown ? "...'" : "'");
}

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

/// Collects the problems of one row.
class Problems {
 public:
  void add(std::string_view member, std::string message) {
    fields_.push_back({"$." + std::string(member), std::move(message), "value_error"});
  }
  void name(std::string_view member, const std::string& value) {
    const bool blank = std::ranges::all_of(value, [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
    if (blank) {
      add(member, "must not be empty");
    } else if (utf8_length(value) > kMaxResourceNameLength) {
      add(member, "must be at most " + std::to_string(kMaxResourceNameLength) + " characters");
    }
  }
  template <std::size_t N>
  void one_of(std::string_view member, const std::array<std::string_view, N>& values, std::string_view value) {
    if (!service::one_of(values, value)) add(member, "must be one of " + listing(values) + ", not " + shown(value));
  }
  core::Result<void> result() {
    if (fields_.empty()) return {};
    return core::fail_validation(std::move(fields_));
  }

 private:
  std::vector<core::FieldError> fields_;
};

}  // namespace

// --- checks ---------------------------------------------------------------------------------

template <>
core::Result<storage::Account> checked(storage::Account row) {
  Problems problems;
  problems.name("name", row.name);
  problems.one_of("account_type", Kind<storage::Account>::kKinds, row.account_type);
  if (auto done = problems.result(); !done) return std::unexpected(std::move(done.error()));
  return row;
}

template <>
core::Result<storage::Goal> checked(storage::Goal row) {
  Problems problems;
  problems.name("goal_name", row.name);
  if (row.target.minor_units() <= 0) problems.add("target_amount", "must be greater than 0");
  if (row.current.is_negative()) problems.add("current_amount", "must not be negative");
  if (row.current.currency() != row.target.currency()) {
    problems.add("current_amount", "must be in the currency of target_amount");
  }
  if (row.monthly_contribution) {
    if (row.monthly_contribution->is_negative()) problems.add("monthly_contribution", "must not be negative");
    if (row.monthly_contribution->currency() != row.target.currency()) {
      problems.add("monthly_contribution", "must be in the currency of target_amount");
    }
  }
  problems.one_of("status", Kind<storage::Goal>::kStatuses, row.status);
  if (auto done = problems.result(); !done) return std::unexpected(std::move(done.error()));
  return row;
}

template <>
core::Result<storage::Budget> checked(storage::Budget row) {
  Problems problems;
  if (row.category) problems.name("category", *row.category);
  if (row.amount.minor_units() <= 0) problems.add("amount", "must be greater than 0");
  if (row.end_date < row.start_date) problems.add("end_date", "must not be before start_date");
  problems.one_of("status", Kind<storage::Budget>::kStatuses, row.status);
  if (auto done = problems.result(); !done) return std::unexpected(std::move(done.error()));
  return row;
}

template <>
core::Result<storage::Bill> checked(storage::Bill row) {
  Problems problems;
  problems.name("bill_name", row.name);
  if (row.amount.is_negative()) problems.add("amount", "must not be negative");
  problems.one_of("status", Kind<storage::Bill>::kStatuses, row.status);
  if (row.recurrence_frequency) problems.one_of("recurrence_frequency", kFrequencies, *row.recurrence_frequency);
  if (row.recurring && !row.recurrence_frequency) {
    problems.add("recurrence_frequency", "is required when is_recurring is true");
  }
  if (row.reminder_days_before && (*row.reminder_days_before < 0 || *row.reminder_days_before > 365)) {
    problems.add("reminder_days_before", "must be from 0 to 365");
  }
  if (auto done = problems.result(); !done) return std::unexpected(std::move(done.error()));
  return row;
}

template <>
core::Result<storage::UserCategory> checked(storage::UserCategory row) {
  Problems problems;
  problems.name("name", row.name);
  if (utf8_length(row.name) <= kMaxResourceNameLength && categories::normalise(row.name).empty() &&
      !std::ranges::all_of(row.name, [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); })) {
    problems.add("name", "must contain a letter or digit");
  }
  problems.one_of("type", Kind<storage::UserCategory>::kKinds, row.type);
  if (row.bucket) problems.one_of("bucket", kBuckets, *row.bucket);
  if (row.detailed) {
    const categories::Category* category = categories::find_detailed(*row.detailed);
    if (category == nullptr) {
      problems.add("detailed", "must be a detailed category of the taxonomy (GET /api/v1/categories), not " +
                                   shown(*row.detailed));
    } else {
      const std::string group(categories::to_string(category->group));
      if (row.bucket && one_of(kBuckets, *row.bucket) && *row.bucket != group) {
        problems.add("bucket", "must be " + group + ", the group of " + std::string(category->detailed) +
                                   ", not " + shown(*row.bucket));
      }
      row.detailed = std::string(category->detailed);
      if (!row.bucket) row.bucket = group;
    }
  }
  if (auto done = problems.result(); !done) return std::unexpected(std::move(done.error()));
  return row;
}

// --- cursors --------------------------------------------------------------------------------

namespace {

constexpr std::string_view kCursorPrefix = "r1:";

}  // namespace

std::string encode_resource_cursor(std::int64_t after_id) {
  return to_base64url(std::string(kCursorPrefix) + std::to_string(after_id));
}

std::optional<std::int64_t> decode_resource_cursor(std::string_view token) {
  if (token.empty() || token.size() > 40) return std::nullopt;
  const auto decoded = from_base64url(token);
  if (!decoded) return std::nullopt;
  const std::string& text = *decoded;
  if (!text.starts_with(kCursorPrefix)) return std::nullopt;
  const std::string_view digits = std::string_view(text).substr(kCursorPrefix.size());
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  // Only the token this service writes for the id reads back (no second spelling of one cursor).
  if (encode_resource_cursor(id) != token) return std::nullopt;
  return id;
}

// --- use cases ------------------------------------------------------------------------------

namespace {

template <class Row>
core::Error missing(std::int64_t id) {
  return core::Error{core::ErrorCode::kNotFound,
                     std::string(Kind<Row>::kName) + " " + std::to_string(id) + " not found", {}};
}

/// kValidation naming each filter the resource has no use for, or whose value it does not know.
template <class Row>
core::Result<void> check_filters(const storage::ResourceQuery& filter) {
  using K = Kind<Row>;
  std::vector<core::FieldError> problems;
  const auto refuse = [&](std::string_view parameter) {
    problems.push_back({"query." + std::string(parameter),
                        "is not a filter of " + std::string(K::kName) + " lists", "value_error"});
  };
  if (filter.status) {
    if (K::kStatuses.empty()) {
      refuse("status");
    } else if (!one_of(K::kStatuses, *filter.status)) {
      problems.push_back({"query.status", "must be one of " + listing(K::kStatuses) + ", not " + shown(*filter.status),
                          "value_error"});
    }
  }
  if (filter.kind) {
    if (K::kKinds.empty()) {
      refuse(K::kKindParameter);
    } else if (!one_of(K::kKinds, *filter.kind)) {
      problems.push_back({"query." + std::string(K::kKindParameter),
                          "must be one of " + listing(K::kKinds) + ", not " + shown(*filter.kind), "value_error"});
    }
  }
  if (filter.category && !K::kCategory) refuse("category");
  if (filter.from && !K::kDates) refuse("from");
  if (filter.to && !K::kDates) refuse("to");
  if (filter.min_amount_minor && !K::kAmounts) refuse("min_amount");
  if (filter.max_amount_minor && !K::kAmounts) refuse("max_amount");
  if (!problems.empty()) return core::fail_validation(std::move(problems));
  return {};
}

}  // namespace

template <class Row>
core::Result<ResourcePage<Row>> list_resources(storage::Database& db, core::UserId user, storage::ResourceQuery filter,
                                               const std::optional<std::string>& cursor, std::size_t limit) {
  if (auto valid = check_filters<Row>(filter); !valid) return std::unexpected(std::move(valid.error()));
  filter.after.reset();
  if (cursor) {
    filter.after = decode_resource_cursor(*cursor);
    if (!filter.after) {
      return core::fail_validation(
          {{"query.cursor", "must be a next_cursor of an earlier page, not " + shown(*cursor), "value_error"}});
    }
  }
  filter.limit = limit + 1;  // one more tells whether another page follows
  auto rows = Kind<Row>::repository(db).list(user, filter);
  if (!rows) return std::unexpected(std::move(rows.error()));
  ResourcePage<Row> page;
  if (rows->size() > limit) {
    rows->erase(rows->begin() + static_cast<std::ptrdiff_t>(limit), rows->end());
    page.next_cursor = encode_resource_cursor(rows->back().id.value());
  }
  page.items = std::move(*rows);
  return page;
}

template <class Row>
core::Result<Row> get_resource(storage::Database& db, core::UserId user, std::int64_t id) {
  auto found = Kind<Row>::repository(db).find(user, typename Kind<Row>::Id(id));
  if (!found) return std::unexpected(std::move(found.error()));
  if (!found->has_value()) return std::unexpected(missing<Row>(id));
  return std::move(**found);
}

template <class Row>
core::Result<Row> create_resource(storage::Database& db, core::UserId user, Row row) {
  auto valid = checked(std::move(row));
  if (!valid) return valid;
  auto created = Kind<Row>::repository(db).create(user, *valid);
  if (!created && created.error().code == core::ErrorCode::kConflict) {
    return core::fail(core::ErrorCode::kConflict, "The user has a " + std::string(Kind<Row>::kName) +
                                                      " of this name and type already; nothing was created");
  }
  return created;
}

template <class Row>
core::Result<Row> replace_resource(storage::Database& db, core::UserId user, std::int64_t id, Rewrite<Row> rewrite,
                                   const WritePrecondition<Row>& precondition) {
  const auto replace = [&](Row& stored) -> core::Result<void> {
    if (auto met = check(precondition, stored); !met) return met;
    auto next = rewrite(stored);
    if (!next) return std::unexpected(std::move(next.error()));
    next->id = stored.id;
    auto valid = checked(std::move(*next));
    if (!valid) return std::unexpected(std::move(valid.error()));
    stored = std::move(*valid);
    return {};
  };
  auto updated = Kind<Row>::repository(db).modify(user, typename Kind<Row>::Id(id), replace);
  if (!updated) {
    if (updated.error().code == core::ErrorCode::kConflict) {
      return core::fail(core::ErrorCode::kConflict, "The user has another " + std::string(Kind<Row>::kName) +
                                                        " of this name and type; nothing was changed");
    }
    return std::unexpected(std::move(updated.error()));
  }
  if (!updated->has_value()) return std::unexpected(missing<Row>(id));
  return std::move(**updated);
}

template <class Row>
core::Result<void> delete_resource(storage::Database& db, core::UserId user, std::int64_t id,
                                   const WritePrecondition<Row>& precondition) {
  auto removed = Kind<Row>::repository(db).remove_if(user, typename Kind<Row>::Id(id),
                                                     [&precondition](const Row& stored) { return check(precondition, stored); });
  if (!removed) return std::unexpected(std::move(removed.error()));
  if (!*removed) return std::unexpected(missing<Row>(id));
  return {};
}

#define FINML_RESOURCE_USE_CASES(Row)                                                                           \
  template core::Result<ResourcePage<Row>> list_resources<Row>(storage::Database&, core::UserId,               \
                                                               storage::ResourceQuery,                         \
                                                               const std::optional<std::string>&, std::size_t); \
  template core::Result<Row> get_resource<Row>(storage::Database&, core::UserId, std::int64_t);                 \
  template core::Result<Row> create_resource<Row>(storage::Database&, core::UserId, Row);                      \
  template core::Result<Row> replace_resource<Row>(storage::Database&, core::UserId, std::int64_t, Rewrite<Row>, \
                                                   const WritePrecondition<Row>&);                              \
  template core::Result<void> delete_resource<Row>(storage::Database&, core::UserId, std::int64_t,              \
                                                   const WritePrecondition<Row>&);

FINML_RESOURCE_USE_CASES(storage::Account)
FINML_RESOURCE_USE_CASES(storage::Goal)
FINML_RESOURCE_USE_CASES(storage::Budget)
FINML_RESOURCE_USE_CASES(storage::Bill)
FINML_RESOURCE_USE_CASES(storage::UserCategory)
#undef FINML_RESOURCE_USE_CASES

}  // namespace finml::service
