// Bank-file import and transaction export of a user's stored data (issue 7):
//   POST /api/v1/users/{user_id}/imports                      the file as the body
//   GET  /api/v1/users/{user_id}/transactions/export?format=csv|json
// The body is the file, or a multipart/form-data form whose part named "file" (or the first part
// with a filename, or else the first part) is the file.
// The import stores in one database transaction and answers its report; a file with rejected
// rows stores nothing and answers 422 listing each with its line (unless skip_invalid=true).
#include <array>
#include <optional>
#include <charconv>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <finml/core/text.hpp>
#include <finml/http/handlers/handlers.hpp>
#include <finml/http/handlers/request_parameters.hpp>
#include <finml/http/json/export_json.hpp>
#include <finml/ingest/csv.hpp>
#include <finml/ingest/ingest.hpp>
#include <finml/ingest/text.hpp>
#include <finml/service/import_service.hpp>

namespace finml::http::handlers {
namespace {

// Query parameters that are lines of a CSV mapping (ingest::parse_csv_mapping), by the key
// they become; "currency" is the default currency, so the currency column is currency_column.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kMappingParameters{{
    {"delimiter", "delimiter"},
    {"header", "header"},
    {"decimal_comma", "decimal_comma"},
    {"date_format", "date_format"},
    {"date_column", "date"},
    {"amount_column", "amount"},
    {"debit_column", "debit"},
    {"credit_column", "credit"},
    {"type_column", "type"},
    {"category_column", "category"},
    {"description_column", "description"},
    {"note_column", "note"},
    {"currency_column", "currency"},
    {"account_column", "account"},
}};

/// The file of a multipart/form-data body with this boundary; nullopt when the body is not
/// such a form.
std::optional<std::string_view> multipart_file(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::size_t at = body.find(delimiter);
  std::optional<std::string_view> first;
  std::optional<std::string_view> with_filename;
  while (at != std::string_view::npos) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") break;  // the closing delimiter
    const std::size_t headers_start = body.find("\r\n", at);
    if (headers_start == std::string_view::npos) return std::nullopt;
    const std::size_t headers_end = body.find("\r\n\r\n", headers_start);
    if (headers_end == std::string_view::npos) return std::nullopt;
    const std::string headers = core::to_lower_ascii(body.substr(headers_start, headers_end - headers_start));
    const std::size_t content_start = headers_end + 4;
    const std::size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return std::nullopt;
    const std::string_view content = body.substr(content_start, next - content_start);
    if (headers.find("name=\"file\"") != std::string::npos) return content;
    if (!with_filename && headers.find("filename=") != std::string::npos) with_filename = content;
    if (!first) first = content;
    at = next + 2;
  }
  if (with_filename) return with_filename;
  return first;
}

/// The file of the request: the body, or its file part when it is multipart/form-data.
core::Result<std::string_view> import_content(const RequestContext& context) {
  const std::string_view body = context.request.body;
  const auto content_type = context.request.header("content-type");
  if (!content_type) return body;
  const std::string type = core::to_lower_ascii(*content_type);
  if (!type.starts_with("multipart/form-data")) return body;
  const std::size_t at = type.find("boundary=");
  if (at == std::string::npos) {
    return core::fail_validation({{"header.Content-Type", "multipart/form-data needs a boundary", "value_error"}});
  }
  // The boundary as sent (its case matters), without quotes or following parameters.
  std::string_view boundary = std::string_view(*content_type).substr(at + 9);
  boundary = boundary.substr(0, boundary.find(';'));
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  const auto file = boundary.empty() ? std::nullopt : multipart_file(body, boundary);
  if (!file) return core::fail_validation({{"body", "is not a multipart/form-data form with a file part", "value_error"}});
  return *file;
}

core::Result<service::ImportRequest> read_import_request(const RequestContext& context, core::UserId user,
                                                         core::Currency default_currency) {
  const auto content = import_content(context);
  if (!content) return std::unexpected(content.error());
  service::ImportRequest request{.user = user, .content = *content};
  request.options.currency = default_currency;
  std::vector<core::FieldError> problems;
  const auto query = [&](std::string_view name) -> std::optional<std::string> {
    auto value = context.request.query_parameter(name);
    if (!value || value->empty()) return std::nullopt;
    return std::string(*value);
  };
  if (const auto format = query("format")) {
    request.format = ingest::parse_format(*format);
    if (!request.format) problems.push_back({"query.format", "must be csv, qif, ofx or qfx", "value_error"});
  }
  if (const auto code = query("currency")) {
    const auto currency = core::Currency::from_code(*code);
    if (currency) {
      request.options.currency = *currency;
    } else {
      problems.push_back({"query.currency", "must be an ISO 4217 currency code", "value_error"});
    }
  }
  if (const auto account = query("account_id")) {
    const auto id = parse_decimal_integer(*account);
    if (!id || *id <= 0) {
      problems.push_back({"query.account_id", "must be a positive integer", "type_error"});
    } else {
      request.options.account = core::AccountId(*id);
    }
  }
  if (const auto skip = query("skip_invalid")) {
    if (*skip == "true" || *skip == "false") {
      request.skip_invalid = *skip == "true";
    } else {
      problems.push_back({"query.skip_invalid", "must be true or false", "type_error"});
    }
  }
  for (const auto& [parameter, key] : kMappingParameters) {
    const auto value = query(parameter);
    if (!value) continue;
    auto line = ingest::parse_csv_mapping(std::string(key) + " = " + *value + "\n");
    if (!line) {
      std::string message = line.error().message;
      if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
      problems.push_back({"query." + std::string(parameter), message, "value_error"});
    }
  }
  if (!problems.empty()) return core::fail_validation(std::move(problems));
  std::string mapping_text;
  for (const auto& [parameter, key] : kMappingParameters) {
    if (const auto value = query(parameter)) mapping_text += std::string(key) + " = " + *value + "\n";
  }
  auto mapping = ingest::parse_csv_mapping(mapping_text);
  if (!mapping) return std::unexpected(mapping.error());
  request.mapping = std::move(*mapping);
  return request;
}

}  // namespace

Handler users_imports_post(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    auto request = read_import_request(context, *user, deps.default_currency);
    if (!request) return std::unexpected(std::move(request.error()));
    if (request->content.empty()) {
      return core::fail_validation({{"body", "must be the file to import, not empty", "missing"}});
    }
    auto report = service::import_transactions(deps.database, *request);
    if (!report) {
      if (report.error().code == core::ErrorCode::kValidation && report.error().fields.empty()) {
        return core::fail_validation({{"body", report.error().message, "value_error"}});
      }
      return std::unexpected(std::move(report.error()));
    }
    if (!report->stored) {
      std::vector<core::FieldError> rows;
      for (const auto& rejected : report->rejected) {
        rows.push_back({"body.line[" + std::to_string(rejected.line) + "]", rejected.reason, "value_error"});
      }
      return core::fail_validation(std::move(rows));
    }
    Response response;
    response.status = report->inserted > 0 ? 201 : 200;
    response.body = json::write_import_report(*report);
    return response;
  };
}

Handler users_transactions_export_get(const Dependencies& deps) {
  return [&deps](const RequestContext& context) -> core::Result<Response> {
    const auto user = user_id_parameter(context);
    if (!user) return std::unexpected(user.error());
    const std::string format = core::to_lower_ascii(context.request.query_parameter("format").value_or("csv"));
    if (format != "csv" && format != "json") {
      return core::fail_validation({{"query.format", "must be csv or json", "value_error"}});
    }
    auto rows = service::export_transactions(deps.database, *user);
    if (!rows) return std::unexpected(std::move(rows.error()));
    Response response;
    const std::string name = "transactions-" + std::to_string(user->value()) + "." + format;
    if (format == "csv") {
      response.content_type = "text/csv; charset=utf-8";
      response.body = ingest::write_csv(*rows);
    } else {
      response.body = json::write_transactions_export(*user, *rows);
    }
    response.with_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return response;
  };
}

}  // namespace finml::http::handlers
