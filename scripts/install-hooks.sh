#!/usr/bin/env bash
# Points this clone's git at the hooks kept in scripts/git-hooks/ (pre-commit:
# clang-format check of the staged C++ files).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
chmod +x "$root"/scripts/git-hooks/*
git -C "$root" config core.hooksPath scripts/git-hooks
echo "install-hooks: core.hooksPath = scripts/git-hooks"
