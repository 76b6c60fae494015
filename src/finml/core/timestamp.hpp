#pragma once
/// @file finml/core/timestamp.hpp
/// Instants (when a score was computed, when a row was written), in UTC with microseconds.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <finml/core/date.hpp>

namespace finml::core {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

/// "2026-11-24T10:15:30.123456Z"; the fraction is dropped when it is zero.
[[nodiscard]] std::string format_timestamp(Timestamp at);
/// Reads what format_timestamp() writes, and also a space for "T", no fraction, a "+00:00"
/// suffix or none (taken as UTC), so that both database backends' text forms come back.
[[nodiscard]] std::optional<Timestamp> parse_timestamp(std::string_view text);
/// The UTC calendar date of an instant.
[[nodiscard]] Date utc_date(Timestamp at) noexcept;

}  // namespace finml::core
