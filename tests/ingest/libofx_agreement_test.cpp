// finml reads OFX/QFX with its own reader (ingest/ofx.hpp: libofx parses only named files,
// through global callbacks, and an HTTP import has a body). This test holds that reader to
// libofx's: each statement of tests/ingest/fixtures is read by both, finml's parse_ofx() and
// libofx's ofxdump (Debian package ofx), and every transaction must agree on date, amount and
// its sign, payee and memo. It fails, never skips, when ofxdump is missing.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include <finml/ingest/ingest.hpp>

namespace finml::ingest {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(FINML_SOURCE_DIR) / "tests/ingest/fixtures";

/// One transaction as both readers are compared on.
struct Seen {
  std::string date;    ///< YYYY-MM-DD
  std::string amount;  ///< signed, two decimals: "-42.17"
  std::string payee;
  std::string memo;

  friend bool operator==(const Seen&, const Seen&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Seen& s) {
    return out << s.date << " | " << s.amount << " | " << s.payee << " | " << s.memo;
  }
};

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) output.append(buffer.data(), n);
  pclose(pipe);
  return output;
}

std::string value_after(const std::string& line, std::string_view label) {
  const auto at = line.find(label);
  return at == std::string::npos ? std::string() : line.substr(at + label.size());
}

/// "Wed Jan  3 17:00:00 2024 UTC" -> "2024-01-03".
std::string iso_date(const std::string& text) {
  std::tm parts{};
  std::istringstream in(text);
  in >> std::get_time(&parts, "%a %b %d %H:%M:%S %Y");
  if (in.fail()) return "unreadable: " + text;
  char out[11];
  std::strftime(out, sizeof out, "%Y-%m-%d", &parts);
  return out;
}

/// The transactions as libofx's ofxdump reports them.
std::vector<Seen> read_with_libofx(const std::filesystem::path& file) {
  std::vector<Seen> seen;
  std::istringstream lines(run("TZ=UTC ofxdump '" + file.string() + "' 2>/dev/null"));
  bool in_transaction = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("ofx_proc_transaction()")) {
      seen.emplace_back();
      in_transaction = true;
    } else if (line.starts_with("ofx_proc_")) {
      in_transaction = false;
    } else if (in_transaction) {
      if (line.find("Date posted: ") != std::string::npos) seen.back().date = iso_date(value_after(line, "Date posted: "));
      if (line.find("Total money amount: ") != std::string::npos) seen.back().amount = value_after(line, "Total money amount: ");
      if (line.find("Name of payee or transaction description: ") != std::string::npos) {
        seen.back().payee = value_after(line, "Name of payee or transaction description: ");
      }
      if (line.find("(memo): ") != std::string::npos) seen.back().memo = value_after(line, "(memo): ");
    }
  }
  return seen;
}

/// The transactions as finml's reader stores them, the sign put back from the type.
std::vector<Seen> read_with_finml(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const auto parsed = parse_ofx(text.str(), {});
  EXPECT_TRUE(parsed.has_value()) << file;
  std::vector<Seen> seen;
  if (!parsed) return seen;
  EXPECT_TRUE(parsed->rejected.empty()) << file;
  for (const auto& row : parsed->rows) {
    const bool outflow = row.type != core::TransactionType::kIncome;
    const auto amount = outflow ? row.amount.negated() : row.amount;
    seen.push_back({row.date.to_string(), amount.to_decimal_string(), row.description, row.note});
  }
  return seen;
}

TEST(LibofxAgreementTest, OfxdumpIsInstalled) {
  EXPECT_NE(run("command -v ofxdump"), "") << "ofxdump is missing: scripts/install-deps.sh test installs Debian's ofx";
}

class LibofxAgreement : public ::testing::TestWithParam<std::string> {};

TEST_P(LibofxAgreement, EveryTransactionReadsAsLibofxReadsIt) {
  const auto file = kFixtures / GetParam();
  const auto expected = read_with_libofx(file);
  ASSERT_GE(expected.size(), 4U) << "ofxdump read too little of " << file;
  EXPECT_EQ(read_with_finml(file), expected);
}

INSTANTIATE_TEST_SUITE_P(Statements, LibofxAgreement, ::testing::Values("bank_sgml.ofx", "card_xml.qfx"),
                         [](const auto& test) { return test.param.substr(0, test.param.find('.')); });

}  // namespace
}  // namespace finml::ingest
