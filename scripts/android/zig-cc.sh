#!/usr/bin/env bash
# C compiler / archiver for the Android CHECK build (scripts/build-android-check.sh), used by
# ring's build script (cc-rs) as CC_<triple> / AR_<triple> instead of the NDK's clang.
# It runs `zig cc` (clang, from the PyPI package ziglang) for the musl twin of the Android
# target: ring's C and assembly only include freestanding-style headers (stdint, stddef,
# string), which musl provides, and the ABI (calling convention, float ABI) is the same.
# Usage: zig-cc.sh <rust-triple> cc|ar <args...>     (ZIG points at the zig binary)
set -euo pipefail
triple="$1"; tool="$2"; shift 2
: "${ZIG:?zig-cc.sh: set ZIG to the zig binary}"
if [ "$tool" = ar ]; then exec "$ZIG" ar "$@"; fi

case "$triple" in
  aarch64-linux-android) target=(-target aarch64-linux-musl) ;;
  x86_64-linux-android) target=(-target x86_64-linux-musl) ;;
  i686-linux-android) target=(-target x86-linux-musl) ;;
  # rustc's armv7 Android target: ARMv7-A, Thumb-2, VFPv3 with 16 double registers, no NEON,
  # soft-float calling convention. Plain +v7a would turn on NEON and 32 VFP registers.
  armv7-linux-androideabi)
    target=(-target arm-linux-musleabi -mcpu=generic+v7a+vfp3d16+thumb2-neon-d32
      -mfloat-abi=softfp -mthumb) ;;
  *) echo "zig-cc.sh: unknown triple $triple" >&2; exit 2 ;;
esac

# cc-rs adds its own idea of the target (--target=<llvm triple>, -march, -mfpu, ...); drop those
# so only the flags above choose the target.
args=()
skip=0
for a in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$a" in
    --target=*|-march=*|-mcpu=*|-mfpu=*|-mfloat-abi=*|-mthumb|-marm) ;;
    -target|--target) skip=1 ;;
    *) args+=("$a") ;;
  esac
done
exec "$ZIG" cc "${target[@]}" "${args[@]}"
