#!/usr/bin/env bash
# The example app's checks (example/, React Native 0.86.3 community template using the library
# from the repository): npm ci (skipped while example/package-lock.json is unchanged), tsc, the
# Jest test of the app with the package's mock, the app's Jest without the mock against the
# packed tarball (example/jest-without-mock), Metro release bundles for android and ios, the
# app's codegen finds RNDolbyIoIAPISpec, `react-native config` has the package's Android and iOS
# autolinking entries, and the example's token server answers with a token from the local
# emulator. Then the same app code against the newest React Native (scripts/test-example-newest.sh;
# skip it with IAPI_EXAMPLE_SKIP_NEWEST=1).
# Needs no root node_modules or lib/: the app uses the library's sources (src-js/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLE="$ROOT/example"
PKG='@dolbyio/react-native-iapi-sdk'
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

started=$SECONDS
source "$ROOT/scripts/lib/timed-steps.sh"

cd "$EXAMPLE"

step "example: npm ci"
lock_sum="$(cat package-lock.json package.json | sha256sum | cut -d' ' -f1) node-$(node -p 'process.versions.node.split(".")[0]')"
if [[ -f node_modules/.iapi-installed && "$(cat node_modules/.iapi-installed)" == "$lock_sum" ]]; then
  echo "node_modules is up to date with package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$lock_sum" >node_modules/.iapi-installed
fi

step "example: tsc --noEmit"
npx tsc --noEmit -p .
echo "types OK"

step "example: Jest (the app with the package's mock)"
npx jest --ci

step "example: Jest without the mock, against the packed tarball (example/jest-without-mock)"
# The package as an app installs it: a JS-only tarball packed from a fresh copy with `npm pack`
# (prepack builds lib/ with this app's bob), extracted into a node_modules folder; React
# Native's default Jest preset with nothing mapped (the `require` export, the CommonJS build).
mkdir -p "$OUT/tarball-app/node_modules/@dolbyio"
tarball="$(bash "$ROOT/scripts/lib/pack-js-only.sh" "$OUT" "$EXAMPLE/node_modules" 2>"$OUT/pack.log")" ||
  { cat "$OUT/pack.log"; exit 1; }
tar -xzf "$tarball" -C "$OUT/tarball-app/node_modules/@dolbyio"
mv "$OUT/tarball-app/node_modules/@dolbyio/package" "$OUT/tarball-app/node_modules/$PKG"
IAPI_TARBALL_NODE_MODULES="$OUT/tarball-app/node_modules" npx jest --ci -c jest-without-mock/jest.config.js

for platform in android ios; do
  step "example: Metro release bundle for $platform"
  npx react-native bundle --platform "$platform" --dev false --entry-file index.js \
    --bundle-output "$OUT/index.$platform.js" --assets-dest "$OUT/assets-$platform" \
    >"$OUT/bundle-$platform.log" 2>&1 || { cat "$OUT/bundle-$platform.log"; exit 1; }
  node - "$OUT/index.$platform.js" <<'NODE'
const fs = require('fs');
const file = process.argv[2];
const code = fs.readFileSync(file, 'utf8');
const need = {
  'the app (IAPI_SMOKE markers)': /IAPI_SMOKE /,
  'the library sources (the TurboModule DolbyIoIAPI)': /TurboModuleRegistry\.(get|getEnforcing)\(['"]DolbyIoIAPI['"]\)/,
  'the library sources (its error codes)': /TOKEN_REFRESH_FAILED/,
};
const missing = Object.entries(need).filter(([, re]) => !re.test(code)).map(([w]) => w);
if (missing.length) {
  console.error(`${file}: missing ${missing.join(', ')}`);
  process.exit(1);
}
// One React Native only: the root's dev copy must not be bundled next to the app's.
const copies = code.split('__fbBatchedBridgeConfig').length - 1;
console.log(`${file}: ${(code.length / 1024).toFixed(0)} kB, app + library present`);
if (copies > 2) {
  console.error(`react-native seems bundled more than once (${copies} bridge config references)`);
  process.exit(1);
}
NODE
done

step "example: codegen finds RNDolbyIoIAPISpec (ios and android)"
for platform in ios android; do
  node node_modules/react-native/scripts/generate-codegen-artifacts.js \
    -p . -t "$platform" -o "$OUT/codegen-$platform" >"$OUT/codegen-$platform.log" 2>&1 ||
    { cat "$OUT/codegen-$platform.log"; exit 1; }
  grep -q 'Found @dolbyio/react-native-iapi-sdk' "$OUT/codegen-$platform.log" ||
    { cat "$OUT/codegen-$platform.log"; echo "codegen ($platform) did not find $PKG" >&2; exit 1; }
  grep -q "Generating Native Code for RNDolbyIoIAPISpec - $platform" "$OUT/codegen-$platform.log" ||
    { cat "$OUT/codegen-$platform.log"; echo "codegen ($platform) did not generate RNDolbyIoIAPISpec" >&2; exit 1; }
done
GEN_IOS="$OUT/codegen-ios/build/generated/ios/ReactCodegen"
GEN_ANDROID="$OUT/codegen-android/android/app/build/generated/source/codegen"
for file in "$GEN_IOS/RNDolbyIoIAPISpec/RNDolbyIoIAPISpec.h" "$GEN_IOS/RNDolbyIoIAPISpecJSI.h" \
  "$GEN_ANDROID/jni/RNDolbyIoIAPISpec.h" "$GEN_ANDROID/jni/CMakeLists.txt"; do
  [[ -s "$file" ]] || { echo "codegen did not write $file" >&2; exit 1; }
done
find "$GEN_ANDROID/java" -name NativeDolbyIoIAPISpec.java | grep -q . ||
  { echo "codegen did not write NativeDolbyIoIAPISpec.java" >&2; exit 1; }
# The iOS app registers the module under the spec's name (codegenConfig.ios.modulesProvider).
grep -q '@"DolbyIoIAPI": @"DolbyIoIAPI", // @dolbyio/react-native-iapi-sdk' "$GEN_IOS/RCTModuleProviders.mm" ||
  { echo "RCTModuleProviders.mm does not provide DolbyIoIAPI" >&2; exit 1; }
echo "RNDolbyIoIAPISpec generated for ios (RNDolbyIoIAPISpec.h, JSI, module provider DolbyIoIAPI) and android (NativeDolbyIoIAPISpec.java, JNI)"

step "example: react-native config (autolinking)"
npx react-native config >"$OUT/config.json"
node - "$OUT/config.json" "$ROOT" "$PKG" <<'NODE'
const fs = require('fs');
const path = require('path');
const [file, root, name] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(file, 'utf8'));
const dep = config.dependencies[name];
const problems = [];
const expect = (what, actual, wanted) => {
  if (actual !== wanted) problems.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
};
if (!dep) {
  console.error(`no autolinking entry for ${name}; dependencies: ${Object.keys(config.dependencies).join(', ')}`);
  process.exit(1);
}
expect('root', dep.root, root);
const android = dep.platforms && dep.platforms.android;
const ios = dep.platforms && dep.platforms.ios;
if (!android) problems.push('no Android entry');
else {
  expect('android.sourceDir', android.sourceDir, path.join(root, 'android'));
  expect('android.packageImportPath', android.packageImportPath, 'import io.dolby.iapi.reactnative.DolbyIoIAPIPackage;');
  expect('android.packageInstance', android.packageInstance, 'new DolbyIoIAPIPackage()');
  expect('android.libraryName', android.libraryName, 'RNDolbyIoIAPISpec');
}
if (!ios) problems.push('no iOS entry');
else expect('ios.podspecPath', ios.podspecPath, path.join(root, 'react-native-iapi-sdk.podspec'));
expect('project.android.packageName', config.project && config.project.android && config.project.android.packageName, 'com.iapiexample');
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${name}: Android ${android.packageInstance} from ${android.sourceDir} (codegen ${android.libraryName}); iOS ${path.basename(ios.podspecPath)}`);
NODE

step "example: token server (example/scripts/token-server.mjs) against the local emulator"
# The README's way to run the app: iapi-emulator + this token server. Needs the emulator binary
# (the same cargo build as the demo's).
(cd "$ROOT" && cargo build --quiet -p iapi-emulator)
EMULATOR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/iapi-emulator"
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$OUT"' EXIT
IAPI_EMULATOR_QUIET=1 "$EMULATOR_BIN" --port 0 --app example-key:example-secret >"$OUT/emulator.out" 2>&1 &
pids+=($!)
wait_for_line() { # file regex -> first match, within 10 s
  for _ in $(seq 1 100); do
    if grep -Eo "$2" "$1" 2>/dev/null | head -1 | grep .; then return 0; fi
    sleep 0.1
  done
  cat "$1" >&2
  return 1
}
platform_url="$(wait_for_line "$OUT/emulator.out" 'http://127\.0\.0\.1:[0-9]+')"
IAPI_PLATFORM_URL="$platform_url" IAPI_TOKEN_TTL=120 PORT=0 node scripts/token-server.mjs >"$OUT/token-server.out" 2>&1 &
pids+=($!)
token_url="$(wait_for_line "$OUT/token-server.out" 'http://127\.0\.0\.1:[0-9]+/token')"
node - "$token_url" <<'NODE'
const [url] = process.argv.slice(2);
(async () => {
  const res = await fetch(url);
  const body = await res.json();
  const token = body.access_token;
  if (res.status !== 200 || typeof token !== 'string') throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  const left = exp - Date.now() / 1000;
  if (!(left > 100 && left <= 121)) throw new Error(`token lives ${left}s, expected about 120 (IAPI_TOKEN_TTL)`);
  const other = await fetch(url.replace(/\/token$/, '/other'));
  if (other.status !== 404) throw new Error(`GET /other: ${other.status}, expected 404`);
  console.log(`GET ${url} -> 200 { access_token } (a JWT from the emulator, ${left.toFixed(0)}s left)`);
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
NODE
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
pids=()

if [[ "${IAPI_EXAMPLE_SKIP_NEWEST:-}" == 1 ]]; then
  step ""
  echo "newest React Native: skipped (IAPI_EXAMPLE_SKIP_NEWEST=1)"
else
  step "example code against the newest React Native"
  bash "$ROOT/scripts/test-example-newest.sh"
  step ""
fi
printf '\nexample checks passed in %ss\n' "$((SECONDS - started))"
