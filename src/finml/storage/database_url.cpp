#include <finml/storage/database_url.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

#include <finml/core/text.hpp>

namespace finml::storage {
namespace {

constexpr std::string_view kSchemeSeparator = "://";
constexpr std::string_view kRedacted = "***";
constexpr std::string_view kAccepted =
    "expected sqlite:///relative/path.db, sqlite:////absolute/path.db, sqlite:///:memory: or "
    "postgresql://user:password@host:port/database";

/// Splits SQLAlchemy's "dialect+driver" into the dialect; the driver is a Python concern.
[[nodiscard]] std::string_view dialect_of(std::string_view scheme) noexcept {
  return scheme.substr(0, scheme.find('+'));
}

[[nodiscard]] core::Result<DatabaseUrl> parse_sqlite(std::string_view rest) {
  // rest is what follows "sqlite://": an empty host, then "/" and the path. SQLAlchemy reads
  // "sqlite://" with nothing after it as an in-memory database.
  if (rest.empty()) return DatabaseUrl{Backend::kSqlite, ":memory:"};
  if (rest.front() != '/') {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "DATABASE_URL: a sqlite URL has no host: write sqlite:///relative/path.db "
                      "or sqlite:////absolute/path.db");
  }
  const std::string_view path = rest.substr(1);
  if (path.empty()) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "DATABASE_URL: the sqlite URL names no file; " + std::string(kAccepted));
  }
  if (path.find('?') != std::string_view::npos) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "DATABASE_URL: sqlite URLs take no query parameters (finml sets WAL mode, "
                      "foreign keys and timeouts itself)");
  }
  return DatabaseUrl{Backend::kSqlite, std::string(path)};
}

}  // namespace

core::Result<DatabaseUrl> parse_database_url(std::string_view url) {
  const std::size_t separator = url.find(kSchemeSeparator);
  if (separator == std::string_view::npos || separator == 0) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "DATABASE_URL has no scheme; " + std::string(kAccepted));
  }
  const std::string scheme = core::to_lower_ascii(url.substr(0, separator));
  const std::string_view dialect = dialect_of(scheme);
  const std::string_view rest = url.substr(separator + kSchemeSeparator.size());

  if (dialect == "sqlite") return parse_sqlite(rest);
  if (dialect == "postgresql" || dialect == "postgres") {
    // libpq understands both postgresql:// and postgres://, but no driver suffix.
    const std::string_view kept_scheme = dialect == "postgres" ? "postgres" : "postgresql";
    std::string location(kept_scheme);
    location += kSchemeSeparator;
    location += rest;
    return DatabaseUrl{Backend::kPostgres, std::move(location)};
  }
  return core::fail(core::ErrorCode::kInvalidArgument,
                    "DATABASE_URL scheme \"" + std::string(url.substr(0, separator)) +
                        "\" is not supported; " + std::string(kAccepted));
}

std::string redact_database_url(std::string_view url) {
  std::string out(url);
  const std::size_t separator = out.find(kSchemeSeparator);
  const std::size_t authority_begin =
      separator == std::string::npos ? 0 : separator + kSchemeSeparator.size();

  // user:password@host — the password ends at the last '@' of the authority.
  const std::size_t authority_end = std::min(out.find_first_of("/?#", authority_begin), out.size());
  const std::size_t at = out.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
  if (separator != std::string::npos && at != std::string::npos && at >= authority_begin) {
    const std::size_t colon = out.find(':', authority_begin);
    if (colon != std::string::npos && colon < at && colon + 1 < at) {
      out.replace(colon + 1, at - colon - 1, kRedacted);
    }
  }

  // libpq also takes the password as a query parameter: ...?password=secret&sslmode=require
  const std::size_t query = out.find('?');
  if (query == std::string::npos) return out;
  for (std::size_t begin = query + 1; begin < out.size();) {
    std::size_t end = out.find('&', begin);
    if (end == std::string::npos) end = out.size();
    constexpr std::string_view kPasswordKey = "password=";
    if (core::to_lower_ascii(std::string_view(out).substr(begin, kPasswordKey.size())) == kPasswordKey &&
        end > begin + kPasswordKey.size()) {
      const std::size_t value = begin + kPasswordKey.size();
      out.replace(value, end - value, kRedacted);
      end = value + kRedacted.size();
    }
    begin = end + 1;
  }
  return out;
}

}  // namespace finml::storage
