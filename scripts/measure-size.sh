#!/usr/bin/env bash
# Prints the size of the stripped release cdylib for x86_64 and aarch64 Linux, the proxies for
# the per-ABI size target (<= 2.5 MB). aarch64 needs a cross linker (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/cargo-target-dir.sh
limit=$((2500 * 1000))
report() { # target file
  local bytes; bytes=$(wc -c <"$2" | tr -d ' ') # portable (no GNU stat, no bc)
  printf 'size %-28s %8d bytes (%s MB) target<=2.50 MB %s\n' "$1" "$bytes" "$(awk "BEGIN { printf \"%.2f\", $bytes / 1000000 }")" \
    "$([ "$bytes" -le "$limit" ] && echo ok || echo OVER)"
}
target_dir=$(cargo_target_dir) # honours CARGO_TARGET_DIR
cargo build -q --release -p iapi-core
report x86_64-unknown-linux-gnu "$target_dir/release/libiapi_core.so"

if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-aarch64-linux-gnu >/dev/null) \
    || { echo "size aarch64: skipped (no cross gcc)"; exit 0; }
fi
rustup target add aarch64-unknown-linux-gnu >/dev/null 2>&1
CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc \
  cargo build -q --release -p iapi-core --target aarch64-unknown-linux-gnu
report aarch64-unknown-linux-gnu "$target_dir/aarch64-unknown-linux-gnu/release/libiapi_core.so"
