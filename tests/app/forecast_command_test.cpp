// `finml forecast` through run_forecast_command() with string streams: the JSON contract, the
// exit codes and messages for bad input, batch order, and fallbacks on awkward series.
#include <finml/app/forecast_command.hpp>

#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

namespace finml::app {
namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

Run run(const ForecastCommandOptions& options, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  Run r;
  r.code = run_forecast_command(options, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

ForecastCommandOptions flags(int horizon, int period, std::string model = "auto") {
  ForecastCommandOptions options;
  options.horizon = horizon;
  options.period = period;
  options.model = std::move(model);
  return options;
}

/// Parses the output and returns the length of `key`'s array in the object (or -1).
std::int64_t array_length(simdjson::ondemand::object object, std::string_view key) {
  simdjson::ondemand::array array;
  if (object[key].get_array().get(array) != simdjson::SUCCESS) return -1;
  std::int64_t count = 0;
  for (auto element : array) {
    double v = 0.0;
    if (element.get_double().get(v) != simdjson::SUCCESS) return -1;  // nulls are not expected here
    ++count;
  }
  return count;
}

TEST(ForecastCommandTest, PrintsModelMeanAndBoundsForOneSeries) {
  const auto r = run(flags(6, 4), R"({"values":[10,14,8,25,16,22,14,35,15,27,18,40,28,40,25,65]})");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty());
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(r.out);
  simdjson::ondemand::document doc = parser.iterate(json);
  simdjson::ondemand::object object = doc.get_object();
  std::string_view model;
  ASSERT_EQ(object["model"].get_string().get(model), simdjson::SUCCESS);
  EXPECT_FALSE(model.empty());
  EXPECT_EQ(array_length(object, "mean"), 6);
  EXPECT_EQ(array_length(object, "lower"), 6);
  EXPECT_EQ(array_length(object, "upper"), 6);
}

TEST(ForecastCommandTest, HonoursTheRequestedModel) {
  const auto r = run(flags(3, 1, "drift"), R"({"values":[1,2,3,4,5]})");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(R"("model":"Random walk with drift")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("mean":[6.0,7.0,8.0])"), std::string::npos) << r.out;
}

TEST(ForecastCommandTest, RejectsBadInputWithExitCodeTwo) {
  const std::pair<ForecastCommandOptions, std::string> cases[] = {
      {flags(3, 1), ""},                                   // empty input
      {flags(3, 1), "not json"},                           // malformed
      {flags(3, 1), R"({"values":[]})"},                   // no values
      {flags(3, 1), R"({"values":[1,"x",3]})"},            // not a number
      {flags(3, 1), R"({"values":[1,1e999,3]})"},          // not finite
      {flags(3, 1), R"({"series":[1,2,3]})"},              // values missing
      {flags(0, 1), R"({"values":[1,2,3]})"},              // horizon below 1
      {flags(3, 1, "prophet"), R"({"values":[1,2,3]})"},   // unknown model
  };
  for (const auto& [options, input] : cases) {
    SCOPED_TRACE(input);
    const auto r = run(options, input);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty());
    EXPECT_NE(r.err.find("finml forecast:"), std::string::npos) << r.err;
  }
  ForecastCommandOptions bad_level = flags(3, 1);
  bad_level.level = 1.5;
  EXPECT_EQ(run(bad_level, R"({"values":[1,2,3]})").code, 2);
}

TEST(ForecastCommandTest, BatchKeepsTheOrderAndNames) {
  ForecastCommandOptions options;
  options.batch = true;
  const auto r = run(options, R"([
      {"name":"rent","values":[900,900,900,950,950,950],"horizon":2,"period":1},
      {"name":"food","values":[310,280,330,295,305,290,320,300],"horizon":3},
      {"name":"tiny","values":[5],"horizon":1,"period":12}])");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rent = r.out.find(R"("name":"rent")");
  const auto food = r.out.find(R"("name":"food")");
  const auto tiny = r.out.find(R"("name":"tiny")");
  ASSERT_NE(rent, std::string::npos);
  ASSERT_NE(food, std::string::npos);
  ASSERT_NE(tiny, std::string::npos);
  EXPECT_LT(rent, food);
  EXPECT_LT(food, tiny);
  EXPECT_EQ(r.out.front(), '[');
}

TEST(ForecastCommandTest, BatchRejectsAnItemWithoutHorizonOrWithBadValues) {
  ForecastCommandOptions options;
  options.batch = true;
  EXPECT_EQ(run(options, R"([{"name":"a","values":[1,2,3]}])").code, 2);
  const auto r = run(options, R"([{"name":"a","values":[1,2],"horizon":2},
                                  {"name":"b","values":[],"horizon":2}])");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("$[1].values"), std::string::npos) << r.err;
  EXPECT_EQ(run(options, R"({"values":[1,2,3]})").code, 2);  // not a list
}

TEST(ForecastCommandTest, NeverWritesNanOrInfinity) {
  // Naive has no fitted value for the first point: it must come out as null.
  const auto r = run(flags(2, 1, "naive"), R"({"values":[3,4,5]})");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("NaN"), std::string::npos);
  EXPECT_EQ(r.out.find("Infinity"), std::string::npos);
  EXPECT_NE(r.out.find(R"("fitted":[null,3.0,4.0])"), std::string::npos) << r.out;
}

TEST(ForecastCommandTest, FallsBackInsteadOfFailingOnAwkwardSeries) {
  for (const std::string input : {R"({"values":[0,0,0,0,0,0]})", R"({"values":[7,7]})",
                                  R"({"values":[1e-300,2e-300,1e-300,3e-300]})",
                                  R"({"values":[-5,1000000,-5,3,-5,2,0]})"}) {
    for (const std::string model : {"auto", "ets", "arima", "theta", "combo", "linear", "snaive"}) {
      SCOPED_TRACE(input + " " + model);
      const auto r = run(flags(4, 12, model), input);
      EXPECT_EQ(r.code, 0) << r.err;
      EXPECT_EQ(r.out.find("null]"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace finml::app
