#!/usr/bin/env bash
# The `prepack` guard: a tarball of @dolbyio/react-native-iapi-sdk must carry the Rust core for
# every platform, or apps that install it build and then fail on the device. It fails unless
#   android/src/main/jniLibs/{arm64-v8a,armeabi-v7a,x86_64,x86}/libiapi_core.so
#   ios/Frameworks/IapiCoreFFI.xcframework/Info.plist (and PrivacyInfo.xcprivacy in each slice)
# are present (built by scripts/build-android.sh and scripts/build-ios.sh, or put in place by the
# release workflow). IAPI_ALLOW_JS_ONLY_PACK=1 allows a JS-only tarball (for checks of the JS part
# only), with a warning that says so; never publish such a tarball.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

missing=()
for abi in arm64-v8a armeabi-v7a x86_64 x86; do
  so="android/src/main/jniLibs/$abi/libiapi_core.so"
  [ -s "$so" ] || missing+=("$so")
done
xcf="ios/Frameworks/IapiCoreFFI.xcframework"
[ -f "$xcf/Info.plist" ] || missing+=("$xcf (with its Info.plist)")
# Apple's privacy manifest in each slice (scripts/build-ios.sh puts it there).
if [ -f "$xcf/Info.plist" ]; then
  for slice in ios-arm64 ios-arm64_x86_64-simulator; do
    [ -f "$xcf/$slice/PrivacyInfo.xcprivacy" ] || missing+=("$xcf/$slice/PrivacyInfo.xcprivacy")
  done
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "prepack: the Rust core is in place (4 Android ABIs + IapiCoreFFI.xcframework)"
  exit 0
fi

if [ "${IAPI_ALLOW_JS_ONLY_PACK:-}" = 1 ]; then
  {
    echo "################################################################################"
    echo "WARNING: IAPI_ALLOW_JS_ONLY_PACK=1: packing a JS-ONLY tarball WITHOUT the Rust core."
    echo "Apps installing it build, then fail on the device (Android: every call rejects with"
    echo "INVALID_STATE, core not loaded; iOS: the pod does not install). DO NOT PUBLISH IT."
    echo "Missing:"
    printf '  %s\n' "${missing[@]}"
    echo "################################################################################"
  } >&2
  exit 0
fi

{
  echo "prepack: refusing to pack @dolbyio/react-native-iapi-sdk without the Rust core."
  echo "Missing:"
  printf '  %s\n' "${missing[@]}"
  echo "Build them first:"
  echo "  bash scripts/build-android.sh   # needs the Android NDK (ANDROID_NDK_HOME) and cargo-ndk"
  echo "  bash scripts/build-ios.sh       # on macOS with Xcode"
  echo "(the release workflow .github/workflows/release.yml does both), or set"
  echo "IAPI_ALLOW_JS_ONLY_PACK=1 to pack a JS-only tarball that must not be published."
} >&2
exit 1
