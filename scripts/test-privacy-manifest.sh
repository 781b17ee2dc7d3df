#!/usr/bin/env bash
# Tests the iOS privacy manifest and its symbol check (scripts/check-privacy-manifest.sh):
#  1. ios/PrivacyInfo.xcprivacy is generated from plugin/privacy-manifest.json, is a valid
#     property list, declares no tracking, and the podspec ships it as a resource bundle;
#  2. the check fails on an undeclared required-reason API and passes on declared ones, on symbol
#     lists and on real Mach-O archives made with `zig cc` (when the check-build zig is there);
#  3. the iOS check build of the Rust core (scripts/build-ios-check.sh: the aarch64-apple-ios
#     static library, built on Linux) declares everything it reaches. Skip this step with
#     IAPI_SKIP_IOS_CHECK_BUILD=1 (a cold build takes a few minutes).
# The release workflow runs the same check with `nm -u` on the xcframework's slices
# (scripts/build-ios.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "test-privacy-manifest: FAIL: $*" >&2; exit 1; }
check() { bash scripts/check-privacy-manifest.sh "$@" >"$work/out" 2>&1; }

echo "1. the manifest: generated, a valid property list, in the pod's resource bundle"
node scripts/privacy-manifest.js --check
python3 - ios/PrivacyInfo.xcprivacy plugin/privacy-manifest.json <<'PY'
import json, plistlib, sys
with open(sys.argv[1], 'rb') as f:
    plist = plistlib.load(f)
source = json.load(open(sys.argv[2]))
assert plist['NSPrivacyTracking'] is False, 'NSPrivacyTracking must be false'
assert plist['NSPrivacyTrackingDomains'] == [], 'no tracking domains'
types = {t['NSPrivacyAccessedAPIType']: t['NSPrivacyAccessedAPITypeReasons'] for t in plist['NSPrivacyAccessedAPITypes']}
assert types == {e['type']: e['reasons'] for e in source['accessedAPITypes']}, types
print('   ok: ' + ', '.join(f'{t} {r}' for t, r in types.items()) + '; no tracking')
PY
grep -Eq '^\s*s\.resource_bundles = \{ "react-native-iapi-sdk_Privacy" => \["ios/PrivacyInfo\.xcprivacy"\] \}' \
  react-native-iapi-sdk.podspec || fail "the podspec does not ship ios/PrivacyInfo.xcprivacy as a resource bundle"
echo "   ok: podspec resource bundle react-native-iapi-sdk_Privacy"

echo "2. the check on symbol lists"
printf '_malloc\n_fstat\n_stat$INODE64\n' >"$work/declared.txt"
check --undefined "$work/declared.txt" || { cat "$work/out"; fail "declared APIs refused"; }
grep -q 'declared   stat (symbol) -> NSPrivacyAccessedAPICategoryFileTimestamp' "$work/out" || { cat "$work/out"; fail "stat\$INODE64 not matched"; }
echo "   ok: $(tail -1 "$work/out")"
printf 'U _malloc\nU _fstat\nU _mach_absolute_time\nU _OBJC_CLASS_$_NSUserDefaults\n' >"$work/undeclared.txt"
if check --undefined "$work/undeclared.txt"; then cat "$work/out"; fail "undeclared APIs passed"; fi
grep -q 'UNDECLARED mach_absolute_time (symbol) -> NSPrivacyAccessedAPICategorySystemBootTime' "$work/out" || { cat "$work/out"; fail "mach_absolute_time not reported"; }
grep -q 'UNDECLARED OBJC_CLASS_$_NSUserDefaults (symbol) -> NSPrivacyAccessedAPICategoryUserDefaults' "$work/out" || { cat "$work/out"; fail "NSUserDefaults not reported"; }
echo "   ok: refused: $(grep -m1 FAIL "$work/out")"

ZIG="${IAPI_ANDROID_CHECK_CACHE:-$HOME/.cache/iapi-android-check}/ziglang-0.17.1/ziglang/zig"
if [[ -x "$ZIG" ]] && command -v llvm-nm >/dev/null; then
  echo "2b. the check on Mach-O arm64 archives (zig cc)"
  export ZIG_GLOBAL_CACHE_DIR="$work/zig-cache" ZIG_LOCAL_CACHE_DIR="$work/zig-cache"
  cat >"$work/uses.c" <<'C'
#include <stdint.h>
struct stat;
int fstat(int, struct stat *);
uint64_t mach_absolute_time(void);
int size_of(int fd, struct stat *st) { return fstat(fd, st); }
uint64_t now(void) { return mach_absolute_time(); }
C
  sed '/mach_absolute_time/d' "$work/uses.c" >"$work/declared.c"
  for name in uses declared; do
    "$ZIG" cc -target aarch64-macos -c "$work/$name.c" -o "$work/$name.o"
    "$ZIG" ar rcs "$work/lib$name.a" "$work/$name.o"
  done
  if check "$work/libuses.a"; then cat "$work/out"; fail "an archive calling mach_absolute_time passed"; fi
  grep -q 'UNDECLARED mach_absolute_time' "$work/out" || { cat "$work/out"; fail "mach_absolute_time not found in the archive"; }
  check "$work/libdeclared.a" || { cat "$work/out"; fail "an archive calling only fstat was refused"; }
  echo "   ok: mach_absolute_time refused, fstat declared"
else
  echo "2b. Mach-O archives: skipped (no zig from the Android check build, or no llvm-nm)"
fi

if [[ "${IAPI_SKIP_IOS_CHECK_BUILD:-}" == 1 ]]; then
  echo "3. iOS check build: skipped (IAPI_SKIP_IOS_CHECK_BUILD=1)"
else
  echo "3. the iOS check build of the Rust core (aarch64-apple-ios static library)"
  lib="$(bash scripts/build-ios-check.sh 2>"$work/build.log")" || { tail -30 "$work/build.log"; fail "the iOS check build failed"; }
  check "$lib" || { cat "$work/out"; fail "the core reaches an undeclared required-reason API"; }
  sed 's/^/   /' "$work/out"
fi
echo "test-privacy-manifest: ok"
