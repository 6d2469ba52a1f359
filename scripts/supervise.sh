#!/usr/bin/env bash
# Keeps a command running: whenever it ends without being asked to (a crash, kill -9, the OOM
# killer), it is started again, after 1 s, doubling to 30 s while it keeps dying within a minute.
# SIGINT or SIGTERM stop the command and then this script. Used by scripts/run.sh for the server;
# a deployment uses systemd instead (docs/DEPLOYMENT.md).
#   scripts/supervise.sh COMMAND [ARGS...]
set -uo pipefail
child=0
stop() {
  trap - INT TERM
  [ "$child" -ne 0 ] && kill -TERM "$child" 2>/dev/null && wait "$child"
  exit 0
}
trap stop INT TERM
delay=1
while :; do
  started=$(date +%s)
  "$@" &
  child=$!
  wait "$child"
  code=$?
  if [ $(( $(date +%s) - started )) -ge 60 ]; then delay=1; fi
  echo "[supervise] $1 ended (exit status $code); starting it again in ${delay} s" >&2
  sleep "$delay" & wait $!
  delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
done
