#!/usr/bin/env bash
# The codegen round trip of one corpus schema on one backend (issue 4's
# acceptance test): SQL -> reflect -> generate C++ -> compile -> create from
# the models in a fresh database -> reflect -> equivalent.
#   roundtrip.sh NAME BACKEND GENERATOR CXX INCLUDE_DIR TESTS_DIR LINK_FLAGS_FILE OUT_DIR
set -euo pipefail
name=$1 backend=$2 generator=$3 cxx=$4 include_dir=$5 tests_dir=$6 link_flags_file=$7 out_dir=$8
corpus="$tests_dir/codegen/corpus/$name.$backend.sql"
if [[ "$backend" == postgresql && -z "${QUARRY_TEST_POSTGRES_URL:-}" ]]; then
  if [[ "${CI:-}" == true ]]; then
    echo "QUARRY_TEST_POSTGRES_URL is not set under CI=true" >&2
    exit 1
  fi
  echo "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL"
  exit 77  # ctest: SKIP_RETURN_CODE
fi
mkdir -p "$out_dir"
header="$out_dir/$name.$backend.hpp"
program="$out_dir/roundtrip_$name.$backend"

"$generator" "$backend" "$corpus" "$header"
# shellcheck disable=SC2046  # the link flags are one word each
"$cxx" -std=c++20 -O0 -Wall -Wextra -Wpedantic -Werror -x c++ \
  -I"$include_dir" -I"$tests_dir" -DQUARRY_CORPUS_"$name" \
  -DQUARRY_GENERATED_HEADER="\"$header\"" \
  "$tests_dir/codegen/roundtrip_check.cxx" -x none $(cat "$link_flags_file") -o "$program"
"$program" "$backend" "$corpus"
