#!/usr/bin/env bash
# Builds the Rust core for iOS into ios/Frameworks/IapiCoreFFI.xcframework, the vendored framework
# of react-native-iapi-sdk.podspec. macOS with Xcode only (xcodebuild, lipo); run it before
# `npm pack` / `npm publish` (the xcframework is published, never committed).
#
#   device     aarch64-apple-ios                                   -> libiapi_core.a
#   simulator  aarch64-apple-ios-sim + x86_64-apple-ios (lipo)     -> libiapi_core.a (fat)
#   headers    bindings/generated/swift/IapiCoreFFI.h + IapiCoreFFI.modulemap (as module.modulemap)
#   privacy    ios/PrivacyInfo.xcprivacy in each slice, checked against the libraries' symbols
#
# The header and module map are the committed uniffi output (scripts/generate-bindings.sh, run on
# Linux: it reads libiapi_core.so); CI checks they are fresh with `generate-bindings.sh --check`.
#   IOS_DEPLOYMENT_TARGET   minimum iOS version of the static libraries (default 15.1, as the podspec)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(uname -s)" != "Darwin" ]; then
  echo "build-ios: this builds an iOS xcframework and needs macOS with Xcode (xcodebuild, lipo);" >&2
  echo "build-ios: this host is $(uname -s). On Linux, scripts/test-ios.sh tests the Swift part instead." >&2
  exit 1
fi
for tool in cargo rustup xcodebuild lipo; do
  command -v "$tool" >/dev/null || { echo "build-ios: $tool not found" >&2; exit 1; }
done

export IPHONEOS_DEPLOYMENT_TARGET="${IOS_DEPLOYMENT_TARGET:-15.1}"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
crate=iapi-core
libname=libiapi_core.a
gen="$repo/bindings/generated/swift"
out="$repo/ios/Frameworks/IapiCoreFFI.xcframework"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"

step() { echo "== [${SECONDS}s] $*"; }

for f in IapiCoreFFI.h IapiCoreFFI.modulemap; do
  [ -f "$gen/$f" ] || { echo "build-ios: missing $gen/$f (run scripts/generate-bindings.sh)" >&2; exit 1; }
done

step "rustup target add ${targets[*]}"
rustup target add "${targets[@]}"

# `cargo rustc --crate-type staticlib`, not `cargo build`: cargo drops the profile's LTO for a
# crate whose types include an rlib (rust-lang/cargo#4611); check-lto.sh proves from the log that
# LTO applied. One target per invocation, as `cargo rustc` needs.
log="$(mktemp)"
for t in "${targets[@]}"; do
  step "cargo rustc --release -p $crate --lib --crate-type staticlib --target $t"
  cargo rustc -v --release -p "$crate" --lib --crate-type staticlib --target "$t" 2>&1 \
    | tee -a "$log" | { grep -v '^ *Running\|^ *Fresh\|^ *Compiling\|^ *Dirty' || true; }
  [ -f "$target_dir/$t/release/$libname" ] || { echo "build-ios: no $libname for $t" >&2; exit 1; }
done
bash "$repo/scripts/android/check-lto.sh" "$log" "${targets[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "lipo: simulator library (arm64 + x86_64)"
mkdir -p "$work/ios-simulator"
lipo -create \
  "$target_dir/aarch64-apple-ios-sim/release/$libname" \
  "$target_dir/x86_64-apple-ios/release/$libname" \
  -output "$work/ios-simulator/$libname"
lipo -info "$work/ios-simulator/$libname"

# One Headers dir, shared by both slices: the C header and ONE module map (module IapiCoreFFI,
# which the generated IapiCore.swift imports).
mkdir -p "$work/Headers"
cp "$gen/IapiCoreFFI.h" "$work/Headers/IapiCoreFFI.h"
cp "$gen/IapiCoreFFI.modulemap" "$work/Headers/module.modulemap"

step "xcodebuild -create-xcframework"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
xcodebuild -create-xcframework \
  -library "$target_dir/aarch64-apple-ios/release/$libname" -headers "$work/Headers" \
  -library "$work/ios-simulator/$libname" -headers "$work/Headers" \
  -output "$out"

# Apple's privacy manifest of the core, in each library slice of the xcframework (the pod also
# ships it as a resource bundle, react-native-iapi-sdk_Privacy), and the check that it declares
# every required-reason API the static libraries reach (`nm -u`).
step "privacy manifest: ios/PrivacyInfo.xcprivacy into each slice; required-reason API check"
for slice in "$out"/ios-*/; do cp "$repo/ios/PrivacyInfo.xcprivacy" "$slice"; done
bash "$repo/scripts/check-privacy-manifest.sh" "$out"/ios-*/"$libname"

step "result"
find "$out" -maxdepth 3 | sort
du -sh "$out"
echo "build-ios: ok: ${out#"$repo"/} (${SECONDS}s)"
