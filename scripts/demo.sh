#!/usr/bin/env bash
# `npm run demo`: builds what the demo needs, then shows the SDK's token lifecycle live in
# Node (demo/demo.mjs): the real Rust core behind the TypeScript API, the local emulator
# and a small customer token server. Works on a fresh clone:
#   - npm ci when node_modules is missing (its `prepare` builds lib/ with bob);
#   - bob build when lib/ is missing or older than src-js/;
#   - cargo build of the emulator and the Node host addon (bindings/node/build.sh).
# Honours CARGO_TARGET_DIR (reuse a shared target/ to skip most of the Rust build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '==> %s\n' "$*" >&2; }

if [[ ! -d node_modules ]]; then
  step "npm ci (node_modules is missing)"
  npm ci --no-audit --no-fund >&2
fi

ENTRY=lib/module/node/index.js
if [[ ! -f "$ENTRY" || -n "$(find src-js -newer "$ENTRY" -print -quit)" ]]; then
  step "bob build (lib/ is missing or stale)"
  npx bob build >&2
fi

# One cargo invocation per package: building both at once unifies their features and
# invalidates the artifacts that separate builds (tests, other scripts) share in target/.
step "cargo build: emulator"
cargo build --quiet -p iapi-emulator >&2
step "cargo build: Node host"
bash bindings/node/build.sh >&2

step "demo"
exec node demo/demo.mjs
