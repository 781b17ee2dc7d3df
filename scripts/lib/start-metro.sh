#!/usr/bin/env bash
# Starts Metro for the example app in the background (it keeps running after this script; CI's
# job ends it) and returns only when it serves: fails, with the end of Metro's log, when Metro
# exits, does not answer /status within the timeout, or cannot bundle the app for the platform
# (the bundle is requested once here, so a bundler error fails this step with its message
# instead of showing as a red screen and a smoke-run timeout on the device).
# Usage: scripts/lib/start-metro.sh <app dir> <log file> <android|ios> [timeout seconds, 180]
#   METRO_PORT  (default 8081)   METRO_CMD  the command (default: npx react-native start --port
#   $METRO_PORT; scripts/lib/test-smoke-helpers.sh puts stand-ins here)
# Metro's pid is written to <log file>.pid.
set -euo pipefail
dir="${1:?usage: start-metro.sh <app dir> <log file> <android|ios> [timeout]}"
log="${2:?log file}"
platform="${3:?android|ios}"
timeout="${4:-180}"
port="${METRO_PORT:-8081}"
read -r -a cmd <<<"${METRO_CMD:-npx react-native start --port $port}"

fail() {
  echo "start-metro: $*" >&2
  echo "--- metro log (tail) ---" >&2
  tail -40 "$log" >&2 || true
  exit 1
}

(cd "$dir" && exec nohup "${cmd[@]}" >"$log" 2>&1 </dev/null) &
pid=$!
echo "$pid" >"$log.pid"
deadline=$(( $(date +%s) + timeout ))
until [ "$(curl -fsS --max-time 5 "http://127.0.0.1:$port/status" 2>/dev/null)" = "packager-status:running" ]; do
  kill -0 "$pid" 2>/dev/null || fail "Metro exited before it served (${cmd[*]})"
  [ "$(date +%s)" -lt "$deadline" ] || fail "Metro did not answer http://127.0.0.1:$port/status within ${timeout}s"
  sleep 2
done
echo "start-metro: Metro is up on port $port (pid $pid)"

# One bundle for the platform: Metro answers a bundling error with a 500 and its message.
url="http://127.0.0.1:$port/index.bundle?platform=$platform&dev=true&minify=false"
code="$(curl -sS --max-time 600 -o "$log.bundle" -w '%{http_code}' "$url" || echo 000)"
if [ "$code" != 200 ]; then
  head -c 4000 "$log.bundle" >&2 2>/dev/null || true
  echo >&2
  fail "the $platform bundle failed (HTTP $code from $url)"
fi
echo "start-metro: the $platform bundle builds ($(wc -c <"$log.bundle" | tr -d ' ') bytes)"
rm -f "$log.bundle"
