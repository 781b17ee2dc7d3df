#!/usr/bin/env bash
# `prepack` (npm pack / npm publish): refuses to pack without the Rust core
# (scripts/check-pack-binaries.sh), then builds lib/ (bob: ESM, CommonJS and type definitions).
# The build runs here and not in `prepare`, so the published package.json has no script that
# npm would run when an app installs the package. A fresh clone packs with:
#   npm ci && npm pack          (npm ci installs bob; it no longer builds lib/ itself)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/check-pack-binaries.sh
if [ ! -x node_modules/.bin/bob ]; then
  echo "prepack: react-native-builder-bob is not installed (node_modules/.bin/bob): run \`npm ci\` first, then \`npm pack\` again." >&2
  exit 1
fi
node_modules/.bin/bob build
