#!/usr/bin/env bash
# The example app's smoke flow on a real device runtime (CI: .github/workflows/ci.yml; needs an
# Android emulator with adb, or a booted iOS simulator with xcrun simctl). The app must already
# be installed (debug build) and Metro running on 8081.
#   1. starts the local platform (`iapi-emulator`, 127.0.0.1:8080, app key ci-key:ci-secret)
#      and a customer token server (127.0.0.1:8090/token: holds the key and secret and fetches
#      tokens from the emulator, as an app's backend does);
#   2. opens the app's smoke deep link iapiexample://smoke?tokenUrl=...&alias=..., which runs
#      initializeToken -> session.open -> conference create/join and logs `IAPI_SMOKE <marker>`
#      lines (example/src/smoke.ts);
#   3. passes only if the log shows `IAPI_SMOKE token-callback` and `IAPI_SMOKE session-open`
#      (and `done`) within the timeout, and no `IAPI_SMOKE error`.
# Usage: scripts/example-smoke.sh android|ios [timeout seconds, default 240]
#   EMULATOR_BIN (default target/release/iapi-emulator), ANDROID_APP_ID (default
#   com.iapiexample), SMOKE_LOG (where the collected log goes, default smoke-<platform>.log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/smoke-log.sh
. scripts/lib/smoke-log.sh   # the log readers' arguments, the logcat clearing, the verdict
platform="${1:?usage: example-smoke.sh android|ios [timeout]}"
timeout="${2:-240}"
EMULATOR_BIN="${EMULATOR_BIN:-target/release/iapi-emulator}"
APP_ID="${ANDROID_APP_ID:-com.iapiexample}"
LOG="${SMOKE_LOG:-$ROOT/smoke-$platform.log}"
: >"$LOG"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

"$EMULATOR_BIN" --port 8080 --app ci-key:ci-secret --token-ttl 20 >"$LOG.emulator" 2>&1 &
pids+=($!)
node - >"$LOG.token-server" 2>&1 <<'NODE' &
// The customer backend: holds the key and secret, asks the platform for short-lived tokens.
const http = require('http');
const auth = 'Basic ' + Buffer.from('ci-key:ci-secret').toString('base64');
http.createServer(async (req, res) => {
  try {
    const r = await fetch('http://127.0.0.1:8080/v1/oauth2/token', {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = await r.text();
    console.log(`${new Date().toISOString()} ${req.method} ${req.url} -> ${r.status}`);
    res.writeHead(r.status, { 'content-type': 'application/json' }).end(body);
  } catch (e) {
    res.writeHead(502).end(String(e));
  }
}).listen(8090, '127.0.0.1', () => console.log('token server on 127.0.0.1:8090'));
NODE
pids+=($!)
for _ in $(seq 1 50); do
  curl -fsS http://127.0.0.1:8090/token -o /dev/null 2>/dev/null && break
  sleep 0.2
done
curl -fsS http://127.0.0.1:8090/token -o /dev/null || { cat "$LOG.emulator" "$LOG.token-server" >&2; echo "smoke: platform or token server not up" >&2; exit 1; }

token_url="http%3A%2F%2F127.0.0.1%3A8090%2Ftoken"
link="iapiexample://smoke?tokenUrl=$token_url&alias=ci-smoke"
case "$platform" in
  android)
    # The device reaches the host's emulator, token server and Metro on its own 127.0.0.1.
    for port in 8080 8090 8081; do adb reverse "tcp:$port" "tcp:$port"; done
    smoke_clear_logcat
    adb "${SMOKE_LOGCAT_ARGS[@]}" >>"$LOG" 2>&1 &
    pids+=($!)
    adb shell am start -W -a android.intent.action.VIEW -d "'$link'" "$APP_ID"
    ;;
  ios)
    xcrun simctl spawn booted log "${SMOKE_IOS_LOG_ARGS[@]}" >>"$LOG" 2>&1 &
    pids+=($!)
    sleep 2
    xcrun simctl openurl booted "$link"
    ;;
  *) echo "smoke: unknown platform $platform" >&2; exit 2 ;;
esac

deadline=$(( $(date +%s) + timeout ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if grep -q 'IAPI_SMOKE error' "$LOG"; then break; fi
  if grep -q 'IAPI_SMOKE done' "$LOG"; then break; fi
  sleep 2
done
grep 'IAPI_SMOKE' "$LOG" || echo "smoke: no IAPI_SMOKE line at all within ${timeout}s" >&2
if ! smoke_verdict "$LOG"; then
  echo "--- app log (tail) ---" >&2; tail -100 "$LOG" >&2
  echo "--- platform ---" >&2; tail -30 "$LOG.emulator" >&2
  echo "--- token server ---" >&2; tail -30 "$LOG.token-server" >&2
  exit 1
fi
echo "smoke ($platform): token callback and session open seen; flow done"
