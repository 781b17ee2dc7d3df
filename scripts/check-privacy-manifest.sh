#!/usr/bin/env bash
# Checks that the SDK's privacy manifest declares every Apple required-reason API its iOS binary
# reaches: lists the binary's undefined symbols (`nm -u`; llvm-nm on Linux) and its Objective-C
# selector names (its strings), matches them against Apple's list
# (scripts/ios/required-reason-apis.txt), and fails on an API whose category is not declared in
# plugin/privacy-manifest.json, or when ios/PrivacyInfo.xcprivacy is not generated from it.
# Prints the required-reason APIs found, with their category.
#   scripts/check-privacy-manifest.sh BINARY...            static libraries (.a) or Mach-O files
#   scripts/check-privacy-manifest.sh --undefined LIST     a list of undefined symbols, one a line
#                                                          (e.g. `nm -u` output saved on macOS)
# Binaries: the iOS check build (scripts/build-ios-check.sh) here, the xcframework's slices in
# the release workflow.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MANIFEST="${IAPI_PRIVACY_MANIFEST_JSON:-$ROOT/plugin/privacy-manifest.json}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

: >"$work/undefined"
: >"$work/strings"
if [[ "${1:-}" == --undefined ]]; then
  [[ $# -eq 2 ]] || { echo "usage: $0 --undefined LIST" >&2; exit 2; }
  cat "$2" >"$work/undefined"
else
  [[ $# -ge 1 ]] || { echo "usage: $0 BINARY... | --undefined LIST" >&2; exit 2; }
  nm_tool=nm
  command -v llvm-nm >/dev/null && [[ "$(uname)" != Darwin ]] && nm_tool=llvm-nm
  for bin in "$@"; do
    [[ -s "$bin" ]] || { echo "check-privacy-manifest: no such binary: $bin" >&2; exit 1; }
    # An archive member nm cannot read (LLVM bitcode of compiler_builtins with an older llvm-nm)
    # is reported on stderr and has no symbols of the system anyway; the others are listed.
    "$nm_tool" -u "$bin" 2>"$work/nm.err" >>"$work/undefined" || true
    if ! grep -q . "$work/undefined"; then cat "$work/nm.err" >&2; echo "check-privacy-manifest: $nm_tool read no symbols from $bin" >&2; exit 1; fi
    tr -c '[:print:]' '\n' <"$bin" | grep -E '^[A-Za-z]{6,}$' | sort -u >>"$work/strings" || true
  done
fi

node "$ROOT/scripts/privacy-manifest.js" --check >/dev/null

node - "$work/undefined" "$work/strings" "$ROOT/scripts/ios/required-reason-apis.txt" "$MANIFEST" <<'NODE'
const fs = require('fs');
const [undefinedFile, stringsFile, apisFile, manifestFile] = process.argv.slice(2);
// `nm -u` prints "U _name" or "_name" (and "file.o:" headers); Mach-O prefixes C names with "_"
// and may add a variant suffix ($INODE64, $UNIX2003, ...).
const normalize = (s) => s.replace(/^_/, '').replace(/\$(INODE64|UNIX2003|NOCANCEL|DARWIN_EXTSN|1050)$/, '');
const symbols = new Set(
  fs.readFileSync(undefinedFile, 'utf8').split('\n')
    .map((line) => line.trim().split(/\s+/).pop())
    .filter((s) => s && !s.endsWith(':'))
    .map(normalize)
);
const strings = new Set(fs.readFileSync(stringsFile, 'utf8').split('\n').filter(Boolean));
const apis = fs.readFileSync(apisFile, 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => { const [category, kind, name] = l.trim().split(/\s+/); return { category, kind, name }; });
const declared = new Set(JSON.parse(fs.readFileSync(manifestFile, 'utf8')).accessedAPITypes.map((e) => e.type));
const found = apis.filter(({ kind, name }) => (kind === 'symbol' ? symbols.has(name) : strings.has(name)));
for (const { category, kind, name } of found) {
  console.log(`${declared.has(category) ? 'declared  ' : 'UNDECLARED'} ${name} (${kind}) -> ${category}`);
}
if (!symbols.size) {
  console.error('check-privacy-manifest: no undefined symbols given');
  process.exit(1);
}
const missing = [...new Set(found.filter((f) => !declared.has(f.category)).map((f) => f.category))];
if (missing.length) {
  console.error(`check-privacy-manifest: FAIL: the binary reaches required-reason APIs of ${missing.join(', ')}, not declared in plugin/privacy-manifest.json (then run node scripts/privacy-manifest.js)`);
  process.exit(1);
}
const unused = [...declared].filter((c) => !found.some((f) => f.category === c));
if (unused.length) console.log(`note: declared but not found in this binary: ${unused.join(', ')}`);
console.log(`check-privacy-manifest: ok (${symbols.size} undefined symbols; ${found.length} required-reason API${found.length === 1 ? '' : 's'} found, all declared)`);
NODE
