#include <finml/service/insights_service.hpp>

#include <string>

namespace finml::service {

core::Result<ComputedInsights> compute_and_keep_insights(storage::Database& database, core::UserId user,
                                                         std::span<const core::Transaction> rows, core::Date today,
                                                         core::Timestamp now,
                                                         const analytics::insights::InsightOptions& options,
                                                         const InsightsEncoder& encode) {
  const auto report = analytics::insights::compute_insights(rows, today, options);
  ComputedInsights computed{.document = encode(report), .computed_at = now};
  const auto stored = database.insights().save_latest(
      {.user_id = user, .insights_json = computed.document, .computed_at = computed.computed_at});
  if (!stored) {
    // The storage error's own text stays out of the answer (it may name the driver or a path).
    return core::fail(core::ErrorCode::kUnavailable,
                      "The insights could not be saved as the user's latest; nothing was stored, try again");
  }
  return computed;
}

core::Result<storage::InsightsSnapshot> latest_insights(storage::Database& database, core::UserId user) {
  auto latest = database.insights().latest(user);
  if (!latest) return std::unexpected(std::move(latest.error()));
  if (!*latest) {
    return core::fail(core::ErrorCode::kNotFound, "No insights computed yet for user " +
                                                      std::to_string(user.value()) +
                                                      ": POST /insights with the user's transactions first");
  }
  return std::move(**latest);
}

}  // namespace finml::service
