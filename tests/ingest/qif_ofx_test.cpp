// QIF and OFX/QFX statements as banks and Quicken write them, with bad records.
#include <gtest/gtest.h>

#include <finml/ingest/ingest.hpp>

#include "ingest/support.hpp"

namespace finml::ingest {
namespace {

using testing::describe_all;
using V = std::vector<std::string>;

constexpr std::string_view kQif =
    "!Type:Bank\n"
    "D1/ 5'24\n"
    "T-1,234.56\n"
    "PLANDLORD PROPERTY MGMT\n"
    "MJanuary rent\n"
    "LHousing:Rent\n"
    "^\n"
    "D01/15/2024\n"
    "U2,500.00\n"
    "T2,500.00\n"
    "PACME CORP PAYROLL\n"
    "LSalary\n"
    "^\n"
    "D1/20/2024\n"
    "T-500.00\n"
    "PTransfer to savings\n"
    "L[Savings Account]\n"
    "^\n"
    "D1/32/2024\n"
    "T-5.00\n"
    "^\n"
    "D1/21/2024\n"
    "Tlots\n"
    "^\n"
    "D1/22/2024\n"
    "PNo amount\n"
    "^\n"
    "!Type:Cat\n"
    "NGroceries\n"
    "E\n"
    "^\n";

TEST(QifTest, ReadsABankRegisterAndRejectsBadRecordsWithTheirLine) {
  const auto parsed = parse_qif(kQif, {});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(describe_all(parsed->rows),
            (V{
                "2024-01-05 | 123456 USD | expense | Housing:Rent | LANDLORD PROPERTY MGMT | January rent | -",
                "2024-01-15 | 250000 USD | income | Salary | ACME CORP PAYROLL |  | -",
                "2024-01-20 | 50000 USD | transfer | [Savings Account] | Transfer to savings |  | -",
            }));
  EXPECT_EQ(parsed->lines, (std::vector<std::size_t>{2, 8, 14}));
  EXPECT_EQ(describe_all(parsed->rejected), (V{
                                                 "19: date \"1/32/2024\" is not a valid date",
                                                 "22: amount \"lots\" is not a number",
                                                 "25: amount (T) is missing",
                                             }));
}

TEST(QifTest, DayFirstDatesAndDecimalCommasAreDetected) {
  const auto parsed = parse_qif("!Type:CCard\nD25/12/2023\nT-12,50\nPBäckerei\n^\nD02/01/2024\nT-3,00\n^\n",
                                ParseOptions{.currency = *core::Currency::from_code("EUR")});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(describe_all(parsed->rows), (V{
                                            "2023-12-25 | 1250 EUR | expense | Uncategorized | Bäckerei |  | -",
                                            "2024-01-02 | 300 EUR | expense | Uncategorized |  |  | -",
                                        }));
}

constexpr std::string_view kOfxSgml =
    "OFXHEADER:100\r\n"
    "DATA:OFXSGML\r\n"
    "VERSION:102\r\n"
    "SECURITY:NONE\r\n"
    "ENCODING:USASCII\r\n"
    "CHARSET:1252\r\n"
    "COMPRESSION:NONE\r\n"
    "OLDFILEUID:NONE\r\n"
    "NEWFILEUID:NONE\r\n"
    "\r\n"
    "<OFX>\r\n"
    "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240201120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\r\n"
    "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STMTRS><CURDEF>EUR\r\n"
    "<BANKACCTFROM><BANKID>123<ACCTID>456<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n"
    "<BANKTRANLIST><DTSTART>20240101<DTEND>20240131\r\n"
    "<STMTTRN>\r\n"
    "<TRNTYPE>DEBIT\r\n"
    "<DTPOSTED>20240103120000.000[-5:EST]\r\n"
    "<TRNAMT>-42.17\r\n"
    "<FITID>2024010301\r\n"
    "<NAME>M&amp;S FOOD\r\n"
    "<MEMO>Card 1234\r\n"
    "</STMTTRN>\r\n"
    "<STMTTRN>\r\n"
    "<TRNTYPE>CREDIT\r\n"
    "<DTPOSTED>20240125\r\n"
    "<TRNAMT>2100.00\r\n"
    "<FITID>2024012501\r\n"
    "<NAME>EMPLOYER &lt;GMBH&gt;\r\n"
    "</STMTTRN>\r\n"
    "<STMTTRN>\r\n"
    "<TRNTYPE>XFER\r\n"
    "<DTPOSTED>20240126\r\n"
    "<TRNAMT>-300\r\n"
    "<NAME>To savings\r\n"
    "</STMTTRN>\r\n"
    "<STMTTRN>\r\n"
    "<TRNTYPE>DEBIT\r\n"
    "<DTPOSTED>2024\r\n"
    "<TRNAMT>-1.00\r\n"
    "</STMTTRN>\r\n"
    "<STMTTRN>\r\n"
    "<TRNTYPE>DEBIT\r\n"
    "<DTPOSTED>20240127\r\n"
    "</STMTTRN>\r\n"
    "</BANKTRANLIST><LEDGERBAL><BALAMT>1757.83<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>\r\n"
    "</OFX>\r\n";

TEST(OfxTest, ReadsAnSgmlStatementWithItsCurrencyAndRejectsBadTransactions) {
  const auto parsed = parse_ofx(kOfxSgml, ParseOptions{.account = core::AccountId(9)});
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(describe_all(parsed->rows), (V{
                                            "2024-01-03 | 4217 EUR | expense | Uncategorized | M&S FOOD | Card 1234 | 9",
                                            "2024-01-25 | 210000 EUR | income | Uncategorized | EMPLOYER <GMBH> |  | 9",
                                            "2024-01-26 | 30000 EUR | transfer | Uncategorized | To savings |  | 9",
                                        }));
  EXPECT_EQ(parsed->lines, (std::vector<std::size_t>{16, 24, 31}));
  EXPECT_EQ(describe_all(parsed->rejected), (V{"37: DTPOSTED \"2024\" is not a date", "42: TRNAMT is missing"}));
}

TEST(OfxTest, ReadsAnXmlQfxStatement) {
  const auto parsed = parse_ofx(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>\n"
      "<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD</CURDEF><BANKTRANLIST>\n"
      "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240210</DTPOSTED><TRNAMT>-9.99</TRNAMT>"
      "<FITID>A1</FITID><PAYEE><NAME>SPOTIFY</NAME></PAYEE><MEMO>music &#233;</MEMO></STMTTRN>\n"
      "<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20240211</DTPOSTED><TRNAMT>25,00</TRNAMT>"
      "<FITID>A2</FITID><NAME>REFUND</NAME><CURRENCY><CURRATE>1.0<CURSYM>CAD</CURSYM></CURRENCY></STMTTRN>\n"
      "</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>\n",
      {});
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(describe_all(parsed->rows), (V{
                                            "2024-02-10 | 999 USD | expense | Uncategorized | SPOTIFY | music \xC3\xA9 | -",
                                            "2024-02-11 | 2500 CAD | income | Uncategorized | REFUND |  | -",
                                        }));
  EXPECT_EQ(parsed->lines, (std::vector<std::size_t>{4, 5}));
  EXPECT_TRUE(parsed->rejected.empty());
}

TEST(OfxTest, EachStatementOfAFileHasItsOwnCurrency) {
  const auto parsed = parse_ofx(
      "<OFX><STMTRS><CURDEF>EUR<BANKTRANLIST>"
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240301<TRNAMT>-1.00<NAME>A</STMTTRN></BANKTRANLIST></STMTRS>\n"
      "<STMTRS><CURDEF>GBP<BANKTRANLIST>"
      "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240302<TRNAMT>-2.00<NAME>B</STMTTRN></BANKTRANLIST></STMTRS></OFX>\n",
      {});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(describe_all(parsed->rows), (V{
                                            "2024-03-01 | 100 EUR | expense | Uncategorized | A |  | -",
                                            "2024-03-02 | 200 GBP | expense | Uncategorized | B |  | -",
                                        }));
}

TEST(OfxTest, TextWithoutAnOfxElementIsNotOfx) {
  const auto parsed = parse_ofx("date,amount\n2024-01-01,1\n", {});
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kValidation);
}

TEST(FormatTest, DetectsAndNamesFormats) {
  EXPECT_EQ(detect_format(kOfxSgml), Format::kOfx);
  EXPECT_EQ(detect_format("<?xml version=\"1.0\"?><OFX></OFX>"), Format::kOfx);
  EXPECT_EQ(detect_format(kQif), Format::kQif);
  EXPECT_EQ(detect_format("date,amount\n"), Format::kCsv);
  EXPECT_EQ(parse_format("QFX"), Format::kOfx);
  EXPECT_EQ(parse_format("qif"), Format::kQif);
  EXPECT_EQ(parse_format("xlsx"), std::nullopt);
  EXPECT_EQ(to_string(Format::kOfx), "ofx");
}

}  // namespace
}  // namespace finml::ingest
