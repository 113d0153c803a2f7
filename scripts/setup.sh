#!/usr/bin/env bash
# Installs the Debian 12 packages that Quarry's build, tests, examples and
# benchmarks need, and only those that are missing: on a machine that has them
# all it touches neither the network nor apt's lists. Safe to run any number of
# times. Runs apt as root, or through sudo when not root.
#
#   scripts/setup.sh                 install what is missing
#   QUARRY_EXTRA_PACKAGES="a b" scripts/setup.sh   ...and these too
set -euo pipefail

# Boost comes as the versioned 1.81 packages: Debian 12's libboost-dev is 1.74
# and conflicts with them, so never add libboost-dev (or a -dev that needs it).
packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config
  clang-14 clang-format libclang-rt-14-dev
  # libraries the library links
  libsqlite3-dev sqlite3 libfmt-dev libboost1.81-dev libboost-json1.81-dev libpq-dev
  # ERD rendering to SVG/PNG in-process (libgvc + libcgraph; only the quarry::erd target links it)
  libgraphviz-dev
  # the throwaway PostgreSQL server of the tests (scripts/pg-server.sh) and PgBouncer
  postgresql-15 pgbouncer
  # tests, benchmarks, CLI
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  # peers the benchmarks compare against (C++ and Python's SQLAlchemy, libpqxx, asyncpg)
  libsqlitecpp-dev libsoci-dev python3-sqlalchemy python3-sqlalchemy-ext
  libpqxx-dev python3-asyncpg
)
# shellcheck disable=SC2206  # word splitting of the extra list is intended
packages+=(${QUARRY_EXTRA_PACKAGES:-})

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script is for Debian 12"

missing=()
for p in "${packages[@]}"; do
  is_installed "$p" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  say "all ${#packages[@]} packages present"
else
  say "missing ${#missing[@]} of ${#packages[@]} packages: ${missing[*]}"

  if ((EUID == 0)); then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)  # never prompt: CI has no stdin
  else
    die "not root and sudo is not installed; as root run: apt-get install -y ${missing[*]}"
  fi

  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-q -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
  log=$(mktemp "${TMPDIR:-/tmp}/quarry-setup.XXXXXX")
  trap 'rm -f "$log"' EXIT

  say "apt-get update"
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >"$log" 2>&1; then
    cat "$log" >&2
    say "warning: apt-get update failed; trying the install with the lists there are"
  fi

  say "apt-get install ${missing[*]}"
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    die "apt-get install failed (output above)"
  fi
  grep -E '^(W|E):' "$log" >&2 || true  # keep apt's warnings visible

  still=()
  for p in "${missing[@]}"; do
    is_installed "$p" || still+=("$p")
  done
  ((${#still[@]} == 0)) || die "still not installed after apt-get: ${still[*]}"
  say "installed ${#missing[@]} packages"
fi

# The SQLAlchemy peer benchmark needs Debian's own interpreter (the python3 first
# on PATH may be another one without Debian's packages).
if [[ " ${packages[*]} " == *" python3-sqlalchemy "* ]]; then
  /usr/bin/python3 -c 'import sqlalchemy' 2>/dev/null \
    || die "/usr/bin/python3 cannot import sqlalchemy although python3-sqlalchemy is installed"
  say "/usr/bin/python3 imports sqlalchemy"
fi
