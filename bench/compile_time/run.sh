#!/usr/bin/env bash
# The compile-time benchmark: how long g++ takes on a translation unit with 30
# Quarry tables and 100 queries, against one with only the standard and Asio
# headers Quarry's public headers include (and the same row structs).
# Goal: the Quarry TU takes at most 2× the baseline.
#
# Two more rows are for information: the baseline plus Quarry's headers only,
# and the same 100 queries written by hand on the sqlite3 C API (same structs
# and result types, no Quarry), which is what these queries cost a program
# whatever it uses.
#
#   bench/compile_time/run.sh
#
# Environment: CXX (default g++; called directly, never through ccache),
# QUARRY_COMPILE_REPS (default 3; the median is reported), QUARRY_BENCH_DIR
# (the generated files go to its compile_time/, default /tmp/quarry-bench).
#
# Both wall-clock and CPU (user+sys) time are reported; the goal is judged on
# CPU time, which is what the wall clock shows on an idle machine and which a
# busy one (parallel builds) does not inflate.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${QUARRY_BENCH_DIR:-/tmp/quarry-bench}/compile_time
cxx=${CXX:-g++}
reps=${QUARRY_COMPILE_REPS:-3}
flags=(-std=c++20 -O0 -c)

python3 "$here/generate.py" "$out" --include-dir "$root/include" >&2

# Compiles $1 once; prints "wall cpu" in seconds. Exits with g++'s errors on failure.
compile_once() {
  local src=$1 timing=$out/timing.txt log=$out/errors.txt
  local TIMEFORMAT='%R %U %S'
  if ! { time "$cxx" "${flags[@]}" -I"$root/include" "$src" -o /dev/null 2>"$log"; } 2>"$timing"; then
    echo "compile_time: $cxx failed on $src:" >&2
    head -40 "$log" >&2
    exit 1
  fi
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$timing"
}

# Prints the median of the numbers on stdin.
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Measures $1 $reps times, alternating with nothing else running from here;
# sets wall_<name> and cpu_<name>.
measure() {
  local name=$1 src=$2 walls=() cpus=() w c
  for ((i = 0; i < reps; i++)); do
    read -r w c < <(compile_once "$src")
    walls+=("$w")
    cpus+=("$c")
    printf '  %-9s run %d: wall %6.2f s, cpu %6.2f s\n' "$name" $((i + 1)) "$w" "$c" >&2
  done
  printf -v "wall_$name" '%s' "$(printf '%s\n' "${walls[@]}" | median)"
  printf -v "cpu_$name" '%s' "$(printf '%s\n' "${cpus[@]}" | median)"
}

echo "compile_time: $("$cxx" --version | head -1), ${flags[*]}, median of $reps" >&2
measure baseline "$out/baseline_tu.cpp"
measure headers "$out/headers_tu.cpp"
measure quarry "$out/quarry_tu.cpp"
measure handwritten "$out/handwritten_tu.cpp"

awk -v wb="$wall_baseline" -v cb="$cpu_baseline" -v wq="$wall_quarry" -v cq="$cpu_quarry" \
    -v wh="$wall_headers" -v ch="$cpu_headers" -v wm="$wall_handwritten" -v cm="$cpu_handwritten" \
    -v reps="$reps" -v cxx="$("$cxx" -dumpfullversion 2>/dev/null || echo "$cxx")" 'BEGIN {
  rw = wq / wb; rc = cq / cb
  printf "\nCompile time — g++ %s, -std=c++20 -O0 -c, median of %d\n\n", cxx, reps
  printf "| case | translation unit | wall | CPU (user+sys) | ratio (CPU) | goal | met? |\n"
  printf "|---|---|---|---|---|---|---|\n"
  printf "| 5 compile time | baseline: std + Asio headers, 30 structs | %.2f s | %.2f s | 1.00× | baseline | — |\n", wb, cb
  printf "| 5 compile time | (info) baseline + <quarry/quarry.hpp> only | %.2f s | %.2f s | %.2f× | — | — |\n", wh, ch, ch / cb
  printf "| 5 compile time | (info) the same 100 queries by hand on sqlite3.h, no Quarry | %.2f s | %.2f s | %.2f× | — | — |\n", wm, cm, cm / cb
  printf "| 5 compile time | Quarry: 30 tables, 100 queries | %.2f s | %.2f s | %.2f× (wall %.2f×) | ≤ 2× baseline | %s |\n", wq, cq, rc, rw, (rc <= 2.0 ? "yes" : "NO")
}'
