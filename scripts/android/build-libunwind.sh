#!/usr/bin/env bash
# Builds libunwind.a for one Android target of the CHECK build (scripts/build-android-check.sh)
# from the LLVM libunwind sources that zig ships, since without the NDK there is no
# libunwind.a to link. Rust's std for Android links `-lunwind`; this archive satisfies it.
#  - Every symbol hidden (_LIBUNWIND_HIDE_SYMBOLS, -fvisibility=hidden), as in the NDK: the
#    unwinder stays private to libiapi_core.so and never interposes on another library's.
#  - musl's <errno.h> makes `errno` call __errno_location, which bionic does not have:
#    -D__errno_location=__errno turns it into bionic's __errno (same signature).
#  - musl's pthread_rwlock_t is 32 bytes on 32-bit targets, bionic's is 40: the copy of
#    RWMutex.hpp gets a union padding its lock to 40 bytes, or bionic would write past it.
#  - armv7: the NDK's libunwind is built against bionic, where config.h picks
#    _LIBUNWIND_USE_DL_UNWIND_FIND_EXIDX (ARM EHABI: the .ARM.exidx table of the module holding
#    a pc comes from bionic's dl_unwind_find_exidx, in libdl.so) instead of dl_iterate_phdr. The
#    same path here (-D__BIONIC__, and bionic's declaration of it from <link.h> forced in, which
#    musl's headers lack), so the CHECK build imports what the NDK build imports and the smoke run
#    unwinds through it (scripts/android/smoke.c provides it on musl).
# Usage: build-libunwind.sh <rust-triple> <out-dir>    (ZIG: zig binary; writes <out-dir>/libunwind.a)
set -euo pipefail
triple="$1"; out="$2"
: "${ZIG:?build-libunwind.sh: set ZIG to the zig binary}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src_orig="$(dirname "$ZIG")/lib/libunwind"
[ -d "$src_orig/src" ] || { echo "build-libunwind.sh: no libunwind sources in $src_orig" >&2; exit 1; }

mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$src_orig/src" "$src_orig/include" "$work/"
rw="$work/src/RWMutex.hpp"
grep -q '  pthread_rwlock_t _lock = PTHREAD_RWLOCK_INITIALIZER;' "$rw" || {
  echo "build-libunwind.sh: RWMutex.hpp changed upstream; update the bionic size patch" >&2; exit 1; }
sed -i 's/^  pthread_rwlock_t _lock = PTHREAD_RWLOCK_INITIALIZER;/  union { pthread_rwlock_t _lock = PTHREAD_RWLOCK_INITIALIZER; char _bionic_size[40]; };/' "$rw"

# shellcheck disable=SC2054  # -Wa,--noexecstack is one argument
flags=(-c -O2 -fPIC -funwind-tables -fvisibility=hidden -D_LIBUNWIND_HIDE_SYMBOLS
  -D_LIBUNWIND_IS_NATIVE_ONLY -DNDEBUG -D__errno_location=__errno -I"$work/include"
  -Wa,--noexecstack)
case "$triple" in
  armv7-linux-androideabi)
    cat >"$work/bionic-exidx.h" <<'H'
/* As bionic's <link.h> declares it on 32-bit ARM (all API levels, libdl.so). */
#ifndef __ASSEMBLER__
#include <stdint.h>
typedef uintptr_t _Unwind_Ptr;
#ifdef __cplusplus
extern "C"
#endif
_Unwind_Ptr dl_unwind_find_exidx(_Unwind_Ptr pc, int *pcount);
#endif
H
    flags+=(-D__BIONIC__ -include "$work/bionic-exidx.h") ;;
esac
objs=()
for f in libunwind.cpp Unwind-EHABI.cpp UnwindLevel1.c UnwindLevel1-gcc-ext.c \
  UnwindRegistersRestore.S UnwindRegistersSave.S; do
  case "$f" in
    *.cpp) lang=(-std=c++17 -fno-exceptions -fno-rtti -nostdinc++ -fvisibility-inlines-hidden) ;;
    *.c) lang=(-std=c99) ;;
    *) lang=() ;;
  esac
  o="$work/${f%.*}.o"
  "$here/zig-cc.sh" "$triple" cc "${flags[@]}" "${lang[@]}" "$work/src/$f" -o "$o"
  objs+=("$o")
done
rm -f "$out/libunwind.a"
"$here/zig-cc.sh" "$triple" ar rcs "$out/libunwind.a" "${objs[@]}"
