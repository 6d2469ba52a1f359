#!/usr/bin/env bash
# TV smoke test: the real TV app in a real X server (Xvfb), remote keys injected with xdotool
# (XTEST, as a remote's key events arrive), assertions on the state the app reports. The app talks
# to a reference server of its own (no content, so no alert interrupts) on a free port.
#   tv_smoke.sh APP SERVER OUTPUT_DIR
set -euo pipefail

if [ "${1:-}" != "--inner" ]; then
  mkdir -p "$3"
  rm -f "$3"/report.json "$3"/tv-home.png
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" --inner "$@"
fi
app=$2 server=$3 out=$4
report="$out/report.json"
work=$(mktemp -d /tmp/elder-tv-smoke-XXXXXX)  # the box's data and the server's database: fresh each run

fail() { echo "FAIL: $*" >&2; [ -f "$report" ] && { echo "last report:" >&2; head -c 400 "$report" >&2; echo >&2; }; exit 1; }
field() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r[process.argv[2]])' "$report" "$1" 2>/dev/null || true; }

# Waits (up to 10 s) until the reported field has the expected value.
expect() {
  local name=$1 want=$2 what=$3 got=""
  for _ in $(seq 100); do
    got=$(field "$name")
    [ "$got" = "$want" ] && { echo "ok: $what ($name=$got)"; return; }
    sleep 0.1
  done
  fail "$what: expected $name=$want, got '$got'"
}

press() { xdotool key --delay 50 "$@"; }

# The server picks a free port (--port 0) and says which in its "listening" log line.
"$server" --port 0 --db "$work/smoke.db" 2> "$out/server.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*"msg":"listening".*"port":\([0-9]*\).*/\1/p' "$out/server.log")
  [ -n "$port" ] && break
  kill -0 $server_pid 2>/dev/null || fail "the server exited: $(cat "$out/server.log")"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not say it was listening: $(cat "$out/server.log")"
url="http://127.0.0.1:$port/"

"$app" --server "$url" --report "$report" --screenshot "$out/tv-home.png" --data-dir "$work/data" 2> "$out/tvapp.log" &
pid=$!
trap 'kill $pid $server_pid 2>/dev/null || true' EXIT

expect screen home "the app starts on the home page"
expect gl gles2 "the app reports its GL context (GLES 2, as set-top boxes have)"
expect focus 0 "the first tile is focused"
wid=$(xdotool search --sync --pid $pid | head -n1)
xdotool windowactivate --sync "$wid" 2>/dev/null || xdotool windowfocus --sync "$wid"

# Nine tiles, three rows of three: 政策 办事 预约 / 提醒 活动 联系 / 求助 设置 公告.
press Right;  expect focus 1 "Right moves to 办事指南"
press Down;   expect focus 4 "Down moves to 社区活动"
press Right;  expect focus 5 "Right moves to 联系我们"
press Left;   expect focus 4 "Left moves back to 社区活动"
press Return; expect screen activities "OK opens 社区活动"
press Escape; expect screen home "Back returns home"
expect focus 4 "home remembers the focused tile"
press 3;      expect screen appointments "number key 3 opens 预约办理"
press BackSpace; expect screen home "Backspace is Back too"
expect focus 2 "focus stays on the tile the number key opened"
press Down;   expect focus 5 "Down moves to 联系我们"
press 9;      expect screen notices "number key 9 opens 社区公告"

kill -TERM $pid
wait $pid || fail "the app exited with status $? on SIGTERM"
trap 'kill $server_pid 2>/dev/null || true' EXIT
[ -s "$out/tv-home.png" ] || fail "no screenshot was written"
grep -q "first frame after" "$out/tvapp.log" || fail "the app did not log its first frame"
grep -q '"path":"/api/v1/site"' "$out/server.log" || fail "the app did not ask its own server (it must never use a default one)"
echo "screenshot: $out/tv-home.png"

# A vendor's remote, mapped by a keymap file alone: here its "home" key sends F12 and its OK key F5.
cat > "$out/vendor-keymap.json" <<'JSON'
{"keys": {"Up": "up", "Down": "down", "Left": "left", "Right": "right", "F5": "ok", "Escape": "back", "F12": "home", "2": "2"}}
JSON
rm -f "$report"
"$app" --server "$url" --report "$report" --data-dir "$work/data" --keymap "$out/vendor-keymap.json" 2>> "$out/tvapp.log" &
pid=$!
trap 'kill $pid $server_pid 2>/dev/null || true' EXIT
expect screen home "the app starts with the vendor's keymap"
wid=$(xdotool search --sync --pid $pid | head -n1)
xdotool windowactivate --sync "$wid" 2>/dev/null || xdotool windowfocus --sync "$wid"
press 2;   expect screen guides "number key 2 opens 办事指南"
press F12; expect screen home "the vendor's home key (F12) goes home: keymap data, no code"
press Return; expect screen home "Return means nothing to this remote"
press F5;  expect screen guides "the vendor's OK key (F5) opens the focused tile (办事指南, where focus stayed)"
kill -TERM $pid
wait $pid || fail "the app with the vendor's keymap exited with status $? on SIGTERM"
kill -TERM $server_pid
wait $server_pid || fail "the server exited with status $? on SIGTERM"
trap - EXIT

# A broken keymap stops the app with a sentence, not a remote that does nothing.
echo '{"keys": {"Up": "jump"}}' > "$out/broken-keymap.json"
set +e
"$app" --server "$url" --keymap "$out/broken-keymap.json" --data-dir "$work/data" 2> "$out/broken.log"
status=$?
set -e
[ "$status" = 2 ] || fail "a broken keymap should exit with status 2, got $status"
grep -q 'unknown remote function "jump"' "$out/broken.log" || fail "the broken keymap was not explained: $(cat "$out/broken.log")"
echo "ok: a broken keymap is refused: $(cat "$out/broken.log")"
rm -rf "$work"
echo "PASS: tv smoke"
