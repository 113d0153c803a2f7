#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run) and as the README tells developers:
#   1. setup     install missing Debian packages (scripts/setup.sh)
#   2. format    clang-format --dry-run --Werror over the C++ sources
#   3. build     g++, -Werror, every target: library, tests, examples, benchmarks
#   4. test      ctest in that build, against a throwaway PostgreSQL server
#                (scripts/pg-server.sh) and a PgBouncer in front of it
#                (scripts/pgbouncer.sh), both stopped on exit
#   5. consumer  `cmake --install` into a temporary prefix, then build and run
#                examples/consumer (find_package) and a pkg-config compile
#   6. asan-build  g++, AddressSanitizer + UBSan, -O1, library and tests
#   7. asan-test   ctest in that build
#   8. clang-build clang++-14, -Werror, library and tests (compile only)
# A failed step does not stop the independent ones after it, so one run reports
# every problem; the exit status is nonzero if any step failed, and the summary
# names the steps. Build directories: $QUARRY_BUILD_DIR (default build/) and
# the same name with -asan and -clang appended. QUARRY_JOBS sets parallelism.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build_dir=${QUARRY_BUILD_DIR:-build}
[[ "$build_dir" == /* ]] || build_dir="$root/$build_dir"
asan_dir="$build_dir-asan"
clang_dir="$build_dir-clang"
jobs=${QUARRY_JOBS:-2}
export QUARRY_JOBS=$jobs
export CTEST_OUTPUT_ON_FAILURE=1

if [[ "${CI:-}" == true ]]; then
  # CI builds in a fresh clone at another path: let ccache reuse objects
  # compiled elsewhere (debug info may then name the other path; harmless here).
  export CCACHE_NOHASHDIR=1
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
# Leaks of graphviz and fontconfig (process-wide caches) are theirs, not ours.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitizer/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quarry-test.XXXXXX")
trap 'stop_test_postgres; rm -rf "$tmp"' EXIT

declare -a summary=() failed=()
tests_passed=0
tests_failed=0
tests_ran=false

banner() { printf '\n==> %s\n' "$*"; }

# run_step NAME FUNCTION...: runs the step in a subshell with errexit in force,
# records its result and duration. Returns the step's status.
run_step() {
  local name=$1 start=$SECONDS rc
  shift
  banner "$name"
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  local took=$((SECONDS - start))
  if ((rc == 0)); then
    summary+=("$(printf '  ok      %-12s %4ss' "$name" "$took")")
  else
    summary+=("$(printf '  FAILED  %-12s %4ss  (exit %s)' "$name" "$took" "$rc")")
    failed+=("$name")
    printf '==> step "%s" FAILED (exit %s)\n' "$name" "$rc" >&2
  fi
  return "$rc"
}

skip_step() {
  summary+=("$(printf '  skipped %-12s        (%s)' "$1" "$2")")
  printf '\n==> %s skipped: %s\n' "$1" "$2"
}

# ctest_in DIR: runs the tests of a build directory and adds their counts to the
# totals from ctest's "N% tests passed, F tests failed out of T" line.
ctest_in() {
  local dir=$1 log rc=0
  log="$tmp/ctest-$(basename "$1").log"
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$jobs" 2>&1 | tee "$log" \
    || rc=$?
  local line total failed_n
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [[ -n "$line" ]]; then
    failed_n=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    echo "$((total - failed_n)) $failed_n" >"$log.counts"
  fi
  return "$rc"
}

add_counts() {
  local f p n
  f="$tmp/ctest-$(basename "$1").log.counts"
  [[ -f "$f" ]] || return 0
  read -r p n <"$f"
  tests_passed=$((tests_passed + p))
  tests_failed=$((tests_failed + n))
  tests_ran=true
}

# A throwaway PostgreSQL server (scripts/pg-server.sh) for the PostgreSQL
# tests, which read its URL from QUARRY_TEST_POSTGRES_URL and fail without it
# under CI=true. Started once, before the first test step, in this shell (so
# that every step inherits the URL), and stopped on exit. A URL already set
# in the environment is used instead.
pg_dir=
pgbouncer_dir=
start_test_postgres() {
  [[ -n "${QUARRY_TEST_POSTGRES_URL:-}" ]] && return 0
  local env
  if env=$(bash "$root/scripts/pg-server.sh" start); then
    eval "$env"  # export QUARRY_TEST_POSTGRES_URL=... and QUARRY_PG_DIR=...
    pg_dir=$QUARRY_PG_DIR
  else
    echo "test.sh: could not start PostgreSQL; its tests skip (or fail under CI=true)" >&2
    return 0
  fi
  # The PgBouncer tests (tests/driver/pg_bouncer_test.cpp) read
  # QUARRY_TEST_PGBOUNCER_URL, and fail without it under CI=true.
  [[ -n "${QUARRY_TEST_PGBOUNCER_URL:-}" ]] && return 0
  if env=$(bash "$root/scripts/pgbouncer.sh" start "$QUARRY_TEST_POSTGRES_URL"); then
    eval "$env"  # export QUARRY_TEST_PGBOUNCER_URL=... and QUARRY_PGBOUNCER_DIR=...
    pgbouncer_dir=$QUARRY_PGBOUNCER_DIR
  else
    echo "test.sh: could not start PgBouncer; its tests skip (or fail under CI=true)" >&2
  fi
}
stop_test_postgres() {
  if [[ -n "$pgbouncer_dir" ]]; then bash "$root/scripts/pgbouncer.sh" stop "$pgbouncer_dir" || true; fi
  if [[ -n "$pg_dir" ]]; then bash "$root/scripts/pg-server.sh" stop "$pg_dir" || true; fi
}

step_setup() { bash "$root/scripts/setup.sh"; }

step_format() {
  local clang_format
  clang_format=$(command -v clang-format-14 || command -v clang-format) \
    || { echo "clang-format not found; run scripts/setup.sh" >&2; return 1; }
  local dirs=() d
  for d in include src tests bench examples tools; do
    [[ -d "$d" ]] && dirs+=("$d")
  done
  ((${#dirs[@]})) || { echo "no source folders to check"; return 0; }
  local files=()
  mapfile -d '' files < <(find "${dirs[@]}" -type f \( -name '*.hpp' -o -name '*.cpp' \) -print0 | sort -z)
  ((${#files[@]})) || { echo "no C++ files to check"; return 0; }
  echo "$("$clang_format" --version | head -n 1): ${#files[@]} files in ${dirs[*]}"
  if ! "$clang_format" --dry-run --Werror "${files[@]}"; then
    echo "formatting differs from .clang-format; fix with: $clang_format -i FILES (or see scripts/git-hooks/pre-commit)" >&2
    return 1
  fi
}

step_build() {
  QUARRY_BUILD_DIR=$build_dir bash "$root/scripts/build.sh" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUARRY_WERROR=ON -DQUARRY_SANITIZE=OFF \
    -DQUARRY_TESTS=ON -DQUARRY_BENCH=ON -DQUARRY_EXAMPLES=ON -DQUARRY_INSTALL=ON
}

step_test() { ctest_in "$build_dir"; }

step_consumer() {
  local prefix="$tmp/prefix" out
  cmake --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" \
    || { cat "$tmp/install.log" >&2; echo "cmake --install failed" >&2; return 1; }
  echo "installed into a temporary prefix: $(find "$prefix" -type f | wc -l) files"

  echo "find_package: building examples/consumer"
  cmake -S "$root/examples/consumer" -B "$tmp/consumer" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$tmp/consumer"
  out=$("$tmp/consumer/quarry_consumer")
  echo "$out"
  [[ "$out" == "consumer ok" ]] || { echo "consumer printed '$out', not 'consumer ok'" >&2; return 1; }

  echo "pkg-config: compiling examples/consumer/main.cpp with \`pkg-config --cflags --libs quarry\`"
  local flags
  flags=$(PKG_CONFIG_PATH="$(dirname "$(find "$prefix" -name quarry.pc | head -n 1)")" \
    pkg-config --cflags --libs quarry)
  # shellcheck disable=SC2086  # flags are words by design
  g++ -std=c++20 "$root/examples/consumer/main.cpp" -o "$tmp/consumer-pc" $flags
  out=$("$tmp/consumer-pc")
  [[ "$out" == "consumer ok" ]] || { echo "pkg-config consumer printed '$out', not 'consumer ok'" >&2; return 1; }
  echo "$out (pkg-config)"
}

step_asan_build() {
  # -O1: sanitizer reports stay readable and the build stays fast; asserts on.
  QUARRY_BUILD_DIR=$asan_dir bash "$root/scripts/build.sh" \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DQUARRY_SANITIZE=ON -DQUARRY_WERROR=OFF \
    -DQUARRY_TESTS=ON -DQUARRY_BENCH=OFF -DQUARRY_EXAMPLES=OFF -DQUARRY_INSTALL=OFF
}

step_asan_test() { ctest_in "$asan_dir"; }

step_clang_build() {
  # Compile check only: -O0 without debug info is the quickest way to get every
  # clang diagnostic.
  local cxx=clang++-14
  command -v "$cxx" >/dev/null 2>&1 || { echo "$cxx not found; run scripts/setup.sh" >&2; return 1; }
  QUARRY_BUILD_DIR=$clang_dir bash "$root/scripts/build.sh" \
    -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0" \
    -DQUARRY_WERROR=ON -DQUARRY_SANITIZE=OFF \
    -DQUARRY_TESTS=ON -DQUARRY_BENCH=OFF -DQUARRY_EXAMPLES=OFF -DQUARRY_INSTALL=OFF
}

total_start=$SECONDS

if ! run_step setup step_setup; then
  printf '\ntest.sh: FAILED at setup; nothing else was run\n' >&2
  exit 1
fi

run_step format step_format || true

if run_step build step_build; then
  start_test_postgres
  run_step test step_test || true
  add_counts "$build_dir"
  run_step consumer step_consumer || true
else
  skip_step test "build failed"
  skip_step consumer "build failed"
fi

if run_step asan-build step_asan_build; then
  start_test_postgres
  run_step asan-test step_asan_test || true
  add_counts "$asan_dir"
else
  skip_step asan-test "asan-build failed"
fi

run_step clang-build step_clang_build || true

printf '\n==> summary (%ss in all)\n' "$((SECONDS - total_start))"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]})); then
  printf 'test.sh: FAILED steps: %s\n' "${failed[*]}" >&2
fi
if [[ "$tests_ran" == true ]]; then
  printf 'ctest: %s passed, %s failed\n' "$tests_passed" "$tests_failed"
fi
((${#failed[@]} == 0))
