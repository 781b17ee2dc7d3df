#!/usr/bin/env bash
# iOS CHECK build of the Rust core, on Linux without Xcode: the static library
# (libiapi_core.a) for aarch64-apple-ios, as in the xcframework's device slice, with
# `cargo rustc --crate-type staticlib` (the cdylib would need Apple's linker). It exists to be
# read: scripts/check-privacy-manifest.sh lists its undefined symbols against Apple's
# required-reason APIs. It is NOT the release build (scripts/build-ios.sh with Xcode on macOS).
#
# ring's C and assembly go through `zig cc` (scripts/ios/zig-cc.sh), the same pinned ziglang as
# the Android check build (scripts/build-android-check.sh); SDKROOT points at an empty folder so
# that cc-rs does not ask xcrun for the iOS SDK.
# Prints the path of the static library. Usage: scripts/build-ios-check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ZIG_VERSION=0.17.1 # pinned with the Android check build
CACHE="${IAPI_ANDROID_CHECK_CACHE:-$HOME/.cache/iapi-android-check}"
triple=aarch64-apple-ios

rustup target add "$triple" >/dev/null 2>&1 || rustup target add "$triple" >&2
zigpkg="$CACHE/ziglang-$ZIG_VERSION"
if [ ! -x "$zigpkg/ziglang/zig" ]; then
  echo "build-ios-check: installing ziglang $ZIG_VERSION from PyPI into $zigpkg" >&2
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --target "$zigpkg" "ziglang==$ZIG_VERSION" >&2
fi
export ZIG="$zigpkg/ziglang/zig"
export ZIG_GLOBAL_CACHE_DIR="$CACHE/zig-cache" ZIG_LOCAL_CACHE_DIR="$CACHE/zig-cache"

# Fixed wrapper paths (cargo rebuilds a target's crates when its compiler path changes).
tools="$CACHE/tools/$triple"
mkdir -p "$tools" "$tools/sdk"
for tool in cc ar; do
  printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$ROOT/scripts/ios/zig-cc.sh" "$tool" >"$tools/$tool.new"
  cmp -s "$tools/$tool.new" "$tools/$tool" && rm "$tools/$tool.new" || mv "$tools/$tool.new" "$tools/$tool"
  chmod +x "$tools/$tool"
done
export CC_aarch64_apple_ios="$tools/cc" AR_aarch64_apple_ios="$tools/ar"
export SDKROOT="$tools/sdk" IPHONEOS_DEPLOYMENT_TARGET=15.1

target_dir="$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
echo "build-ios-check: cargo rustc -p iapi-core --release --target $triple --crate-type staticlib" >&2
cargo rustc -p iapi-core --lib --release --target "$triple" --crate-type staticlib >&2
lib="$target_dir/$triple/release/libiapi_core.a"
[ -s "$lib" ] || { echo "build-ios-check: missing $lib" >&2; exit 1; }
echo "$lib"
