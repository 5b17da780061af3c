#!/usr/bin/env bash
# Takes the documentation screenshots from a built console, on a virtual X server:
#   scripts/screenshots.sh BUILD_DIR [OUTPUT_DIR]     (OUTPUT_DIR defaults to docs/screenshots)
# It builds nothing. It runs the real program, `confero --sandbox` on a fresh data folder (so the
# sandbox's demo rooms fill the table), photographs the window with ImageMagick's `import`, presses
# Ctrl+N with xdotool as a user would, and photographs the room editor; then it opens the Sessions
# page (the embedded sandbox's simulated history is synced on first open), selects the newest session
# and photographs the page with that session's participants and timeline; last the Recordings page
# with downloads in every state.
# Needs: xvfb-run (xvfb), import (imagemagick), xdotool, xwininfo (x11-utils).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 BUILD_DIR [OUTPUT_DIR]" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
repo_dir=$(cd "$(dirname "$0")/.." && pwd)
out_dir=${2:-"$repo_dir/docs/screenshots"}
confero="$build_dir/app/console/confero"

for tool in xvfb-run import xdotool xwininfo; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 1; }
done
[[ -x "$confero" ]] || { echo "$0: no console at $confero (build the 'confero' target first)" >&2; exit 1; }
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT

# The part that runs inside the virtual display.
inner=$(cat <<'INNER'
set -euo pipefail
confero=$1; data_dir=$2; out_dir=$3
export QTWEBENGINE_DISABLE_SANDBOX=1
unset CONFERO_DATA_DIR
"$confero" --sandbox --data-dir "$data_dir" >"$data_dir/confero.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

# Waits up to 30 s for a top-level window whose title contains $1; prints its id.
wait_for_window() {
    for _ in $(seq 1 60); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1 || true)
        if [[ -n "$id" ]]; then echo "$id"; return 0; fi
        kill -0 $pid 2>/dev/null || { echo "confero exited early:" >&2; cat "$data_dir/confero.log" >&2; return 1; }
        sleep 0.5
    done
    echo "no window titled '$1' appeared" >&2
    cat "$data_dir/confero.log" >&2
    return 1
}

main=$(wait_for_window 'Confero')
# Let the first listing of rooms arrive and the table paint.
sleep 3
import -window "$main" "$out_dir/rooms-page.png"

xdotool windowfocus --sync "$main"
xdotool key --window "$main" ctrl+n
editor=$(wait_for_window 'New room')
sleep 1
# The editor over the window it belongs to, as the user sees it.
import -window root -crop "$(xwininfo -id "$main" | awk '/Width:/{w=$2}/Height:/{h=$2}END{print w "x" h "+0+0"}')" \
    "$out_dir/room-editor.png"
xdotool key Escape
sleep 1

# The Sessions page: choose it in the sidebar by typing its name (the list's keyboard search, so the
# place other pages take in the list does not matter), wait for the automatic first sync, select the
# newest session with the keyboard (Enter opens its participants and timeline).
xdotool windowfocus --sync "$main"
xdotool mousemove --window "$main" 60 61 click 1
xdotool type --delay 50 "Sessions"
# The first sync of 30 simulated days takes a few seconds. Then "Sync now" (Alt+S) once more, as a
# user would to see it is current (and to store what the first one could not, had it failed).
sleep 8
xdotool key alt+s
sleep 6
xdotool key ctrl+f
# From the participant filter, Tab through role, minimum duration and Sync to the table.
for key in Tab Tab Tab Tab Tab; do xdotool key "$key"; sleep 0.2; done
xdotool key ctrl+Home Return
sleep 2
import -window "$main" "$out_dir/sessions-page.png"

# The Recordings page: Load (F5) lists the last 7 days' recorded sessions; the first session's chat
# and metadata are downloaded, then (files answering after 2.5 s and breaking off at 45 % four times,
# set through the embedded sandbox's control surface) nine more, two at a time, one of them paused
# part-way: finished, paused, downloading and queued rows and the total in one picture.
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$data_dir/confero.log" | head -n1 | cut -d: -f3)
# One POST to the sandbox's control surface with bash's own /dev/tcp (no HTTP client needed).
post_faults() {
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf 'POST /sandbox/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
        "${#1}" "$1" >&3
    cat <&3 >/dev/null
    exec 3<&-
}
row() { echo $((146 + 24 * ($1 - 1))); }
xdotool mousemove --window "$main" 60 61 click 1
xdotool type --delay 50 "Recordings"
sleep 1
xdotool key F5
sleep 3
xdotool mousemove --window "$main" 700 "$(row 4)" click 1
xdotool keydown shift mousemove --window "$main" 700 "$(row 5)" click 1 keyup shift
xdotool key ctrl+d
sleep 1.5
post_faults '{"faults":[{"kind":"latency","ms":2500,"count":-1,"match":"/files/"},{"kind":"drop","after_fraction":0.45,"count":4,"match":"/files/"}]}'
xdotool mousemove --window "$main" 700 "$(row 6)" click 1
xdotool keydown shift mousemove --window "$main" 700 "$(row 14)" click 1 keyup shift
xdotool key ctrl+d
sleep 3.6
xdotool mousemove --window "$main" 700 "$(row 7)" click 1
xdotool key ctrl+p
sleep 3.2
xdotool mousemove --window "$main" 700 "$(row 1)" click 1
sleep 0.5
import -window "$main" "$out_dir/recordings-page.png"
echo "saved $out_dir/rooms-page.png, $out_dir/room-editor.png, $out_dir/sessions-page.png and $out_dir/recordings-page.png"
INNER
)
xvfb-run -a -s "-screen 0 1400x900x24" bash -c "$inner" screenshots "$confero" "$data_dir" "$out_dir"
