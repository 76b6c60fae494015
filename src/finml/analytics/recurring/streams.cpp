#include <finml/analytics/recurring/streams.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <optional>

#include <finml/analytics/recurring/merchant_key.hpp>

namespace finml::analytics::recurring {
namespace {

// How one cadence steps and how much slack it allows, in days.
struct Cadence {
  Frequency frequency;
  int months;            // calendar months per step; 0: a step of `nominal_days`
  double nominal_days;   // mean length of a step
  int tolerance;         // a charge may land this many days off its expected date
  int duplicate_window;  // a repeat at the same amount this close is a duplicate
  int grace;             // days past the expected date before the stream is tombstoned
};

constexpr std::array<Cadence, 7> kCadences = {{
    {Frequency::kWeekly, 0, 7.0, 2, 1, 3},
    {Frequency::kBiweekly, 0, 14.0, 3, 2, 5},
    {Frequency::kSemiMonthly, 0, 365.25 / 24.0, 4, 2, 5},
    {Frequency::kMonthly, 1, 365.25 / 12.0, 4, 3, 7},
    {Frequency::kQuarterly, 3, 365.25 / 4.0, 7, 5, 14},
    {Frequency::kSemiAnnually, 6, 365.25 / 2.0, 10, 7, 21},
    {Frequency::kAnnually, 12, 365.25, 14, 10, 30},
}};

const Cadence& cadence_of(Frequency frequency) noexcept { return kCadences[static_cast<std::size_t>(frequency)]; }

// One candidate charge: its day number, amount in minor units and row in the input.
struct Point {
  std::int32_t day;
  std::int64_t amount;
  std::uint32_t row;
};

core::Date date_of(std::int32_t day) noexcept { return core::Date::from_days_since_epoch(day); }

// The expected date `steps` cadence steps after `from`; a charge on the last day of a month
// stays on the last day (31 Jan, 28 Feb, 31 Mar).
std::int32_t expected_day(std::int32_t from, const Cadence& cadence, int steps) noexcept {
  if (cadence.months == 0) return from + static_cast<std::int32_t>(cadence.nominal_days * steps + 0.5);
  const core::Date date = date_of(from);
  const core::Date target = core::add_months_clamped(date, cadence.months * steps);
  if (date.day() >= 28 && date == core::last_of_month(date)) {
    return static_cast<std::int32_t>(core::last_of_month(target).days_since_epoch());
  }
  return static_cast<std::int32_t>(target.days_since_epoch());
}

bool same_amount(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t difference = a > b ? a - b : b - a;
  const std::int64_t larger = a > b ? a : b;
  return difference <= larger / 100;  // within 1%
}

// The outcome of walking one group's dates with one cadence.
struct Fit {
  const Cadence* cadence = nullptr;
  std::vector<std::uint32_t> hits;        // positions in the group's points
  std::vector<std::uint32_t> duplicates;  // positions
  int extras = 0;
  int irregular = 0;
  int misses = 0;
  std::int64_t deviation = 0;  // sum of |days off| over regular hits
};

// Amounts of the hits are consistent: two at one price (within 2%; 25% for quarterly and
// longer cadences, where two charges by chance are rare and yearly premiums move); more with a
// coefficient of variation up to 0.4 and none below half or above twice the median
// (usage-based bills).
bool amounts_consistent(std::span<const Point> points, const std::vector<std::uint32_t>& hits,
                        const Cadence& cadence) {
  std::vector<double> amounts;
  amounts.reserve(hits.size());
  for (const auto hit : hits) amounts.push_back(static_cast<double>(points[hit].amount));
  std::sort(amounts.begin(), amounts.end());
  if (amounts.size() == 2) return amounts[0] >= (cadence.months >= 3 ? 0.75 : 0.98) * amounts[1];
  const double median = amounts[amounts.size() / 2];
  if (amounts.front() < 0.5 * median || amounts.back() > 2.0 * median) return false;
  double mean = 0.0;
  for (const double amount : amounts) mean += amount;
  mean /= static_cast<double>(amounts.size());
  double variance = 0.0;
  for (const double amount : amounts) variance += (amount - mean) * (amount - mean);
  variance /= static_cast<double>(amounts.size());
  return std::sqrt(variance) <= 0.4 * mean;
}

// At least 75% of the hits fall on three neighbouring days of the week (of the fortnight: four
// days) counted from the first hit.
bool keeps_weekday(std::span<const Point> points, const std::vector<std::uint32_t>& hits, int period) {
  std::array<int, 14> phases{};
  const std::int32_t first = points[hits.front()].day;
  for (const auto hit : hits) ++phases[static_cast<std::size_t>((points[hit].day - first) % period)];
  const int width = period == 7 ? 3 : 4;
  int best = 0;
  for (int start = 0; start < period; ++start) {
    int inside = 0;
    for (int k = 0; k < width; ++k) inside += phases[static_cast<std::size_t>((start + k) % period)];
    best = std::max(best, inside);
  }
  return best * 4 >= static_cast<int>(hits.size()) * 3;
}

// Walks `points` (sorted by day) with `cadence`; nullopt when the cadence does not fit.
std::optional<Fit> walk(std::span<const Point> points, const Cadence& cadence) {
  const std::size_t n = points.size();
  const int max_extras = static_cast<int>(n) / 5;
  Fit fit;
  fit.cadence = &cadence;
  fit.hits.reserve(n);
  fit.hits.push_back(0);
  const double step = cadence.nominal_days;
  const double earliest = step - cadence.tolerance - (cadence.months > 0 ? 2.0 : 0.0);  // February
  std::size_t i = 1;
  while (i < n) {
    const Point& last = points[fit.hits.back()];
    const Point& point = points[i];
    const std::int32_t delta = point.day - last.day;
    if (delta < earliest) {
      if (delta <= cadence.duplicate_window && same_amount(point.amount, last.amount)) {
        fit.duplicates.push_back(static_cast<std::uint32_t>(i));
      } else if (++fit.extras > max_extras) {
        return std::nullopt;
      }
      ++i;
      continue;
    }
    int steps = std::max(1, static_cast<int>(delta / step + 0.5));
    std::int32_t off = point.day - expected_day(last.day, cadence, steps);
    // The rounding of delta/step may pick a neighbouring step near the window's edge.
    for (const int other : {steps - 1, steps + 1}) {
      if (other < 1) continue;
      const std::int32_t other_off = point.day - expected_day(last.day, cadence, other);
      if (std::abs(other_off) < std::abs(off)) {
        off = other_off;
        steps = other;
      }
    }
    if (off < -cadence.tolerance) {
      if (++fit.extras > max_extras) return std::nullopt;
      ++i;
      continue;
    }
    // Several rows in the same window (a one-off purchase beside the charge): take the one
    // whose amount is closest to the last hit's.
    std::size_t chosen = i;
    if (off <= cadence.tolerance) {
      const std::int32_t window_end = point.day + (cadence.tolerance - off);
      for (std::size_t j = i + 1; j < n && points[j].day <= window_end; ++j) {
        const auto distance = [&](std::size_t k) {
          return std::abs(static_cast<double>(points[k].amount) - static_cast<double>(last.amount));
        };
        if (distance(j) < distance(chosen)) chosen = j;
      }
      for (std::size_t j = i; j < chosen; ++j) {
        if (++fit.extras > max_extras) return std::nullopt;
      }
      fit.deviation += std::abs(points[chosen].day - expected_day(last.day, cadence, steps));
    } else {
      ++fit.irregular;  // late beyond the window: the schedule moved; walk on from here
    }
    fit.misses += steps - 1;
    fit.hits.push_back(static_cast<std::uint32_t>(chosen));
    i = chosen + 1;
  }
  const int hits = static_cast<int>(fit.hits.size());
  if (hits < 2) return std::nullopt;
  if (hits == 2 && (fit.misses > 0 || fit.irregular > 0)) return std::nullopt;
  if (fit.irregular * 6 > hits - 1) return std::nullopt;
  if (fit.misses * 3 > hits + fit.misses) return std::nullopt;
  if (!amounts_consistent(points, fit.hits, cadence)) return std::nullopt;
  // A long chain must keep to its schedule, where random visits to a shop drift through the
  // window: weekly and biweekly charges keep their weekday (give or take a weekend moved to
  // Monday), longer cadences stay close to their expected dates on average.
  if (hits >= 4) {
    if (cadence.frequency == Frequency::kWeekly || cadence.frequency == Frequency::kBiweekly) {
      if (!keeps_weekday(points, fit.hits, static_cast<int>(cadence.nominal_days))) return std::nullopt;
    } else if (fit.deviation * 2 > static_cast<std::int64_t>(cadence.tolerance) * (hits - 1 - fit.irregular)) {
      return std::nullopt;
    }
  }
  return fit;
}

// Every second charge of a semi-monthly stream is one calendar month later (the 1st and the
// 15th); of a biweekly one, 28 days later.
bool looks_semi_monthly(std::span<const Point> points, const std::vector<std::uint32_t>& hits) {
  if (hits.size() < 3) {
    return points[hits[1]].day - points[hits[0]].day > 14;
  }
  std::int64_t month_error = 0;
  std::int64_t four_week_error = 0;
  for (std::size_t k = 0; k + 2 < hits.size(); ++k) {
    const std::int32_t from = points[hits[k]].day;
    const std::int32_t to = points[hits[k + 2]].day;
    month_error += std::abs(to - expected_day(from, cadence_of(Frequency::kMonthly), 1));
    four_week_error += std::abs(to - from - 28);
  }
  return month_error < four_week_error;
}

// Better: more of the rows explained, then fewer misses and irregular hits, then closer dates.
bool better(const Fit& a, const Fit& b) {
  if (a.hits.size() + a.duplicates.size() != b.hits.size() + b.duplicates.size()) {
    return a.hits.size() + a.duplicates.size() > b.hits.size() + b.duplicates.size();
  }
  if (a.misses + a.irregular != b.misses + b.irregular) return a.misses + a.irregular < b.misses + b.irregular;
  return a.deviation * static_cast<std::int64_t>(b.hits.size()) <
         b.deviation * static_cast<std::int64_t>(a.hits.size());
}

std::optional<Fit> best_fit(std::span<const Point> points) {
  if (points.size() < 2) return std::nullopt;
  std::optional<Fit> best;
  std::optional<Fit> biweekly;
  std::optional<Fit> semi_monthly;
  const double span = points.back().day - points.front().day;
  for (const auto& cadence : kCadences) {
    // More than twice as many rows as the cadence has charges over the span (a charge and its
    // duplicate each time at most) leave too many extras: skip the walk. This settles busy
    // merchants at once.
    if (static_cast<double>(points.size()) > 2.0 * (span / cadence.nominal_days + 1.0) + 2.0) continue;
    auto fit = walk(points, cadence);
    if (!fit) continue;
    if (cadence.frequency == Frequency::kBiweekly) biweekly = *fit;
    if (cadence.frequency == Frequency::kSemiMonthly) semi_monthly = *fit;
    if (!best || better(*fit, *best)) best = std::move(fit);
  }
  if (best && biweekly && semi_monthly &&
      (best->cadence->frequency == Frequency::kBiweekly || best->cadence->frequency == Frequency::kSemiMonthly)) {
    return looks_semi_monthly(points, semi_monthly->hits) ? semi_monthly : biweekly;
  }
  return best;
}

// One row per calendar month over most of the months spanned, at consistent amounts: a
// monthly charge whose day wanders (prepaid recharges).
std::optional<Fit> monthly_by_occupancy(std::span<const Point> points) {
  if (points.size() < 4) return std::nullopt;
  int previous_month = -1;
  for (const auto& point : points) {
    const int month = core::YearMonth::of(date_of(point.day)).index();
    if (month == previous_month) return std::nullopt;
    previous_month = month;
  }
  const int first = core::YearMonth::of(date_of(points.front().day)).index();
  const int span = previous_month - first + 1;
  if (static_cast<double>(points.size()) < 0.8 * span) return std::nullopt;
  Fit fit;
  fit.cadence = &cadence_of(Frequency::kMonthly);
  for (std::uint32_t k = 0; k < points.size(); ++k) fit.hits.push_back(k);
  fit.misses = span - static_cast<int>(points.size());
  if (!amounts_consistent(points, fit.hits, *fit.cadence)) return std::nullopt;
  return fit;
}

// Stricter limits for a part split out of a noisy merchant: at most 10% extras and irregular
// hits, and one missed charge in six.
bool strictly_regular(const Fit& fit, std::size_t points) {
  const auto hits = static_cast<int>(fit.hits.size());
  return fit.extras * 10 <= static_cast<int>(points) && fit.irregular * 10 <= hits - 1 &&
         fit.misses * 6 <= hits + fit.misses;
}

// A fit over its own points (positions into `points`), ready to become a stream.
struct Found {
  std::vector<Point> hits;
  std::vector<Point> duplicates;
  const Cadence* cadence;
  int misses;
};

Found found_from(std::span<const Point> points, const Fit& fit) {
  Found found{.hits = {}, .duplicates = {}, .cadence = fit.cadence, .misses = fit.misses};
  found.hits.reserve(fit.hits.size());
  for (const auto hit : fit.hits) found.hits.push_back(points[hit]);
  for (const auto duplicate : fit.duplicates) found.duplicates.push_back(points[duplicate]);
  return found;
}

// How often each amount occurs in a group: a flat open-addressing table (amounts are mixed by
// an odd multiplier, a bijection, so equal slots mean equal amounts).
class AmountCounter {
 public:
  explicit AmountCounter(std::size_t values) {
    std::size_t capacity = 16;
    while (capacity < values * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
  }
  void add(std::int64_t amount) { ++slot(amount).count; }
  [[nodiscard]] std::size_t count(std::int64_t amount) { return slot(amount).count; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::size_t count = 0;
    bool used = false;
  };
  Slot& slot(std::int64_t amount) {
    const std::uint64_t key = static_cast<std::uint64_t>(amount) * 0x9E3779B97F4A7C15ULL;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = (key >> 32) & mask;; i = (i + 1) & mask) {
      if (!slots_[i].used) {
        slots_[i].used = true;
        slots_[i].key = key;
        return slots_[i];
      }
      if (slots_[i].key == key) return slots_[i];
    }
  }
  std::vector<Slot> slots_;
};

// The streams of one merchant group (points sorted by day).
std::vector<Found> find_in_group(std::span<const Point> points) {
  std::vector<Found> found;
  if (auto fit = best_fit(points)) {
    found.push_back(found_from(points, *fit));
    return found;
  }
  if (auto fit = monthly_by_occupancy(points)) {
    found.push_back(found_from(points, *fit));
    return found;
  }
  if (points.size() < 3) return found;
  // Split by exact amount (a subscription among one-off purchases at the same merchant). Only
  // amounts that repeat are sorted: count them first.
  const std::size_t fewest = points.size() <= 4 ? 2 : 3;
  AmountCounter counter(points.size());
  for (const auto& point : points) counter.add(point.amount);
  std::vector<Point> by_amount;
  for (const auto& point : points) {
    if (counter.count(point.amount) >= fewest) by_amount.push_back(point);
  }
  if (by_amount.empty()) return found;
  std::sort(by_amount.begin(), by_amount.end(), [](const Point& a, const Point& b) {
    return a.amount != b.amount ? a.amount < b.amount : (a.day != b.day ? a.day < b.day : a.row < b.row);
  });
  for (std::size_t begin = 0; begin < by_amount.size();) {
    std::size_t end = begin + 1;
    while (end < by_amount.size() && by_amount[end].amount == by_amount[begin].amount) ++end;
    if (end - begin >= 2 && end - begin < points.size()) {
      const std::span<const Point> part(by_amount.data() + begin, end - begin);
      // Among a merchant's one-off purchases, charges at one price by chance are common: a
      // part needs three charges (two beside at most two other rows: a yearly renewal and a
      // one-off purchase), and a stricter regularity.
      if (auto fit = best_fit(part); fit && fit->hits.size() >= fewest && strictly_regular(*fit, part.size())) {
        found.push_back(found_from(part, *fit));
      }
    }
    begin = end;
  }
  // Parts that follow each other on one cadence are one stream whose price changed.
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.hits.front().day < b.hits.front().day; });
  std::vector<Found> joined;
  for (auto& part : found) {
    if (!joined.empty()) {
      Found& previous = joined.back();
      const std::int32_t last = previous.hits.back().day;
      const std::int32_t next = part.hits.front().day;
      if (previous.cadence == part.cadence && next > last &&
          std::abs(next - expected_day(last, *part.cadence, 1)) <= part.cadence->tolerance) {
        previous.hits.insert(previous.hits.end(), part.hits.begin(), part.hits.end());
        previous.duplicates.insert(previous.duplicates.end(), part.duplicates.begin(), part.duplicates.end());
        previous.misses += part.misses;
        continue;
      }
    }
    joined.push_back(std::move(part));
  }
  return joined;
}

// A flat open-addressing map from key hashes to group numbers: one probe per row in the
// common case, no allocation per row.
class GroupTable {
 public:
  explicit GroupTable(std::size_t expected) {
    std::size_t capacity = 64;
    while (capacity < expected * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
  }
  // Points `hash` (already added) at `group`.
  void set(std::uint64_t hash, std::uint32_t group) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i].used && slots_[i].hash == hash) {
        slots_[i].group = group;
        return;
      }
    }
  }
  // The group of `hash`, or `next` (then recorded) when it has none yet.
  std::uint32_t find_or_add(std::uint64_t hash, std::uint32_t next) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (!slots_[i].used) {
        slots_[i] = {hash, next, true};
        ++size_;
        return next;
      }
      if (slots_[i].hash == hash) return slots_[i].group;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t group = 0;
    bool used = false;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    size_ = 0;
    const std::size_t mask = slots_.size() - 1;
    for (const auto& slot : old) {
      if (!slot.used) continue;
      std::size_t i = slot.hash & mask;
      while (slots_[i].used) i = (i + 1) & mask;
      slots_[i] = slot;
      ++size_;
    }
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

struct Group {
  std::uint32_t representative;  // a row of the group, for its key text
  bool inflow;
  bool by_category;
  std::uint32_t count = 0;
  std::uint32_t begin = 0;  // into the sorted points
};

MerchantKey key_of(const RowView& row, bool& by_category, bool& from_description) {
  by_category = false;
  MerchantKey key = normalise_merchant(row.description);
  from_description = !key.empty();
  if (key.empty()) key = normalise_merchant(row.note);
  if (key.empty()) {
    by_category = true;
    key = normalise_merchant(row.category);
  }
  return key;
}

std::string hex16(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::uint64_t fnv(std::string_view text, std::uint64_t hash = 14695981039346656037ULL) noexcept {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// With interned texts a text is known by where it lives.
std::uint64_t hash_identity(std::string_view text, std::uint64_t seed) noexcept {
  std::uint64_t hash = (seed ^ reinterpret_cast<std::uintptr_t>(text.data())) * 0x9E3779B97F4A7C15ULL;
  hash = (hash ^ (hash >> 29) ^ text.size()) * 0xBF58476D1CE4E5B9ULL;
  return hash ^ (hash >> 32);
}

double mean_of_last(const std::vector<Point>& hits, std::size_t count) {
  const std::size_t take = std::min(count, hits.size());
  double sum = 0.0;
  for (std::size_t k = hits.size() - take; k < hits.size(); ++k) sum += static_cast<double>(hits[k].amount);
  return sum / static_cast<double>(take);
}

RecurringStream make_stream(std::span<const RowView> rows, const Group& group, const std::string& key,
                            int ordinal, Found& found, core::Date today) {
  const Cadence& cadence = *found.cadence;
  const auto& hits = found.hits;
  const RowView& latest = rows[hits.back().row];
  const double minor_per_major = static_cast<double>(latest.amount.currency().minor_per_major());

  RecurringStream stream;
  stream.merchant_key = group.by_category ? "category:" + key : key;
  const std::string direction = group.inflow ? "|inflow|" : "|outflow|";
  stream.id = "rs_" + hex16(fnv(std::to_string(ordinal), fnv(direction, fnv(stream.merchant_key))));
  stream.description = std::string(group.by_category                ? latest.category
                                    : !latest.description.empty() ? latest.description
                                                                   : latest.note);
  stream.category = std::string(latest.category);
  stream.type = latest.type;
  stream.is_inflow = group.inflow;
  stream.frequency = cadence.frequency;
  stream.first_date = date_of(hits.front().day);
  stream.last_date = date_of(hits.back().day);
  stream.occurrences = static_cast<int>(hits.size());
  stream.missed_count = found.misses;
  stream.average_interval_days =
      static_cast<double>(hits.back().day - hits.front().day) / static_cast<double>(hits.size() - 1);
  stream.last_amount = static_cast<double>(hits.back().amount) / minor_per_major;

  double sum = 0.0;
  std::size_t unchanged = 0;
  for (std::size_t k = 0; k < hits.size(); ++k) {
    sum += static_cast<double>(hits[k].amount);
    if (k > 0 && hits[k].amount == hits[k - 1].amount) ++unchanged;
  }
  stream.average_amount = sum / static_cast<double>(hits.size()) / minor_per_major;
  // Mostly repeated amounts: a fixed price whose changes are worth reporting; else a bill
  // that follows usage, predicted by its recent mean.
  stream.variable_amount = hits.size() >= 3 && static_cast<double>(unchanged) < 0.6 * static_cast<double>(hits.size() - 1);
  if (stream.variable_amount) {
    stream.predicted_next_amount = mean_of_last(hits, 3) / minor_per_major;
  } else {
    stream.predicted_next_amount = static_cast<double>(hits.back().amount) / minor_per_major;
    for (std::size_t k = 1; k < hits.size(); ++k) {
      if (hits[k].amount != hits[k - 1].amount) {
        stream.price_changes.push_back({date_of(hits[k].day), static_cast<double>(hits[k - 1].amount) / minor_per_major,
                                        static_cast<double>(hits[k].amount) / minor_per_major});
      }
    }
  }
  stream.annualised_cost = stream.predicted_next_amount * charges_per_year(cadence.frequency);

  // The next charge: one step on; a semi-monthly stream alternates between two days of the
  // month, so its next charge is a month after the one before last.
  std::int32_t next = expected_day(hits.back().day, cadence, 1);
  if (cadence.frequency == Frequency::kSemiMonthly && hits.size() >= 3) {
    const std::int32_t by_month = expected_day(hits[hits.size() - 2].day, cadence_of(Frequency::kMonthly), 1);
    if (by_month > hits.back().day) next = by_month;
  }
  stream.predicted_next_date = date_of(next);
  if (core::days_between(stream.predicted_next_date, today) > cadence.grace) {
    stream.status = StreamStatus::kTombstoned;
  } else if (hits.size() >= 3 || (cadence.frequency == Frequency::kAnnually && hits.size() >= 2)) {
    stream.status = StreamStatus::kMature;
  } else {
    stream.status = StreamStatus::kEarlyDetection;
  }

  std::vector<Point> all = hits;
  for (const auto& duplicate : found.duplicates) {
    stream.duplicate_dates.push_back(date_of(duplicate.day));
    all.push_back(duplicate);
  }
  std::sort(stream.duplicate_dates.begin(), stream.duplicate_dates.end());
  std::sort(all.begin(), all.end(), [](const Point& a, const Point& b) {
    return a.day != b.day ? a.day < b.day : a.row < b.row;
  });
  stream.transaction_indices.reserve(all.size());
  for (const auto& point : all) stream.transaction_indices.push_back(point.row);
  return stream;
}

}  // namespace

std::string_view to_string(Frequency frequency) noexcept {
  switch (frequency) {
    case Frequency::kWeekly: return "WEEKLY";
    case Frequency::kBiweekly: return "BIWEEKLY";
    case Frequency::kSemiMonthly: return "SEMI_MONTHLY";
    case Frequency::kMonthly: return "MONTHLY";
    case Frequency::kQuarterly: return "QUARTERLY";
    case Frequency::kSemiAnnually: return "SEMI_ANNUALLY";
    case Frequency::kAnnually: return "ANNUALLY";
  }
  return "MONTHLY";
}

double charges_per_year(Frequency frequency) noexcept {
  switch (frequency) {
    case Frequency::kWeekly: return 52.18;
    case Frequency::kBiweekly: return 26.09;
    case Frequency::kSemiMonthly: return 24.0;
    case Frequency::kMonthly: return 12.0;
    case Frequency::kQuarterly: return 4.0;
    case Frequency::kSemiAnnually: return 2.0;
    case Frequency::kAnnually: return 1.0;
  }
  return 12.0;
}

std::string_view to_string(StreamStatus status) noexcept {
  switch (status) {
    case StreamStatus::kEarlyDetection: return "EARLY_DETECTION";
    case StreamStatus::kMature: return "MATURE";
    case StreamStatus::kTombstoned: return "TOMBSTONED";
  }
  return "EARLY_DETECTION";
}

std::vector<RecurringStream> detect_streams(std::span<const RowView> rows, core::Date today, Texts texts) {
  const bool interned = texts == Texts::kInterned;
  // 1. A group per (key, direction); each row in scope becomes a point of its group.
  struct Placed {
    std::uint32_t group;
    Point point;
  };
  std::vector<Placed> placed;
  placed.reserve(rows.size());
  std::vector<Group> groups;
  GroupTable table(64);
  // Most rows repeat a text seen before ("Uber" 300 times): the hash of the raw text finds
  // their group without normalising again. A description is cached alone unless its key fell
  // back to the note or the category (then it says nothing by itself: kUncached).
  constexpr std::uint32_t kPending = 0xFFFFFFFEU;
  constexpr std::uint32_t kUncached = 0xFFFFFFFFU;
  GroupTable by_text(64);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const RowView& row = rows[i];
    if (row.amount.minor_units() <= 0 || row.date > today) continue;
    const bool inflow = row.type == core::TransactionType::kIncome;
    const bool described = !row.description.empty();
    const auto hash_of = interned ? hash_identity : hash_text;
    const std::uint64_t text_hash = described ? hash_of(row.description, inflow ? 1 : 2)
                                              : hash_of(row.category, hash_of(row.note, inflow ? 3 : 4));
    std::uint32_t group = by_text.find_or_add(text_hash, kPending);
    if (group == kPending || group == kUncached) {
      bool by_category = false;
      bool from_description = false;
      const MerchantKey key = key_of(row, by_category, from_description);
      // Direction and the kind of key are part of the hash: salary and a refund from one
      // payee, or a merchant named like a category, stay apart.
      std::uint64_t hash = key.hash();
      hash ^= (inflow ? 0x9E3779B97F4A7C15ULL : 0ULL) ^ (by_category ? 0xC2B2AE3D27D4EB4FULL : 0ULL);
      const auto cached = group;
      group = table.find_or_add(hash, static_cast<std::uint32_t>(groups.size()));
      if (cached == kPending) by_text.set(text_hash, described && !from_description ? kUncached : group);
      if (group == groups.size()) groups.push_back({static_cast<std::uint32_t>(i), inflow, by_category});
    }
    ++groups[group].count;
    placed.push_back({group, {static_cast<std::int32_t>(row.date.days_since_epoch()), row.amount.minor_units(),
                              static_cast<std::uint32_t>(i)}});
  }

  // 2. Points ordered by group (counting sort), then by day within each group.
  std::uint32_t offset = 0;
  for (auto& group : groups) {
    group.begin = offset;
    offset += group.count;
  }
  std::vector<Point> points(offset);
  std::vector<std::uint32_t> fill(groups.size(), 0);
  for (const auto& one : placed) points[groups[one.group].begin + fill[one.group]++] = one.point;

  std::vector<RecurringStream> streams;
  for (const auto& group : groups) {
    if (group.count < 2) continue;
    const auto begin = points.begin() + group.begin;
    const auto end = begin + group.count;
    const auto by_day = [](const Point& a, const Point& b) { return a.day != b.day ? a.day < b.day : a.row < b.row; };
    // Bodies usually come newest first or oldest first: reverse or keep rather than sort.
    if (std::is_sorted(begin, end, [](const Point& a, const Point& b) { return a.day > b.day; })) {
      std::reverse(begin, end);
      // Rows of one day are now in reverse input order: put them back.
      for (auto run = begin; run != end;) {
        auto run_end = std::find_if(run, end, [&](const Point& point) { return point.day != run->day; });
        std::reverse(run, run_end);
        run = run_end;
      }
    }
    if (!std::is_sorted(begin, end, by_day)) std::sort(begin, end, by_day);

    auto found = find_in_group(std::span<const Point>(&*begin, group.count));
    if (found.empty()) continue;
    bool ignored = false;
    bool also_ignored = false;
    const std::string key(key_of(rows[group.representative], ignored, also_ignored).view());
    int ordinal = 0;
    for (auto& one : found) streams.push_back(make_stream(rows, group, key, ordinal++, one, today));
  }
  std::sort(streams.begin(), streams.end(), [](const RecurringStream& a, const RecurringStream& b) {
    if (a.annualised_cost != b.annualised_cost) return a.annualised_cost > b.annualised_cost;
    return a.id < b.id;
  });
  return streams;
}

std::vector<RecurringStream> detect_streams(std::span<const core::Transaction> rows, core::Date today) {
  std::vector<RowView> views;
  views.reserve(rows.size());
  for (const auto& row : rows) {
    views.push_back({.date = row.date,
                     .amount = row.amount,
                     .type = row.type,
                     .category = row.category,
                     .description = row.description,
                     .note = row.note});
  }
  return detect_streams(std::span<const RowView>(views), today);
}

}  // namespace finml::analytics::recurring
