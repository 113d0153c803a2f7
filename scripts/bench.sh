#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them: quarry_bench_sqlite (cases
# 1–4: Quarry against raw sqlite3, SQLiteCpp, SOCI and SQLAlchemy, one table),
# quarry_bench_pg (Quarry against raw libpq, libpqxx and asyncpg on a
# PostgreSQL server, a second table) and the compile-time benchmark (case 5).
# bench/README.md explains the tables.
#
#   scripts/bench.sh                 everything
#   scripts/bench.sh --reps 11       more runs per case (default 7)
#   scripts/bench.sh --no-python     without SQLAlchemy and asyncpg
#   scripts/bench.sh --no-pg         without quarry_bench_pg
#   QUARRY_BENCH_SKIP_COMPILE_TIME=1 scripts/bench.sh   no compile-time benchmark
#
# Other arguments go to both programs (--reps, --no-python, --only N; note
# that the case numbers differ between them). quarry_bench_pg runs on
# QUARRY_BENCH_POSTGRES_URL, else QUARRY_TEST_POSTGRES_URL; when neither is
# set, a throwaway server is started with scripts/pg-server.sh and stopped at
# the end. QUARRY_BENCH_PG_ARGS adds arguments for quarry_bench_pg alone
# (e.g. "--point-queries 20000 --bulk-rows 100000 --stream-rows 1000000").
# Environment: QUARRY_BENCH_BUILD_DIR (default build-bench/, relative to the
# repository root), QUARRY_BENCH_DIR (database and generated files, default
# /tmp/quarry-bench), QUARRY_JOBS. For steady figures, run on an otherwise
# idle machine.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${QUARRY_BENCH_BUILD_DIR:-build-bench}
[[ "$build_dir" == /* ]] || build_dir="$root/$build_dir"
jobs=${QUARRY_JOBS:-$(nproc 2>/dev/null || echo 2)}

say() { printf 'bench: %s\n' "$*" >&2; }

generator=()
[[ -f "$build_dir/CMakeCache.txt" ]] || generator=(-G Ninja)

# Configure every time: it re-checks whether the Quarry side compiles
# (QUARRY_BENCH_API=AUTO, see bench/CMakeLists.txt).
say "configure $build_dir (Release)"
cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DQUARRY_BENCH=ON -DQUARRY_TESTS=OFF -DQUARRY_EXAMPLES=OFF >/dev/null
with_pg=true
args=()
for arg in "$@"; do
  if [[ "$arg" == --no-pg ]]; then with_pg=false; else args+=("$arg"); fi
done
targets=(quarry_bench_sqlite)
[[ "$with_pg" == true ]] && targets+=(quarry_bench_pg)
say "build ${targets[*]}"
cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}" >&2  # stdout: the tables only

say "run quarry_bench_sqlite ${args[*]}"
status=0
"$build_dir/bench/quarry_bench_sqlite" "${args[@]}" || status=$?

if [[ "$with_pg" == true ]]; then
  pg_dir=
  if [[ -z "${QUARRY_BENCH_POSTGRES_URL:-}" && -z "${QUARRY_TEST_POSTGRES_URL:-}" ]]; then
    say "no PostgreSQL URL given: starting a throwaway server"
    pg_env=$(bash "$root/scripts/pg-server.sh" start)
    eval "$pg_env"
    pg_dir=$QUARRY_PG_DIR
    # Stopped however this script ends.
    trap 'bash "$root/scripts/pg-server.sh" stop "$pg_dir" || true' EXIT
  fi
  read -r -a pg_args <<<"${QUARRY_BENCH_PG_ARGS:-}"
  say "run quarry_bench_pg ${args[*]} ${pg_args[*]}"
  "$build_dir/bench/quarry_bench_pg" "${args[@]}" "${pg_args[@]}" || status=$?
  if [[ -n "$pg_dir" ]]; then
    bash "$root/scripts/pg-server.sh" stop "$pg_dir" || status=$?
    trap - EXIT
  fi
fi

if [[ -z "${QUARRY_BENCH_SKIP_COMPILE_TIME:-}" ]]; then
  say "run bench/compile_time/run.sh"
  "$root/bench/compile_time/run.sh" || status=$?
fi
exit "$status"
