#!/usr/bin/env bash
# Builds Strata and runs it on the example shop project in migrations/, on the embedded SQLite
# default. The database file is kept in the build folder so the source tree stays clean.
# (The desktop-app issue will make this open strata-gui where a display is available.)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BUILD_DIR="$(realpath -m "${BUILD_DIR:-$repo/build}")"
"$repo/packaging/build.sh"
strata="$BUILD_DIR/src/cli/strata"
export DATABASE_URL="sqlite:///$BUILD_DIR/example.db"
echo
echo "== Example project: $repo/migrations, database: $DATABASE_URL"
echo "== strata upgrade heads"
"$strata" -d "$repo/migrations" upgrade heads
echo
echo "== strata history -i   (newest first; (current) marks the database's revision)"
"$strata" -d "$repo/migrations" history -i
echo
echo "== strata current"
"$strata" -d "$repo/migrations" current
echo
echo "== strata check"
"$strata" -d "$repo/migrations" check
