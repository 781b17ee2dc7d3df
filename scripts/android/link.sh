#!/usr/bin/env bash
# Linker for the Android CHECK build (scripts/build-android-check.sh), set as
# CARGO_TARGET_<TRIPLE>_LINKER with rustc's ld.lld linker flavor (ld-style arguments), in place of
# the NDK's clang + lld. It runs rustup's rust-lld against what build-android-check.sh prepared in
# <lib-dir>: stub libc.so/libm.so/libdl.so/liblog.so (the bionic symbols the core may use, right
# sonames; scripts/android/bionic-symbols.txt), a hidden libunwind.a and __dso_handle (which the
# NDK's crtbegin_so.o provides).
#  -z defs: an undefined symbol that is not in the stubs (not in bionic at minSdk 24) fails the
#           link instead of failing at load time on a device.
#  -z max-page-size=16384: 16 KB aligned LOAD segments (Android 15+ 16 KB page devices, Play).
#  --icf=all: identical code folding, as scripts/build-android.sh asks of the NDK's lld (-3..-4%
#           per ABI). Rust makes no promise that distinct functions have distinct addresses
#           (LLVM marks them unnamed_addr); --icf=safe folds nothing here (rustc emits no
#           address-significance table).
#  --pack-dyn-relocs=android: the dynamic relocations (.rela.dyn/.rel.dyn, ~5000 entries, 24 bytes
#           each on 64-bit) in Android's packed format APS2 (SHT_ANDROID_REL(A), DT_ANDROID_REL(A)),
#           as scripts/build-android.sh asks of the NDK's lld. bionic applies APS2 from API 23 (our
#           minSdk is 24); RELR would need API 28 (or 30 for the standard tags).
# An UNPACKED twin, <output without .so>.unpacked.so, is linked from the same arguments without
# that flag: musl's loader (scripts/android/smoke-android-so.sh) cannot apply APS2, so the smoke
# run loads the twin, and scripts/android/check-packed-relocs.py proves both hold the same
# relocations and code. Same inputs by construction (rustc deletes its temporary objects after
# this script). Two placement flags make its layout the shipped one's moved by a multiple of 16 KB
# from the relocation table on, so layout-dependent output (armv7's Cortex-A8 erratum patches) is
# the same: -z nocombreloc (no DT_RELCOUNT: .dynamic as long as the packed one's) and, when
# needed, a relink with --section-start addresses from scripts/android/twin-layout.py (on armv7
# the shipped library is relinked with its own addresses pinned first: twin-layout.py says why).
# The other flags are what the NDK's clang passes for an Android shared library.
# Usage: link.sh <rust-triple> <lib-dir> <ld arguments from rustc...>
set -euo pipefail
triple="$1"; libdir="$2"; shift 2
lld="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-lld"

# rustc may pass `-flavor gnu` itself; it has to come first, so drop it and put it back there.
args=()
skip=0; out=""; prev=""; shared=0; soname=0
for a in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$a" in -flavor) skip=1 ;; *) args+=("$a") ;; esac
  case "$a" in -shared) shared=1 ;; -soname|-soname=*|-h) soname=1 ;; esac
  [ "$prev" != -o ] || out="$a"
  prev="$a"
done

extra=()
# rustc gives a cdylib no DT_SONAME. Android's linker names loaded libraries by it (the file-name
# fallback is only for apps targeting API < 23); the NDK's build systems set it to the file name.
if [ "$shared" = 1 ] && [ "$soname" = 0 ] && [ -n "$out" ]; then
  extra+=(-soname "$(basename "$out")")
fi
case "$triple" in
  armv7-linux-androideabi) extra+=(--fix-cortex-a8) ;;  # as the NDK does for armv7
esac
link() {
  "$lld" -flavor gnu "${args[@]}" "$libdir/dso_handle.o" -L "$libdir" \
    -z defs -z max-page-size=16384 --icf=all -z noexecstack -z relro -z now --hash-style=gnu \
    --build-id=sha1 --error-limit=0 "${extra[@]}" "$@"
}
layout="$(dirname "${BASH_SOURCE[0]}")/twin-layout.py"
twin=""
if [ "$shared" = 1 ] && [ "${out%.so}" != "$out" ]; then
  twin="${out%.so}.unpacked.so"
  rm -f "$twin"   # never a twin of an older link
fi
link --pack-dyn-relocs=android
if [ -n "$twin" ] && [ "$triple" = armv7-linux-androideabi ]; then
  # --fix-cortex-a8's patches depend on lld's intermediate layouts: pinned, see twin-layout.py.
  pins="$(python3 "$layout" "$out")"
  read -ra pin <<<"$pins"
  link --pack-dyn-relocs=android "${pin[@]}"
fi
if [ -n "$twin" ]; then
  link -z nocombreloc -o "$twin"  # a later -o wins in lld
  placement="$(python3 "$layout" "$out" "$twin")"
  if [ -n "$placement" ]; then
    read -ra start <<<"$placement"
    link -z nocombreloc -o "$twin" "${start[@]}"
    placement="$(python3 "$layout" "$out" "$twin")"
    [ -z "$placement" ] || { echo "link.sh: $twin not placed: $placement" >&2; exit 1; }
  fi
fi
