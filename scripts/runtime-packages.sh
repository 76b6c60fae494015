#!/usr/bin/env bash
# Prints, one per line, the Debian packages that provide the shared libraries a binary loads
# (ldd, then dpkg -S). The Dockerfile's build stage runs it on the Release binary, so that the
# runtime stage installs exactly those packages and nothing of the build toolchain.
# Fails when a library is missing or belongs to no package.
#   scripts/runtime-packages.sh build/release/finml
set -euo pipefail

if [[ $# -ne 1 || ! -x $1 ]]; then
  echo "usage: $0 <binary>" >&2
  exit 2
fi

libraries=$(ldd "$1")
if grep -q "not found" <<<"$libraries"; then
  echo "runtime-packages: libraries not found:" >&2
  grep "not found" <<<"$libraries" >&2
  exit 1
fi

# "libfoo.so.1 => /lib/x86_64-linux-gnu/libfoo.so.1 (0x...)": the resolved path is field 3.
# dpkg knows a library by the path its package installed, which may be the /usr/lib twin of the
# /lib path (merged /usr) or the target of a symlink, so each is tried.
awk '$2 == "=>" && $3 ~ /^\// { print $3 }' <<<"$libraries" | while read -r library; do
  package=""
  for candidate in "$library" "/usr$library" "$(readlink -f "$library")" "/usr$(readlink -f "$library")"; do
    if owner=$(dpkg -S "$candidate" 2>/dev/null); then
      package=${owner%%:*}
      break
    fi
  done
  if [[ -z $package ]]; then
    echo "runtime-packages: no package provides $library" >&2
    exit 1
  fi
  echo "$package"
done | sort -u
