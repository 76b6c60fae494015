# Third-party libraries, all from Debian 12 packages (scripts/install-deps.sh installs them).
# Imported targets keep their include directories SYSTEM, so our warning flags do not apply to them.
find_package(Threads REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(spdlog CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(RapidJSON CONFIG REQUIRED)
find_package(prometheus-cpp CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(SQLiteCpp CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)

# libsodium (libsodium-dev): random API keys and their hashes. No CMake config; pkg-config has it.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# xxHash (libxxhash-dev): fast digests of canonical request bodies for cache keys.
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)

# Standalone Asio (libasio-dev) is header-only.
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
add_library(finml_asio INTERFACE)
target_include_directories(finml_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
target_compile_definitions(finml_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
target_link_libraries(finml_asio INTERFACE Threads::Threads)

# nodejs http-parser (libhttp-parser-dev) ships a static library and one header, no CMake config.
find_path(HTTP_PARSER_INCLUDE_DIR http_parser.h REQUIRED)
find_library(HTTP_PARSER_LIBRARY NAMES http_parser REQUIRED)
add_library(finml_http_parser INTERFACE)
target_include_directories(finml_http_parser SYSTEM INTERFACE ${HTTP_PARSER_INCLUDE_DIR})
target_link_libraries(finml_http_parser INTERFACE ${HTTP_PARSER_LIBRARY})

add_library(finml_rapidjson INTERFACE)
target_include_directories(finml_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})

# Numerical libraries of the forecasting engine (libeigen3-dev; header-only, linked PRIVATE).
find_package(Eigen3 3.3 CONFIG REQUIRED)
