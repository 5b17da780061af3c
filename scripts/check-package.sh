#!/usr/bin/env bash
# Builds the console's .deb from a configured build folder and checks it with lintian.
#   check-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
out=$(mktemp -d /tmp/confero-package.XXXXXX)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" --config CPackConfig.cmake >"$out/cpack.log" 2>&1) \
    || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/confero_*.deb)
dpkg-deb -f "$deb" Package Version Depends
# Errors and warnings fail; informational tags do not.
rc=0
lintian --fail-on error,warning "$deb" >"$out/lintian.log" 2>&1 || rc=$?
grep -v 'running with root privileges' "$out/lintian.log" || true
[ "$rc" -eq 0 ] || { echo "lintian: not clean (exit $rc)"; exit 1; }
echo "lintian: clean"
