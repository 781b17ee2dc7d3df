# Shared by scripts/test-swift.sh and scripts/test-ios.sh (sourced, not run): start a local
# emulator on the host and run `swift test` for a package copied into the Swift chroot.
# The caller sets: name (for messages), tmp (a scratch dir it removes), app_key, app_secret.

emulator_pid=
stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
}

# start_emulator BIN: starts it on a free port; sets `url` (exits when it does not come up).
start_emulator() {
  "$1" --port 0 --app "$app_key:$app_secret" >"$tmp/emulator.out" 2>"$tmp/emulator.err" &
  emulator_pid=$!
  url=
  for _ in $(seq 1 100); do
    url=$(sed -n '1s/^listening on //p' "$tmp/emulator.out")
    [ -n "$url" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "$name: the emulator did not start" >&2
    cat "$tmp/emulator.err" >&2
    exit 1
  fi
  echo "emulator at $url (pid $emulator_pid)"
}

# run_swift_test CHROOT INNER: `swift test` in CHROOT's INNER folder, in a clean environment (the
# host network is shared, so 127.0.0.1 is the emulator); on failure shows the emulator's log.
run_swift_test() {
  local status=0
  chroot "$1" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb \
    LD_LIBRARY_PATH="$2/lib" \
    IAPI_EMULATOR_URL="$url" IAPI_EMULATOR_APP_KEY="$app_key" IAPI_EMULATOR_APP_SECRET="$app_secret" \
    /bin/sh -c "cd '$2' && exec swift test --disable-swift-testing ${SWIFT_TEST_ARGS:-}" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$name: swift test failed (exit $status); last emulator log lines:" >&2
    tail -n 40 "$tmp/emulator.err" >&2 || true
    exit "$status"
  fi
}
