#include <finml/app/cli.hpp>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <finml/app/build_info.hpp>
#include <finml/app/config.hpp>
#include <finml/app/export_command.hpp>  // issue 7, helper I
#include <finml/app/forecast_command.hpp>
#include <finml/app/import_command.hpp>  // issue 7, helper I
#include <finml/app/keys_command.hpp>
#include <finml/app/serve.hpp>

namespace finml::app {
namespace {

constexpr int kUsageError = 2;

using FlagValues = std::map<std::string, std::string, std::less<>>;

// Every setting as a flag of `command`, described with its variable and default; the values
// land in `values` (std::map keeps references to its elements stable).
void add_setting_flags(CLI::App& command, FlagValues& values) {
  for (const auto& setting : settings()) {
    auto& slot = values[std::string(setting.variable)];
    std::string help = std::string(setting.help) + " [env " + std::string(setting.variable) +
                       ", default " + (setting.default_text.empty() ? "empty" : std::string(setting.default_text)) +
                       "]";
    command.add_option(std::string(setting.flag), slot, help)->type_name("VALUE");
  }
}

std::string settings_table() {
  std::ostringstream out;
  out << "\nSettings (flag > environment variable > .env file > default):\n";
  for (const auto& setting : settings()) {
    out << "  " << setting.flag << " / " << setting.variable << " (default "
        << (setting.default_text.empty() ? "empty" : setting.default_text) << ")\n      " << setting.help << "\n";
  }
  return out.str();
}

core::Result<Config> configure(const FlagValues& flag_values,
                               const CLI::App& command, const std::string& env_file, bool env_file_given) {
  ConfigSources sources;
  for (const auto& setting : settings()) {
    const auto* option = command.get_option_no_throw(std::string(setting.flag));
    if (option != nullptr && option->count() > 0) {
      sources.flags[std::string(setting.variable)] = flag_values.at(std::string(setting.variable));
    }
  }
  sources.environment = settings_from_environment();
  sources.hardware_threads = std::max(1u, std::thread::hardware_concurrency());
  std::ifstream file(env_file);
  if (file) {
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = parse_dotenv(text.str());
    if (!parsed) return std::unexpected(parsed.error());
    sources.dotenv = std::move(*parsed);
  } else if (env_file_given) {
    return core::fail(core::ErrorCode::kInvalidArgument, "--env-file: cannot read " + env_file);
  }
  return load_config(sources);
}

// glibc keeps up to seven freed chunks per size class in a cache per thread; under sustained
// load that shows as resident memory creeping up by tens of KiB per million requests
// (bench/README.md). The cache can only be switched off before the process starts, so
// `serve` re-executes itself once with it off, unless GLIBC_TUNABLES already decides.
void reexec_without_malloc_thread_cache(char** argv) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "tcache_count") != nullptr) return;
  const std::string value = tunables != nullptr && *tunables != '\0'
                                ? std::string(tunables) + ":glibc.malloc.tcache_count=0"
                                : std::string("glibc.malloc.tcache_count=0");
  ::setenv("GLIBC_TUNABLES", value.c_str(), 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: then serve with the cache
}

}  // namespace

int run_cli(int argc, char** argv) {
  const BuildInfo build = build_info();
  CLI::App app{"finml: personal-finance analytics over HTTP (forecasts, health score, budgets, "
               "recurring charges, goals)"};
  app.require_subcommand(1);
  app.fallthrough();  // --env-file may also follow the command
  app.footer(settings_table());
  std::string env_file = ".env";
  auto* env_file_option = app.add_option("--env-file", env_file, "File of KEY=VALUE settings (default ./.env)");

  auto* serve_command = app.add_subcommand("serve", "Run the HTTP server (default 127.0.0.1:8000, SQLite ./finml.db)");
  FlagValues serve_values;
  add_setting_flags(*serve_command, serve_values);
  auto* migrate_command = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  FlagValues migrate_values;
  add_setting_flags(*migrate_command, migrate_values);

  auto* health_command = app.add_subcommand("healthcheck", "Exit 0 when the server's GET /health answers 200");
  std::string health_host = "127.0.0.1";
  int health_port = 8000;
  double health_timeout = 3.0;
  // Environment variables are read only once this command is chosen: CLI11 would check them
  // for every command.
  auto* health_host_option = health_command->add_option("--host", health_host, "Server address [env HOST]");
  auto* health_port_option = health_command->add_option("--port", health_port, "Server port [env PORT]");
  health_command->add_option("--timeout", health_timeout, "Seconds to wait")->check(CLI::PositiveNumber);

  auto* forecast_command = app.add_subcommand(
      "forecast", "Forecast {\"values\":[...]} read on stdin (with --batch: a list of {name, values, horizon, period})");
  ForecastCommandOptions forecast_options;
  forecast_command->add_option("--horizon", forecast_options.horizon, "Steps ahead (>= 1; with --batch the default for items)");
  forecast_command->add_option("--period", forecast_options.period, "Season length (0 detects it, 1 means none)");
  forecast_command->add_option("--level", forecast_options.level, "Interval coverage in (0, 1)");
  forecast_command->add_option("--model", forecast_options.model,
                               "auto|ets|arima|theta|snaive|naive|drift|linear|mean|combo");
  forecast_command->add_flag("--batch", forecast_options.batch, "Read a JSON list of series");

  // API keys: each command takes the settings serve takes, for DATABASE_URL.
  auto* keys_command = app.add_subcommand("keys", "Create, list and revoke API keys");
  keys_command->require_subcommand(1);
  auto* keys_create = keys_command->add_subcommand(
      "create", "Create a key (printed once, as JSON): --user ID for a user's key, --admin for an admin key");
  KeysCreateOptions keys_create_options;
  std::int64_t keys_user = 0;
  auto* keys_user_option = keys_create->add_option("--user", keys_user, "The user the key acts for");
  auto* keys_admin_option = keys_create->add_flag("--admin", keys_create_options.admin, "An admin key");
  keys_user_option->excludes(keys_admin_option);
  keys_create->add_option("--name", keys_create_options.name, "A label for people");
  FlagValues keys_create_values;
  add_setting_flags(*keys_create, keys_create_values);
  auto* keys_list = keys_command->add_subcommand("list", "Print every key as JSON, without the keys themselves");
  FlagValues keys_list_values;
  add_setting_flags(*keys_list, keys_list_values);
  auto* keys_revoke = keys_command->add_subcommand("revoke", "Revoke a key by its id (exit 1 when there is none)");
  std::string keys_revoke_id;
  keys_revoke->add_option("id", keys_revoke_id, "The key's id")->required();
  FlagValues keys_revoke_values;
  add_setting_flags(*keys_revoke, keys_revoke_values);

  // --- import and export (issue 7, helper I): each takes the settings serve takes, for DATABASE_URL.
  auto* import_command = app.add_subcommand(
      "import", "Import a bank file (CSV, QIF, OFX/QFX) for a user in one transaction; prints a JSON report");
  ImportCommandOptions import_options;
  import_options.currency.clear();  // DEFAULT_CURRENCY unless --currency
  import_command->add_option("--user", import_options.user, "The user the transactions belong to")->required();
  import_command->add_option("file", import_options.file, "The file to import")->required();
  import_command->add_option("--mapping", import_options.mapping,
                             "CSV column mapping file (key = value lines: delimiter, header, decimal_comma, "
                             "date_format, date, amount, debit, credit, type, category, description, note, "
                             "currency, account)");
  import_command->add_option("--format", import_options.format, "csv|qif|ofx|qfx (default: detected)");
  import_command->add_option("--currency", import_options.currency,
                             "Currency of rows that name none (default: DEFAULT_CURRENCY)");
  std::int64_t import_account = 0;
  auto* import_account_option = import_command->add_option("--account", import_account, "Account id set on every row");
  import_command->add_option("--date-format", import_options.date_format,
                             "DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD (default: detected)");
  import_command->add_flag("--skip-invalid", import_options.skip_invalid,
                           "Store the valid rows even when some are rejected (default: store nothing)");
  FlagValues import_values;
  add_setting_flags(*import_command, import_values);
  auto* export_command = app.add_subcommand("export", "Write a user's transactions as CSV or JSON");
  ExportCommandOptions export_options;
  export_command->add_option("--user", export_options.user, "The user whose transactions to write")->required();
  export_command->add_option("--format", export_options.format, "csv|json (default csv)");
  export_command->add_option("--output", export_options.output, "File to write (default: standard output)");
  FlagValues export_values;
  add_setting_flags(*export_command, export_values);
  // --- end import and export ---

  app.add_subcommand("version", "Print the version and build");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }

  const bool env_file_given = env_file_option->count() > 0;
  const auto load = [&](const FlagValues& values,
                        const CLI::App& command) -> core::Result<Config> {
    return configure(values, command, env_file, env_file_given);
  };
  const auto refuse = [](const core::Error& error) {
    std::cerr << "finml: invalid configuration:\n" << error.message << "\n";
    return kUsageError;
  };

  if (serve_command->parsed()) {
    auto config = load(serve_values, *serve_command);
    if (!config) return refuse(config.error());
    reexec_without_malloc_thread_cache(argv);
    return serve(*config);
  }
  if (migrate_command->parsed()) {
    auto config = load(migrate_values, *migrate_command);
    if (!config) return refuse(config.error());
    return migrate(*config);
  }
  if (keys_command->parsed()) {
    CLI::App& command = keys_create->parsed() ? *keys_create : keys_list->parsed() ? *keys_list : *keys_revoke;
    const FlagValues& values =
        keys_create->parsed() ? keys_create_values : keys_list->parsed() ? keys_list_values : keys_revoke_values;
    auto config = load(values, command);
    if (!config) return refuse(config.error());
    config->db_pool_size = 1;
    auto database = open_database(*config);
    if (!database) {
      std::cerr << "finml keys: " << database.error().message << "\n";
      return kKeysFailed;
    }
    if (keys_create->parsed()) {
      if (keys_user_option->count() > 0) keys_create_options.user = keys_user;
      return run_keys_create(**database, keys_create_options, std::cout, std::cerr);
    }
    if (keys_list->parsed()) return run_keys_list(**database, std::cout, std::cerr);
    return run_keys_revoke(**database, keys_revoke_id, std::cout, std::cerr);
  }
  // --- import and export (issue 7, helper I) ---
  if (import_command->parsed() || export_command->parsed()) {
    const bool importing = import_command->parsed();
    auto config = load(importing ? import_values : export_values, importing ? *import_command : *export_command);
    if (!config) return refuse(config.error());
    config->db_pool_size = 1;
    auto database = open_database(*config);
    if (!database) {
      std::cerr << (importing ? "finml import: " : "finml export: ") << database.error().message << "\n";
      return importing ? kImportFailed : kExportFailed;
    }
    if (importing && import_account_option->count() > 0) import_options.account = import_account;
    if (importing && import_options.currency.empty()) {
      import_options.currency = std::string(config->default_currency.code());
    }
    if (importing) return run_import_command(**database, import_options, std::cout, std::cerr);
    return run_export_command(**database, export_options, std::cout, std::cerr);
  }
  // --- end import and export ---
  if (forecast_command->parsed()) return run_forecast_command(forecast_options, std::cin, std::cout, std::cerr);
  if (health_command->parsed()) {
    const auto environment = settings_from_environment();
    if (health_host_option->count() == 0 && environment.contains("HOST")) health_host = environment.at("HOST");
    if (health_port_option->count() == 0 && environment.contains("PORT")) {
      try {
        health_port = std::stoi(environment.at("PORT"));
      } catch (const std::exception&) {
        health_port = 0;
      }
    }
    if (health_port < 1 || health_port > 65535) {
      std::cerr << "finml healthcheck: PORT must be an integer from 1 to 65535\n";
      return kUsageError;
    }
    return healthcheck(health_host, static_cast<std::uint16_t>(health_port),
                       std::chrono::milliseconds(static_cast<std::int64_t>(health_timeout * 1000)));
  }
  std::cout << build.name << " " << build.version << " (" << build.commit << ", " << build.build_type << ", "
            << build.compiler << ")\n";
  return 0;
}

}  // namespace finml::app
