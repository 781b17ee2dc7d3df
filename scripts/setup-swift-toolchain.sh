#!/usr/bin/env bash
# Prepares a Swift 6.0 toolchain on a Debian 12 host: Debian trixie's `swiftlang` package inside a
# debootstrap folder (bookworm has no Swift). The folder lives outside the repository and is reused.
# Prints the chroot path on its last line.
#   SWIFT_CHROOT   where the chroot lives (default: $HOME/.cache/iapi-swift-trixie)
set -euo pipefail
root="${SWIFT_CHROOT:-$HOME/.cache/iapi-swift-trixie}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# /usr/bin/swift is an absolute symlink (update-alternatives): resolve it inside the chroot, not on
# the host, or an installed toolchain looks missing and every run repeats apt-get.
have_swift() { [ -x "$root/bin/sh" ] && chroot "$root" /bin/sh -c 'test -x /usr/bin/swift' 2>/dev/null; }
if ! have_swift; then
  echo "setup-swift-toolchain: preparing $root (one time, several minutes)" >&2
  if ! command -v debootstrap >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  if [ ! -x "$root/usr/bin/apt-get" ]; then
    # A half-made chroot (e.g. an interrupted debootstrap) may still have /proc, /sys or /dev
    # mounted: unmount them first and never let rm cross into another file system.
    awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r |
      while read -r m; do umount -l "$m" || true; done
    rm -rf --one-file-system "$root"; mkdir -p "$root"
    debootstrap --variant=minbase trixie "$root" "$mirror" >&2
  fi
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  chroot "$root" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends swiftlang libc6-dev libstdc++-14-dev ca-certificates >/dev/null' >&2
fi
# swiftc crashes without /proc inside the chroot.
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
chroot "$root" swift --version >&2
echo "$root"
