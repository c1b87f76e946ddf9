#!/usr/bin/env bash
# Every test: set-up, the formatting check, a build with warnings as errors, the whole ctest
# suite, then a short libFuzzer run of the migration-file parser in a clang build of its own.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# A build folder of its own: the warnings-as-errors flag differs from run-example.sh's build, and
# sharing one folder would rebuild everything each time the two scripts alternate.
export BUILD_DIR="$(realpath -m "${BUILD_DIR:-$repo/build-tests}")"
"$repo/packaging/install-deps.sh"
# Formatting first: it takes a second, the build minutes. Every C++ file under src and tests.
echo "run-tests: clang-format --dry-run --Werror over src and tests"
find "$repo/src" "$repo/tests" -name '*.cpp' -o -name '*.h' | sort |
    xargs clang-format --dry-run --Werror
STRATA_SKIP_DEPS=1 STRATA_WERROR=ON "$repo/packaging/build.sh"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" --timeout 900

fuzz_dir="${BUILD_DIR}-fuzz"
CC=clang CXX=clang++ cmake -S "$repo" -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATA_BUILD_FUZZERS=ON -DSTRATA_WERROR=ON >/dev/null
cmake --build "$fuzz_dir" -j"$(nproc)" --target fuzz_migrationparser
ctest --test-dir "$fuzz_dir" --output-on-failure -R fuzz_migrationparser_smoke --timeout 300
