#!/usr/bin/env bash
# Tests of check-lto.sh on recorded rustc lines: a cdylib built with `-C lto` passes; one built
# by `cargo build` of an rlib+cdylib crate (no `-C lto`: cargo dropped it) fails, as does a log
# with no line for a target.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
line() { # crate types, extra flags, target
  echo "     Running \`rustc --crate-name iapi_core --edition=2021 rust-core/src/lib.rs --crate-type $1 -C opt-level=z $2 -C codegen-units=1 --target $3 -C strip=symbols\`"
}
line cdylib "-C lto" x86_64-linux-android >"$tmp/lto.log"
line cdylib "-C lto" aarch64-linux-android >>"$tmp/lto.log"
line "lib --crate-type cdylib --crate-type staticlib" "" x86_64-linux-android >"$tmp/nolto.log"
fail=0
check() { # expected status, log, triples...
  local want=$1 log=$2; shift 2
  local got=0
  bash "$here/check-lto.sh" "$log" "$@" >/dev/null 2>&1 || got=1
  if [ "$got" != "$want" ]; then echo "test-check-lto: FAIL $log $* (status $got, want $want)"; fail=1; fi
}
check 0 "$tmp/lto.log" x86_64-linux-android aarch64-linux-android
check 1 "$tmp/nolto.log" x86_64-linux-android
check 1 "$tmp/lto.log" i686-linux-android
[ "$fail" = 0 ] && echo "test-check-lto: a build with -C lto passes; without it, or without a line, fails"
exit $fail
