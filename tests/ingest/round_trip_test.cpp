// Fingerprints (a file imported twice adds nothing) and round trips: a file of each format,
// exported as CSV and read back, gives the same rows and the same fingerprints.
#include <set>

#include <gtest/gtest.h>

#include <finml/ingest/ingest.hpp>

#include "ingest/support.hpp"

namespace finml::ingest {
namespace {

using testing::describe_all;

ParsedFile parse(std::string_view text, std::optional<Format> format = std::nullopt) {
  auto parsed = parse_file(text, format, {}, ParseOptions{.currency = *core::Currency::from_code("EUR")});
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : ParsedFile{};
}

std::vector<std::string> fingerprints(const ParsedFile& parsed) {
  std::vector<std::string> out;
  for (const auto& row : parsed.rows) out.push_back(row.external_id.value_or("none"));
  return out;
}

TEST(FingerprintTest, NormalisesDescriptions) {
  EXPECT_EQ(normalise_description("  STARBUCKS #123  Seattle "), "starbucks 123 seattle");
  EXPECT_EQ(normalise_description("Starbucks-123/seattle"), "starbucks 123 seattle");
  EXPECT_EQ(normalise_description("Bäckerei"), "b\xC3\xA4" "ckerei");
  EXPECT_EQ(normalise_description(""), "");
}

TEST(FingerprintTest, DependsOnAccountDateAmountTypeAndNormalisedDescriptionOnly) {
  const core::Transaction base{
      .id = core::TransactionId(),
      .date = *core::Date::parse_iso("2024-01-05"),
      .amount = core::Money::from_minor(450, *core::Currency::from_code("USD")),
      .type = core::TransactionType::kExpense,
      .category = "Food",
      .description = "STARBUCKS  #12",
      .note = "with Sam",
      .account_id = std::nullopt,
      .external_id = std::nullopt,
  };
  const std::string print = fingerprint(base);
  EXPECT_TRUE(print.starts_with("fp:"));
  EXPECT_EQ(print.size(), 23U);
  auto changed = base;
  changed.description = "starbucks 12";
  changed.note = "";
  changed.category = "Coffee";
  EXPECT_EQ(fingerprint(changed), print);  // same normalised description; note and category do not count
  changed.account_id = core::AccountId(1);
  EXPECT_NE(fingerprint(changed), print);
  changed = base;
  changed.date = *core::Date::parse_iso("2024-01-06");
  EXPECT_NE(fingerprint(changed), print);
  changed = base;
  changed.amount = core::Money::from_minor(451, *core::Currency::from_code("USD"));
  EXPECT_NE(fingerprint(changed), print);
  changed = base;
  changed.type = core::TransactionType::kIncome;
  EXPECT_NE(fingerprint(changed), print);
  EXPECT_NE(fingerprint(base, 2), print);
}

TEST(FingerprintTest, IdenticalRowsOfOneFileStayDistinctAndTheSameFileGivesTheSamePrints) {
  const std::string text =
      "date,description,amount\n2024-01-05,Coffee,-3.00\n2024-01-05,Coffee,-3.00\n2024-01-05,Tea,-3.00\n";
  const auto first = parse(text);
  ASSERT_EQ(first.rows.size(), 3U);
  const auto prints = fingerprints(first);
  EXPECT_NE(prints[0], prints[1]);
  EXPECT_NE(prints[0], prints[2]);
  EXPECT_EQ(fingerprints(parse(text)), prints);
  // The same rows in another order keep their prints as a set.
  const auto reordered =
      fingerprints(parse("date,description,amount\n2024-01-05,Tea,-3.00\n2024-01-05,Coffee,-3.00\n"
                         "2024-01-05,Coffee,-3.00\n"));
  EXPECT_EQ(std::set(reordered.begin(), reordered.end()), std::set(prints.begin(), prints.end()));
}

// The row content parse_file gives back after write_csv, for every format.
void expect_round_trip(std::string_view text) {
  const ParsedFile original = parse(text);
  ASSERT_FALSE(original.rows.empty());
  const std::string exported = write_csv(original.rows);
  const ParsedFile again = parse(exported, Format::kCsv);
  EXPECT_TRUE(again.rejected.empty());
  EXPECT_EQ(describe_all(again.rows), describe_all(original.rows)) << exported;
  EXPECT_EQ(fingerprints(again), fingerprints(original));
  // And once more: the export of the re-import is the same text.
  EXPECT_EQ(write_csv(again.rows), exported);
}

TEST(RoundTripTest, CsvOfTheOriginalLayout) {
  expect_round_trip(
      "date,category,amount,type\n"
      "2024-12-10 14:38:40.706809,Income,5124.18,income\n"
      "2024-12-10 14:38:40.706809,Food,391.7,expense\n"
      "2024-12-11 14:38:40.706809,Food,391.7,expense\n"
      "2024-12-12 14:38:40.706809,\"Rent, flat\",-20,expense\n");
}

TEST(RoundTripTest, BankCsvWithQuotesCommasAndLineBreaks) {
  expect_round_trip(
      "Buchungstag;Verwendungszweck;Betrag;Notiz\n"
      "01.02.2024;\"REWE, Berlin \"\"Mitte\"\"\";-45,90;\"zwei\nZeilen\"\n"
      "15.02.2024;Gehalt;3.250,00;\n");
}

TEST(RoundTripTest, Qif) {
  expect_round_trip("!Type:Bank\nD1/ 5'24\nT-1,234.56\nPLANDLORD\nMJan rent\nLHousing\n^\n"
                    "D1/20/2024\nT-500.00\nPTo savings\nL[Savings]\n^\n");
}

TEST(RoundTripTest, Ofx) {
  expect_round_trip(
      "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP<BANKTRANLIST>\n"
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240103<TRNAMT>-42.17<NAME>M&amp;S<MEMO>Card, 1234</STMTTRN>\n"
      "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240125<TRNAMT>2100.00<NAME>PAYROLL</STMTTRN>\n"
      "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n");
}

TEST(RoundTripTest, AccountIdsAndCurrenciesSurvive) {
  const auto parsed = parse_file("date,amount,currency,account_id\n2024-01-01,-5.00,JPY,3\n2024-01-02,7.5,USD,\n",
                                 Format::kCsv, {}, {});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(describe_all(parsed->rows), (std::vector<std::string>{
                                            "2024-01-01 | 5 JPY | expense | Uncategorized |  |  | 3",
                                            "2024-01-02 | 750 USD | income | Uncategorized |  |  | -",
                                        }));
  const auto again = parse_file(write_csv(parsed->rows), Format::kCsv, {}, {});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(describe_all(again->rows), describe_all(parsed->rows));
}

}  // namespace
}  // namespace finml::ingest
