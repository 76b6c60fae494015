#pragma once
// API keys for tests that drive the real finml binary: `finml keys ...` run against a test
// server's database while the server runs, as an operator would.
#include <string>
#include <vector>

#include "support/process.hpp"

namespace finml::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `finml keys <arguments>` on `server`'s SQLite database and waits for it.
CommandResult run_keys_command(const FinmlServer& server, const std::vector<std::string>& arguments);

struct CreatedKey {
  std::string id;
  std::string key;
};

/// `finml keys create <arguments>` ("--admin", or "--user", "42"); throws when it fails.
CreatedKey create_api_key(const FinmlServer& server, const std::vector<std::string>& arguments);

}  // namespace finml::testing
