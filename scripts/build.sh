#!/usr/bin/env bash
# Configures and builds Quarry with CMake and Ninja.
#
#   scripts/build.sh [CMAKE_CONFIGURE_ARGS...] [-- CMAKE_BUILD_ARGS...]
#
#   scripts/build.sh                               build/ , RelWithDebInfo, everything
#   scripts/build.sh -DQUARRY_SANITIZE=ON          options go to the configure step
#   scripts/build.sh -- --target quarry_tests      after --, to `cmake --build`
#   QUARRY_BUILD_DIR=build-clang scripts/build.sh -DCMAKE_CXX_COMPILER=clang++-14
#
# Environment: QUARRY_BUILD_DIR (default build/, relative to the repository
# root), QUARRY_JOBS (default: the number of cores). Uses ccache when present.
# Options given once stay in the build directory's cache, as usual with CMake.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${QUARRY_BUILD_DIR:-build}
[[ "$build_dir" == /* ]] || build_dir="$root/$build_dir"
jobs=${QUARRY_JOBS:-$(nproc 2>/dev/null || echo 2)}

configure_args=()
build_args=()
while (($#)); do
  if [[ "$1" == -- ]]; then
    shift
    build_args=("$@")
    break
  fi
  configure_args+=("$1")
  shift
done

say() { printf 'build: %s\n' "$*" >&2; }

generator=()
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  command -v ninja >/dev/null 2>&1 || { say "error: ninja not found; run scripts/setup.sh"; exit 1; }
  generator=(-G Ninja)  # an existing build directory keeps the generator it has
fi

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Paths under the repository are hashed relative to it, so another clone (CI)
  # or another build directory can hit the same cache entries.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
fi

say "configure $build_dir ${configure_args[*]}"
cmake -S "$root" -B "$build_dir" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${configure_args[@]}" >/dev/null

say "build $build_dir -j$jobs ${build_args[*]}"
cmake --build "$build_dir" -j "$jobs" "${build_args[@]}"
