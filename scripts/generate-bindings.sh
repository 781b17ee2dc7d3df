#!/usr/bin/env bash
# Builds the host cdylib and regenerates the Kotlin and Swift bindings under bindings/generated/.
# Generated files are committed and never edited by hand; `--check` fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/cargo-target-dir.sh
cargo build -q -p iapi-core -p uniffi-bindgen
lib="$(cargo_target_dir)/debug/libiapi_core.so"
out=bindings/generated
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cargo run -q -p uniffi-bindgen -- generate --library "$lib" --language kotlin --out-dir "$tmp/kotlin" --no-format >/dev/null
cargo run -q -p uniffi-bindgen -- generate --library "$lib" --language swift --out-dir "$tmp/swift" >/dev/null
if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$tmp" "$out" >/dev/null 2>&1; then
    diff -r "$tmp" "$out" | head -20 >&2 || true
    echo "bindings/generated is stale: run scripts/generate-bindings.sh and commit the result" >&2
    exit 1
  fi
  echo "generated bindings are fresh"
else
  rm -rf "$out"; mkdir -p "$out"; cp -r "$tmp/kotlin" "$tmp/swift" "$out/"
  find "$out" -type f | sort
fi
