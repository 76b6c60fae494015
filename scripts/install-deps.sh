#!/usr/bin/env bash
# Installs the Debian 12 packages finml needs, and only those missing, with apt-get (through
# sudo when not root). Usage: scripts/install-deps.sh [build|test|bench]
#   build  compilers and libraries for the finml binary (what `make run` needs)
#   test   build + GoogleTest + a PostgreSQL server for the storage tests (what `make test` needs)
#   bench  test + Google Benchmark and wrk
set -euo pipefail

profile="${1:-build}"

build_packages=(
  build-essential cmake ninja-build pkg-config ccache git ca-certificates
  libasio-dev libhttp-parser-dev libsimdjson-dev rapidjson-dev nlohmann-json3-dev
  libsqlitecpp-dev libsqlite3-dev libpq-dev libhiredis-dev
  libspdlog-dev libfmt-dev prometheus-cpp-dev libcli11-dev libsodium-dev libxxhash-dev
  libeigen3-dev libnlopt-cxx-dev liblbfgspp-dev
)
test_packages=(libgtest-dev libgmock-dev postgresql curl procps)
# The deployment check and the scale-out test (tests/deploy): nginx and Redis on loopback, the
# compose file parsed by docker-compose (v1) and PyYAML.
test_packages+=(nginx redis-server docker-compose python3 python3-yaml)
# libofx's ofxdump, against which tests/ingest checks finml's own OFX/QFX reader.
test_packages+=(ofx)
bench_packages=(libbenchmark-dev wrk librestinio-dev)

packages=("${build_packages[@]}")
case "$profile" in
  build) ;;
  test) packages+=("${test_packages[@]}" "${bench_packages[0]}") ;;
  bench) packages+=("${test_packages[@]}" "${bench_packages[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# The /docs page's Swagger UI comes from npm at build time (web/package.json). A Node.js that
# is already there (with its own npm) is used as it is; Debian's only when there is none.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
# The OpenAPI test (tests/api/openapi_test.py) validates answers with Debian's python3-jsonschema.
if [ "$profile" != build ] &&
   ! dpkg-query -W -f='${Status}' python3-jsonschema 2>/dev/null | grep -q "install ok installed"; then
  missing+=(python3-jsonschema)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
