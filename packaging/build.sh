#!/usr/bin/env bash
# Installs the build dependencies (unless STRATA_SKIP_DEPS=1), configures and builds.
# BUILD_DIR (default: build in the repository), STRATA_WERROR=ON|OFF and STRATA_BUILD_TESTS=ON|OFF
# may be set; arguments name the targets to build (default: all of them).
# Quick on a re-run: install-deps only checks, cmake rebuilds only what changed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Absolute, so the callers can build sqlite:////... URLs from it whatever the working folder.
build_dir="$(realpath -m "${BUILD_DIR:-$repo/build}")"
[[ "${STRATA_SKIP_DEPS:-0}" == 1 ]] || "$repo/packaging/install-deps.sh"
echo "build: configuring and building in $build_dir (warnings as errors: ${STRATA_WERROR:-OFF})"
cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATA_WERROR="${STRATA_WERROR:-OFF}" -DSTRATA_BUILD_TESTS="${STRATA_BUILD_TESTS:-ON}" >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"
