#!/usr/bin/env bash
# Builds the .debs (confero, and confero-relay when the build has it) from a configured build folder
# and checks each with lintian.
#   check-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
out=$(mktemp -d /tmp/confero-package.XXXXXX)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" --config CPackConfig.cmake >"$out/cpack.log" 2>&1) \
    || { cat "$out/cpack.log"; exit 1; }
ls "$out"/confero_*.deb >/dev/null || { echo "no confero package was made"; cat "$out/cpack.log"; exit 1; }
for deb in "$out"/*.deb; do
    dpkg-deb -f "$deb" Package Version Depends
    dpkg-deb -c "$deb" | awk '{print "    " $6}'
    # Errors and warnings fail; informational tags do not.
    rc=0
    lintian --fail-on error,warning "$deb" >"$out/lintian.log" 2>&1 || rc=$?
    grep -v 'running with root privileges' "$out/lintian.log" || true
    [ "$rc" -eq 0 ] || { echo "lintian: $(basename "$deb") not clean (exit $rc)"; exit 1; }
    echo "lintian: $(basename "$deb") clean"
done
