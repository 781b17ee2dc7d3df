#!/usr/bin/env bash
# Test of scripts/android/fetch-musl.sh on a host whose apt cannot give Debian's musl, as on
# GitHub's ubuntu-24.04 runners (Ubuntu's archive: another musl version, no armel port):
#   - apt-get, apt-cache and apt are replaced on PATH by stand-ins that fail as a missing armel
#     port does (exit 100) and write down that they were called, and APT_CONFIG points at a
#     configuration with an empty source list (Dir::Etc::sourcelist /dev/null, no sourceparts):
#     the four architectures (amd64, i386, arm64, armel) still come out, from a fresh cache, each
#     with the loader of its own machine, and nothing called apt;
#   - a second run with an unreachable mirror works from the cache;
#   - a mirror serving a different file fails with "SHA-256 mismatch" and leaves nothing behind.
# Downloads four small .debs (~1.6 MB) from Debian's archive.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fetch="$here/fetch-musl.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fails=0 passes=0
pass() { echo "ok   $*"; passes=$((passes + 1)); }
fail() { echo "FAIL $*" >&2; fails=$((fails + 1)); }

# A host whose apt has no source for Debian's musl.
mkdir -p "$work/bin"
for tool in apt-get apt-cache apt; do
  printf '#!/bin/sh\necho "%s $*" >>"%s/apt-calls"\necho "E: Unable to locate package musl:armel" >&2\nexit 100\n' \
    "$tool" "$work" >"$work/bin/$tool"
  chmod +x "$work/bin/$tool"
done
printf 'Dir::Etc::sourcelist "/dev/null";\nDir::Etc::sourceparts "%s/no-parts";\n' "$work" \
  >"$work/apt.conf"
mkdir -p "$work/no-parts"
foreign=(env PATH="$work/bin:$PATH" APT_CONFIG="$work/apt.conf" IAPI_ANDROID_CHECK_CACHE="$work/cache")
if "${foreign[@]}" apt-get download musl:armel >/dev/null 2>&1; then
  fail "the stand-in apt-get should fail"
else
  pass "apt on this test host cannot download musl:armel (exit 100, empty source list)"
fi
rm -f "$work/apt-calls"

declare -A machine=([amd64]="X86-64" [i386]="80386" [arm64]="AArch64" [armel]="ARM")
for arch in amd64 i386 arm64 armel; do
  if ! root="$("${foreign[@]}" bash "$fetch" "$arch" 2>"$work/err")"; then
    fail "$arch: fetch failed"; cat "$work/err" >&2; continue
  fi
  ldso="$(find "$root/lib" -maxdepth 1 -name 'ld-musl-*.so.1' | head -1)"
  libc="$(readlink -f "$ldso" 2>/dev/null || true)"
  if [ -n "$ldso" ] && [ -s "$libc" ] && readelf -hW "$libc" | grep -q "Machine:.*${machine[$arch]}"; then
    pass "$arch: musl $(basename "$ldso") -> $(basename "$libc") (${machine[$arch]}) without the host's apt"
  else
    fail "$arch: no ${machine[$arch]} musl loader in $root"
  fi
done
if [ -s "$work/apt-calls" ]; then fail "fetch-musl called apt:"; cat "$work/apt-calls" >&2
else pass "apt was never called"; fi

# From the cache, with no mirror at all.
if root="$(env IAPI_ANDROID_CHECK_CACHE="$work/cache" IAPI_DEBIAN_MIRROR="file://$work/nowhere" \
  bash "$fetch" armel 2>"$work/err")" && [ -e "$root/.done" ]; then
  pass "a second run works from the cache (no mirror reachable)"
else
  fail "the second run did not use the cache"; cat "$work/err" >&2
fi

# A mirror that serves something else under the pinned name.
mkdir -p "$work/bad/pool/main/m/musl"
head -c 4096 /dev/urandom >"$work/bad/pool/main/m/musl/musl_1.2.3-1_arm64.deb"
if env IAPI_ANDROID_CHECK_CACHE="$work/cache2" IAPI_DEBIAN_MIRROR="file://$work/bad" \
  bash "$fetch" arm64 >"$work/out" 2>&1; then
  fail "a .deb with another hash was accepted"
elif grep -q 'SHA-256 mismatch' "$work/out" && [ -z "$(find "$work/cache2" -type f 2>/dev/null)" ]; then
  pass "a .deb with another hash is refused (\"SHA-256 mismatch\") and nothing is kept"
else
  fail "a bad .deb failed without the message or left files"; cat "$work/out" >&2
fi

echo "test-fetch-musl: $passes passed, $fails failed"
[ "$fails" = 0 ]
