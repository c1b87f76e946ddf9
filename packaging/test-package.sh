#!/usr/bin/env bash
# Builds the Debian package from a configured and built BUILD_DIR, unpacks it into a scratch
# root and checks what a DBA installing it would meet: the installed strata and strata-gui run
# and print VERSION, the desktop entry, the AppStream metainfo and the man pages validate, bash
# completion loads, the example project upgrades, and lintian finds no error (its warnings are
# printed). Usage: test-package.sh BUILD_DIR VERSION
set -euo pipefail
build_dir="$(realpath "$1")"
version="$2"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

step() { echo "== $*"; }

step "cpack -G DEB"
(cd "$build_dir" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) ||
    { cat "$scratch/cpack.log"; exit 1; }
deb="$(ls "$scratch"/out/strata_"$version"_*.deb)"
echo "$deb"
depends="$(dpkg-deb --field "$deb" Depends)"
echo "Depends: $depends"
for lib in libqt6core6 libqt6widgets6 libpqxx libqscintilla2-qt6; do
    [[ "$depends" == *"$lib"* ]] || { echo "Depends lacks $lib: shlibdeps did not run" >&2; exit 1; }
done

step "dpkg -x into a scratch root"
root="$scratch/root"
dpkg -x "$deb" "$root"
strata="$root/usr/bin/strata"
gui="$root/usr/bin/strata-gui"

step "installed versions"
"$strata" --version | tee "$scratch/v1"
grep -qF "$version" "$scratch/v1"
env -u DISPLAY -u WAYLAND_DISPLAY "$gui" --version | tee "$scratch/v2" # needs no display
grep -qF "$version" "$scratch/v2"

step "desktop entry and AppStream metainfo"
desktop-file-validate "$root/usr/share/applications/io.strata.Strata.desktop"
appstreamcli validate --no-net --explain "$root/usr/share/metainfo/io.strata.Strata.metainfo.xml"
for size in 16 22 24 32 48 64 128 256; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/io.strata.Strata.png"
    file "$png" | grep -q "$size x $size" || { echo "bad icon $png" >&2; exit 1; }
done
test -s "$root/usr/share/icons/hicolor/scalable/apps/io.strata.Strata.svg"

step "man pages"
for page in strata strata-gui; do
    out="$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l \
        "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)"
    [[ -z "$out" ]] || { echo "$page.1: $out" >&2; exit 1; }
done
zcat "$root/usr/share/man/man1/strata.1.gz" | grep -q "EXIT STATUS"

step "bash completion"
completion="$root/usr/share/bash-completion/completions/strata"
# Commands complete, and revision ids come from the project on the command line.
PATH="$root/usr/bin:$PATH" bash -c '
    source /usr/share/bash-completion/bash_completion && source "$1" && complete -p strata &&
    COMP_WORDS=(strata up); COMP_CWORD=1; COMP_LINE="strata up"; COMP_POINT=${#COMP_LINE}
    _strata && [[ "${COMPREPLY[*]}" == upgrade ]] || { echo "no command completion" >&2; exit 1; }
    COMP_WORDS=(strata -d "$2" upgrade 7a6); COMP_CWORD=4
    COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    _strata && [[ "${COMPREPLY[*]}" == 7a6c9e1b3d07 ]] || { echo "no revision completion" >&2; exit 1; }
' _ "$completion" "$root/usr/share/strata/examples/shop"

step "the installed example project"
"$strata" -d "$root/usr/share/strata/examples/shop" --url "sqlite:///$scratch/example.db" \
    upgrade heads --quiet
"$strata" -d "$root/usr/share/strata/examples/shop" --url "sqlite:///$scratch/example.db" \
    check --quiet

step "lintian"
lintian --fail-on error --suppress-tags-from-file /dev/null "$deb" | tee "$scratch/lintian.log" || {
    echo "lintian found errors" >&2
    exit 1
}
echo "lintian: $(grep -c '^E:' "$scratch/lintian.log" || true) error(s), $(grep -c '^W:' "$scratch/lintian.log" || true) warning(s)"
echo "package ok"
