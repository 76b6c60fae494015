#pragma once
/// @file reference_fixtures.hpp
/// Reads the long-format CSV fixtures written by tools/forecast/make_reference_fixtures.R:
/// reference_series.csv (name,frequency,t,value) and reference_{ets,arima}.csv
/// (case,field,index,value).
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace finml::analytics::forecast::testing {

inline std::string fixture_path(const std::string& file) {
  return std::string(FINML_FORECAST_FIXTURES) + "/" + file;
}

struct ReferenceSeries {
  int frequency = 1;
  std::vector<double> values;
};

/// Returns every series of reference_series.csv by name.
inline std::map<std::string, ReferenceSeries> read_series() {
  std::map<std::string, ReferenceSeries> out;
  std::ifstream in(fixture_path("reference_series.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string name, frequency, t, value;
    std::getline(row, name, ',');
    std::getline(row, frequency, ',');
    std::getline(row, t, ',');
    std::getline(row, value, ',');
    auto& s = out[name];
    s.frequency = std::stoi(frequency);
    s.values.push_back(std::stod(value));
  }
  return out;
}

/// One reference case: text fields and numeric vectors by field name.
struct ReferenceCase {
  std::string name;
  std::map<std::string, std::vector<std::string>> fields;

  [[nodiscard]] const std::string& text(const std::string& field) const {
    return fields.at(field).front();
  }
  [[nodiscard]] double number(const std::string& field) const { return std::stod(text(field)); }
  [[nodiscard]] int integer(const std::string& field) const { return std::stoi(text(field)); }
  [[nodiscard]] bool has(const std::string& field) const { return fields.count(field) > 0; }
  [[nodiscard]] std::vector<double> numbers(const std::string& field) const {
    std::vector<double> out;
    if (!has(field)) return out;
    for (const auto& v : fields.at(field)) out.push_back(v == "NA" ? 0.0 : std::stod(v));
    return out;
  }
};

/// Returns the cases of a reference_*.csv file in file order.
inline std::vector<ReferenceCase> read_cases(const std::string& file) {
  std::vector<ReferenceCase> out;
  std::ifstream in(fixture_path(file));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string name, field, index, value;
    std::getline(row, name, ',');
    std::getline(row, field, ',');
    std::getline(row, index, ',');
    std::getline(row, value, ',');
    if (out.empty() || out.back().name != name) out.push_back({name, {}});
    out.back().fields[field].push_back(value);
  }
  return out;
}

}  // namespace finml::analytics::forecast::testing
