#!/usr/bin/env bash
# Test of scripts/check-android-so.sh: it passes on the good Android .so files and fails, with the
# right message, on copies made bad one way at a time:
#   - PT_LOAD alignment patched to 4 KB (the ELF program headers' p_align);
#   - an unexpected NEEDED libstdc++.so (patchelf --add-needed);
#   - no SONAME / a wrong one (patchelf --set-soname);
#   - an import missing from the bionic symbol list (the list given without getaddrinfo);
#   - a uniffi checksum differing from the Kotlin bindings (a copy of the bindings with one
#     expected value changed);
# and passes what the NDK build imports on armeabi-v7a (scripts/android/test-ndk-imports.sh).
# Usage: test-check-android-so.sh [good .so...]   (default: the CHECK build's four, see
#        scripts/build-android-check.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
check="$ROOT/scripts/check-android-so.sh"
good=("$@")
if [ ${#good[@]} -eq 0 ]; then
  td="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  for t in aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android; do
    good+=("$td/$t/release/libiapi_core.so")
  done
fi
command -v patchelf >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patchelf >/dev/null; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fails=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; fails=$((fails + 1)); }

# expect_fail <name> <message> <so> [env...]: the check must exit 1 and say <message>.
expect_fail() {
  local name="$1" msg="$2" so="$3"; shift 3
  if env "$@" bash "$check" "$so" >"$work/out" 2>&1; then
    fail "$name: the check passed"; cat "$work/out" >&2
  elif grep -qF -- "$msg" "$work/out"; then
    pass "$name: the check fails with \"$msg\""
  else
    fail "$name: the check failed without \"$msg\""; cat "$work/out" >&2
  fi
}

if bash "$check" "${good[@]}" >"$work/out" 2>&1; then
  pass "the ${#good[@]} good .so files pass"
else
  fail "good .so files fail the check"; cat "$work/out" >&2
fi

so="${good[0]}"
# 4 KB pages: set p_align of every PT_LOAD to 0x1000, as a link with -z max-page-size=4096 has.
cp "$so" "$work/align4k.so"
python3 - "$work/align4k.so" <<'PY'
import struct, sys
p = sys.argv[1]; d = bytearray(open(p, "rb").read())
is64 = d[4] == 2
phoff, phentsize, phnum = (struct.unpack_from("<Q", d, 32)[0], *struct.unpack_from("<HH", d, 54)) \
    if is64 else (struct.unpack_from("<I", d, 28)[0], *struct.unpack_from("<HH", d, 42))
for i in range(phnum):
    o = phoff + i * phentsize
    if struct.unpack_from("<I", d, o)[0] == 1:  # PT_LOAD
        if is64: struct.pack_into("<Q", d, o + 48, 0x1000)
        else: struct.pack_into("<I", d, o + 28, 0x1000)
open(p, "wb").write(d)
PY
expect_fail "4 KB PT_LOAD alignment" "PT_LOAD aligned to 4096 bytes" "$work/align4k.so"

cp "$so" "$work/needed.so"
patchelf --add-needed libstdc++.so "$work/needed.so"
expect_fail "NEEDED libstdc++.so" "NEEDED libstdc++.so" "$work/needed.so"

cp "$so" "$work/soname.so"
patchelf --set-soname libother.so "$work/soname.so"
expect_fail "wrong SONAME" "SONAME 'libother.so'" "$work/soname.so"

grep -v ' getaddrinfo$' "$ROOT/scripts/android/bionic-symbols.txt" >"$work/symbols.txt"
expect_fail "import not in the bionic list" "imports getaddrinfo" "$so" \
  IAPI_BIONIC_SYMBOLS="$work/symbols.txt"

kt="$(find "$ROOT/bindings/generated/kotlin" -name iapi_core.kt | head -1)"
name="$(grep -oE 'uniffi_iapi_core_checksum_func_error_code\(\) and 0xFFFF\) != [0-9]+' "$kt")"
want="${name##* }"
sed "s/uniffi_iapi_core_checksum_func_error_code() and 0xFFFF) != $want)/uniffi_iapi_core_checksum_func_error_code() and 0xFFFF) != $(( (want + 1) % 65536 )))/" \
  "$kt" >"$work/iapi_core.kt"
expect_fail "uniffi checksum differs from the bindings" \
  "uniffi_iapi_core_checksum_func_error_code: .so returns $want, bindings expect $(( (want + 1) % 65536 ))" \
  "$so" IAPI_KOTLIN_BINDINGS="$work/iapi_core.kt"

# What the NDK build imports on armeabi-v7a (it cannot be built here) against the same check, and
# the fixture against the good armv7 .so's imports.
armv7=""
for g in "${good[@]}"; do
  if readelf -hW "$g" | grep -q 'Machine: *ARM$'; then armv7="$g"; fi
done
if bash "$here/test-ndk-imports.sh" ${armv7:+"$armv7"}; then
  pass "the NDK armv7 import set passes (scripts/android/test-ndk-imports.sh)"
else
  fail "scripts/android/test-ndk-imports.sh"
fi

[ "$fails" = 0 ] || { echo "test-check-android-so: $fails failed" >&2; exit 1; }
echo "test-check-android-so: all passed"
