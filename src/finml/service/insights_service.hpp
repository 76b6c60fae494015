#pragma once
/// @file finml/service/insights_service.hpp
/// The insights use cases: compute a user's insights and keep them as the user's latest
/// (POST /insights), and answer the latest kept (the real client's GET /insights/summary/{user_id}).
#include <functional>
#include <span>
#include <string>

#include <finml/analytics/insights/insights.hpp>
#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/timestamp.hpp>
#include <finml/core/transaction.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// Writes a report as the JSON document that is both answered and stored (the HTTP layer owns
/// the JSON libraries).
using InsightsEncoder = std::function<std::string(const analytics::insights::InsightsReport&)>;

struct ComputedInsights {
  std::string document;  ///< encode(report), as stored
  core::Timestamp computed_at;
};

/// Computes the insights of `rows` and stores the document as the user's latest (the user is
/// created when the id is new). The document is only answered once stored, so that the summary
/// never lags behind an answer the client saw: when the write fails the result is kUnavailable.
[[nodiscard]] core::Result<ComputedInsights> compute_and_keep_insights(
    storage::Database& database, core::UserId user, std::span<const core::Transaction> rows, core::Date today,
    core::Timestamp now, const analytics::insights::InsightOptions& options, const InsightsEncoder& encode);

/// The user's latest insights; kNotFound (with the message the client shows) when none were
/// computed.
[[nodiscard]] core::Result<storage::InsightsSnapshot> latest_insights(storage::Database& database, core::UserId user);

}  // namespace finml::service
