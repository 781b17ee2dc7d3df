#!/usr/bin/env bash
# Generates the TypeDoc markdown reference in docs/ from src-js/__docs__/index.ts (all of docs/
# but the hand-written guides in docs/guides/), never deleting docs/ when generation fails.
# Pinned, isolated toolchain (the format of the published reference):
# typedoc 0.22.4 + typedoc-plugin-markdown 3.11.0 + typedoc-plugin-missing-exports 0.22.3
# + TypeScript 4.4.2, run through npx so they never mix with the project's TypeScript.
# Usage: scripts/docs.sh           regenerate docs/
#        scripts/docs.sh --check   regenerate, then fail when docs/ differs from git
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CHECK=0
case "${1:-}" in
  --check) CHECK=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

# TypeDoc writes into a fresh directory; docs/ (but the hand-written docs/guides/) is replaced
# only once it succeeded, so a failed run (e.g. before `npm ci`) leaves docs/ as it was.
# DOCS_TSCONFIG overrides the tsconfig (scripts/docs/test-docs-script.sh makes a run fail).
OUT="$(mktemp -d "${TMPDIR:-/tmp}/iapi-docs.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
npx -y \
  -p typedoc@0.22.4 \
  -p typedoc-plugin-markdown@3.11.0 \
  -p typedoc-plugin-missing-exports@0.22.3 \
  -p typescript@4.4.2 \
  typedoc \
  --plugin typedoc-plugin-markdown \
  --plugin typedoc-plugin-missing-exports \
  --tsconfig "${DOCS_TSCONFIG:-tsconfig.docs.json}" \
  --entryPoints src-js/__docs__/index.ts \
  --readme src-js/__docs__/README.md \
  --name @dolbyio/react-native-iapi-sdk \
  --disableSources \
  --treatWarningsAsErrors \
  --out "$OUT"

for page in README.md modules.md classes/DolbyIoIAPI.md; do
  [[ -s "$OUT/$page" ]] || { echo "docs: TypeDoc wrote no $page; docs/ left as it was" >&2; exit 1; }
done
[[ ! -e "$OUT/guides" ]] || { echo "docs: TypeDoc wrote docs/guides/, which is hand-written" >&2; exit 1; }

mkdir -p docs
find docs -mindepth 1 -maxdepth 1 ! -name guides -exec rm -rf {} +
cp -R "$OUT"/. docs/

if [[ $CHECK -eq 1 ]]; then
  if [[ -n "$(git status --porcelain -- docs)" ]]; then
    echo "docs: docs/ is stale; run 'npm run docs' and commit the result:" >&2
    git status --porcelain -- docs >&2
    git --no-pager diff --stat -- docs >&2 || true
    exit 1
  fi
  echo "docs: docs/ is up to date"
fi
