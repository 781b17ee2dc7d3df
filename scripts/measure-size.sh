#!/usr/bin/env bash
# Prints the size of the stripped, LTO'd release cdylib for x86_64 and aarch64 Linux: quick
# proxies while working on the core's size. The figures that count are the Android ones (per-ABI
# targets in CONTRIBUTING.md "Android library sizes"), measured by the `android-so` part.
# `cargo rustc --crate-type cdylib`, as the shipped builds: `cargo build` would drop the
# profile's LTO for a crate that also has an rlib type (rust-lang/cargo#4611).
# aarch64 needs a cross linker (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/cargo-target-dir.sh
report() { # target file
  local bytes; bytes=$(wc -c <"$2" | tr -d ' ') # portable (no GNU stat, no bc)
  printf 'size %-28s %8d bytes (%s MB)\n' "$1" "$bytes" "$(awk "BEGIN { printf \"%.2f\", $bytes / 1000000 }")"
}
build() { cargo rustc -q --release -p iapi-core --lib --crate-type cdylib "$@"; }
target_dir=$(cargo_target_dir) # honours CARGO_TARGET_DIR
build
report x86_64-unknown-linux-gnu "$target_dir/release/libiapi_core.so"

if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-aarch64-linux-gnu >/dev/null) \
    || { echo "size aarch64: skipped (no cross gcc)"; exit 0; }
fi
rustup target add aarch64-unknown-linux-gnu >/dev/null 2>&1
CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc \
  build --target aarch64-unknown-linux-gnu
report aarch64-unknown-linux-gnu "$target_dir/aarch64-unknown-linux-gnu/release/libiapi_core.so"
