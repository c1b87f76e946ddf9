#!/usr/bin/env bash
# Every test: set-up, a build with warnings as errors, then the whole ctest suite.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BUILD_DIR="${BUILD_DIR:-$repo/build}"
STRATA_WERROR=ON "$repo/packaging/build.sh"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 --timeout 900
