#!/usr/bin/env bash
# The two commands of the README's Quick start:
#   ./confero.sh run  [console options]   install what is missing, build, launch the console on the
#                                         embedded default (in-process sandbox + SQLite store)
#   ./confero.sh test [ctest options]
#                                         install what is missing, build, run the whole test suite
# Both are safe to run again: packages already there are not fetched, the build is incremental.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

build_dir=${CONFERO_BUILD_DIR:-$here/build}
jobs=${CONFERO_JOBS:-2}

say() { printf '\033[1m[confero]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[confero]\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

stage_start() { stage_name=$1; stage_t0=$(date +%s); say "== $stage_name"; }
stage_end() { say "== $stage_name took $(( $(date +%s) - stage_t0 )) s"; }

install_packages() {
    local wanted missing
    wanted=$(grep -v '^\s*#' scripts/debian-packages.txt | grep -v '^\s*$')
    # dpkg-query answers from the local database: no network when everything is there.
    missing=$(for p in $wanted; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done)
    if [ -z "$missing" ]; then
        say "All Debian packages are installed."
        return
    fi
    say "Installing missing Debian packages: $(echo $missing)"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "Not root and no sudo: install these as root: $(echo $missing)"
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

build() {
    # Cache keys relative to the source folder, so a clone in another folder hits the same cache.
    export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1 CCACHE_COMPILERCHECK=content
    export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
    if [ ! -f "$build_dir/build.ninja" ]; then
        cmake -S "$here" -B "$build_dir" -G Ninja \
            -DCMAKE_BUILD_TYPE=Debug \
            -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
            -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
            "$@"
    fi
    cmake --build "$build_dir" -j "$jobs"
}

# Runs "$@" with a D-Bus session and an unlocked Secret Service (gnome-keyring) whose files live in
# a throwaway folder, so tests never touch the user's own keyring.
with_test_keychain() {
    local keyring_home rc=0
    keyring_home=$(mktemp -d /tmp/confero-keyring.XXXXXX)
    XDG_DATA_HOME="$keyring_home" dbus-run-session -- sh -c '
        echo -n confero-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec "$@"' sh "$@" || rc=$?
    rm -rf "$keyring_home"
    return $rc
}

cmd_run() {
    stage_start "packages"; install_packages; stage_end
    stage_start "build"; build; stage_end
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        die "No display: DISPLAY and WAYLAND_DISPLAY are unset. Run this from a desktop session, over 'ssh -X', or under 'xvfb-run -a ./confero.sh run'."
    fi
    if [ "$(id -u)" -eq 0 ]; then
        # Chromium's sandbox refuses to start as root; QtWebEngine reads this variable.
        export QTWEBENGINE_DISABLE_SANDBOX=1
        say "Running as root: QTWEBENGINE_DISABLE_SANDBOX=1 is set so the live session page can start."
    fi
    local console=("$build_dir/app/console/confero" "$@")
    if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
        # App Keys live only in the OS keychain. With no session bus there is none, so this run gets its
        # own D-Bus session and gnome-keyring; the keyring is unlocked with CONFERO_KEYRING_PASSWORD.
        say "No D-Bus session: starting one with gnome-keyring for this run (keys you add are kept in ~/.local/share/keyrings)."
        exec dbus-run-session -- sh -c '
            printf %s "${CONFERO_KEYRING_PASSWORD:-}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
            exec "$@"' sh "${console[@]}"
    fi
    exec "${console[@]}"
}

cmd_test() {
    local ctest_args=("$@")
    local t_all; t_all=$(date +%s)
    stage_start "packages"; install_packages; stage_end
    stage_start "build"; build; stage_end
    stage_start "tests"
    local rc=0
    with_test_keychain ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" \
        --timeout 300 "${ctest_args[@]}" || rc=$?
    stage_end
    say "All stages took $(( $(date +%s) - t_all )) s"
    return $rc
}

case ${1:-} in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    -h|--help|help) usage 0 ;;
    *) usage 1 ;;
esac
