# shellcheck shell=bash
# Sourced by scripts/example-smoke.sh (and scripts/lib/test-smoke-helpers.sh): how the smoke run
# reads the app's log on each platform and decides. One place, so the test checks what CI runs.

# The markers example/src/smoke.ts logs (console.log) on the way; all must show, in this order.
SMOKE_MARKERS=(token-callback session-open 'done')

# iOS simulator: `xcrun simctl spawn booted log <these>`. React Native writes console.log through
# os_log at INFO level (RCTLog.mm, RCTLogTypeForLogLevel: info and warn -> OS_LOG_TYPE_INFO), and
# `log stream` without --level shows only default-level messages and above: --level info is the
# least that shows the markers (debug would add nothing the predicate keeps).
# shellcheck disable=SC2034  # used by the scripts that source this
SMOKE_IOS_LOG_ARGS=(stream --style compact --level info --predicate 'eventMessage CONTAINS "IAPI_SMOKE"')

# Android: `adb <these>`: from the newest line on (-T 1, see smoke_clear_logcat), only the tags
# React Native's console and crashes log with.
# shellcheck disable=SC2034
SMOKE_LOGCAT_ARGS=(logcat -T 1 -v brief ReactNativeJS:V ReactNative:V AndroidRuntime:E '*:S')

# retry <tries> <pause seconds> <command...>: the command's status of its last try.
retry() {
  local tries="$1" pause="$2" n=1
  shift 2
  until "$@"; do
    [ "$n" -lt "$tries" ] || return 1
    n=$((n + 1))
    sleep "$pause"
  done
}

# Empties the device's log before the run. `adb logcat -c` sometimes fails on a just-booted
# emulator ("failed to clear the 'main' log"): tried 3 times, then only a warning, since the
# reader starts at the newest line anyway (SMOKE_LOGCAT_ARGS: -T 1), so old lines stay out.
smoke_clear_logcat() {
  retry 3 "${SMOKE_RETRY_PAUSE:-2}" adb logcat -c ||
    echo "smoke: warning: 'adb logcat -c' failed 3 times; reading from the newest line on" >&2
}

# smoke_verdict <log file>: 0 when every marker is there and no `IAPI_SMOKE error`; otherwise
# says what is missing on stderr and returns 1.
smoke_verdict() {
  local log="$1" ok=0 marker
  for marker in "${SMOKE_MARKERS[@]}"; do
    grep -q "IAPI_SMOKE $marker" "$log" || { echo "smoke: no 'IAPI_SMOKE $marker'" >&2; ok=1; }
  done
  if grep -q 'IAPI_SMOKE error' "$log"; then echo "smoke: the app reported an error" >&2; ok=1; fi
  return "$ok"
}
