#!/usr/bin/env bash
# Smoke run of Android libiapi_core.so files on this Linux x86_64 host, without an emulator or
# device: each one is loaded by musl's dynamic loader (Debian 12's `musl` package of the matching
# architecture, unpacked, never installed: scripts/android/fetch-musl.sh), natively for x86_64/x86
# and under qemu-user for arm64-v8a/armeabi-v7a (armel musl: the same soft-float calling
# convention as Android's armv7). musl's loader maps bionic's NEEDED libc.so/libm.so/libdl.so onto itself; smoke.c
# provides bionic's __errno. smoke.c then calls the uniffi contract version and every checksum
# (compared with what uniffi-checksums.py reads statically from the .so, which check-android-so.sh
# compares with the Kotlin bindings), a real function, and a call that panics inside the core
# (uniffi's rustbuffer_reserve with a huge size) whose panic must come back as an error: proof that
# unwinding works in that build.
# Only calls that need no bionic-specific layouts or constants (no sockets, DNS, files).
# Only UNPACKED libraries: musl's loader ignores Android's packed relocations (APS2, DT_ANDROID_RELA),
# so a shipped .so would run unrelocated. build-android-check.sh passes the unpacked twins
# (scripts/android/link.sh), which check-packed-relocs.py proves hold the shipped ones' relocations
# and code.
# RUST_BACKTRACE=0: std's backtrace printer mmaps with a 32-bit off_t on 32-bit Android, musl's
# mmap takes a 64-bit one (a host difference; bionic matches the .so).
# Usage: smoke-android-so.sh <libiapi_core.so>...  (ZIG: the zig binary, as build-android-check.sh
#        installs it; downloads cached in ${IAPI_ANDROID_CHECK_CACHE:-~/.cache/iapi-android-check})
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${ZIG:?smoke-android-so.sh: set ZIG to the zig binary}"
[ "$(uname -m)" = x86_64 ] || { echo "smoke-android-so: needs an x86_64 host" >&2; exit 2; }
# musl for each architecture: Debian 12's pinned .deb straight from Debian's pool, checked by
# SHA-256 (scripts/android/fetch-musl.sh says why not through the host's apt sources).
musl_root() { bash "$here/fetch-musl.sh" "$1"; }   # <debian arch> -> prints the unpacked root
# qemu-user from the host's own distribution: any recent version runs these binaries (Debian 12
# has 7.2, ubuntu-24.04 8.2; CI's workflow installs it before .ci/run).
if ! command -v qemu-arm >/dev/null || ! command -v qemu-aarch64 >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for so in "$@"; do
  machine="$(readelf -hW "$so" | sed -n 's/^ *Machine: *//p')"
  case "$machine" in
    *X86-64*) abi=x86_64 arch=amd64 zt=(-target x86_64-linux-musl) run=() ;;
    *80386*) abi=x86 arch=i386 zt=(-target x86-linux-musl) run=() ;;
    AArch64) abi=arm64-v8a arch=arm64 zt=(-target aarch64-linux-musl) run=(qemu-aarch64) ;;
    ARM) abi=armeabi-v7a arch=armel run=(qemu-arm)
      zt=(-target arm-linux-musleabi -mcpu=generic+v7a+vfp3d16+thumb2-neon-d32 -mfloat-abi=softfp -mthumb) ;;
    *) echo "smoke-android-so: $so: not an Android ABI ($machine)" >&2; failed=1; continue ;;
  esac
  if ! python3 "$here/check-packed-relocs.py" --unpacked-only "$so" >/dev/null 2>"$work/err"; then
    echo "FAIL smoke $abi: $so: musl cannot load it; pass its unpacked twin" >&2
    cat "$work/err" >&2; failed=1; continue
  fi
  root="$(musl_root "$arch")"
  ldso="$(find "$root/lib" -maxdepth 1 -name 'ld-musl-*.so.1' | head -1)"
  [ -n "$ldso" ] || { echo "smoke-android-so: no musl loader in $root" >&2; exit 1; }
  exe="$work/smoke-$abi"
  [ -x "$exe" ] || "$ZIG" cc "${zt[@]}" -dynamic -O1 -rdynamic "$here/smoke.c" -o "$exe"
  # The loader run as a program (with -L for qemu, so it finds the same musl for its libraries).
  [ ${#run[@]} -eq 0 ] || run+=(-L "$root")

  python3 "$here/uniffi-checksums.py" --dump "$so" >"$work/static"
  names=$(awk '$1 ~ /checksum/ { print $1 }' "$work/static")
  # shellcheck disable=SC2086  # one argument per name
  if ! RUST_BACKTRACE=0 "${run[@]}" "$ldso" "$exe" "$so" $names >"$work/called" 2>"$work/err"; then
    echo "FAIL smoke $abi: $so" >&2; cat "$work/err" >&2; failed=1; continue
  fi
  if ! diff -u "$work/static" <(sort "$work/called") >"$work/diff"; then
    echo "FAIL smoke $abi: called uniffi values differ from the statically read ones" >&2
    cat "$work/diff" >&2; failed=1; continue
  fi
  printf 'ok   smoke %-12s loaded (musl%s), %d uniffi values called = static, %s, %s%s\n' "$abi" \
    "${run[0]:+ under ${run[0]}}" "$(wc -l <"$work/called")" \
    "$(sed -n 's/^smoke: default_config() auth base URL = /default_config() auth base URL = /p' "$work/err")" \
    "$(grep -q 'unwinding works' "$work/err" && echo 'panic caught: unwinding works')" \
    "$(sed -n 's/^smoke: \(dl_unwind_find_exidx called [0-9]* times\)$/ (\1, as with the NDK)/p' "$work/err")"
done
exit "$failed"
