#!/usr/bin/env bash
# Generates the TypeDoc markdown reference in docs/ from src-js/__docs__/index.ts (all of docs/
# but the hand-written guides in docs/guides/).
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

# docs/guides/ is written by hand; everything else in docs/ is generated, so it is removed
# first (and TypeDoc must not clean its output directory).
mkdir -p docs
find docs -mindepth 1 -maxdepth 1 ! -name guides -exec rm -rf {} +
npx -y \
  -p typedoc@0.22.4 \
  -p typedoc-plugin-markdown@3.11.0 \
  -p typedoc-plugin-missing-exports@0.22.3 \
  -p typescript@4.4.2 \
  typedoc \
  --plugin typedoc-plugin-markdown \
  --plugin typedoc-plugin-missing-exports \
  --tsconfig tsconfig.docs.json \
  --entryPoints src-js/__docs__/index.ts \
  --readme src-js/__docs__/README.md \
  --name @dolbyio/react-native-iapi-sdk \
  --disableSources \
  --treatWarningsAsErrors \
  --cleanOutputDir false \
  --out docs

for page in docs/README.md docs/modules.md docs/classes/DolbyIoIAPI.md; do
  [[ -s "$page" ]] || { echo "docs: missing $page" >&2; exit 1; }
done

if [[ $CHECK -eq 1 ]]; then
  if [[ -n "$(git status --porcelain -- docs)" ]]; then
    echo "docs: docs/ is stale; run 'npm run docs' and commit the result:" >&2
    git status --porcelain -- docs >&2
    git --no-pager diff --stat -- docs >&2 || true
    exit 1
  fi
  echo "docs: docs/ is up to date"
fi
