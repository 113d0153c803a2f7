#!/usr/bin/env bash
# Compile-fail checks in the manner of fmt's compile-error-test and Diesel's
# compile_fail tests: each tests/compile_fail/*.cpp.in must NOT compile, and
# the first "error:" line of the compiler's output must contain the sentence
# given on the file's first line as `// expect: <sentence>`. A file whose
# expectation is `compiles` is a positive control and must compile.
#
# Usage: tests/compile_fail/run.sh [compiler]   (default: $CXX, else g++)
# Exit status: 0 when every case behaves, 1 otherwise.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cxx="${1:-${CXX:-g++}}"
failures=0
count=0
for src in "$here"/*.cpp.in; do
  count=$((count + 1))
  name="$(basename "$src" .cpp.in)"
  expect="$(head -n 1 "$src" | sed -n 's#^// expect: ##p')"
  if [[ -z "$expect" ]]; then
    echo "FAIL $name: first line must be '// expect: <text>'"
    failures=$((failures + 1))
    continue
  fi
  output="$("$cxx" -std=c++20 -fsyntax-only -I "$root/include" -x c++ "$src" 2>&1)"
  status=$?
  if [[ "$expect" == "compiles" ]]; then
    if [[ $status -ne 0 ]]; then
      echo "FAIL $name: must compile, but:"
      echo "$output" | grep -m 5 "error"
      failures=$((failures + 1))
    else
      echo "ok   $name (compiles)"
    fi
    continue
  fi
  if [[ $status -eq 0 ]]; then
    echo "FAIL $name: compiled, but must fail with: $expect"
    failures=$((failures + 1))
    continue
  fi
  first_error="$(echo "$output" | grep -m 1 "error:")"
  if [[ "$first_error" != *"$expect"* ]]; then
    echo "FAIL $name: the first error does not say: $expect"
    echo "     it says: $first_error"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
done
echo "$((count - failures))/$count compile-fail cases behave ($cxx)"
[[ $failures -eq 0 ]]
