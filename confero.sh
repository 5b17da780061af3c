#!/usr/bin/env bash
# The two commands of the README's Quick start:
#   ./confero.sh run  [console options]   install what is missing, build, launch the console on the
#                                         embedded default (in-process sandbox + SQLite store)
#   ./confero.sh test [--full] [ctest options]
#                                         install what is missing, build (ASan+UBSan), run the test suite,
#                                         then the GUI-free build and its tests; --full adds fuzzing,
#                                         static analysis and the package check (what .ci/run does)
# Both are safe to run again: packages already there are not fetched, the build is incremental.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

build_dir=${CONFERO_BUILD_DIR:-$here/build}
nogui_dir=${CONFERO_NOGUI_BUILD_DIR:-$here/build-nogui}
fuzz_dir=${CONFERO_FUZZ_BUILD_DIR:-$here/build-fuzz}
jobs=${CONFERO_JOBS:-2}

say() { printf '\033[1m[confero]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[confero]\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

# Each stage has a budget in seconds; a stage over it fails the run (after the remaining stages, so one
# run shows every time). Budgets are set so the whole `./confero.sh test --full` stays within 60 minutes
# from an empty compiler cache on a new 2-core machine and within 30 minutes warm (see
# docs/ARCHITECTURE.md, "Tests", for measured times). Override one with CONFERO_BUDGET_<stage>=<s>.
declare -A budget=(
    [packages]=900          # a new machine: apt-get fetches Qt, clang, PostgreSQL, ...
    [build]=1500            # the ASan+UBSan tree, cold (about 17 min measured on the loaded machine)
    [tests]=900
    [build_nogui]=600       # mostly compiler-cache hits from the build above
    [tests_nogui]=600
    [build_fuzz]=900        # clang, only the fuzz targets and the libraries they test (490 s cold, measured)
    [fuzz]=300              # 20 s per target, two at a time
    [static_analysis]=900   # the files changed since the last green run
    [package]=300
)
total_budget=${CONFERO_BUDGET_total:-3600}
over_budget=()
summary=()

stage_start() { stage_name=$1; stage_t0=$(date +%s); say "== $stage_name"; }
stage_end() {
    local took=$(( $(date +%s) - stage_t0 )) var="CONFERO_BUDGET_$stage_name"
    local limit=${!var:-${budget[$stage_name]:-0}}
    local line; line=$(printf '%-16s %5d s   (budget %d s)' "$stage_name" "$took" "$limit")
    if [ "$limit" -gt 0 ] && [ "$took" -gt "$limit" ]; then
        line="$line   OVER BUDGET"
        over_budget+=("$stage_name")
    fi
    summary+=("$line")
    say "== $stage_name took $took s (budget $limit s)"
}

print_summary() {
    local t_all=$1 took
    took=$(( $(date +%s) - t_all ))
    say "Stage times:"
    printf '    %s\n' "${summary[@]}"
    printf '    %-16s %5d s   (budget %d s)\n' total "$took" "$total_budget"
    if [ "$took" -gt "$total_budget" ]; then
        over_budget+=(total)
    fi
}

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

# Cache keys relative to the source folder, so a clone in another folder hits the same cache.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1 CCACHE_COMPILERCHECK=content
# Without this sloppiness ccache does not cache a unit that uses the tests' precompiled header (nor the
# header itself); the header's own inputs are still hashed, so a changed Qt header still misses.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}

# configure DIR [cmake options]: (re)configures DIR when it is new or was configured with other options,
# so the developers' build folder turns into the sanitizer build by itself.
configure() {
    local dir=$1; shift
    local options=(-G Ninja
        -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld
        -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld
        "$@")
    local wanted="${options[*]}"
    if [ -f "$dir/build.ninja" ] && [ "$(cat "$dir/.confero-configure" 2>/dev/null)" = "$wanted" ]; then
        return
    fi
    cmake -S "$here" -B "$dir" "${options[@]}"
    printf '%s' "$wanted" >"$dir/.confero-configure"
}

# The developers' and the tests' build: AddressSanitizer + UndefinedBehaviorSanitizer, warnings are errors.
build() {
    configure "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DCONFERO_SANITIZE=ON -DCONFERO_WERROR=ON
    cmake --build "$build_dir" -j "$jobs"
}

# The same flags without the GUI: the compiler cache serves every unit the two builds share.
build_nogui() {
    configure "$nogui_dir" -DCMAKE_BUILD_TYPE=Debug -DCONFERO_SANITIZE=ON -DCONFERO_WERROR=ON -DCONFERO_GUI=OFF
    cmake --build "$nogui_dir" -j "$jobs"
}

# clang + libFuzzer; only the fuzz targets (and the libraries they test) are built.
build_fuzz() {
    CC=clang CXX=clang++ configure "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCONFERO_GUI=OFF -DCONFERO_FUZZ=ON
    cmake --build "$fuzz_dir" -j "$jobs" --target fuzz_all
}

# Prints each fuzz target's executions per second from the last ctest log of build-fuzz.
fuzz_report() {
    awk '/^[0-9]+\/[0-9]+ Testing: fuzz_/ { name = $3 }
         /^Done [0-9]+ runs in [0-9]+ second/ && name != "" {
             printf "    %-28s %10d runs in %3d s = %8d exec/s\n", name, $2, $5, ($5 > 0 ? $2 / $5 : $2) }' \
        "$fuzz_dir/Testing/Temporary/LastTest.log" || true
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
    # The console runs from the test build (one tree to compile, one warm cache). Its sanitizer options:
    # no leak report at exit (Qt's and Chromium's process-lifetime singletons are not freed), and
    # new_delete_type_mismatch=0 for the known sized-delete mismatch inside QtWebEngine 6.4.
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:new_delete_type_mismatch=0}
    local console=("$build_dir/app/console/confero" "$@")
    if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
        # App Keys live only in the OS keychain. With no session bus there is none, so this run gets its
        # own D-Bus session and gnome-keyring. The keyring is never unlocked with a password of ours:
        # the first time a key is saved, gnome-keyring's own prompt asks the user to choose one (and
        # later runs ask for it), so the keys in ~/.local/share/keyrings stay encrypted.
        say "No D-Bus session: starting one with gnome-keyring for this run; it will ask for a keyring password when you first save an App Key."
        mkdir -p "${XDG_CACHE_HOME:-$HOME/.cache}" "${XDG_DATA_HOME:-$HOME/.local/share}"
        exec dbus-run-session -- sh -c '
            gnome-keyring-daemon --start --components=secrets >/dev/null
            exec "$@"' sh "${console[@]}"
    fi
    exec "${console[@]}"
}

# Prints, for the tests that failed in DIR's last ctest run, the lines that say why (QtTest's FAIL!
# and its location, sanitizer reports, timeouts), so the end of a long log names the cause.
failure_digest() {
    local dir=$1 log="$1/Testing/Temporary/LastTest.log" failed_list="$1/Testing/Temporary/LastTestsFailed.log"
    [ -s "$failed_list" ] && [ -f "$log" ] || return 0
    say "Why tests failed in $(basename "$dir"):"
    awk -F: '{ print $2 }' "$failed_list" | while read -r name; do
        printf '  %s\n' "$name"
        awk -v name="$name" '
            $0 ~ "^[0-9]+/[0-9]+ Test: " name "$" { inside = 1; next }
            inside && /^[0-9]+\/[0-9]+ Test: / { inside = 0 }
            inside && (/^FAIL!/ || /^   Loc:/ || /SUMMARY: / || /ERROR: (Address|Leak)Sanitizer/ ||
                       /runtime error:/ || /Test timeout|Timeout/) { print "    " $0 }' "$log" | head -n 20
    done
}

run_ctest() {
    local dir=$1; shift
    with_test_keychain ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 300 "$@"
}

cmd_test() {
    local full=0 ctest_args=() arg
    for arg in "$@"; do
        if [ "$arg" = --full ]; then full=1; else ctest_args+=("$arg"); fi
    done
    local t_all; t_all=$(date +%s)
    local failed=() digests=()
    stage_start packages; install_packages; stage_end
    stage_start build; build; stage_end
    stage_start tests
    # The package check builds a .deb and runs lintian: --full only.
    # Each failed run's digest is taken at once: a later ctest run in the same folder replaces its log.
    run_ctest "$build_dir" -LE package "${ctest_args[@]}" || { failed+=(tests); digests+=("$(failure_digest "$build_dir")"); }
    stage_end
    stage_start build_nogui; build_nogui; stage_end
    stage_start tests_nogui
    run_ctest "$nogui_dir" "${ctest_args[@]}" || { failed+=(tests_nogui); digests+=("$(failure_digest "$nogui_dir")"); }
    stage_end
    if [ "$full" -eq 1 ]; then
        stage_start build_fuzz; build_fuzz; stage_end
        stage_start fuzz
        ctest --test-dir "$fuzz_dir" --output-on-failure -j "$jobs" -L fuzz || { failed+=(fuzz); digests+=("$(failure_digest "$fuzz_dir")"); }
        fuzz_report
        stage_end
        stage_start static_analysis
        scripts/static-analysis.sh --build "$build_dir" || failed+=(static_analysis)
        stage_end
        stage_start package
        run_ctest "$build_dir" -L package || { failed+=(package); digests+=("$(failure_digest "$build_dir")"); }
        stage_end
    fi
    print_summary "$t_all"
    [ ${#digests[@]} -eq 0 ] || printf '%s\n' "${digests[@]}"
    [ ${#over_budget[@]} -eq 0 ] || failed+=("over budget: ${over_budget[*]}")
    if [ ${#failed[@]} -gt 0 ]; then
        die "Failed: ${failed[*]}"
    fi
    if [ "$full" -eq 1 ] && [ ${#ctest_args[@]} -eq 0 ]; then
        # The static analysis of the next run starts from here (scripts/static-analysis.sh).
        git rev-parse HEAD >"$build_dir/.ci-last-green"
    fi
    say "All stages passed."
}

case ${1:-} in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    -h|--help|help) usage 0 ;;
    *) usage 1 ;;
esac
