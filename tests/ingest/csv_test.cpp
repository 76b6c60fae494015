// CSV in every layout a bank writes: the original's sample file, semicolons and decimal commas,
// debit/credit columns, day-first and month-first dates, files without a header, mappings.
#include <finml/ingest/csv.hpp>

#include <gtest/gtest.h>

#include <finml/ingest/text.hpp>

#include "ingest/support.hpp"

namespace finml::ingest {
namespace {

using testing::describe_all;
using V = std::vector<std::string>;

ParsedFile parse(std::string_view text, const CsvMapping& mapping = {}, const ParseOptions& options = {}) {
  auto parsed = parse_csv(text, mapping, options);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : ParsedFile{};
}

TEST(CsvTest, ReadsTheOriginalSampleLayout) {
  const auto parsed = parse(
      "date,category,amount,type\n"
      "2024-12-10 14:38:40.706809,Income,5124.18,income\n"
      "2024-12-10 14:38:40.706809,Food,391.7,expense\n"
      "2024-12-11 14:38:40.706809,Entertainment,17.7,expense\n"
      "2024-12-12 14:38:40.706809,Savings,300,savings\n");
  EXPECT_EQ(describe_all(parsed.rows), (V{
                                           "2024-12-10 | 512418 USD | income | Income |  |  | -",
                                           "2024-12-10 | 39170 USD | expense | Food |  |  | -",
                                           "2024-12-11 | 1770 USD | expense | Entertainment |  |  | -",
                                           "2024-12-12 | 30000 USD | savings | Savings |  |  | -",
                                       }));
  EXPECT_EQ(parsed.lines, (std::vector<std::size_t>{2, 3, 4, 5}));
  EXPECT_TRUE(parsed.rejected.empty());
}

TEST(CsvTest, GermanBankExportWithSemicolonsDecimalCommaAndDayFirstDates) {
  // Windows line ends, a BOM, quoted fields, thousands with '.', and three bad rows.
  const auto parsed = parse(
      "\xEF\xBB\xBF" "Buchungstag;Verwendungszweck;Betrag;Waehrung\r\n"
      "01.02.2024;\"REWE Markt; Berlin\";-45,90;EUR\r\n"
      "15.02.2024;Gehalt Februar;3.250,00;EUR\r\n"
      "30.02.2024;Kaputt;-1,00;EUR\r\n"
      "16.02.2024;Kein Betrag;abc;EUR\r\n"
      "\r\n"
      "17.02.2024;Miete;-1.100,00;XYZ\r\n"
      "28.02.2024;\"Netflix \"\"Premium\"\"\";-17,99;EUR\r\n");
  EXPECT_EQ(describe_all(parsed.rows), (V{
                                           "2024-02-01 | 4590 EUR | expense | Uncategorized | REWE Markt; Berlin |  | -",
                                           "2024-02-15 | 325000 EUR | income | Uncategorized | Gehalt Februar |  | -",
                                           "2024-02-28 | 1799 EUR | expense | Uncategorized | Netflix \"Premium\" |  | -",
                                       }));
  EXPECT_EQ(describe_all(parsed.rejected), (V{
                                               "4: date \"30.02.2024\" is not a valid date",
                                               "5: amount \"abc\" is not a number",
                                               "7: currency \"XYZ\" is not an ISO 4217 code",
                                           }));
  EXPECT_EQ(parsed.lines, (std::vector<std::size_t>{2, 3, 8}));
}

TEST(CsvTest, DebitAndCreditColumnsWithDayFirstDatesDetectedFromTheFile) {
  const auto parsed = parse(
      "Date,Description,Debit,Credit,Balance\n"
      "03/01/2024,TESCO STORES 2041,23.50,,976.50\n"
      "13/01/2024,SALARY ACME LTD,,\"2,400.00\",3376.50\n"
      "14/01/2024,NOTHING,,,3376.50\n"
      "15/01/2024,BOTH,1.00,2.00,3377.50\n",
      {}, ParseOptions{.currency = *core::Currency::from_code("GBP"), .account = core::AccountId(4)});
  EXPECT_EQ(describe_all(parsed.rows), (V{
                                           "2024-01-03 | 2350 GBP | expense | Uncategorized | TESCO STORES 2041 |  | 4",
                                           "2024-01-13 | 240000 GBP | income | Uncategorized | SALARY ACME LTD |  | 4",
                                       }));
  EXPECT_EQ(describe_all(parsed.rejected), (V{"4: neither debit nor credit is given", "5: both debit and credit are given"}));
}

TEST(CsvTest, MonthFirstDatesAndSignedAmounts) {
  const auto parsed = parse(
      "Posted Date,Payee,Amount\n"
      "01/02/2024,COFFEE,-4.50\n"
      "01/31/2024,PAYROLL,\"1,500.00\"\n"
      "02/01/2024,REFUND,(12.00)\n");
  EXPECT_EQ(describe_all(parsed.rows), (V{
                                           "2024-01-02 | 450 USD | expense | Uncategorized | COFFEE |  | -",
                                           "2024-01-31 | 150000 USD | income | Uncategorized | PAYROLL |  | -",
                                           "2024-02-01 | 1200 USD | expense | Uncategorized | REFUND |  | -",
                                       }));
}

TEST(CsvTest, AmbiguousDatesAreDayFirstUnlessTheMappingSaysOtherwise) {
  const std::string text = "date,amount\n01/02/2024,-1.00\n03/04/2024,-2.00\n";
  EXPECT_EQ(parse(text).rows.front().date.to_string(), "2024-02-01");
  CsvMapping mapping;
  mapping.date_order = DateOrder::kMdy;
  EXPECT_EQ(parse(text, mapping).rows.front().date.to_string(), "2024-01-02");
  EXPECT_EQ(parse(text, {}, ParseOptions{.date_order = DateOrder::kMdy}).rows.front().date.to_string(), "2024-01-02");
}

TEST(CsvTest, AFileWithoutHeaderNeedsColumnNumbersInTheMapping) {
  const std::string text = "2024-03-01|Rent|-950.00|monthly\n2024-03-02|Cafe|-3.20|\n";
  auto mapping = parse_csv_mapping(
      "# bank X, no header\n"
      "delimiter = |\n"
      "header = false\n"
      "date = 1\n"
      "description = 2\n"
      "amount = 3\n"
      "note = 4\n");
  ASSERT_TRUE(mapping.has_value()) << mapping.error().message;
  const auto parsed = parse(text, *mapping);
  EXPECT_EQ(describe_all(parsed.rows), (V{
                                           "2024-03-01 | 95000 USD | expense | Uncategorized | Rent | monthly | -",
                                           "2024-03-02 | 320 USD | expense | Uncategorized | Cafe |  | -",
                                       }));
  EXPECT_EQ(parsed.lines, (std::vector<std::size_t>{1, 2}));
}

TEST(CsvTest, MappingNamesColumnsByHeaderAndDecimalComma) {
  auto mapping = parse_csv_mapping(
      "delimiter=tab\ndecimal_comma=true\ndate_format=DD-MM-YYYY\n"
      "date=Fecha\ndescription=Concepto\namount=Importe (EUR)\ncategory=Tipo\n");
  ASSERT_TRUE(mapping.has_value()) << mapping.error().message;
  const auto parsed = parse("Fecha\tConcepto\tImporte (EUR)\tTipo\n05-06-2024\tMercadona\t-61,35\tSupermercado\n",
                            *mapping, ParseOptions{.currency = *core::Currency::from_code("EUR")});
  EXPECT_EQ(describe_all(parsed.rows), (V{"2024-06-05 | 6135 EUR | expense | Supermercado | Mercadona |  | -"}));
}

TEST(CsvTest, QuotedFieldsMayHoldLineBreaksAndLineNumbersFollowTheFile) {
  const auto parsed = parse(
      "date,description,amount\n"
      "2024-01-01,\"two\nlines\",-1.00\n"
      "2024-01-02,bad,--\n");
  ASSERT_EQ(parsed.rows.size(), 1U);
  EXPECT_EQ(parsed.rows[0].description, "two\nlines");
  EXPECT_EQ(describe_all(parsed.rejected), (V{"4: amount \"--\" is not a number"}));
}

TEST(CsvTest, FilesThatCannotBeReadAsAWholeFail) {
  EXPECT_FALSE(parse_csv("name,amount\nx,1\n", {}, {}).has_value());   // no date column
  EXPECT_FALSE(parse_csv("date,payee\n2024-01-01,x\n", {}, {}).has_value());  // no amount
  CsvMapping mapping;
  mapping.amount = "Betrag";
  const auto missing = parse_csv("date,amount\n2024-01-01,1\n", mapping, {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "the file has no column \"Betrag\" for the amount");
  EXPECT_TRUE(parse("").rows.empty());
}

TEST(CsvTest, MappingErrorsNameTheirLine) {
  auto bad = parse_csv_mapping("date = Date\n\ndelimiter = ::\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "mapping line 3: delimiter must be , ; | or tab");
  EXPECT_EQ(parse_csv_mapping("colour = red").error().message, "mapping line 1: unknown key \"colour\"");
  EXPECT_EQ(parse_csv_mapping("header = maybe").error().message, "mapping line 1: header must be true or false");
  EXPECT_FALSE(parse_csv_mapping("date_format = soon").has_value());
}

TEST(CsvTest, TypeColumnWordsAndUnknownTypes) {
  const auto parsed = parse(
      "date,amount,type\n2024-01-01,5.00,CREDIT\n2024-01-02,5.00,debit\n2024-01-03,-2.00,expense\n"
      "2024-01-04,1.00,gift\n");
  EXPECT_EQ(describe_all(parsed.rows), (V{
                                           "2024-01-01 | 500 USD | income | Uncategorized |  |  | -",
                                           "2024-01-02 | 500 USD | expense | Uncategorized |  |  | -",
                                           "2024-01-03 | -200 USD | expense | Uncategorized |  |  | -",
                                       }));
  EXPECT_EQ(describe_all(parsed.rejected),
            (V{"5: type \"gift\" is not income, expense, savings, transfer, debit or credit"}));
}

TEST(AmountTest, ReadsAmountsExactlyAsBanksWriteThem) {
  const auto usd = *core::Currency::from_code("USD");
  auto minor = [&](std::string_view text, bool comma = false) {
    auto money = parse_amount(text, comma, usd);
    return money ? money->minor_units() : -999'999;
  };
  EXPECT_EQ(minor("1,234.56"), 123'456);
  EXPECT_EQ(minor("-12.30"), -1'230);
  EXPECT_EQ(minor("(12.30)"), -1'230);
  EXPECT_EQ(minor("12.30-"), -1'230);
  EXPECT_EQ(minor("$ 5"), 500);
  EXPECT_EQ(minor("+7.1"), 710);
  EXPECT_EQ(minor("1.234,56", true), 123'456);
  EXPECT_EQ(minor("1 234,5", true), 123'450);
  EXPECT_EQ(minor("\xE2\x82\xAC" "3,10", true), 310);
  EXPECT_EQ(minor("0.005"), 0);  // half-even at the minor unit
  EXPECT_FALSE(parse_amount("12abc", false, usd).has_value());
  EXPECT_FALSE(parse_amount("", false, usd).has_value());
  EXPECT_FALSE(parse_amount("1.2.3", false, usd).has_value());
}

TEST(DateTest, ReadsTheDateFormsOfBankFiles) {
  auto iso = [](std::string_view text, DateOrder order) {
    auto date = parse_date(text, order);
    return date ? date->to_string() : std::string("none");
  };
  EXPECT_EQ(iso("2024-12-10 14:38:40.706809", DateOrder::kDmy), "2024-12-10");
  EXPECT_EQ(iso("10/12/2024", DateOrder::kDmy), "2024-12-10");
  EXPECT_EQ(iso("10/12/2024", DateOrder::kMdy), "2024-10-12");
  EXPECT_EQ(iso("1/ 5'24", DateOrder::kMdy), "2024-01-05");
  EXPECT_EQ(iso("10.12.99", DateOrder::kDmy), "1999-12-10");
  EXPECT_EQ(iso("20241210", DateOrder::kDmy), "2024-12-10");
  EXPECT_EQ(iso("2024/12/10", DateOrder::kDmy), "2024-12-10");
  EXPECT_EQ(iso("10/12/2024 09:30", DateOrder::kDmy), "2024-12-10");
  EXPECT_EQ(iso("31/02/2024", DateOrder::kDmy), "none");
  EXPECT_EQ(iso("yesterday", DateOrder::kDmy), "none");
  EXPECT_EQ(detect_date_order({"01/02/2024", "13/02/2024"}, DateOrder::kMdy), DateOrder::kDmy);
  EXPECT_EQ(detect_date_order({"01/02/2024", "02/13/2024"}, DateOrder::kDmy), DateOrder::kMdy);
  EXPECT_EQ(detect_date_order({"01/02/2024"}, DateOrder::kMdy), DateOrder::kMdy);
  EXPECT_EQ(date_order_of_format("DD/MM/YYYY"), DateOrder::kDmy);
  EXPECT_EQ(date_order_of_format("MM/DD/YY"), DateOrder::kMdy);
  EXPECT_EQ(date_order_of_format("yyyy-mm-dd"), DateOrder::kYmd);
}

}  // namespace
}  // namespace finml::ingest
