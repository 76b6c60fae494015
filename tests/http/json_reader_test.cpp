#include <finml/http/json/reader.hpp>
#include <finml/http/json/transaction_json.hpp>

#include <gtest/gtest.h>

namespace finml::http::json {
namespace {

core::Currency inr() { return *core::Currency::from_code("INR"); }

struct Sample {
  std::optional<double> number;
  std::optional<std::int64_t> integer;
  std::optional<std::string> text;
};

// Reads {"number", "integer", "text"}, all required.
core::Result<Sample> read_sample(const std::string& body) {
  return decode<Sample>(body, [](Value& root) {
    Sample sample;
    read_object(root, {"number", "integer", "text"}, [&](std::string_view key, Value& field) {
      if (key == "number") {
        sample.number = field.number();
      } else if (key == "integer") {
        sample.integer = field.integer();
      } else if (key == "text") {
        sample.text = field.string();
      } else {
        field.skip();
      }
    });
    return sample;
  });
}

std::vector<std::string> problem_paths(const core::Error& error) {
  std::vector<std::string> paths;
  for (const auto& field : error.fields) paths.push_back(field.path + ":" + field.type);
  return paths;
}

TEST(JsonReaderTest, ReadsFieldsInAnyOrderAndIgnoresUnknownOnes) {
  const auto sample = read_sample(R"({"text": "hi", "extra": {"a": [1, 2, {"b": null}]}, "integer": 7, "number": 2.5})");
  ASSERT_TRUE(sample) << sample.error().message;
  EXPECT_EQ(sample->number, 2.5);
  EXPECT_EQ(sample->integer, 7);
  EXPECT_EQ(sample->text, "hi");
}

TEST(JsonReaderTest, AcceptsNumbersAsStringsAndIntegralFloats) {
  const auto sample = read_sample(R"({"number": "12.75", "integer": "42", "text": ""})");
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->number, 12.75);
  EXPECT_EQ(sample->integer, 42);
  const auto integral = read_sample(R"({"number": 1, "integer": 42.0, "text": ""})");
  ASSERT_TRUE(integral);
  EXPECT_EQ(integral->integer, 42);
}

TEST(JsonReaderTest, ReportsEveryProblemWithItsPath) {
  const auto sample = read_sample(R"({"number": null, "integer": 1.5})");
  ASSERT_FALSE(sample);
  EXPECT_EQ(sample.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(problem_paths(sample.error()),
            (std::vector<std::string>{"$.number:null", "$.integer:type_error", "$.text:missing"}));
}

TEST(JsonReaderTest, ReportsWrongTypesWithoutLosingItsPlace) {
  const auto sample = read_sample(R"({"number": [1, 2], "integer": {"x": 1}, "text": 5})");
  ASSERT_FALSE(sample);
  EXPECT_EQ(problem_paths(sample.error()),
            (std::vector<std::string>{"$.number:type_error", "$.integer:type_error", "$.text:type_error"}));
  const auto strings = read_sample(R"({"number": "abc", "integer": "4x", "text": "ok"})");
  ASSERT_FALSE(strings);
  EXPECT_EQ(strings.error().fields.size(), 2u);
}

TEST(JsonReaderTest, MalformedJsonIsNotAValidationError) {
  for (const std::string bad : {"{", R"({"number": 1,})", R"({"a": tru})", R"({"a": 1} x)", "[1 2]",
                                R"({"number": 01})", "{\"a\": \"\xff\"}", R"({"extra": [nul]})"}) {
    const auto sample = read_sample(bad);
    ASSERT_FALSE(sample) << bad;
    EXPECT_EQ(sample.error().code, core::ErrorCode::kMalformedInput) << bad;
    EXPECT_NE(sample.error().message.find("Malformed JSON"), std::string::npos);
  }
}

TEST(JsonReaderTest, AnEmptyBodyReadsAsAnEmptyObject) {
  const auto sample = read_sample("");
  ASSERT_FALSE(sample);
  EXPECT_EQ(sample.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(sample.error().fields.size(), 3u);
}

TEST(JsonReaderTest, AScalarBodyIsRefused) {
  const auto scalar = read_sample("42");
  ASSERT_FALSE(scalar);
  EXPECT_EQ(scalar.error().code, core::ErrorCode::kValidation);
  EXPECT_EQ(read_sample("\"unterminated").error().code, core::ErrorCode::kMalformedInput);
}

TEST(JsonReaderTest, QuotesOddKeysInPaths) {
  EXPECT_EQ(child_path("$", "amount"), "$.amount");
  EXPECT_EQ(child_path("$.a", "odd key"), R"($.a["odd key"])");
  EXPECT_EQ(element_path("$.transactions", 3), "$.transactions[3]");
}

std::vector<core::Transaction> read_rows(const std::string& body, core::Error* error = nullptr) {
  auto rows = decode<std::vector<core::Transaction>>(body, [](Value& root) { return read_transactions(root, inr()); });
  if (!rows) {
    if (error != nullptr) *error = rows.error();
    return {};
  }
  return *rows;
}

TEST(TransactionJsonTest, ReadsTheRealClientsRecord) {
  const auto rows = read_rows(
      R"([{"id": 17, "amount": 25000, "category": "Salary", "type": "INCOME", "date": "2026-10-31T18:30:00.000Z", "note": ""},
          {"id": 18, "amount": 1977.59, "category": "Groceries", "type": "expense", "date": "2025-10-31", "description": "BigBasket"}])");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].type, core::TransactionType::kIncome);
  EXPECT_EQ(rows[0].date.to_string(), "2026-11-01");  // a local midnight east of UTC
  EXPECT_EQ(rows[0].amount.minor_units(), 2'500'000);
  EXPECT_EQ(rows[0].external_id, "17");
  EXPECT_EQ(rows[1].amount.minor_units(), 197'759);
  EXPECT_EQ(rows[1].description, "BigBasket");
}

TEST(TransactionJsonTest, ReadsAmountsAsStringsAndOtherCurrencies) {
  const auto rows = read_rows(
      R"([{"amount": "100.50", "type": "expense", "date": "2025-01-02"},
          {"amount": 1234.5, "type": "expense", "date": "2025-01-02", "currency": "JPY"},
          {"amount": "1.2345", "currency": "kwd", "type": "expense", "date": "2025-01-02"}])");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].amount.minor_units(), 10'050);
  EXPECT_EQ(rows[0].category, "Uncategorized");
  EXPECT_EQ(rows[1].amount.currency().code(), "JPY");
  EXPECT_EQ(rows[1].amount.minor_units(), 1234);
  EXPECT_EQ(rows[2].amount.minor_units(), 1234);
}

TEST(TransactionJsonTest, LeavesOutRowsOfUnknownTypeButNotBadRows) {
  const auto rows = read_rows(
      R"([{"amount": 1, "type": "refund", "date": "2025-01-02"},
          {"amount": 2, "type": "Savings", "date": "2025-01-02", "category": null, "note": null}])");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].type, core::TransactionType::kSavings);

  core::Error error;
  EXPECT_TRUE(read_rows(R"([{"amount": null, "type": "expense", "date": "2025-13-01"}, {"type": "expense"}])", &error).empty());
  std::vector<std::string> paths;
  for (const auto& field : error.fields) paths.push_back(field.path + ":" + field.type);
  EXPECT_EQ(paths, (std::vector<std::string>{"$[0].amount:null", "$[0].date:value_error", "$[1].date:missing",
                                             "$[1].amount:missing"}));
}

}  // namespace
}  // namespace finml::http::json
