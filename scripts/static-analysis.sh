#!/usr/bin/env bash
# clang-tidy (.clang-tidy) and clazy (the Qt checks below) over our C++ sources (app/, ui/, tests/, bench/).
#   static-analysis.sh [--all] [--base <commit>] [--build <dir>] [--jobs <n>] [--paths <path>...]
# Without --all: the .cpp files changed since the base (their headers are checked through them, and a
# changed header brings in the .cpp of the same name). The base is, in order: --base; the commit of the
# last green `./confero.sh test --full` run, kept in <build>/.ci-last-green; else the committed baseline
# .ci/static-analysis-base; else HEAD~20 (the files changed in the last 20 commits). Uncommitted changes
# count as changed.
# --paths keeps only the files under the given files or folders (relative to the repository root), e.g.
# `--all --paths app/http tests/http`: the whole tree takes tens of minutes on 2 cores, a folder a few.
# <build> (default: build) is a built folder: its compile_commands.json gives the flags, and clang
# reads moc's and uic's output there (tst_x.moc, ui_x.h; configured only, these are missing).
# Exit status: 0 when neither tool reports anything.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

all=0 base="" build="$root/build" jobs=${CONFERO_JOBS:-2} paths=()
while [ $# -gt 0 ]; do
    case $1 in
        --all) all=1 ;;
        --base) base=$2; shift ;;
        --build) build=$2; shift ;;
        --jobs) jobs=$2; shift ;;
        --paths)
            while [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; do
                p=${2%/}; p=${p#"$root"/}
                [ -e "$root/$p" ] || { echo "static-analysis.sh: no such path $p" >&2; exit 2; }
                paths+=("$p"); shift
            done
            [ ${#paths[@]} -gt 0 ] || { echo "static-analysis.sh: --paths needs at least one path" >&2; exit 2; }
            ;;
        *) echo "static-analysis.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
build=$(cd "$build" && pwd)
[ -f "$build/compile_commands.json" ] || { echo "No $build/compile_commands.json: configure $build first." >&2; exit 2; }

# clazy: all of level0 (no false positives expected) and level1, minus:
#   non-pod-global-static: Q_LOGGING_CATEGORY and Q_GLOBAL_STATIC are how Qt wants these written.
# plus a few of level2 that find real mistakes: old-style-connect, missing-qobject-macro,
# function-args-by-ref, qstring-arg (.arg().arg() chains).
clazy_checks="level0,level1,no-non-pod-global-static,old-style-connect,missing-qobject-macro,function-args-by-ref,qstring-arg"

# The compile database without the precompiled-header flags: the .gch files are gcc's, which clang
# cannot read; clang parses the headers themselves instead.
work="$build/static-analysis"
mkdir -p "$work"
python3 - "$build/compile_commands.json" "$work/compile_commands.json" <<'PY'
import json, re, sys
entries = json.load(open(sys.argv[1]))
for e in entries:
    c = e["command"]
    c = re.sub(r"-include \S*cmake_pch\.hxx", "", c)
    c = c.replace("-Winvalid-pch", "")
    e["command"] = c
json.dump(entries, open(sys.argv[2], "w"), indent=0)
PY

# Our translation units in the database (not moc's or uic's, not the build folder's).
# (python3, not jq: a fresh machine has no jq, and a failed reader here once made every run "clean".)
mapfile -t known < <(python3 -c 'import json, sys; print("\n".join(e["file"] for e in json.load(open(sys.argv[1]))))' \
    "$work/compile_commands.json" | grep -E "^$root/(app|ui|tests|bench)/" | sort -u)
if [ ${#known[@]} -eq 0 ]; then
    echo "static-analysis.sh: no source of ours in $work/compile_commands.json; is $build configured?" >&2
    exit 2
fi

if [ "$all" -eq 1 ]; then
    files=("${known[@]}")
    say_what="the whole tree"
else
    if [ -z "$base" ] && [ -f "$build/.ci-last-green" ]; then
        base=$(cat "$build/.ci-last-green")
        git cat-file -e "$base^{commit}" 2>/dev/null || base=""
    fi
    # A fresh clone (CI) has no .ci-last-green: the committed baseline says which commit's tree was
    # last analysed and accepted, so only what changed since is checked (the rest: `--all`).
    if [ -z "$base" ] && [ -f "$root/.ci/static-analysis-base" ]; then
        base=$(tr -d '[:space:]' < "$root/.ci/static-analysis-base")
        git cat-file -e "$base^{commit}" 2>/dev/null || base=""
    fi
    if [ -z "$base" ]; then
        base=$(git rev-parse --verify -q HEAD~20 || git rev-list --max-parents=0 HEAD | tail -1)
    fi
    mapfile -t changed < <(git diff --name-only --diff-filter=ACMR "$base" -- '*.cpp' '*.h'
                           git ls-files --others --exclude-standard -- '*.cpp' '*.h')
    files=()
    for f in "${changed[@]}"; do
        f="$root/${f%.*}.cpp"
        for k in "${known[@]}"; do
            if [ "$k" = "$f" ]; then files+=("$f"); break; fi
        done
    done
    mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u | grep . || true)
    say_what="the files changed since $(git rev-parse --short "$base")"
fi

if [ ${#paths[@]} -gt 0 ]; then
    kept=()
    for f in "${files[@]}"; do
        for p in "${paths[@]}"; do
            case $f in "$root/$p" | "$root/$p"/*) kept+=("$f"); break ;; esac
        done
    done
    files=("${kept[@]}")
    say_what="$say_what under ${paths[*]}"
fi

if [ ${#files[@]} -eq 0 ]; then
    echo "static analysis: nothing to check in $say_what"
    exit 0
fi
echo "static analysis: ${#files[@]} files, $say_what, $jobs at a time"

header_filter="^$root/(app|ui|tests|bench)/"
log="$work/findings.log"
: >"$log"
check_one() {
    local f=$1 out rc=0
    out=$(clang-tidy -p "$work" --quiet --header-filter="$header_filter" "$f" 2>&1) || rc=$?
    # clazy-standalone reports as warnings; any warning in our folders is a finding.
    local clazy_out
    clazy_out=$(clazy-standalone -p "$work" --checks="$clazy_checks" --header-filter="$header_filter" \
        --ignore-dirs="$build" "$f" 2>&1 | grep -E "^$root/(app|ui|tests|bench)/.*(warning|error):" -A3 || true)
    if [ "$rc" -ne 0 ] || [ -n "$clazy_out" ]; then
        printf '== %s\n%s\n%s\n' "$f" "$(printf '%s\n' "$out" | grep -v '^[0-9]* warnings\? generated' \
            | grep -v 'Suppressed [0-9]* warnings' | grep -v 'Use -header-filter' | grep -v '^$')" "$clazy_out"
        return 1
    fi
    echo "ok  ${f#"$root"/}"
}
export -f check_one
export work header_filter clazy_checks root build
rc=0
printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P "$jobs" bash -c 'check_one "$0"' >"$log" 2>&1 || rc=$?
grep -v '^ok  ' "$log" || true
if [ "$rc" -ne 0 ]; then
    echo "static analysis: findings above (all in $log)"
    exit 1
fi
echo "static analysis: clean ($(grep -c '^ok  ' "$log") files)"
