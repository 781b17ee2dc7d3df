#!/usr/bin/env bash
# Builds the Rust core for Android into android/src/main/jniLibs/<abi>/libiapi_core.so with
# cargo-ndk (release profile: LTO — proven from the build log —, opt-level z, stripped), for arm64-v8a, armeabi-v7a, x86_64
# and x86. Run it before `npm pack` / `npm publish`: the jniLibs ship in the npm package.
#
# Needs: rustup, the Android NDK (r26+; ANDROID_NDK_HOME, or ANDROID_HOME/ndk/<version>), and
# cargo-ndk (installed from crates.io when missing).
# Every .so is linked with 16 KB pages (-z max-page-size=16384), as Android 15+ devices with
# 16 KB pages and Google Play require; scripts/check-android-so.sh checks it and more afterwards.
# Its dynamic relocations are packed (--pack-dyn-relocs=android: APS2, which bionic applies from
# API 23; minSdk is 24; RELR would need 28): about 100 KB less per 64-bit ABI (the check build,
# scripts/android/link.sh, measures it); scripts/android/check-packed-relocs.py checks they are.
# Usage: scripts/build-android.sh [ABI ...]      (default: all four)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MIN_SDK=24   # keep in step with android/build.gradle minSdkVersion
OUT=android/src/main/jniLibs
abis=("$@")
[ ${#abis[@]} -gt 0 ] || abis=(arm64-v8a armeabi-v7a x86_64 x86)

triple_of() {
  case "$1" in
    arm64-v8a) echo aarch64-linux-android ;;
    armeabi-v7a) echo armv7-linux-androideabi ;;
    x86_64) echo x86_64-linux-android ;;
    x86) echo i686-linux-android ;;
    *) echo "build-android: unknown ABI $1 (arm64-v8a, armeabi-v7a, x86_64, x86)" >&2; exit 2 ;;
  esac
}

if [ -z "${ANDROID_NDK_HOME:-}" ] && [ -n "${ANDROID_HOME:-}" ] && [ -d "$ANDROID_HOME/ndk" ]; then
  ANDROID_NDK_HOME="$(ls -d "$ANDROID_HOME"/ndk/*/ 2>/dev/null | sort -V | tail -1)"
  ANDROID_NDK_HOME="${ANDROID_NDK_HOME%/}"
fi
if [ -z "${ANDROID_NDK_HOME:-}" ] || [ ! -d "${ANDROID_NDK_HOME}/toolchains/llvm/prebuilt" ]; then
  cat >&2 <<'MSG'
build-android: the Android NDK was not found.
  Install it (Android Studio > SDK Manager > SDK Tools > NDK, or
  `sdkmanager "ndk;27.2.12479018"`) and set ANDROID_NDK_HOME to its folder, e.g.
    export ANDROID_NDK_HOME="$ANDROID_HOME/ndk/27.2.12479018"
  The core's TLS (rustls + ring) compiles C and assembly with the NDK's clang: a host
  compiler cannot build it for Android.
MSG
  exit 1
fi
export ANDROID_NDK_HOME

command -v cargo-ndk >/dev/null || cargo install cargo-ndk --locked

targets=()
ndk_args=()
for abi in "${abis[@]}"; do
  triple="$(triple_of "$abi")"
  targets+=("$triple")
  ndk_args+=(-t "$abi")
  # Per-target flags, so host build scripts are not linked with them.
  var="CARGO_TARGET_$(echo "$triple" | tr 'a-z-' 'A-Z_')_RUSTFLAGS"
  # rustc sets no DT_SONAME on a cdylib; Android's linker names loaded libraries by it.
  # --icf=all: identical code folding (-3..-4% per ABI, measured on the check build, whose
  # scripts/android/link.sh passes it too), and packed relocations (see above).
  export "$var=${!var:-} -C link-arg=-Wl,-z,max-page-size=16384 -C link-arg=-Wl,-soname,libiapi_core.so -C link-arg=-Wl,--icf=all -C link-arg=-Wl,--pack-dyn-relocs=android"
done
rustup target add "${targets[@]}"

start=$(date +%s)
# `rustc --crate-type cdylib`, not `build`: cargo drops the profile's LTO for a crate whose types
# include an rlib (rust-lang/cargo#4611); check-lto.sh proves from the log that LTO applied.
# cargo-ndk runs cargo once per ABI, as `cargo rustc` needs.
log="$(mktemp)"
cargo ndk "${ndk_args[@]}" --platform "$MIN_SDK" -o "$OUT" \
  rustc -v -p iapi-core --lib --crate-type cdylib --release 2>&1 | tee "$log" \
  | { grep -v '^ *Running\|^ *Fresh\|^ *Compiling\|^ *Dirty' || true; }
bash scripts/android/check-lto.sh "$log" "${targets[@]}"
echo "build-android: built in $(( $(date +%s) - start )) s"

sos=()
for abi in "${abis[@]}"; do
  sos+=("$OUT/$abi/libiapi_core.so")
done
# The checks every Android .so passes (NEEDED, 16 KB LOAD alignment, bionic imports at minSdk 24,
# SONAME, uniffi checksums against the Kotlin bindings), and the stripped size per ABI.
bash scripts/check-android-so.sh "${sos[@]}"
# Packed relocations really there (an ignored flag fails); no unpacked twin in this build to
# compare with: the check build compares its own.
python3 scripts/android/check-packed-relocs.py --packed-only "${sos[@]}"
