#!/usr/bin/env bash
# The link inputs that the NDK's sysroot would give the Android CHECK build
# (scripts/build-android-check.sh), for one target, in <out-dir>:
#  - libc.so, libm.so, libdl.so, liblog.so: stubs with bionic's sonames that define exactly the
#    symbols listed for them in bionic-symbols.txt (all present in bionic at minSdk 24). They are
#    only linked against, never shipped: on a device the real bionic libraries are loaded.
#  - dso_handle.o: the hidden __dso_handle that the NDK's crtbegin_so.o defines (std registers
#    thread-local destructors with it).
# Usage: make-sysroot.sh <rust-triple> <out-dir>     (ZIG: zig binary)
set -euo pipefail
triple="$1"; out="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
list="$here/bionic-symbols.txt"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for lib in c m dl log; do
  s="$work/lib$lib.s"
  # Labels only, no code: a stub is never executed. `%function`/`%object` work on ARM and x86.
  echo '.text' >"$s"
  awk -v lib="lib$lib.so" '!/^#/ && NF >= 2 && $1 == lib {
      type = ($3 == "object") ? "%object" : "%function"
      printf ".globl %s\n.type %s, %s\n%s:\n", $2, $2, type, $2 }' "$list" >>"$s"
  "$here/zig-cc.sh" "$triple" cc -shared -nostdlib -Wl,-soname,"lib$lib.so" "$s" \
    -o "$out/lib$lib.so"
done

printf 'void *__dso_handle __attribute__((visibility("hidden"))) = &__dso_handle;\n' >"$work/d.c"
"$here/zig-cc.sh" "$triple" cc -c -fPIC "$work/d.c" -o "$out/dso_handle.o"
