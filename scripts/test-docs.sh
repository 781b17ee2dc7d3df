#!/usr/bin/env bash
# The documentation checks (test-all part `docs`; what each covers: CONTRIBUTING.md,
# "Documentation"):
#   1. every relative / in-repository link and anchor of every Markdown file resolves, and
#      README.md (the npm package page) links files only absolutely (scripts/docs/check-links.mjs);
#   2. README.md is 150 to 250 lines and links every guide of docs/guides/; prints both
#      (scripts/docs/check-layout.mjs); its versions and commands are those of package.json,
#      the rn-range script, the example app and the build files (scripts/docs/check-claims.mjs);
#   3. CONTRIBUTING.md's shim table has every row of scripts/check-shim-size.sh;
#   4. every enum member and constructor of the reference (docs/) has a description, and a
#      failed scripts/docs.sh leaves docs/ as it was (scripts/docs/test-docs-script.sh);
#   5. `npm run demo` runs in under 20 s, and the captured demo output in CONTRIBUTING.md and
#      bindings/node/README.md has the shape of that fresh run (scripts/docs/check-demo-output.mjs).
# The TypeScript examples of the README, the guides and CONTRIBUTING.md are type-checked, and
# the testing guide's examples run, by the Jest suite (part `js`: docsExamples.test.ts, ...).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

step "Markdown links and anchors"
node scripts/docs/check-links.mjs

step "README length and the guides"
node scripts/docs/check-layout.mjs

step "The README's versions and commands"
node scripts/docs/check-claims.mjs

step "CONTRIBUTING.md's shim table"
bash scripts/check-shim-size.sh | node scripts/docs/check-shim-table.mjs

step "The reference: descriptions; docs.sh keeps docs/ on failure"
node scripts/docs/check-reference.mjs
bash scripts/docs/test-docs-script.sh

step "npm run demo (captured output in CONTRIBUTING.md and bindings/node/README.md)"
OUT="$(mktemp)"
trap 'rm -f "$OUT" "$OUT.start"' EXIT
# The build steps before the demo itself are not timed: from its "==> demo" line to its end.
if ! bash scripts/demo.sh 2>&1 | while IFS= read -r line; do
  [[ "$line" == "==> demo" ]] && date +%s%N >"$OUT.start"
  printf '%s\n' "$line"
done >"$OUT"; then
  cat "$OUT"
  echo "npm run demo failed" >&2
  exit 1
fi
end=$(date +%s%N)
cat "$OUT"
node scripts/docs/check-demo-output.mjs "$OUT"
[[ -s "$OUT.start" ]] || { echo "npm run demo printed no '==> demo' line" >&2; exit 1; }
ms=$(( (end - $(cat "$OUT.start")) / 1000000 ))
rm -f "$OUT.start"
echo "demo: ran in $((ms / 1000)).$(( (ms % 1000) / 100 )) s (CONTRIBUTING.md says under 20 s)"
if (( ms >= 20000 )); then
  echo "npm run demo took ${ms} ms; CONTRIBUTING.md says it ends in under 20 s" >&2
  exit 1
fi

printf '\nDocumentation checks passed\n'
