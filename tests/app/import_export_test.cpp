// `finml import` and `finml export` through the real binary, on a SQLite file or, when the test
// runs with FINML_TEST_BACKEND=postgres (app_import_export_postgres_test), on a fresh PostgreSQL
// database per test: the report, a
// file imported twice adds nothing, rejected rows store nothing (or only the valid rows with
// --skip-invalid), exports read back to the same rows, and a SIGKILL part way through a large
// import leaves all of it or none of it.
#include <csignal>
#include <chrono>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"

namespace finml {
namespace {

using testing::ChildProcess;

/// A new empty database: a SQLite file in `directory`, or a new database on the PostgreSQL test
/// server when FINML_TEST_BACKEND=postgres. Empty (and a test failure) when it cannot be made.
std::string fresh_database_url(const std::string& directory) {
  static int counter = 0;
  try {
    const auto url = testing::new_postgres_database("finml_import_" + std::to_string(::getpid()) + "_" +
                                                    std::to_string(++counter));
    return url ? *url : "sqlite:///" + directory + "/finml.db";
  } catch (const std::exception& error) {
    ADD_FAILURE() << error.what();
    return {};
  }
}

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

class ImportExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = testing::make_temp_directory();
    database_url_ = fresh_database_url(directory_);
    ASSERT_FALSE(database_url_.empty());
  }

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = directory_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  CliRun finml(std::vector<std::string> arguments) {
    arguments.push_back("--database-url");
    arguments.push_back(database_url_);
    // Rows that name no currency take DEFAULT_CURRENCY (finml's default is INR).
    ChildProcess process(testing::finml_binary(), arguments, {{"LOG_LEVEL", "error"}, {"DEFAULT_CURRENCY", "USD"}},
                         directory_);
    const auto code = process.wait(std::chrono::seconds(60));
    return CliRun{code.value_or(-1), process.stdout_text(), process.stderr_text()};
  }

  nlohmann::json report(const CliRun& run) {
    EXPECT_FALSE(run.out.empty()) << run.err;
    return run.out.empty() ? nlohmann::json{} : nlohmann::json::parse(run.out);
  }

  std::string export_csv(int user) {
    const CliRun run = finml({"export", "--user", std::to_string(user)});
    EXPECT_EQ(run.code, 0) << run.err;
    return run.out;
  }

  std::string directory_;
  std::string database_url_;
};

constexpr std::string_view kSample =
    "date,category,amount,type\n"
    "2024-12-10 14:38:40.706809,Income,5124.18,income\n"
    "2024-12-10 14:38:40.706809,Food,391.7,expense\n"
    "2024-12-10 14:38:40.706809,Food,391.7,expense\n"
    "2024-12-11 14:38:40.706809,Entertainment,17.7,expense\n";

TEST_F(ImportExportTest, TheSameFileImportedTwiceAddsNothingTheSecondTime) {
  const std::string file = write("sample.csv", std::string(kSample));
  const CliRun first = finml({"import", "--user", "7", file});
  ASSERT_EQ(first.code, 0) << first.err;
  const auto one = report(first);
  EXPECT_EQ(one["format"], "csv");
  EXPECT_EQ(one["rows"], 4);
  EXPECT_EQ(one["inserted"], 4);  // the two identical Food rows are two purchases
  EXPECT_EQ(one["duplicates"], 0);
  EXPECT_EQ(one["stored"], true);
  EXPECT_EQ(one["rejected"], nlohmann::json::array());

  const CliRun second = finml({"import", "--user", "7", file});
  ASSERT_EQ(second.code, 0) << second.err;
  const auto two = report(second);
  EXPECT_EQ(two["inserted"], 0);
  EXPECT_EQ(two["duplicates"], 4);

  EXPECT_EQ(export_csv(7),
            "date,amount,currency,type,category,description,note,account_id\n"
            "2024-12-10,5124.18,USD,income,Income,,,\n"
            "2024-12-10,391.70,USD,expense,Food,,,\n"
            "2024-12-10,391.70,USD,expense,Food,,,\n"
            "2024-12-11,17.70,USD,expense,Entertainment,,,\n");
  // Without --currency, DEFAULT_CURRENCY applies; --default-currency overrides the environment.
  EXPECT_EQ(report(finml({"import", "--user", "9", "--default-currency", "EUR", file}))["inserted"], 4);
  EXPECT_TRUE(export_csv(9).contains(",5124.18,EUR,income,")) << export_csv(9);
  // Another user is another user.
  EXPECT_EQ(report(finml({"import", "--user", "8", file}))["inserted"], 4);
}

TEST_F(ImportExportTest, RejectedRowsStoreNothingUnlessSkipInvalid) {
  const std::string file = write("bank.csv",
                                 "Buchungstag;Verwendungszweck;Betrag\n"
                                 "01.02.2024;REWE;-45,90\n"
                                 "31.02.2024;Kaputt;-1,00\n"
                                 "15.02.2024;Gehalt;3.250,00\n"
                                 "16.02.2024;Nichts;abc\n");
  const CliRun strict = finml({"import", "--user", "3", "--currency", "EUR", file});
  EXPECT_EQ(strict.code, 3);
  const auto refused = report(strict);
  EXPECT_EQ(refused["stored"], false);
  EXPECT_EQ(refused["inserted"], 0);
  EXPECT_EQ(refused["rejected"], nlohmann::json::parse(R"([
      {"line": 3, "reason": "date \"31.02.2024\" is not a valid date"},
      {"line": 5, "reason": "amount \"abc\" is not a number"}])"));
  EXPECT_NE(strict.err.find("line 3: date"), std::string::npos) << strict.err;
  EXPECT_EQ(export_csv(3), "date,amount,currency,type,category,description,note,account_id\n");

  const CliRun lenient = finml({"import", "--user", "3", "--currency", "EUR", "--skip-invalid", file});
  EXPECT_EQ(lenient.code, 0) << lenient.err;
  EXPECT_EQ(report(lenient)["inserted"], 2);
  EXPECT_EQ(export_csv(3),
            "date,amount,currency,type,category,description,note,account_id\n"
            "2024-02-01,45.90,EUR,expense,Uncategorized,REWE,,\n"
            "2024-02-15,3250.00,EUR,income,Uncategorized,Gehalt,,\n");
}

TEST_F(ImportExportTest, AMappingFileAndQifAndOfxImportAndExportRoundTrips) {
  const std::string mapping = write("bank.mapping", "header = false\ndate = 1\ndescription = 2\namount = 3\ndate_format = MM/DD/YYYY\n");
  const std::string csv = write("bank.csv", "01/02/2024,COFFEE,-4.50\n01/03/2024,BOOKS,-20.00\n");
  const CliRun mapped = finml({"import", "--user", "5", "--mapping", mapping, csv});
  ASSERT_EQ(mapped.code, 0) << mapped.err;
  EXPECT_EQ(report(mapped)["inserted"], 2);

  const std::string qif = write("bank.qif", "!Type:Bank\nD1/ 5'24\nT-1,234.56\nPLANDLORD\nMJan rent\nLHousing\n^\n");
  EXPECT_EQ(report(finml({"import", "--user", "5", qif}))["format"], "qif");
  const std::string ofx = write("bank.qfx",
                                "OFXHEADER:100\n\n<OFX><STMTRS><CURDEF>USD<BANKTRANLIST>"
                                "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240125<TRNAMT>2100.00<NAME>PAYROLL</STMTTRN>"
                                "</BANKTRANLIST></STMTRS></OFX>\n");
  const auto ofx_report = report(finml({"import", "--user", "5", "--format", "qfx", ofx}));
  EXPECT_EQ(ofx_report["format"], "ofx");
  EXPECT_EQ(ofx_report["inserted"], 1);

  const std::string exported = export_csv(5);
  EXPECT_EQ(exported,
            "date,amount,currency,type,category,description,note,account_id\n"
            "2024-01-02,4.50,USD,expense,Uncategorized,COFFEE,,\n"
            "2024-01-03,20.00,USD,expense,Uncategorized,BOOKS,,\n"
            "2024-01-05,1234.56,USD,expense,Housing,LANDLORD,Jan rent,\n"
            "2024-01-25,2100.00,USD,income,Uncategorized,PAYROLL,,\n");
  // The export is the same rows: imported for the same user it adds nothing, for another
  // user it exports back identically.
  const std::string again = write("export.csv", exported);
  EXPECT_EQ(report(finml({"import", "--user", "5", again}))["duplicates"], 4);
  EXPECT_EQ(report(finml({"import", "--user", "6", again}))["inserted"], 4);
  EXPECT_EQ(export_csv(6), exported);

  // JSON export.
  const CliRun json = finml({"export", "--user", "5", "--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["user_id"], 5);
  EXPECT_EQ(document["count"], 4);
  ASSERT_EQ(document["transactions"].size(), 4U);
  const auto& rent = document["transactions"][2];
  EXPECT_EQ(rent["date"], "2024-01-05");
  EXPECT_EQ(rent["amount"].dump(), "1234.56");
  EXPECT_EQ(rent["type"], "expense");
  EXPECT_EQ(rent["description"], "LANDLORD");
  EXPECT_EQ(rent["note"], "Jan rent");
  EXPECT_TRUE(rent["external_id"].get<std::string>().starts_with("fp:"));
}

TEST_F(ImportExportTest, BadUsageIsExitTwo) {
  EXPECT_EQ(finml({"import", "--user", "1", directory_ + "/missing.csv"}).code, 2);
  const std::string file = write("x.csv", std::string(kSample));
  EXPECT_EQ(finml({"import", "--user", "1", "--format", "xlsx", file}).code, 2);
  EXPECT_EQ(finml({"import", "--user", "0", file}).code, 2);
  EXPECT_EQ(finml({"import", "--user", "1", "--mapping", write("m", "colour = red\n"), file}).code, 2);
  EXPECT_EQ(finml({"import", "--user", "1", write("y.csv", "name,amount\nx,1\n")}).code, 2);
  EXPECT_EQ(finml({"export", "--user", "1", "--format", "xml"}).code, 2);
}

TEST_F(ImportExportTest, SigkillDuringALargeImportLeavesAllOrNothing) {
  std::string text = "date,description,amount\n";
  constexpr int kRows = 200'000;
  for (int i = 0; i < kRows; ++i) {
    text += "2024-" + std::to_string(1 + i % 12) + "-" + std::to_string(1 + i % 28) + ",Shop " + std::to_string(i) +
            ",-" + std::to_string(1 + i % 500) + "." + std::to_string(10 + i % 90) + "\n";
  }
  const std::string file = write("large.csv", text);
  for (const int delay_ms : {50, 300, 900}) {
    ChildProcess process(testing::finml_binary(),
                         {"import", "--user", "11", file, "--database-url", database_url_},
                         {{"LOG_LEVEL", "error"}}, directory_);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    process.signal(SIGKILL);
    const auto status = process.wait(std::chrono::seconds(60));
    ASSERT_TRUE(status.has_value());
    const CliRun exported = finml({"export", "--user", "11", "--format", "json"});
    ASSERT_EQ(exported.code, 0) << exported.err;
    const auto count = nlohmann::json::parse(exported.out)["count"].get<int>();
    EXPECT_TRUE(count == 0 || count == kRows) << "after " << delay_ms << " ms: " << count << " rows";
    if (count == kRows) break;
  }
  // Completed, the import stores every row once; again, it adds nothing.
  const CliRun done = finml({"import", "--user", "11", file});
  ASSERT_EQ(done.code, 0) << done.err;
  const auto finished = report(done);
  EXPECT_EQ(finished["inserted"].get<int>() + finished["duplicates"].get<int>(), kRows);
  EXPECT_EQ(report(finml({"import", "--user", "11", file}))["duplicates"], kRows);
}


// The same over HTTP: POST /api/v1/users/{user_id}/imports and GET .../transactions/export.
TEST(ImportExportHttpTest, ImportsTwiceAddNothingBadRowsAre422AndExportsReadBack) {
  const std::string directory = testing::make_temp_directory();
  const std::string database_url = fresh_database_url(directory);
  ASSERT_FALSE(database_url.empty());
  testing::FinmlServer server(
      std::map<std::string, std::string>{{"DEFAULT_CURRENCY", "USD"}, {"DATABASE_URL", database_url}});
  const auto post = [&](const std::string& target, std::string_view body) {
    auto response = testing::http_request(server.port(), "POST", target, body, {{"Content-Type", "text/csv"}});
    EXPECT_TRUE(response.has_value());
    return response.value_or(testing::HttpResponse{});
  };
  const auto get = [&](const std::string& target) {
    auto response = testing::http_request(server.port(), "GET", target);
    EXPECT_TRUE(response.has_value());
    return response.value_or(testing::HttpResponse{});
  };

  const auto first = post("/api/v1/users/21/imports", kSample);
  EXPECT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(nlohmann::json::parse(first.body)["inserted"], 4);
  const auto second = post("/api/v1/users/21/imports", kSample);
  EXPECT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(nlohmann::json::parse(second.body)["duplicates"], 4);

  const auto csv = get("/api/v1/users/21/transactions/export?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.header("content-type").starts_with("text/csv")) << csv.header("content-type");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"transactions-21.csv\"");
  EXPECT_EQ(csv.body,
            "date,amount,currency,type,category,description,note,account_id\n"
            "2024-12-10,5124.18,USD,income,Income,,,\n"
            "2024-12-10,391.70,USD,expense,Food,,,\n"
            "2024-12-10,391.70,USD,expense,Food,,,\n"
            "2024-12-11,17.70,USD,expense,Entertainment,,,\n");
  // The export imported for another user gives the same export.
  EXPECT_EQ(post("/api/v1/users/22/imports?format=csv", csv.body).status, 201);
  EXPECT_EQ(get("/api/v1/users/22/transactions/export").body, csv.body);
  const auto json = get("/api/v1/users/22/transactions/export?format=json");
  EXPECT_EQ(json.status, 200);
  EXPECT_EQ(nlohmann::json::parse(json.body)["count"], 4);
  // The stored rows are also the transactions resource's.
  const auto listed = get("/api/v1/users/22/transactions");
  EXPECT_EQ(listed.status, 200) << listed.body;

  // Bad rows: 422 naming each line, nothing stored.
  const std::string bad =
      "Buchungstag;Verwendungszweck;Betrag\n01.02.2024;REWE;-45,90\n31.02.2024;Kaputt;-1,00\n16.02.2024;Nichts;abc\n";
  const auto refused = post("/api/v1/users/23/imports?currency=EUR", bad);
  EXPECT_EQ(refused.status, 422) << refused.body;
  const auto details = nlohmann::json::parse(refused.body)["error"]["details"];
  ASSERT_EQ(details.size(), 2U) << refused.body;
  EXPECT_EQ(details[0]["path"], "body.line[3]");
  EXPECT_EQ(details[0]["message"], "date \"31.02.2024\" is not a valid date");
  EXPECT_EQ(details[1]["path"], "body.line[4]");
  EXPECT_EQ(details[1]["message"], "amount \"abc\" is not a number");
  EXPECT_EQ(get("/api/v1/users/23/transactions/export").body,
            "date,amount,currency,type,category,description,note,account_id\n");
  const auto lenient = post("/api/v1/users/23/imports?currency=EUR&skip_invalid=true", bad);
  EXPECT_EQ(lenient.status, 201) << lenient.body;
  EXPECT_EQ(nlohmann::json::parse(lenient.body)["inserted"], 1);
  EXPECT_EQ(nlohmann::json::parse(lenient.body)["rejected"].size(), 2U);

  // A mapping through the query string; bad parameters are 422 naming them.
  const auto mapped = post("/api/v1/users/24/imports?header=false&date_column=1&amount_column=2&date_format=MM/DD/YYYY",
                           "01/02/2024,-4.50\n");
  EXPECT_EQ(mapped.status, 201) << mapped.body;
  EXPECT_EQ(get("/api/v1/users/24/transactions/export").body,
            "date,amount,currency,type,category,description,note,account_id\n2024-01-02,4.50,USD,expense,Uncategorized,,,\n");
  const auto wrong = post("/api/v1/users/24/imports?format=xlsx&delimiter=::&currency=ZZZ", "x");
  EXPECT_EQ(wrong.status, 422);
  for (const std::string_view name : {"query.format", "query.delimiter", "query.currency"}) {
    EXPECT_NE(wrong.body.find(name), std::string::npos) << name << " " << wrong.body;
  }
  // A multipart/form-data form: its "file" part is the file.
  const std::string form =
      "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.qif\"\r\nContent-Type: application/qif\r\n\r\n"
      "!Type:Bank\nD1/ 5'24\nT-12.00\nPLUNCH\n^\n\r\n--XyZ--\r\n";
  const auto multipart = testing::http_request(server.port(), "POST", "/api/v1/users/25/imports", form,
                                               {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
  ASSERT_TRUE(multipart.has_value());
  EXPECT_EQ(multipart->status, 201) << multipart->body;
  EXPECT_EQ(nlohmann::json::parse(multipart->body)["format"], "qif");
  EXPECT_EQ(get("/api/v1/users/25/transactions/export").body,
            "date,amount,currency,type,category,description,note,account_id\n2024-01-05,12.00,USD,expense,Uncategorized,LUNCH,,\n");
  const auto broken = testing::http_request(server.port(), "POST", "/api/v1/users/25/imports", "no parts",
                                            {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->status, 422);
  EXPECT_EQ(post("/api/v1/users/24/imports", "").status, 422);
  EXPECT_EQ(post("/api/v1/users/24/imports", "name,value\nx,1\n").status, 422);
  EXPECT_EQ(get("/api/v1/users/24/transactions/export?format=xml").status, 422);
  EXPECT_EQ(get("/api/v1/users/0/transactions/export").status, 422);
}

}  // namespace
}  // namespace finml
