#!/usr/bin/env bash
# Tests the `prepack` guard (scripts/check-pack-binaries.sh) and the `files` field of package.json
# on a temporary copy of the package (the working tree is never touched):
#  1. without the Rust core, `npm pack --dry-run` fails with the guard's message;
#  2. with IAPI_ALLOW_JS_ONLY_PACK=1 it packs and warns loudly;
#  3. with dummy binaries in place, the dry run passes and lists the four libiapi_core.so files
#     and the whole IapiCoreFFI.xcframework (nothing in them excluded by `files` or .npmignore).
# The copy drops the `prepare` script (bob build, tested elsewhere) so only `prepack` runs.
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
[ -d lib ] && cp -r lib "$pkg/lib"
# Binaries the working tree may hold (built locally) must not leak into the "without" case.
rm -rf "$pkg/android/src/main/jniLibs" "$pkg/ios/Frameworks"
node -e '
  const fs = require("fs"); const f = process.argv[1];
  const p = JSON.parse(fs.readFileSync(f, "utf8")); delete p.scripts.prepare;
  fs.writeFileSync(f, JSON.stringify(p, null, 2));
' "$pkg/package.json"

fail() { echo "test-pack-guard: FAIL: $*" >&2; exit 1; }
pack() { (cd "$pkg" && env "$@" npm pack --dry-run --json --foreground-scripts 2>"$work/err" >"$work/out"); }

echo "1. no binaries -> npm pack fails with the guard's message"
if pack IAPI_ALLOW_JS_ONLY_PACK=; then fail "npm pack passed without the binaries"; fi
grep -q "refusing to pack @dolbyio/react-native-iapi-sdk without the Rust core" "$work/err" || { cat "$work/err"; fail "no clear message"; }
grep -q "android/src/main/jniLibs/x86/libiapi_core.so" "$work/err" || fail "the message does not list the missing files"
grep -q "ios/Frameworks/IapiCoreFFI.xcframework" "$work/err" || fail "the message does not name the xcframework"
echo "   ok: $(grep -m1 refusing "$work/err")"

echo "2. IAPI_ALLOW_JS_ONLY_PACK=1 -> a JS-only tarball with a loud warning"
pack IAPI_ALLOW_JS_ONLY_PACK=1 || { cat "$work/err"; fail "npm pack failed with IAPI_ALLOW_JS_ONLY_PACK=1"; }
grep -q "WARNING: IAPI_ALLOW_JS_ONLY_PACK=1: packing a JS-ONLY tarball" "$work/err" || { cat "$work/err"; fail "no warning"; }
echo "   ok: $(grep -m1 'WARNING' "$work/err")"

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
  ios-arm64_x86_64-simulator/Headers/module.modulemap)
for f in "${xcf_files[@]}"; do mkdir -p "$(dirname "$xcf/$f")"; echo dummy >"$xcf/$f"; done
pack IAPI_ALLOW_JS_ONLY_PACK= || { cat "$work/err"; fail "npm pack failed with the binaries in place"; }
grep -q "prepack: the Rust core is in place" "$work/out" "$work/err" || fail "the guard did not report the core"
node - "$work/out" "${abis[@]}" -- "${xcf_files[@]}" <<'NODE'
const fs = require('fs');
const raw = fs.readFileSync(process.argv[2], 'utf8');
const [{ files }] = JSON.parse(raw.slice(raw.indexOf('[')));
const paths = new Set(files.map((f) => f.path));
const args = process.argv.slice(3);
const sep = args.indexOf('--');
const want = [
  ...args.slice(0, sep).map((abi) => `android/src/main/jniLibs/${abi}/libiapi_core.so`),
  ...args.slice(sep + 1).map((f) => `ios/Frameworks/IapiCoreFFI.xcframework/${f}`),
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
