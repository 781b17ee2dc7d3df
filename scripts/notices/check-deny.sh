#!/usr/bin/env bash
# The dependency policy (deny.toml) on the shipped crate graph: iapi-core's, for the Android and
# iOS targets, without dev-dependencies.
#   bash scripts/notices/check-deny.sh              cargo deny check licenses bans sources
#   bash scripts/notices/check-deny.sh advisories   also the RustSec advisories (needs the internet)
#   bash scripts/notices/check-deny.sh --self-test  a crate under an unlisted license must fail it
# cargo-deny: the one on PATH, else the pinned version, installed on first use with
# `cargo install --locked` into ~/.cache/iapi-cargo-deny/<version> (a few minutes, once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VERSION="${CARGO_DENY_VERSION:-0.20.2}"
if ! command -v cargo-deny >/dev/null; then
  dir="${IAPI_CARGO_DENY_DIR:-$HOME/.cache/iapi-cargo-deny/$VERSION}"
  if [ ! -x "$dir/bin/cargo-deny" ]; then
    echo "check-deny: cargo install cargo-deny --version $VERSION --locked (into $dir)"
    nice cargo install cargo-deny --version "$VERSION" --locked --root "$dir" --quiet
  fi
  export PATH="$dir/bin:$PATH"
fi

if [ "${1:-}" = --self-test ]; then
  fixture="$ROOT/scripts/notices/deny-fixture"
  out="$(mktemp)"
  trap 'rm -f "$out"' EXIT
  if cargo deny --color never --manifest-path "$fixture/Cargo.toml" --config "$ROOT/deny.toml" check licenses >"$out" 2>&1; then
    cat "$out" >&2
    echo "check-deny self-test: a GPL-3.0-only crate passed deny.toml's license check" >&2
    exit 1
  fi
  grep -q 'deny-fixture-unlisted-license' "$out" && grep -q 'GPL-3.0-only' "$out" && grep -qi 'rejected' "$out" || {
    cat "$out" >&2
    echo "check-deny self-test: the failure does not name the crate, its license and the rejection" >&2
    exit 1
  }
  grep -m3 -E 'error\[|rejected|GPL' "$out"
  echo "check-deny self-test: an unlisted license (GPL-3.0-only) fails the check, naming the crate"
  exit 0
fi

checks=(licenses bans sources "$@")
cargo deny --color never --manifest-path rust-core/Cargo.toml --config deny.toml check "${checks[@]}"
echo "check-deny: ${checks[*]} ok"
