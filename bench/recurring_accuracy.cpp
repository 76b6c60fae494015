// Accuracy of recurring-charge detection on generated, labelled users
// (bench/recurring_generator.hpp; docs/numerics.md, "Recurring charges").
//
// Matching of detected to true streams, per user:
// - overlap(D, T) = the number of transactions that detected stream D lists
//   (RecurringStream::transaction_indices: its charges and duplicates) and that the generator
//   labelled as charges of true stream T;
// - D matches T when the overlap is at least half of D's transactions and at least half of T's:
//   most of what was found belongs to T, and most of T was found;
// - pairs are taken one-to-one, largest overlap first.
// precision = matched detected streams / detected streams; recall = matched true streams /
// true streams; frequency accuracy = matched true streams whose detected frequency is the true
// one / true streams (a missed stream counts as wrong).
//
// --original measures, on the same users, the original service's rule instead (seed-api.md
// 3.7: expense rows with the same exact description and exact amount, at least 2, mean day gap
// 5-9 weekly, 25-35 monthly, 85-95 quarterly).
//
// --plain-descriptions gives every charge its merchant's name as it is (no bank noise).
//
// Usage: recurring_accuracy [--users N (1000)] [--seed S (20251124)] [--original] [--plain-descriptions]
//                           [--verbose]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "recurring_generator.hpp"

namespace {

using finml::analytics::recurring::Frequency;
using finml::analytics::recurring::to_string;

// A detected stream as the matching sees it.
struct Detected {
  std::vector<std::size_t> rows;
  Frequency frequency;
  std::string name;
};

std::vector<Detected> detect_finml(const finml::bench::LabelledUser& user) {
  std::vector<Detected> detected;
  for (auto& stream : finml::analytics::recurring::detect_streams(user.transactions, user.today)) {
    detected.push_back({std::move(stream.transaction_indices), stream.frequency, stream.merchant_key});
  }
  return detected;
}

// The original's subscription finder (recommendation_engine.py), as seed-api.md 3.7 gives it.
std::vector<Detected> detect_original(const finml::bench::LabelledUser& user) {
  std::map<std::pair<std::string, std::int64_t>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < user.transactions.size(); ++i) {
    const auto& row = user.transactions[i];
    if (row.type != finml::core::TransactionType::kExpense || row.description.size() < 3) continue;
    groups[{row.description, row.amount.minor_units()}].push_back(i);
  }
  std::vector<Detected> detected;
  for (auto& [key, rows] : groups) {
    if (rows.size() < 2) continue;
    std::sort(rows.begin(), rows.end(),
              [&](std::size_t a, std::size_t b) { return user.transactions[a].date < user.transactions[b].date; });
    const double mean_gap = static_cast<double>(finml::core::days_between(user.transactions[rows.front()].date,
                                                                          user.transactions[rows.back()].date)) /
                            static_cast<double>(rows.size() - 1);
    Frequency frequency;
    if (mean_gap >= 25 && mean_gap <= 35) {
      frequency = Frequency::kMonthly;
    } else if (mean_gap >= 5 && mean_gap <= 9) {
      frequency = Frequency::kWeekly;
    } else if (mean_gap >= 85 && mean_gap <= 95) {
      frequency = Frequency::kQuarterly;
    } else {
      continue;
    }
    detected.push_back({rows, frequency, key.first});
  }
  return detected;
}

struct Tally {
  long detected = 0;
  long matched_detected = 0;
  long truth = 0;
  long matched_truth = 0;
  long frequency_right = 0;
};

}  // namespace

int main(int argc, char** argv) {
  int users = 1000;
  std::uint64_t seed = 20251124;
  bool verbose = false;
  bool original = false;
  bool plain = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--users") == 0 && i + 1 < argc) {
      users = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--plain-descriptions") == 0) {
      plain = true;
    } else if (std::strcmp(argv[i], "--original") == 0) {
      original = true;
    } else if (std::strcmp(argv[i], "--verbose") == 0) {
      verbose = true;
    } else {
      std::fprintf(stderr, "usage: %s [--users N] [--seed S] [--original] [--plain-descriptions] [--verbose]\n", argv[0]);
      return 2;
    }
  }

  Tally total;
  std::array<Tally, 7> by_frequency{};
  long transactions = 0;
  double detect_seconds = 0.0;
  for (int user = 0; user < users; ++user) {
    const auto labelled = finml::bench::generate_user(seed, user, plain);
    transactions += static_cast<long>(labelled.transactions.size());
    const auto started = std::chrono::steady_clock::now();
    const auto streams = original ? detect_original(labelled) : detect_finml(labelled);
    detect_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    // Sizes of the true streams, and every (detected, true) overlap.
    std::vector<long> true_size(labelled.streams.size(), 0);
    for (const int stream : labelled.stream_of) {
      if (stream >= 0) ++true_size[static_cast<std::size_t>(stream)];
    }
    struct Pair {
      std::size_t detected;
      std::size_t truth;
      long overlap;
    };
    std::vector<Pair> pairs;
    for (std::size_t d = 0; d < streams.size(); ++d) {
      std::vector<long> overlap(labelled.streams.size(), 0);
      for (const auto row : streams[d].rows) {
        const int stream = labelled.stream_of[row];
        if (stream >= 0) ++overlap[static_cast<std::size_t>(stream)];
      }
      const auto detected_size = static_cast<long>(streams[d].rows.size());
      for (std::size_t t = 0; t < overlap.size(); ++t) {
        if (overlap[t] * 2 >= detected_size && overlap[t] * 2 >= true_size[t]) pairs.push_back({d, t, overlap[t]});
      }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.overlap > b.overlap; });
    std::vector<int> match_of_truth(labelled.streams.size(), -1);
    std::vector<bool> detected_matched(streams.size(), false);
    for (const auto& pair : pairs) {
      if (detected_matched[pair.detected] || match_of_truth[pair.truth] >= 0) continue;
      detected_matched[pair.detected] = true;
      match_of_truth[pair.truth] = static_cast<int>(pair.detected);
    }

    total.detected += static_cast<long>(streams.size());
    for (std::size_t d = 0; d < streams.size(); ++d) {
      auto& tally = by_frequency[static_cast<std::size_t>(streams[d].frequency)];
      ++tally.detected;
      if (detected_matched[d]) {
        ++total.matched_detected;
        ++tally.matched_detected;
      } else if (verbose) {
        std::printf("user %d: false stream %s %s, %zu rows\n", user, streams[d].name.c_str(),
                    std::string(to_string(streams[d].frequency)).c_str(), streams[d].rows.size());
      }
    }
    for (std::size_t t = 0; t < labelled.streams.size(); ++t) {
      const auto& truth = labelled.streams[t];
      auto& tally = by_frequency[static_cast<std::size_t>(truth.frequency)];
      ++total.truth;
      ++tally.truth;
      if (match_of_truth[t] < 0) {
        if (verbose) {
          std::printf("user %d: missed %s %s (%ld rows)\n", user, truth.merchant.c_str(),
                      std::string(to_string(truth.frequency)).c_str(), true_size[t]);
        }
        continue;
      }
      ++total.matched_truth;
      ++tally.matched_truth;
      const auto found = streams[static_cast<std::size_t>(match_of_truth[t])].frequency;
      if (found == truth.frequency) {
        ++total.frequency_right;
        ++tally.frequency_right;
      } else if (verbose) {
        std::printf("user %d: %s is %s, found %s\n", user, truth.merchant.c_str(),
                    std::string(to_string(truth.frequency)).c_str(), std::string(to_string(found)).c_str());
      }
    }
  }

  const auto ratio = [](long a, long b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); };
  std::printf("%s%s: ", original ? "the original's rule" : "finml", plain ? ", plain descriptions" : "");
  std::printf("users %d (seed %llu), transactions %ld, true streams %ld, detected streams %ld\n", users,
              static_cast<unsigned long long>(seed), transactions, total.truth, total.detected);
  std::printf("precision %.4f  recall %.4f  frequency accuracy %.4f\n", ratio(total.matched_detected, total.detected),
              ratio(total.matched_truth, total.truth), ratio(total.frequency_right, total.truth));
  std::printf("%-14s %6s %9s %7s %10s\n", "frequency", "true", "precision", "recall", "frequency");
  for (std::size_t f = 0; f < by_frequency.size(); ++f) {
    const auto& tally = by_frequency[f];
    std::printf("%-14s %6ld %9.4f %7.4f %10.4f\n", std::string(to_string(static_cast<Frequency>(f))).c_str(),
                tally.truth, ratio(tally.matched_detected, tally.detected), ratio(tally.matched_truth, tally.truth),
                ratio(tally.frequency_right, tally.truth));
  }
  std::printf("detection: %.3f s in all, %.3f us per transaction\n", detect_seconds,
              transactions == 0 ? 0.0 : detect_seconds * 1e6 / static_cast<double>(transactions));
  return 0;
}
