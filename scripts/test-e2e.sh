#!/usr/bin/env bash
# End-to-end tests of the TypeScript API under Node: the built package entry
# (@dolbyio/react-native-iapi-sdk/node) over the Node host addon, the real Rust core and a
# real emulator process (e2e/*.test.mjs, Jest config e2e/jest.config.cjs).
# Builds what they need first: npm deps (if missing), lib/ (bob), the emulator, the addon
# (whose build fails when the committed bindings/node/index.d.ts is not what napi-rs generates).
# Extra arguments go to Jest (e.g. -t 'single flight').
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

if [[ ! -d node_modules ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "bob build (lib/)"
npx bob build

step "cargo build -p iapi-emulator"
cargo build --quiet -p iapi-emulator

step "napi build of iapi-node; index.d.ts is fresh (bindings/node/build.sh --check)"
bash bindings/node/build.sh --check

step "jest (e2e)"
NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules --no-warnings=ExperimentalWarning" \
  npx jest --ci -c e2e/jest.config.cjs "$@"
