#!/usr/bin/env bash
# C compiler / archiver for the iOS CHECK build (scripts/build-ios-check.sh), used by ring's
# build script (cc-rs) as CC_aarch64_apple_ios / AR_aarch64_apple_ios on Linux, without Xcode.
# It runs `zig cc` (clang, PyPI package ziglang) for aarch64-macos: ring's C and assembly include
# freestanding-style headers only, the objects are Mach-O arm64 as the iOS ones are, and the
# check build is only read (undefined symbols), never linked into an app. Release binaries come
# from scripts/build-ios.sh with Xcode.
# Usage: zig-cc.sh cc|ar <args...>     (ZIG points at the zig binary)
set -euo pipefail
tool="$1"; shift
: "${ZIG:?zig-cc.sh: set ZIG to the zig binary}"
if [ "$tool" = ar ]; then exec "$ZIG" ar "$@"; fi

# cc-rs adds the iOS target, SDK and deployment version; drop them so only -target below counts.
args=()
skip=0
for a in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$a" in
    --target=*|-mios-version-min=*|-miphoneos-version-min=*|-mtargetos=*) ;;
    -target|--target|-arch|-isysroot) skip=1 ;;
    *) args+=("$a") ;;
  esac
done
exec "$ZIG" cc -target aarch64-macos "${args[@]}"
