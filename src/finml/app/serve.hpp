#pragma once
/// @file finml/app/serve.hpp
/// The composition root: opens the database, builds the services and the route table, runs
/// the server until SIGTERM or SIGINT, then shuts down gracefully.
#include <memory>

#include <finml/app/config.hpp>
#include <finml/storage/database.hpp>

namespace finml::app {

/// Opens (and migrates) the database DATABASE_URL names, once, without waiting for it.
[[nodiscard]] core::Result<std::unique_ptr<storage::Database>> open_database(const Config& config);

/// Runs `finml serve`; returns the process exit code (0 after a clean shutdown, 1 when the
/// database or the address is unavailable).
int serve(const Config& config);

/// Runs `finml migrate`: applies pending migrations and exits.
int migrate(const Config& config);

/// Runs `finml healthcheck`: GET /health on host:port; 0 when it answers 200.
int healthcheck(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace finml::app
