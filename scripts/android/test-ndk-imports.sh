#!/usr/bin/env bash
# Test that the symbol check of scripts/check-android-so.sh passes what the NDK release build of
# armeabi-v7a imports (scripts/android/ndk-armv7-imports.txt, reasoned there), which the CI jobs
# cannot build without the NDK:
#   1. an armv7 .so linked (zig, stub bionic libraries of make-sysroot.sh) to import exactly the
#      fixture's symbols gets no "imports ..." complaint from check-android-so.sh (the other
#      checks are not its subject: its uniffi values are absent);
#   2. with dl_unwind_find_exidx left out of the symbol list, the check fails on it (the release
#      failure this list entry prevents);
#   3. the fixture is not stale: every symbol the CHECK build's armeabi-v7a .so imports (when it
#      has been built, scripts/build-android-check.sh) is in it.
# Usage: test-ndk-imports.sh [CHECK build armv7 .so]    (ZIG, or the zig that
#        build-android-check.sh installed under ${IAPI_ANDROID_CHECK_CACHE:-~/.cache/iapi-android-check})
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
fixture="$here/ndk-armv7-imports.txt"
list="$here/bionic-symbols.txt"
CACHE="${IAPI_ANDROID_CHECK_CACHE:-$HOME/.cache/iapi-android-check}"
if [ -z "${ZIG:-}" ]; then
  ZIG="$(find "$CACHE" -maxdepth 3 -path '*/ziglang-*/ziglang/zig' -type f 2>/dev/null | sort -V | tail -1)"
  [ -n "$ZIG" ] || { echo "test-ndk-imports: no zig (run scripts/build-android-check.sh first, or set ZIG)" >&2; exit 2; }
fi
export ZIG ZIG_GLOBAL_CACHE_DIR="${ZIG_GLOBAL_CACHE_DIR:-$CACHE/zig-cache}" ZIG_LOCAL_CACHE_DIR="${ZIG_LOCAL_CACHE_DIR:-$CACHE/zig-cache}"
check_so="${1:-}"
if [ -z "$check_so" ]; then
  td="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  check_so="$td/armv7-linux-androideabi/release/libiapi_core.so"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fails=0 passes=0
pass() { echo "ok   $*"; passes=$((passes + 1)); }
fail() { echo "FAIL $*" >&2; fails=$((fails + 1)); }

grep -v '^#' "$fixture" | awk 'NF { print $1 }' | sort -u >"$work/fixture"
[ -s "$work/fixture" ] || { echo "test-ndk-imports: empty fixture $fixture" >&2; exit 2; }

# 1. A .so whose only content is a table of references to the fixture's symbols: each becomes an
#    undefined dynamic symbol, as in the NDK build. Linked without -z defs, so an unlisted one
#    stays undefined for the check to find.
bash "$here/make-sysroot.sh" armv7-linux-androideabi "$work/sysroot"
{ echo '.data'; echo '.globl iapi_ndk_import_refs'; echo 'iapi_ndk_import_refs:'
  sed 's/^/.word /' "$work/fixture"; } >"$work/refs.s"
bash "$here/zig-cc.sh" armv7-linux-androideabi cc -shared -nostdlib "$work/refs.s" -L "$work/sysroot" \
  -lc -lm -ldl -Wl,-s -Wl,-soname,libiapi_core.so -Wl,-z,max-page-size=16384 -o "$work/libiapi_core.so"
readelf --dyn-syms -W "$work/libiapi_core.so" | awk '$7 == "UND" && $8 != "" { sub(/@.*/, "", $8); print $8 }' \
  | sort -u >"$work/imported"
if ! diff -q "$work/fixture" "$work/imported" >/dev/null; then
  fail "the test .so does not import exactly the fixture's symbols"; diff "$work/fixture" "$work/imported" >&2 || true
fi
bash "$ROOT/scripts/check-android-so.sh" "$work/libiapi_core.so" >"$work/out" 2>&1 || true
if grep -q 'imports ' "$work/out"; then
  fail "check-android-so.sh rejects imports of the NDK armv7 build:"; grep 'imports ' "$work/out" >&2
elif grep -qE 'NEEDED|PT_LOAD|SONAME' "$work/out" && ! grep -q '^ok ' "$work/out"; then
  fail "the test .so itself is malformed:"; cat "$work/out" >&2
else
  pass "the NDK armv7 import set ($(wc -l <"$work/fixture") symbols, dl_unwind_find_exidx among them) passes the symbol check"
fi

# 2. Without the list entry.
grep -v ' dl_unwind_find_exidx$' "$list" >"$work/symbols.txt"
if IAPI_BIONIC_SYMBOLS="$work/symbols.txt" bash "$ROOT/scripts/check-android-so.sh" "$work/libiapi_core.so" \
  >"$work/out2" 2>&1; then
  fail "the check passed without dl_unwind_find_exidx listed"
elif grep -q 'imports dl_unwind_find_exidx' "$work/out2"; then
  pass "without dl_unwind_find_exidx in the list the check fails: \"imports dl_unwind_find_exidx\""
else
  fail "the check failed without naming dl_unwind_find_exidx"; cat "$work/out2" >&2
fi

# 3. The fixture covers what the CHECK build (the same libunwind path, scripts/android/build-libunwind.sh) imports.
if [ -s "$check_so" ]; then
  readelf --dyn-syms -W "$check_so" | awk '$7 == "UND" && $5 != "WEAK" && $8 != "" { sub(/@.*/, "", $8); print $8 }' \
    | sort -u >"$work/check-build"
  missing="$(comm -23 "$work/check-build" "$work/fixture" | tr '\n' ' ')"
  if [ -z "$missing" ]; then
    pass "every import of the CHECK build's armv7 .so ($(wc -l <"$work/check-build")) is in the fixture"
  else
    fail "the CHECK build's armv7 .so imports $missing- not in $(basename "$fixture"): add them there (the NDK build imports them too)"
  fi
else
  echo "skip the fixture-vs-CHECK-build comparison: no $check_so (scripts/build-android-check.sh builds it)"
fi

echo "test-ndk-imports: $passes passed, $fails failed"
[ "$fails" = 0 ]
