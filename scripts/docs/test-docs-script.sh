#!/usr/bin/env bash
# scripts/docs.sh leaves docs/ as it was when TypeDoc fails (here: a tsconfig that does not
# exist, as a run before `npm ci` fails on missing types): it exits non-zero and no file under
# docs/ changes or disappears.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

before="$(find docs -type f -exec sha256sum {} + | sort)"
if DOCS_TSCONFIG=does-not-exist.json bash scripts/docs.sh >/dev/null 2>&1; then
  echo "docs.sh: expected a failure with a missing tsconfig" >&2
  exit 1
fi
after="$(find docs -type f -exec sha256sum {} + | sort)"
if [[ "$before" != "$after" ]]; then
  echo "docs.sh: a failed run changed docs/:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
echo "docs.sh: a failed run leaves docs/ as it was ($(echo "$before" | wc -l) files)"
