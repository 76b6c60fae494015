#pragma once
/// @file bench/recurring_generator.hpp
/// A labelled generator of users' transactions for measuring recurring-charge detection
/// (bench/recurring_accuracy.cpp; docs/numerics.md, "Recurring charges"). Deterministic: one
/// seed and a user number give the same user on every machine (std::mt19937_64 and our own
/// integer draws; no std:: distributions, whose output differs between standard libraries).
///
/// A user has 6 to 36 months of history ending in late 2025, and:
/// - 3 to 10 true streams of every cadence (weekly, biweekly, semi-monthly, monthly,
///   quarterly, semi-annual, annual; salaries as inflows), each with: a merchant whose
///   description varies between charges (case, card and reference numbers, bank noise such as
///   "POS", "REF#88213", "XXXX1234"); weekend shifts to Monday and +-1 day jitter; fixed,
///   price-changed (+5..25% once) or usage-based (+-20%) amounts; missed charges (4%);
///   duplicated charges (2%, labelled as part of the stream); some streams start late or are
///   cancelled before the end;
/// - look-alike one-off purchases at a stream's merchant (30% of streams, amounts far from the
///   stream's), labelled as no stream;
/// - 5 to 25 noise merchants visited at random (0.5 to 15 times a month), some with a few
///   fixed menu prices so that equal amounts repeat at random dates;
/// - one user in ten sends no descriptions at all (the real client's rows): then each stream has
///   a category of its own and the noise uses shopping categories.
/// A stream is labelled only when at least two of its charges fall in the history. With
/// `plain_descriptions`, every charge carries the merchant's name as it is (no noise): the
/// fairest ground for the original's exact-description rule.
#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <finml/analytics/recurring/streams.hpp>
#include <finml/core/date.hpp>
#include <finml/core/money.hpp>
#include <finml/core/transaction.hpp>

namespace finml::bench {

struct TrueStream {
  analytics::recurring::Frequency frequency;
  std::string merchant;
  bool inflow = false;
};

struct LabelledUser {
  std::vector<core::Transaction> transactions;
  std::vector<int> stream_of;  ///< per transaction: its true stream, or -1
  std::vector<TrueStream> streams;
  core::Date today;
};

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  /// Uniform integer in [low, high].
  std::int64_t integer(std::int64_t low, std::int64_t high) {
    const auto span = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<std::int64_t>(engine_() % span);
  }
  /// Uniform in [0, 1).
  double unit() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double low, double high) { return low + (high - low) * unit(); }
  bool chance(double probability) { return unit() < probability; }
  template <class T>
  const T& pick(const std::vector<T>& values) {
    return values[static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(values.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

namespace detail {

inline const std::vector<std::string>& subscription_merchants() {
  static const std::vector<std::string> names = {
      "Netflix",        "Spotify",          "Amazon Prime",    "YouTube Premium", "Disney Hotstar",   "Google One",
      "Apple iCloud",   "Cult Fit",         "ACT Fibernet",    "Airtel Postpaid", "Jio Fiber",        "BESCOM",
      "BWSSB",          "Tata Play",        "Zee Five",        "Sony Liv",        "Adobe Creative",   "Microsoft Office",
      "Dropbox",        "LinkedIn Premium", "Audible",         "Kindle Unlimited", "Swiggy One",      "Zomato Gold",
      "Gym Membership", "Yoga Studio",      "Music Lessons",   "Tuition Centre",  "Maid Service",     "Car Wash Club",
      "HDFC Life",      "LIC Premium",      "Star Health",     "Bajaj Finserv",   "Home Loan EMI",    "Car Loan EMI",
      "Landlord Rent",  "Society Maintenance", "Newspaper Agency", "Milk Subscription", "Domain Registrar", "Antivirus Suite",
      "Acme Payroll",   "Globex Salary",    "Initech Wages",   "Umbrella Corp Pay", "Freelance Retainer", "Rental Income",
  };
  return names;
}

inline const std::vector<std::string>& noise_merchants() {
  static const std::vector<std::string> names = {
      "BigBasket",   "Zepto",         "Blinkit",      "DMart",          "Reliance Fresh", "More Supermarket",
      "Uber",        "Ola",           "Rapido",       "Chai Point",     "Starbucks",      "Cafe Coffee Day",
      "Swiggy",      "Zomato",        "Dominos",      "Haldirams",      "IKEA",           "Croma",
      "Myntra",      "Flipkart",      "Amazon",       "Decathlon",      "PVR Cinemas",    "BookMyShow",
      "Apollo Pharmacy", "MedPlus",   "HP Petrol",    "Indian Oil",     "Local Kirana",   "Street Food",
      "Bakery",      "Fruit Vendor",  "Pan Shop",     "Laundry",        "Parking",        "Toll Plaza",
  };
  return names;
}

inline const std::vector<std::string>& stream_categories() {
  static const std::vector<std::string> names = {"Rent",      "Insurance", "Internet", "Phone",     "Streaming",
                                                 "Gym",       "Loan",      "Tuition",  "Utilities", "Software",
                                                 "Salary",    "Maintenance"};
  return names;
}

inline const std::vector<std::string>& noise_categories() {
  static const std::vector<std::string> names = {"Groceries", "Dining", "Transport", "Shopping", "Entertainment",
                                                 "Healthcare", "Fuel"};
  return names;
}

// The merchant as one charge's description shows it: case, numbers and bank noise vary.
inline std::string noisy_description(const std::string& merchant, Draw& draw) {
  std::string name = merchant;
  const auto casing = draw.integer(0, 2);
  if (casing == 1) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  } else if (casing == 2) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  switch (draw.integer(0, 5)) {
    case 0: return name;
    case 1: return "POS " + name + " " + std::to_string(draw.integer(1000, 99999));
    case 2: return name + " REF#" + std::to_string(draw.integer(10000, 999999));
    case 3: return "UPI/" + name + "/" + std::to_string(draw.integer(100000, 9999999));
    case 4: return name + " CARD XXXX" + std::to_string(draw.integer(1000, 9999));
    default: return name + "*" + std::to_string(draw.integer(10, 99)) + "A" + std::to_string(draw.integer(100, 999));
  }
}

// Moves a date off the weekend the way banks do (mostly to Monday), and adds small jitter.
inline core::Date jitter(core::Date date, Draw& draw) {
  const unsigned weekday = date.weekday_index();  // Monday 0 .. Sunday 6
  if (weekday >= 5 && draw.chance(0.7)) date = date.plus_days(7 - static_cast<int>(weekday));
  if (draw.chance(0.2)) date = date.plus_days(draw.chance(0.5) ? 1 : -1);
  return date;
}

inline core::Date nominal_date(analytics::recurring::Frequency frequency, core::Date anchor, int index) {
  using analytics::recurring::Frequency;
  switch (frequency) {
    case Frequency::kWeekly: return anchor.plus_days(7L * index);
    case Frequency::kBiweekly: return anchor.plus_days(14L * index);
    case Frequency::kSemiMonthly: {
      // The anchor day (1..13) and 15 days later, every month.
      const core::Date month = core::add_months_clamped(anchor, index / 2);
      return index % 2 == 0 ? month : month.plus_days(15);
    }
    case Frequency::kMonthly: return core::add_months_clamped(anchor, index);
    case Frequency::kQuarterly: return core::add_months_clamped(anchor, 3 * index);
    case Frequency::kSemiAnnually: return core::add_months_clamped(anchor, 6 * index);
    case Frequency::kAnnually: return core::add_months_clamped(anchor, 12 * index);
  }
  return anchor;
}

inline std::int64_t minor(double major) { return static_cast<std::int64_t>(major * 100.0 + 0.5); }

}  // namespace detail

inline LabelledUser generate_user(std::uint64_t seed, int user, bool plain_descriptions = false) {
  using analytics::recurring::Frequency;
  Draw draw(seed * UINT64_C(0x9E3779B97F4A7C15) + static_cast<std::uint64_t>(user) * UINT64_C(0xBF58476D1CE4E5B9) + 1);
  const core::Currency inr = *core::Currency::from_code("INR");
  LabelledUser out;
  const core::Date end = core::Date::from_ymd(2025, 11, 30)->plus_days(-draw.integer(0, 10));
  out.today = end.plus_days(draw.integer(0, 5));
  const int months = static_cast<int>(draw.integer(6, 36));
  const core::Date start = core::add_months_clamped(end, -months);
  const bool no_descriptions = draw.chance(0.1);

  // The noisy description is drawn in both modes, so that plain mode gives the same users.
  auto add = [&](core::Date date, std::int64_t amount, core::TransactionType type, const std::string& category,
                 const std::string& merchant, std::string description, int stream) {
    if (date < start || date > end || amount <= 0) return;
    out.transactions.push_back(core::Transaction{.id = {},
                                                 .date = date,
                                                 .amount = core::Money::from_minor(amount, inr),
                                                 .type = type,
                                                 .category = category,
                                                 .description = no_descriptions      ? std::string()
                                                                : plain_descriptions ? merchant
                                                                                     : std::move(description),
                                                 .note = {},
                                                 .account_id = std::nullopt,
                                                 .external_id = std::nullopt});
    out.stream_of.push_back(stream);
  };

  // True streams, each at its own merchant (and, without descriptions, its own category).
  std::vector<std::string> merchants = detail::subscription_merchants();
  std::vector<std::string> categories = detail::stream_categories();
  const int stream_count = static_cast<int>(draw.integer(3, 10));
  for (int s = 0; s < stream_count && !merchants.empty() && !categories.empty(); ++s) {
    const double roll = draw.unit();
    Frequency frequency = Frequency::kMonthly;
    if (roll < 0.12) frequency = Frequency::kWeekly;
    else if (roll < 0.22) frequency = Frequency::kBiweekly;
    else if (roll < 0.30) frequency = Frequency::kSemiMonthly;
    else if (roll < 0.65) frequency = Frequency::kMonthly;
    else if (roll < 0.77) frequency = Frequency::kQuarterly;
    else if (roll < 0.87) frequency = Frequency::kSemiAnnually;
    else frequency = Frequency::kAnnually;
    const auto merchant_at = static_cast<std::size_t>(draw.integer(0, static_cast<std::int64_t>(merchants.size()) - 1));
    const std::string merchant = merchants[merchant_at];
    merchants.erase(merchants.begin() + static_cast<std::ptrdiff_t>(merchant_at));
    const auto category_at = static_cast<std::size_t>(draw.integer(0, static_cast<std::int64_t>(categories.size()) - 1));
    const std::string category = no_descriptions ? categories[category_at] : "Bills";
    if (no_descriptions) categories.erase(categories.begin() + static_cast<std::ptrdiff_t>(category_at));

    const bool inflow = frequency != Frequency::kWeekly && frequency != Frequency::kQuarterly &&
                        frequency != Frequency::kSemiAnnually && frequency != Frequency::kAnnually && draw.chance(0.2);
    double base = 0.0;
    switch (frequency) {
      case Frequency::kWeekly: base = draw.uniform(50, 600); break;
      case Frequency::kBiweekly:
      case Frequency::kSemiMonthly: base = draw.uniform(300, 4000); break;
      case Frequency::kMonthly: base = draw.uniform(99, 9000); break;
      case Frequency::kQuarterly: base = draw.uniform(300, 6000); break;
      case Frequency::kSemiAnnually: base = draw.uniform(1000, 20000); break;
      case Frequency::kAnnually: base = draw.uniform(500, 30000); break;
    }
    if (inflow) base = draw.uniform(20000, 200000);
    if (draw.chance(0.6)) base = std::round(base);  // list prices are often whole
    const double kind = draw.unit();
    const bool variable = kind < 0.15;
    const bool price_change = kind >= 0.15 && kind < 0.40;

    // The schedule: it may start after the history does, and stop (cancelled) before its end.
    const core::Date first_possible = start.plus_days(draw.chance(0.25) ? draw.integer(0, months * 15) : 0);
    core::Date anchor = first_possible.plus_days(draw.integer(0, 27));
    if (frequency == Frequency::kSemiMonthly) {
      anchor = *core::Date::from_ymd(anchor.year(), anchor.month(), static_cast<unsigned>(draw.integer(1, 13)));
    }
    const core::Date stop = draw.chance(0.15) ? end.plus_days(-draw.integer(30, 200)) : end;
    std::vector<core::Date> dates;
    for (int index = 0;; ++index) {
      const core::Date date = detail::nominal_date(frequency, anchor, index);
      if (date > stop) break;
      dates.push_back(date);
    }
    const int change_at = dates.size() > 3 ? static_cast<int>(draw.integer(1, static_cast<std::int64_t>(dates.size()) - 1)) : -1;
    const double changed = base * draw.uniform(1.05, 1.25);
    const int stream = static_cast<int>(out.streams.size());
    const auto type = inflow ? core::TransactionType::kIncome : core::TransactionType::kExpense;
    int charges = 0;
    const std::size_t first_row = out.transactions.size();
    for (std::size_t k = 0; k < dates.size(); ++k) {
      const bool edge = k < 2 || k + 2 >= dates.size();
      if (!edge && draw.chance(0.04)) continue;  // missed
      double amount = price_change && static_cast<int>(k) >= change_at ? changed : base;
      if (variable) amount = base * draw.uniform(0.8, 1.2);
      const core::Date date = detail::jitter(dates[k], draw);
      const std::size_t before = out.transactions.size();
      add(date, detail::minor(amount), type, category, merchant, detail::noisy_description(merchant, draw), stream);
      if (out.transactions.size() == before) continue;
      ++charges;
      if (draw.chance(0.02)) {  // charged twice
        add(date.plus_days(draw.integer(0, 1)), detail::minor(amount), type, category,
            merchant, detail::noisy_description(merchant, draw), stream);
      }
    }
    // Look-alike one-off purchases at the same merchant, at amounts far from the stream's.
    if (!inflow && draw.chance(0.3)) {
      const auto count = draw.integer(1, 2);
      for (std::int64_t k = 0; k < count; ++k) {
        const double factor = draw.chance(0.5) ? draw.uniform(0.2, 0.6) : draw.uniform(1.6, 4.0);
        add(start.plus_days(draw.integer(0, months * 30)), detail::minor(base * factor), type, category,
            merchant, detail::noisy_description(merchant, draw), -1);
      }
    }
    if (charges >= 2) {
      out.streams.push_back({frequency, merchant, inflow});
    } else {
      for (std::size_t row = first_row; row < out.stream_of.size(); ++row) {
        if (out.stream_of[row] == stream) out.stream_of[row] = -1;
      }
    }
  }

  // Noise: random visits to everyday merchants.
  std::vector<std::string> noise = detail::noise_merchants();
  const auto noise_count = draw.integer(5, 25);
  for (std::int64_t m = 0; m < noise_count && !noise.empty(); ++m) {
    const auto at = static_cast<std::size_t>(draw.integer(0, static_cast<std::int64_t>(noise.size()) - 1));
    const std::string merchant = noise[at];
    noise.erase(noise.begin() + static_cast<std::ptrdiff_t>(at));
    const std::string category = draw.pick(detail::noise_categories());
    const double per_month = draw.uniform(0.5, 15.0);
    const double typical = draw.uniform(40, 3000);
    // A few menu prices (coffee at 250, a ride at 180) make equal amounts repeat at random.
    std::vector<double> menu;
    if (draw.chance(0.3)) {
      for (int k = 0; k < 3; ++k) menu.push_back(std::round(typical * draw.uniform(0.5, 1.5)));
    }
    const auto visits = static_cast<std::int64_t>(per_month * months);
    for (std::int64_t v = 0; v < visits; ++v) {
      const double amount = menu.empty() ? typical * draw.uniform(0.3, 2.0) : draw.pick(menu);
      add(start.plus_days(draw.integer(0, months * 30)), detail::minor(amount), core::TransactionType::kExpense,
          category, merchant, detail::noisy_description(merchant, draw), -1);
    }
  }
  return out;
}

}  // namespace finml::bench
