#!/usr/bin/env bash
# Builds the Node host addon: `cargo build -p iapi-node` (debug by default, --release for an
# optimized one) and copies the cdylib to bindings/node/iapi_node.node, where
# bindings/node/index.js loads it. Uses the workspace's target/ (or $CARGO_TARGET_DIR).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

PROFILE=debug
ARGS=()
case "${1:-}" in
  --release) PROFILE=release; ARGS=(--release) ;;
  "") ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac

cargo build --quiet -p iapi-node "${ARGS[@]}"

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$(uname -s)" in
  Darwin) LIB="libiapi_node.dylib" ;;
  MINGW* | MSYS* | CYGWIN*) LIB="iapi_node.dll" ;;
  *) LIB="libiapi_node.so" ;;
esac
SRC="$TARGET_DIR/$PROFILE/$LIB"
DEST="$ROOT/bindings/node/iapi_node.node"
# Copy to a temporary name and rename: a running Node keeps the old file's inode.
cp "$SRC" "$DEST.tmp"
mv -f "$DEST.tmp" "$DEST"
echo "node host: ${DEST#"$ROOT"/} ($PROFILE)"
