#!/usr/bin/env bash
# The main job: installs what is missing, builds the showcase example and runs
# it, passing this script's arguments on to it.
#
#   scripts/run-example.sh [ARGS...]
#
# Set-up and build messages go to stderr, so stdout is the program's own.
# Builds in $QUARRY_BUILD_DIR (default build/), without tests and benchmarks.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${QUARRY_BUILD_DIR:-build}
[[ "$build_dir" == /* ]] || build_dir="$root/$build_dir"
target=playground_showcase

say() { printf 'run-example: %s\n' "$*" >&2; }

bash "$root/scripts/setup.sh" || { say "error: setup failed"; exit 1; }

if ! QUARRY_BUILD_DIR=$build_dir bash "$root/scripts/build.sh" \
    -DQUARRY_TESTS=OFF -DQUARRY_BENCH=OFF -DQUARRY_EXAMPLES=ON -DQUARRY_SANITIZE=OFF \
    -- --target "$target" >&2; then
  say "error: building $target failed (see above)"
  exit 1
fi

program="$build_dir/examples/$target"
[[ -x "$program" ]] || { say "error: $program was not built"; exit 1; }
say "running examples/$target $*"
exec "$program" "$@"
