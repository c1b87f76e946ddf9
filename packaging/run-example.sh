#!/usr/bin/env bash
# Builds Strata and opens the desktop app on the example shop project in migrations/, with the
# embedded SQLite default (the database file build/example.db, so the source tree stays clean).
# Where there is no display it says so and runs the command-line demo instead.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BUILD_DIR="$(realpath -m "${BUILD_DIR:-$repo/build}")"
# Only the two programs it runs: no test programs, so the app appears minutes sooner.
STRATA_BUILD_TESTS=OFF "$repo/packaging/build.sh" strata strata-gui
strata="$BUILD_DIR/src/cli/strata"
url="sqlite:///$BUILD_DIR/example.db"

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    echo
    echo "== Opening strata-gui on $repo/migrations, database $url"
    exec "$BUILD_DIR/src/app/strata-gui" --project "$repo/migrations" --url "$url"
fi

echo
echo "== No display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so strata-gui cannot open."
echo "== On a desktop this command opens it; under X forwarding or xvfb-run it does too."
echo "== Running the command-line demo instead."
export DATABASE_URL="$url"
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
