#!/usr/bin/env bash
# Tests of what the example app's smoke run on CI relies on, runnable without a device:
#  1. iOS: the `log stream` arguments of scripts/lib/smoke-log.sh, applied by a model of `log
#     stream`'s level and predicate filter to a sample of the simulator's log
#     (testdata/ios-smoke-log.ndjson: records in the shape `log stream --style ndjson` writes, with
#     the types React Native gives its lines: console.log is Info, RCTLog.mm), keep the Info-level
#     IAPI_SMOKE lines and the smoke verdict passes; without --level (the old arguments: default
#     level only) nothing is kept and the verdict fails.
#  2. Android: `adb logcat -c` failing twice is retried and the run goes on; failing always only
#     warns (set -e does not end the run); the reader starts at the newest line (-T 1).
#  3. The verdict: passes with every marker, fails on a missing one and on `IAPI_SMOKE error`.
#  4. scripts/lib/start-metro.sh with stand-ins for Metro: passes when /status answers and the
#     bundle builds; fails, saying why, when Metro exits at once, never answers, or the bundle
#     fails (HTTP 500).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/smoke-log.sh
. "$here/smoke-log.sh"
work="$(mktemp -d)"
stand_in_pids=()
cleanup() {
  for pid in "${stand_in_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fails=0 passes=0
pass() { echo "ok   $*"; passes=$((passes + 1)); }
fail() { echo "FAIL $*" >&2; fails=$((fails + 1)); }

# --- 1. iOS log filter -------------------------------------------------------------------------
# ios_model <log args...>: prints, in `--style compact` form, the sample's records that `log`
# shows with these arguments. Levels: default shows Default, Error, Fault; info adds Info; debug
# adds Debug. Only the predicate form `eventMessage CONTAINS "<text>"` is modelled: another one
# fails here, so a change of predicate comes with a change of this model.
ios_model() {
  python3 - "$here/testdata/ios-smoke-log.ndjson" "$@" <<'PY'
import json, re, sys
sample, args = sys.argv[1], sys.argv[2:]
if args[:1] != ["stream"]:
    sys.exit("model: not a `log stream` command: %r" % args)
level, predicate = "default", None
i = 1
while i < len(args):
    if args[i] in ("--level", "--predicate", "--style"):
        if args[i] == "--level": level = args[i + 1]
        if args[i] == "--predicate": predicate = args[i + 1]
        i += 2
    else:
        sys.exit("model: unmodelled argument %r" % args[i])
shown = {"default": {"Default", "Error", "Fault"}}
shown["info"] = shown["default"] | {"Info"}
shown["debug"] = shown["info"] | {"Debug"}
if level not in shown: sys.exit("model: unknown level %r" % level)
m = re.fullmatch(r'eventMessage CONTAINS "([^"]*)"', predicate or "")
if not m: sys.exit("model: unmodelled predicate %r" % predicate)
short = {"Default": "Df", "Info": "I ", "Debug": "Db", "Error": "E ", "Fault": "F "}
for line in open(sample):
    r = json.loads(line)
    if r["messageType"] in shown[level] and m.group(1) in r["eventMessage"]:
        proc = r["processImagePath"].rsplit("/", 1)[-1]
        print("%s %s %s[%d:%x] [%s:%s] %s" % (r["timestamp"][:23], short[r["messageType"]], proc,
              r["processID"], r["threadID"], r["subsystem"], r["category"], r["eventMessage"]))
PY
}
if ios_model "${SMOKE_IOS_LOG_ARGS[@]}" >"$work/ios.log" 2>"$work/err"; then
  if grep -q '^[0-9-]* [0-9:.]* I  IapiExample.*IAPI_SMOKE token-callback$' "$work/ios.log" &&
    smoke_verdict "$work/ios.log" 2>"$work/err"; then
    pass "iOS: 'log ${SMOKE_IOS_LOG_ARGS[*]}' keeps the Info-level IAPI_SMOKE lines ($(wc -l <"$work/ios.log") of the sample's $(wc -l <"$here/testdata/ios-smoke-log.ndjson")); the verdict passes"
  else
    fail "iOS: the filtered sample misses the info-level markers"; cat "$work/ios.log" "$work/err" >&2
  fi
else
  fail "iOS: the model cannot apply the arguments"; cat "$work/err" >&2
fi
old_args=(stream --style compact --predicate 'eventMessage CONTAINS "IAPI_SMOKE"')
ios_model "${old_args[@]}" >"$work/ios-old.log"
if ! smoke_verdict "$work/ios-old.log" 2>/dev/null && ! grep -q 'IAPI_SMOKE token-callback' "$work/ios-old.log"; then
  pass "iOS: without --level (default level only) no marker is kept and the verdict fails (the old timeout)"
else
  fail "iOS: the model shows info lines at the default level"
fi

# --- 2. adb logcat -c ----------------------------------------------------------------------------
mkdir -p "$work/bin"
cat >"$work/bin/adb" <<'SH'
#!/usr/bin/env bash
# Stand-in adb: `logcat -c` fails while ADB_CLEAR_FAILS (a count in a file) is above zero.
echo "$*" >>"$ADB_CALLS"
if [ "$*" = "logcat -c" ]; then
  n="$(cat "$ADB_CLEAR_FAILS")"
  if [ "$n" -gt 0 ]; then
    echo $((n - 1)) >"$ADB_CLEAR_FAILS"
    echo "failed to clear the 'main' log" >&2
    exit 1
  fi
fi
SH
chmod +x "$work/bin/adb"
clear_with() {   # <failures before success> -> status; stderr in $work/clear.err
  echo "$1" >"$work/fails"; : >"$work/calls"
  ( set -e; PATH="$work/bin:$PATH" ADB_CALLS="$work/calls" ADB_CLEAR_FAILS="$work/fails" \
    SMOKE_RETRY_PAUSE=0 smoke_clear_logcat; echo "went on" ) >"$work/clear.out" 2>"$work/clear.err"
}
if clear_with 2 && [ "$(grep -c 'logcat -c' "$work/calls")" = 3 ] && grep -q 'went on' "$work/clear.out" &&
  ! grep -q 'warning' "$work/clear.err"; then
  pass "Android: 'adb logcat -c' failing twice is retried (3 calls) and the run goes on"
else
  fail "Android: two failures of 'adb logcat -c' were not retried"; cat "$work/calls" "$work/clear.err" >&2
fi
if clear_with 99 && [ "$(grep -c 'logcat -c' "$work/calls")" = 3 ] && grep -q 'went on' "$work/clear.out" &&
  grep -q 'warning' "$work/clear.err"; then
  pass "Android: 'adb logcat -c' failing every time only warns after 3 tries (not fatal under set -e)"
else
  fail "Android: a failing 'adb logcat -c' ends the run"; cat "$work/calls" "$work/clear.err" >&2
fi
case " ${SMOKE_LOGCAT_ARGS[*]} " in
  *" -T 1 "*) pass "Android: the log reader starts at the newest line (adb ${SMOKE_LOGCAT_ARGS[*]})" ;;
  *) fail "Android: the log reader would show lines from before the run" ;;
esac

# --- 3. verdict ----------------------------------------------------------------------------------
printf 'I/ReactNativeJS( 4242): IAPI_SMOKE token-callback\nI/ReactNativeJS( 4242): IAPI_SMOKE session-open\nI/ReactNativeJS( 4242): IAPI_SMOKE done\n' >"$work/a.log"
grep -v session-open "$work/a.log" >"$work/b.log"
{ cat "$work/a.log"; echo 'I/ReactNativeJS( 4242): IAPI_SMOKE error INVALID_STATE'; } >"$work/c.log"
if smoke_verdict "$work/a.log" 2>/dev/null && ! smoke_verdict "$work/b.log" 2>"$work/b.err" &&
  grep -q "no 'IAPI_SMOKE session-open'" "$work/b.err" && ! smoke_verdict "$work/c.log" 2>/dev/null; then
  pass "verdict: passes with every marker, fails on a missing marker and on IAPI_SMOKE error"
else
  fail "verdict: wrong outcome"
fi

# --- 4. start-metro.sh ---------------------------------------------------------------------------
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$work/fake-metro.js" <<'JS'
// Stand-in Metro: /status as Metro answers it; the bundle with BUNDLE_STATUS (200 or 500).
const http = require('http');
const [port, bundleStatus] = process.argv.slice(2);
http.createServer((req, res) => {
  if (req.url === '/status') return res.end('packager-status:running');
  if (req.url.startsWith('/index.bundle')) {
    res.writeHead(Number(bundleStatus));
    return res.end(bundleStatus === '200' ? 'var __BUNDLE__ = 1;' : '{"type":"UnableToResolveError","message":"Unable to resolve module ./missing"}');
  }
  res.writeHead(404).end();
}).listen(Number(port), '127.0.0.1');
JS
metro() {   # <name> <timeout> <METRO_CMD> -> status; output in $work/<name>.out
  local name="$1" status=0
  METRO_PORT="$port" METRO_CMD="$3" bash "$here/start-metro.sh" "$work" "$work/$name.log" android "$2" \
    >"$work/$name.out" 2>&1 || status=$?
  if [ -s "$work/$name.log.pid" ]; then stand_in_pids+=("$(cat "$work/$name.log.pid")"); fi
  return "$status"
}
stop_last() { kill "${stand_in_pids[-1]}" 2>/dev/null || true; wait "${stand_in_pids[-1]}" 2>/dev/null || true; sleep 0.2; }
if metro up 20 "node $work/fake-metro.js $port 200" && grep -q 'the android bundle builds' "$work/up.out"; then
  pass "start-metro: returns when /status answers and the bundle builds"
else
  fail "start-metro: a serving Metro was not accepted"; cat "$work/up.out" >&2
fi
stop_last
if ! metro bundle 20 "node $work/fake-metro.js $port 500" && grep -q 'the android bundle failed (HTTP 500' "$work/bundle.out" &&
  grep -q 'Unable to resolve module' "$work/bundle.out"; then
  pass "start-metro: a bundler error fails the step and shows Metro's message"
else
  fail "start-metro: a bundler error passed"; cat "$work/bundle.out" >&2
fi
stop_last
if ! metro exits 20 "false" && grep -q 'Metro exited before it served' "$work/exits.out"; then
  pass "start-metro: Metro exiting at once fails the step"
else
  fail "start-metro: Metro exiting was not noticed"; cat "$work/exits.out" >&2
fi
if ! metro silent 3 "sleep 30" && grep -q 'did not answer .* within 3s' "$work/silent.out"; then
  pass "start-metro: Metro never answering fails after the timeout"
else
  fail "start-metro: a silent Metro passed"; cat "$work/silent.out" >&2
fi

echo "test-smoke-helpers: $passes passed, $fails failed"
[ "$fails" = 0 ]
