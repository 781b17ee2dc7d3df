#!/usr/bin/env bash
# Android CHECK build of the Rust core, on a Linux machine WITHOUT the Android NDK: the four
# Android ABIs in one `cargo build --release`, then scripts/check-android-so.sh on the results.
# It proves the core compiles and links for Android (bionic imports at minSdk 24 only, 16 KB
# pages, NEEDED libc/libm/libdl/liblog) and measures its size. It is NOT the release build:
# release binaries come from scripts/build-android.sh (NDK + cargo-ndk) on real CI runners.
#
# How, without the NDK (docs: /work/shared/design.md "Android binaries without the NDK"):
#  - ring's C and assembly: `zig cc` (clang, PyPI package `ziglang`) for the musl twin of each
#    target, through scripts/android/zig-cc.sh as CC_<triple>/AR_<triple>;
#  - linking: rustup's rust-lld through scripts/android/link.sh, `-z defs`, against stub bionic
#    libraries (scripts/android/make-sysroot.sh, from scripts/android/bionic-symbols.txt) and a
#    hidden libunwind built from zig's LLVM sources (scripts/android/build-libunwind.sh).
#  - dynamic relocations packed (APS2, --pack-dyn-relocs=android, as the NDK release build), with
#    an unpacked twin linked from the same inputs, deps/libiapi_core.unpacked.so (link.sh says why).
# Outputs where cargo puts them: <target-dir>/<rust-triple>/release/libiapi_core.so (CARGO_TARGET_DIR
# honoured). Installs what it needs: rustup targets; ziglang and the libraries under
# ~/.cache/iapi-android-check (IAPI_ANDROID_CHECK_CACHE overrides).
# Then scripts/android/check-packed-relocs.py proves each .so's packed relocations are its twin's,
# and, on an x86_64 host, scripts/android/smoke-android-so.sh loads each twin (musl's loader,
# which cannot apply APS2; qemu-user for the ARM ones) and calls it (uniffi checksums, a caught
# panic).
# Usage: scripts/build-android-check.sh [--jnilibs] [--no-check] [--small]
#   --jnilibs   also copy the .so files to android/src/main/jniLibs/<abi>/ (gitignored; for trying
#               the module locally, never for publishing)
#   --no-check  skip scripts/check-android-so.sh and the smoke run
#   --small     the opt-in size build: cargo profile `release-small` (panic = "abort") and
#               `-C force-unwind-tables=no`; outputs in <target-dir>/<triple>/release-small/.
#               A Rust panic then ABORTS the app instead of becoming an exception in Kotlin/Swift
#               (CONTRIBUTING.md "Android library sizes"), so the smoke run (which checks a caught panic) is
#               skipped; the other checks run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

jnilibs=0; check=1; profile=release
for a in "$@"; do
  case "$a" in
    --jnilibs) jnilibs=1 ;;
    --no-check) check=0 ;;
    --small) profile=release-small ;;
    *) echo "build-android-check: unknown argument $a" >&2; exit 2 ;;
  esac
done

ZIG_VERSION=0.17.1   # pinned: the flags and the libunwind patch are tested with it
CACHE="${IAPI_ANDROID_CHECK_CACHE:-$HOME/.cache/iapi-android-check}"
triples=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)
abi_of() {
  case "$1" in
    aarch64-linux-android) echo arm64-v8a ;;
    armv7-linux-androideabi) echo armeabi-v7a ;;
    x86_64-linux-android) echo x86_64 ;;
    i686-linux-android) echo x86 ;;
  esac
}
t0=$(date +%s)
say() { printf 'build-android-check: %s (%ds)\n' "$*" $(( $(date +%s) - t0 )); }

# Tools.
rustup target add "${triples[@]}" >/dev/null 2>&1 || rustup target add "${triples[@]}"
zigpkg="$CACHE/ziglang-$ZIG_VERSION"
if [ ! -x "$zigpkg/ziglang/zig" ]; then
  say "installing ziglang $ZIG_VERSION from PyPI into $zigpkg"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --target "$zigpkg" "ziglang==$ZIG_VERSION"
fi
export ZIG="$zigpkg/ziglang/zig"
export ZIG_GLOBAL_CACHE_DIR="$CACHE/zig-cache" ZIG_LOCAL_CACHE_DIR="$CACHE/zig-cache"

# Per-target link inputs and wrappers, at fixed paths: cargo rebuilds every crate of a target when
# its linker or C compiler path changes. They are regenerated when the scripts or the symbol list
# change (a hash of them is kept next to them), and then the core is relinked, so a stale stub
# never hides a new import.
key="$(cat scripts/android/{zig-cc.sh,link.sh,twin-layout.py,make-sysroot.sh,build-libunwind.sh,bionic-symbols.txt} \
  | sha256sum | cut -c1-16)"
tools="$CACHE/tools"
target_dir="$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
for triple in "${triples[@]}"; do
  libdir="$tools/$triple"
  if [ "$(cat "$libdir/.key" 2>/dev/null)" != "$key" ]; then
    say "stub bionic + libunwind for $triple"
    rm -rf "$libdir"
    bash scripts/android/make-sysroot.sh "$triple" "$libdir"
    bash scripts/android/build-libunwind.sh "$triple" "$libdir"
    # cargo wants one executable per variable, without arguments.
    for tool in cc ar; do
      printf '#!/bin/sh\nexec "%s" %s %s "$@"\n' "$ROOT/scripts/android/zig-cc.sh" "$triple" "$tool" \
        >"$libdir/$tool"
    done
    printf '#!/bin/sh\nexec "%s" %s "%s" "$@"\n' "$ROOT/scripts/android/link.sh" "$triple" "$libdir" \
      >"$libdir/ld"
    chmod +x "$libdir/cc" "$libdir/ar" "$libdir/ld"
    # A missing output makes cargo rebuild (relink) just that crate.
    rm -f "$target_dir/$triple"/release{,-small}/deps/libiapi_core.so
    echo "$key" >"$libdir/.key"
  fi
  low="${triple//-/_}"; up="$(echo "$low" | tr '[:lower:]' '[:upper:]')"
  export "CC_$low=$libdir/cc" "AR_$low=$libdir/ar"
  export "CARGO_TARGET_${up}_LINKER=$libdir/ld"
  # ld-style arguments, so link.sh hands them to rust-lld unchanged.
  flags="-C linker-flavor=ld.lld"
  [ "$profile" = release ] || flags="$flags -C force-unwind-tables=no"
  export "CARGO_TARGET_${up}_RUSTFLAGS=$flags"
  # A library linked before link.sh made twins (e.g. restored from a cache) is relinked.
  for p in release release-small; do
    [ -e "$target_dir/$triple/$p/deps/libiapi_core.unpacked.so" ] \
      || rm -f "$target_dir/$triple/$p/deps/libiapi_core.so"
  done
done

# `cargo rustc --crate-type cdylib`, not `cargo build`: for a crate whose types include an rlib
# cargo silently drops the profile's `lto` (rust-lang/cargo#4611, #9672); building only the
# shipped type lets LTO apply. The verbose log proves it: scripts/android/check-lto.sh fails when
# the core's rustc line lacks `-C lto`.
# One target per `cargo rustc` (it passes crate types to one compilation only); the host build
# scripts they share build once.
# When cargo finds the core fresh it prints no rustc line: the line of the build that made the
# library is kept next to it (<triple>/<profile>/iapi_core-rustc.txt) with the library's SHA-256,
# and stands in for it only while the library is still that build's (another cargo command may
# have overwritten it); else the library is relinked.
log="$target_dir/android-check-build.log"
: >"$log"
build() { # triple
  say "cargo rustc -p iapi-core --lib --crate-type cdylib --profile $profile --target $1"
  if ! cargo rustc -v -p iapi-core --lib --crate-type cdylib --profile "$profile" --target "$1" \
    >>"$log" 2>&1; then
    grep -v '^ *Running\|^ *Fresh\|^ *Compiling\|^ *Dirty' "$log" | tail -60 >&2
    exit 1
  fi
}
for triple in "${triples[@]}"; do
  out="$target_dir/$triple/$profile"
  kept="$out/iapi_core-rustc.txt"
  from=$(wc -l <"$log")
  build "$triple"
  line="$(tail -n +$((from + 1)) "$log" | grep -E -- "--crate-name iapi_core .*--crate-type cdylib" || true)"
  if [ -z "$line" ] && [ "$(tail -1 "$kept" 2>/dev/null)" != "sha256 $(sha256sum <"$out/libiapi_core.so")" ]; then
    say "iapi_core for $triple is fresh, but not from a build this script logged: relinking"
    rm -f "$out/deps/libiapi_core.so"
    from=$(wc -l <"$log")
    build "$triple"
    line="$(tail -n +$((from + 1)) "$log" | grep -E -- "--crate-name iapi_core .*--crate-type cdylib" || true)"
  fi
  if [ -n "$line" ]; then
    printf '%s\nsha256 %s\n' "$line" "$(sha256sum <"$out/libiapi_core.so")" >"$kept"
  else
    { echo "# iapi_core for $triple is fresh: the rustc line of the build that made it ($kept)"
      sed '$d' "$kept"; } >>"$log"
  fi
done
bash scripts/android/check-lto.sh "$log" "${triples[@]}"

sos=(); twins=(); pairs=()
for triple in "${triples[@]}"; do
  so="$target_dir/$triple/$profile/libiapi_core.so"
  twin="$target_dir/$triple/$profile/deps/libiapi_core.unpacked.so"
  for f in "$so" "$twin"; do
    [ -s "$f" ] || { echo "build-android-check: missing $f" >&2; exit 1; }
  done
  sos+=("$so"); twins+=("$twin"); pairs+=("$so" "$twin")
  if [ "$jnilibs" = 1 ]; then
    dest="android/src/main/jniLibs/$(abi_of "$triple")"
    mkdir -p "$dest" && cp "$so" "$dest/libiapi_core.so"
    echo "build-android-check: copied to $dest/libiapi_core.so (CHECK build, not for release)"
  fi
done
say "built"
if [ "$check" = 1 ]; then
  bash scripts/check-android-so.sh "${sos[@]}"
  python3 scripts/android/check-packed-relocs.py "${pairs[@]}"
  if [ "$(uname -m)" = x86_64 ] && [ "$profile" = release ]; then
    bash scripts/android/smoke-android-so.sh "${twins[@]}"
  fi
fi
say "done (CHECK build; release binaries come from scripts/build-android.sh with the NDK)"
