#!/usr/bin/env bash
# Runs the product on this machine: the reference server with demo data (API and kiosk site on
# http://127.0.0.1:${PORT:-8080}/) and, where a display exists, the kiosk page in Chromium and the
# TV app. Ctrl+C stops everything. Data is kept in build/run/elder-community.db between runs.
#   PORT=8080         port of the kiosk site
#   HOST=127.0.0.1    address to serve on (0.0.0.0 to reach it from a kiosk on the LAN)
#   TV_ARGS=...       extra TV app options, e.g. TV_ARGS=--fullscreen
#   NO_BROWSER=1      do not open Chromium
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh

PORT=${PORT:-8080}
HOST=${HOST:-127.0.0.1}
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM

mkdir -p build/run
# An alert feed (a weather bureau's CAP push) would use this key; people sign in with accounts.
if [ ! -s build/run/server.json ] || grep -q staff_token build/run/server.json; then
  printf '{"alert_feed_key": "%s"}\n' "$(openssl rand -hex 32)" > build/run/server.json
fi
# A demo admin with every role, once per checkout; its password is kept beside the data.
SERVER=(build/native/bin/elder-server --config build/run/server.json --db build/run/elder-community.db)
if [ ! -s build/run/staff-password.txt ]; then
  password=$(openssl rand -base64 12)
  printf '%s\n' "$password" | "${SERVER[@]}" --add-staff admin --role admin,dispatcher,caseworker,editor,approver \
    --display-name 演示管理员 >/dev/null
  (umask 077 && printf '%s\n' "$password" > build/run/staff-password.txt)
fi
STAFF_PASSWORD=$(cat build/run/staff-password.txt)
# The server is started again if it ever ends by itself (scripts/supervise.sh).
scripts/supervise.sh "${SERVER[@]}" \
  --demo --demo-dir assets/demo --web-root build/wasm/site --host "$HOST" --port "$PORT" --quiet &
pids+=($!)
url="http://127.0.0.1:$PORT/"
echo
echo "API (REST, see shared/api/openapi.yaml): ${url}api/v1/site"
echo "Kiosk (touch, portrait or landscape): $url"
echo "Resident's browser:                   ${url}?surface=browser"
echo "Staff console:                        ${url}staff/"
echo "  sign in as admin, password $STAFF_PASSWORD (kept in build/run/staff-password.txt)"
echo "  more accounts: ${SERVER[*]} --add-staff NAME --role dispatcher"
echo "Sign-in codes (no SMS in the demo) are printed here as \"one-time code\" lines."
# The API as a community's platform uses it: a bearer session of the demo admin.
staff_token() {
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"name\": \"admin\", \"password\": \"$STAFF_PASSWORD\", \"kind\": \"bearer\"}" "http://127.0.0.1:$PORT/api/v1/staff/sessions" |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).token)}catch{}})'
}
if [ -n "${DISPLAY:-}" ]; then
  # A box registers once, with a one-time enrolment code from staff (as an installer would set up
  # a real one); afterwards its device token is kept in its data folder and no code is needed.
  enrolment=()
  if [ ! -s build/run/tv-data/device ]; then
    for _ in $(seq 50); do  # the supervised server may still be starting
      token=$(staff_token) && [ -n "$token" ] || { sleep 0.2; continue; }
      code=$(curl -sf -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/staff/enrolment-codes" |
        node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).code)}catch{}})') && [ -n "$code" ] && break
      sleep 0.2
    done
    [ -n "${code:-}" ] && enrolment=(--enrolment-code "$code")
  fi
  # shellcheck disable=SC2086
  build/native/bin/elder-tvapp --server "http://127.0.0.1:$PORT" --device "demo-tv-$(hostname)" "${enrolment[@]}" \
    --data-dir build/run/tv-data ${TV_ARGS:-} &
  pids+=($!)
  echo "TV app: started in a window (arrows, Enter = OK, Esc = Back, Home, 1-8)"
  echo "  To book on it, bind it to a household with the device number its 预约办理 pages show (N):"
  echo "  curl -X PUT -H \"Authorization: Bearer \$(a token from POST ${url}api/v1/staff/sessions with kind bearer)\" \\"
  echo "    -H 'Content-Type: application/json' \\"
  echo "    -d '{\"household_name\": \"王家\", \"phone\": \"13800000009\"}' ${url}api/v1/staff/devices/N/household"
  if [ -z "${NO_BROWSER:-}" ]; then
    # No infobars, no prompts, SwiftShader where there is no usable GPU (scripts/demo-browser.sh).
    scripts/demo-browser.sh "$url" >build/chromium.log 2>&1 &
    pids+=($!)
  fi
else
  echo "TV app: no display here (DISPLAY is unset); run build/native/bin/elder-tvapp on a machine with one."
fi
echo "Press Ctrl+C to stop."
wait "${pids[0]}"
