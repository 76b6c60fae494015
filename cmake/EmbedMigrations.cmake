# Generates a C++ source holding every storage/migrations/<dialect>/NNNN_name.sql file as a
# raw string, so that the binary carries its schema. Invoked at build time (cmake -P) with
#   -DDIALECT=sqlite -DSOURCE_DIR=<dir with .sql files> -DOUTPUT=<file.cpp>
file(GLOB files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.sql")
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  if(NOT file MATCHES "^([0-9]+)_([A-Za-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${file}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  file(READ "${SOURCE_DIR}/${file}" sql)
  if(sql MATCHES "\\)finml_sql\"")
    message(FATAL_ERROR "${file} contains the raw-string delimiter )finml_sql\"")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"finml_sql(${sql})finml_sql\"},\n")
endforeach()
set(content "// Generated from storage/migrations/${DIALECT}/*.sql by cmake/EmbedMigrations.cmake.
#include <finml/storage/migrations.hpp>

namespace finml::storage {
namespace {
constexpr Migration kMigrations[] = {
${entries}};
}  // namespace

std::span<const Migration> ${DIALECT}_migrations() noexcept { return kMigrations; }

}  // namespace finml::storage
")
# Rewrite only when changed, so that unchanged SQL does not trigger a rebuild.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
