#!/usr/bin/env bash
# Tests `prepack` (scripts/prepack.sh: the guard scripts/check-pack-binaries.sh, then bob build)
# and the `files` field of package.json on a temporary copy of the package made as a fresh clone
# is (the files git knows, no lib/; the working tree is never touched):
#  0. before `npm ci` (no node_modules), npm pack fails saying to run `npm ci` first;
#  1. without the Rust core, `npm pack --dry-run` fails with the guard's message;
#  2. with IAPI_ALLOW_JS_ONLY_PACK=1 it warns loudly, builds lib/ (ESM, CommonJS, types) and
#     packs; the packed package.json has no script npm runs at install (prepare, install, ...);
#  3. with dummy binaries in place (refused while a slice lacks its PrivacyInfo.xcprivacy), the
#     dry run passes and lists the four libiapi_core.so files, the whole IapiCoreFFI.xcframework
#     (nothing in them excluded by `files` or .npmignore), the pod's ios/PrivacyInfo.xcprivacy
#     and the Expo config plugin (app.plugin.js, plugin/).
# Needs the package's node_modules (npm ci), which the copy links to as `npm ci` would install it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pkg="$work/pkg"
mkdir -p "$pkg"
# The files git knows (tracked and not ignored), as a fresh clone has them, plus lib/ when built.
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c '[ -e "{}" ] && printf "%s\0" "{}"' |
  tar --null -T - -cf - | tar -xf - -C "$pkg"
# Binaries the working tree may hold (built locally) must not leak into the "without" case.
rm -rf "$pkg/android/src/main/jniLibs" "$pkg/ios/Frameworks" "$pkg/lib"
[ -x node_modules/.bin/bob ] || { echo "test-pack-guard: run npm ci first (needs node_modules/.bin/bob)" >&2; exit 1; }

fail() { echo "test-pack-guard: FAIL: $*" >&2; exit 1; }
pack() { (cd "$pkg" && env "$@" npm pack --dry-run --json --foreground-scripts 2>"$work/err" >"$work/out"); }

echo "0. a fresh clone before npm ci -> npm pack fails saying to run npm ci"
if pack IAPI_ALLOW_JS_ONLY_PACK=1; then fail "npm pack passed without node_modules"; fi
grep -q 'run `npm ci` first' "$work/err" || { cat "$work/err"; fail "no hint to run npm ci"; }
echo "   ok: $(grep -m1 'npm ci' "$work/err")"
ln -s "$ROOT/node_modules" "$pkg/node_modules"

echo "1. no binaries -> npm pack fails with the guard's message"
if pack IAPI_ALLOW_JS_ONLY_PACK=; then fail "npm pack passed without the binaries"; fi
grep -q "refusing to pack @dolbyio/react-native-iapi-sdk without the Rust core" "$work/err" || { cat "$work/err"; fail "no clear message"; }
grep -q "android/src/main/jniLibs/x86/libiapi_core.so" "$work/err" || fail "the message does not list the missing files"
grep -q "ios/Frameworks/IapiCoreFFI.xcframework" "$work/err" || fail "the message does not name the xcframework"
echo "   ok: $(grep -m1 refusing "$work/err")"

echo "2. IAPI_ALLOW_JS_ONLY_PACK=1 -> a JS-only tarball with a loud warning, lib/ built by prepack"
(cd "$pkg" && IAPI_ALLOW_JS_ONLY_PACK=1 npm pack --json --foreground-scripts --pack-destination "$work" \
  2>"$work/err" >"$work/out") || { cat "$work/err"; fail "npm pack failed with IAPI_ALLOW_JS_ONLY_PACK=1"; }
grep -q "WARNING: IAPI_ALLOW_JS_ONLY_PACK=1: packing a JS-ONLY tarball" "$work/err" || { cat "$work/err"; fail "no warning"; }
echo "   ok: $(grep -m1 'WARNING' "$work/err")"
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work" package/package.json
listing="$(tar -tzf "$tarball")"
for f in package/lib/module/index.js package/lib/commonjs/index.js package/lib/commonjs/package.json \
  package/lib/typescript/module/src-js/index.d.ts package/lib/typescript/commonjs/src-js/index.d.ts; do
  grep -qx "$f" <<<"$listing" || fail "$f is not in the tarball (prepack did not build lib/?)"
done
echo "   ok: lib/ built by prepack: ESM, CommonJS and both type definitions in the tarball"
node - "$work/package/package.json" <<'NODE' || fail "the packed package.json would run a script at install"
const pkg = require(process.argv[2]);
const run = ['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => pkg.scripts && pkg.scripts[s]);
if (run.length) {
  console.error(`install-time scripts: ${run.map((s) => `${s}: ${pkg.scripts[s]}`).join(', ')}`);
  process.exit(1);
}
console.log(`   ok: the packed package.json runs nothing at install (scripts: ${Object.keys(pkg.scripts).join(', ')})`);
NODE

# The podspec raises without the xcframework and evaluates with it (when ruby is installed;
# a stub stands in for CocoaPods' Pod::Spec).
podspec_eval() {
  (cd "$pkg" && ruby -e '
    module Pod
      class Spec
        def initialize; yield self if block_given?; end
        def method_missing(*) = nil
        def respond_to_missing?(*) = true
      end
    end
    def install_modules_dependencies(_s) = nil
    path = File.expand_path(ARGV[0])
    begin
      eval(File.read(path), binding, path)
      puts "evaluated"
    rescue RuntimeError => e
      puts "raised: #{e.message}"
    end
  ' react-native-iapi-sdk.podspec)
}
if command -v ruby >/dev/null; then
  echo "2b. podspec without the xcframework -> raises"
  out="$(podspec_eval)"
  case "$out" in
    "raised: react-native-iapi-sdk: the Rust core is missing"*) echo "   ok: ${out:0:110}...";;
    *) fail "podspec did not raise: $out";;
  esac
else
  echo "2b. podspec: skipped (no ruby)"
fi

echo "3. dummy binaries in place -> the tarball lists them all"
abis=(arm64-v8a armeabi-v7a x86_64 x86)
for abi in "${abis[@]}"; do
  mkdir -p "$pkg/android/src/main/jniLibs/$abi"
  printf '\177ELF dummy\n' >"$pkg/android/src/main/jniLibs/$abi/libiapi_core.so"
done
xcf="$pkg/ios/Frameworks/IapiCoreFFI.xcframework"
xcf_files=(Info.plist
  ios-arm64/libiapi_core.a ios-arm64/Headers/IapiCoreFFI.h ios-arm64/Headers/module.modulemap
  ios-arm64_x86_64-simulator/libiapi_core.a ios-arm64_x86_64-simulator/Headers/IapiCoreFFI.h
  ios-arm64_x86_64-simulator/Headers/module.modulemap
  ios-arm64/PrivacyInfo.xcprivacy ios-arm64_x86_64-simulator/PrivacyInfo.xcprivacy)
for f in "${xcf_files[@]}"; do mkdir -p "$(dirname "$xcf/$f")"; echo dummy >"$xcf/$f"; done
rm "$xcf/ios-arm64/PrivacyInfo.xcprivacy"
if pack IAPI_ALLOW_JS_ONLY_PACK=; then fail "npm pack passed without the xcframework's privacy manifest"; fi
grep -q "IapiCoreFFI.xcframework/ios-arm64/PrivacyInfo.xcprivacy" "$work/err" || { cat "$work/err"; fail "the guard does not name the slice's missing PrivacyInfo.xcprivacy"; }
echo "   ok: refused without the device slice's PrivacyInfo.xcprivacy"
echo dummy >"$xcf/ios-arm64/PrivacyInfo.xcprivacy"
pack IAPI_ALLOW_JS_ONLY_PACK= || { cat "$work/err"; fail "npm pack failed with the binaries in place"; }
grep -q "prepack: the Rust core is in place" "$work/out" "$work/err" || fail "the guard did not report the core"
node - "$work/out" "${abis[@]}" -- "${xcf_files[@]}" <<'NODE'
const fs = require('fs');
const raw = fs.readFileSync(process.argv[2], 'utf8');
// npm's JSON comes after the output of prepack (bob's lines start with "[module]" etc.).
const [{ files }] = JSON.parse(raw.slice(raw.search(/^\[\s*$/m)));
const paths = new Set(files.map((f) => f.path));
const args = process.argv.slice(3);
const sep = args.indexOf('--');
const want = [
  ...args.slice(0, sep).map((abi) => `android/src/main/jniLibs/${abi}/libiapi_core.so`),
  ...args.slice(sep + 1).map((f) => `ios/Frameworks/IapiCoreFFI.xcframework/${f}`),
  // The pod's privacy manifest (its resource bundle) and the Expo config plugin.
  'ios/PrivacyInfo.xcprivacy',
  'app.plugin.js',
  'plugin/withDolbyIoIAPI.js',
  'plugin/privacy-manifest.json',
];
const missing = want.filter((p) => !paths.has(p));
if (missing.length) {
  console.error(`missing from the tarball:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
for (const p of want) console.log(`   listed: ${p}`);
NODE
if command -v ruby >/dev/null; then
  out="$(podspec_eval)"
  [ "$out" = evaluated ] || fail "podspec with the xcframework in place: $out"
  echo "   podspec: evaluates with the xcframework in place"
fi
echo "test-pack-guard: ok"
