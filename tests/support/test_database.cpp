#include "support/test_database.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace finml::testing {

void postgres_exec(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(connection);
    PQfinish(connection);
    throw std::runtime_error("cannot connect to " + url + ": " + error);
  }
  PGresult* result = PQexec(connection, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
  const std::string error = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(connection);
  if (!ok) throw std::runtime_error(sql + ": " + error);
}

std::optional<std::string> new_postgres_database(const std::string& name) {
  const char* backend = std::getenv("FINML_TEST_BACKEND");
  if (backend == nullptr || std::string(backend) != "postgres") return std::nullopt;
  const char* url_file = std::getenv("FINML_TEST_POSTGRES_URL_FILE");
  if (url_file == nullptr) throw std::runtime_error("FINML_TEST_POSTGRES_URL_FILE is not set");
  std::string server_url;
  std::getline(std::ifstream(url_file), server_url);
  if (server_url.empty()) throw std::runtime_error(std::string("no URL in ") + url_file);
  postgres_exec(server_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  postgres_exec(server_url, "CREATE DATABASE " + name);
  return server_url.substr(0, server_url.rfind('/') + 1) + name;
}

}  // namespace finml::testing
