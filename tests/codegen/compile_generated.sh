#!/usr/bin/env bash
# The codegen compile test for one source: generate the models header, compile
# a check program including it with the project's compiler, run the check.
#   compile_generated.sh SOURCE GENERATOR CXX INCLUDE_DIR TESTS_DIR LINK_FLAGS_FILE OUT_DIR
set -euo pipefail
source_name=$1 generator=$2 cxx=$3 include_dir=$4 tests_dir=$5 link_flags_file=$6 out_dir=$7
mkdir -p "$out_dir"
header="$out_dir/$source_name.hpp"
program="$out_dir/check_$source_name"

"$generator" "$source_name" "$header"
# shellcheck disable=SC2046  # the link flags are one word each
"$cxx" -std=c++20 -O0 -Wall -Wextra -Wpedantic -Werror -x c++ \
  -I"$include_dir" -I"$tests_dir" \
  -DQUARRY_GENERATED_HEADER="\"$header\"" -DQUARRY_CODEGEN_SOURCE="\"$source_name\"" -DQUARRY_CODEGEN_SOURCE_"$source_name" \
  "$tests_dir/codegen/check_generated.cxx" -x none $(cat "$link_flags_file") -o "$program"
"$program"
echo "codegen round trip of $source_name: generated, compiled, schemas equal"
