#!/usr/bin/env bash
# Smoke run of the x86_64 Android libiapi_core.so on this Linux host, without an emulator: the
# .so only imports bionic symbols that glibc also has (plus __errno, which smoke.c provides), so
# glibc's loader can load it when its NEEDED libc.so/libm.so/libdl.so point at glibc's. smoke.c
# then calls the uniffi contract version and checksums (compared with what
# uniffi-checksums.py reads statically from the .so and with the Kotlin bindings), a real
# function, and a call that panics inside the core (uniffi's rustbuffer_reserve with a huge size)
# to prove unwinding works.
# Only calls that need no bionic-specific struct layouts or constants (no sockets, no DNS).
# Usage: smoke-android-so.sh <x86_64 libiapi_core.so>    (ZIG: the zig binary, as
#        build-android-check.sh installs it)
set -euo pipefail
so="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
: "${ZIG:?smoke-android-so.sh: set ZIG to the zig binary}"
[ "$(uname -m)" = x86_64 ] || { echo "smoke-android-so: needs an x86_64 host" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Android's sonames, glibc's libraries. (/usr/lib/.../libc.so is a linker script, not a library.)
glibc="$(dirname "$(ldd /bin/sh | awk '/libc.so.6/ { print $3 }')")"
ln -s "$glibc/libc.so.6" "$work/libc.so"
ln -s "$glibc/libm.so.6" "$work/libm.so"
ln -s "$glibc/libc.so.6" "$work/libdl.so"   # glibc 2.34+ has dl* in libc
"$ZIG" cc -target x86_64-linux-gnu -O1 -rdynamic "$here/smoke.c" -o "$work/smoke" -ldl

kt="$(find "$ROOT/bindings/generated/kotlin" -name iapi_core.kt | head -1)"
python3 "$here/uniffi-checksums.py" --dump "$so" >"$work/static"
names=$(awk '$1 ~ /checksum/ { print $1 }' "$work/static")
# shellcheck disable=SC2086  # one argument per name
LD_LIBRARY_PATH="$work" "$work/smoke" "$so" $names >"$work/called"
if ! diff -u "$work/static" <(sort "$work/called") >&2; then
  echo "smoke-android-so: called checksums differ from the statically read ones" >&2; exit 1
fi
python3 "$here/uniffi-checksums.py" "$so" "$kt" >/dev/null
echo "smoke-android-so: $(wc -l <"$work/called") uniffi values called and equal to the static" \
  "read and the Kotlin bindings; loaded under glibc with dlopen RTLD_NOW: $so"
