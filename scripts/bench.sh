#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them: quarry_bench_sqlite (cases
# 1–4: Quarry against raw sqlite3, SQLiteCpp, SOCI and SQLAlchemy, one table)
# and the compile-time benchmark (case 5). bench/README.md explains the table.
#
#   scripts/bench.sh                 everything
#   scripts/bench.sh --reps 11       more runs per case (default 7)
#   scripts/bench.sh --no-python     without SQLAlchemy
#   QUARRY_BENCH_SKIP_COMPILE_TIME=1 scripts/bench.sh   cases 1–4 only
#
# Arguments go to quarry_bench_sqlite. Environment: QUARRY_BENCH_BUILD_DIR
# (default build-bench/, relative to the repository root), QUARRY_BENCH_DIR
# (database and generated files, default /tmp/quarry-bench), QUARRY_JOBS.
# For steady figures, run on an otherwise idle machine.
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
say "build quarry_bench_sqlite"
cmake --build "$build_dir" -j "$jobs" --target quarry_bench_sqlite >&2  # stdout: the tables only

say "run quarry_bench_sqlite $*"
status=0
"$build_dir/bench/quarry_bench_sqlite" "$@" || status=$?

if [[ -z "${QUARRY_BENCH_SKIP_COMPILE_TIME:-}" ]]; then
  say "run bench/compile_time/run.sh"
  "$root/bench/compile_time/run.sh" || status=$?
fi
exit "$status"
