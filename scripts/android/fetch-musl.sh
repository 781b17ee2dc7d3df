#!/usr/bin/env bash
# Fetches and unpacks Debian 12's `musl` package for one architecture (the loader and libc that
# scripts/android/smoke-android-so.sh runs Android .so files with); prints the unpacked root.
#
# How, and why this way: a direct download of the pinned .deb from Debian's pool, checked against
# the SHA-256 pinned below, then `dpkg-deb -x` (unpacked, never installed). Not through apt: the
# host's apt sources are whatever the host's distribution is (on GitHub's ubuntu-24.04 runners
# Ubuntu's archive, with another musl version, no armel port, and arm64 only on the ports archive),
# and a private apt source list would still need Debian's archive keyring, which Ubuntu does not
# have by default. The pinned hashes need no keyring and no apt: they were read from bookworm's
# signed InRelease (gpgv with debian-archive-keyring: "Good signature ... (12/bookworm)") -> the
# Packages.xz of each architecture (its SHA-256 as listed there) -> the musl entry's SHA256 field.
# To move to another version, repeat that for it and change MUSL_VERSION and the four hashes.
# Works on any Linux host with bash, curl, sha256sum and dpkg-deb (Debian, Ubuntu).
#
# Usage: fetch-musl.sh <amd64|i386|arm64|armel>
#   IAPI_ANDROID_CHECK_CACHE  cache folder (default ~/.cache/iapi-android-check): the .deb and the
#                             unpacked root live in musl-<version>/
#   IAPI_DEBIAN_MIRROR        the Debian archive (default http://deb.debian.org/debian; plain HTTP
#                             is enough, the hash is what is trusted; a file:// URL works too)
set -euo pipefail
arch="${1:?usage: fetch-musl.sh amd64|i386|arm64|armel}"
MUSL_VERSION=1.2.3-1   # Debian 12 (bookworm)
case "$arch" in
  amd64) sha=4fc1e3d9b579f5c682ca99a4d45aec08d72a2e6b82b4c2e1bbcb7095466ae96d ;;
  i386) sha=021a840247f26db961dcdbc7c1b249baa1e3434bed99bea7dce44a5ac834b93f ;;
  arm64) sha=6ccf2bf0f479b00411cb8e1eeb048e648718170db5d63bbb4bf4a89350b81468 ;;
  armel) sha=0c81cdbb80388d892739a10271c10970fbe78d150d95319270221bf1e3c9b3f0 ;;
  *) echo "fetch-musl: no pinned musl for '$arch' (amd64, i386, arm64, armel)" >&2; exit 2 ;;
esac
cache="${IAPI_ANDROID_CHECK_CACHE:-$HOME/.cache/iapi-android-check}/musl-$MUSL_VERSION"
mirror="${IAPI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
deb="$cache/musl_${MUSL_VERSION}_$arch.deb"
root="$cache/$arch"

# The marker holds the hash it was unpacked from: a root from another .deb is redone.
if [ "$(cat "$root/.done" 2>/dev/null)" != "$sha" ]; then
  mkdir -p "$cache"
  if ! echo "$sha  $deb" | sha256sum --check --status 2>/dev/null; then
    url="$mirror/pool/main/m/musl/musl_${MUSL_VERSION}_$arch.deb"
    curl -fsSL --retry 3 --connect-timeout 20 -o "$deb.part" "$url" ||
      { echo "fetch-musl: cannot download $url" >&2; rm -f "$deb.part"; exit 1; }
    got="$(sha256sum "$deb.part" | cut -d' ' -f1)"
    if [ "$got" != "$sha" ]; then
      rm -f "$deb.part"
      echo "fetch-musl: SHA-256 mismatch for $url: got $got, pinned $sha" >&2
      exit 1
    fi
    mv "$deb.part" "$deb"
  fi
  rm -rf "$root"
  mkdir -p "$root"
  dpkg-deb -x "$deb" "$root"
  echo "$sha" >"$root/.done"
fi
echo "$root"
