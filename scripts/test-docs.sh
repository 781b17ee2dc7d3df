#!/usr/bin/env bash
# The documentation checks (test-all part `docs`):
#   1. every relative / in-repository link of every Markdown file resolves, and README.md (the
#      npm package page) links files only absolutely (scripts/docs/check-links.mjs; no network);
#   2. `npm run demo` runs, and the captured demo output in README.md and
#      bindings/node/README.md has the shape of that fresh run (scripts/docs/check-demo-output.mjs).
# The README's TypeScript examples are type-checked and run by the Jest suite (part `js`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

step "Markdown links"
node scripts/docs/check-links.mjs

step "npm run demo (captured output in the READMEs)"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
if ! bash scripts/demo.sh >"$OUT" 2>&1; then
  cat "$OUT"
  echo "npm run demo failed" >&2
  exit 1
fi
cat "$OUT"
node scripts/docs/check-demo-output.mjs "$OUT"

printf '\nDocumentation checks passed\n'
