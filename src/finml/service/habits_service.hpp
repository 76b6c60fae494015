#pragma once
/// @file finml/service/habits_service.hpp
/// A user's stored transactions (those stored by /train and /ml/train-with-transactions) for
/// the analyses that the client asks about by user id alone, such as
/// GET /api/v1/recommendations/habits/{user_id} (the original ignored the user and needed a
/// JSON body on a GET, B27).
#include <vector>

#include <finml/core/date.hpp>
#include <finml/core/error.hpp>
#include <finml/core/ids.hpp>
#include <finml/core/transaction.hpp>
#include <finml/storage/database.hpp>

namespace finml::service {

/// The stored rows of `user` dated from `from` to `to`, ordered by date, in one currency: a
/// user who stored rows in several is read in the currency of their latest row (amounts in
/// different currencies do not add up). An unknown user has no rows, which is not an error.
[[nodiscard]] core::Result<std::vector<core::Transaction>> stored_transactions(storage::Database& db,
                                                                               core::UserId user, core::Date from,
                                                                               core::Date to);

}  // namespace finml::service
