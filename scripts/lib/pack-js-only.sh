#!/usr/bin/env bash
# Packs a JS-only tarball of the package (IAPI_ALLOW_JS_ONLY_PACK=1: no Rust core; for checks of
# the JS side only, never to publish) from a copy made as a fresh clone is (the files git knows,
# no lib/), with the documented command (`npm pack`, whose prepack builds lib/), and prints the
# tarball's path.
#   scripts/lib/pack-js-only.sh DEST_DIR [NODE_MODULES]
# NODE_MODULES (default: the package's own node_modules, else example/node_modules) provides
# react-native-builder-bob and TypeScript to prepack, as `npm ci` would.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="$(cd "$1" && pwd)"
modules="${2:+$(cd "$2" && pwd)}"
if [[ -z "$modules" ]]; then
  if [[ -x "$ROOT/node_modules/.bin/bob" ]]; then modules="$ROOT/node_modules"; else modules="$ROOT/example/node_modules"; fi
fi
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cd "$ROOT"
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}"' |
  tar --null -T - -cf - | tar -xf - -C "$copy"
rm -rf "$copy/lib" "$copy/android/src/main/jniLibs" "$copy/ios/Frameworks"
ln -s "$modules" "$copy/node_modules"
(cd "$copy" && IAPI_ALLOW_JS_ONLY_PACK=1 npm pack --silent --pack-destination "$dest" >"$copy/pack.log" 2>&1) ||
  { cat "$copy/pack.log" >&2; echo "pack-js-only: npm pack failed" >&2; exit 1; }
ls "$dest"/dolbyio-react-native-iapi-sdk-*.tgz
