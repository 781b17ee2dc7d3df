#!/usr/bin/env bash
# The iOS CI job that runs on Linux (no Xcode here):
#   1. static checks of ios/: the React-free Swift (ios/Impl) imports no React/UIKit and uses no
#      Objective-C runtime; the .mm matches the codegen'd protocol (every selector it implements is
#      in RNDolbyIoIAPISpec.h and every protocol selector is implemented; every emitOn*: it calls
#      exists on NativeDolbyIoIAPISpecBase); every call the .mm makes on the Swift adapter is an
#      @objc selector of ios/DolbyIoIAPIAdapter.swift; the podspec names its inputs.
#   2. XCTest of ios/Impl/*.swift (compiled together with the generated bindings, as in the pod)
#      against the host-built libiapi_core.so and a real emulator, with Swift 6.0 (trixie's swiftlang) in the Debian
#      trixie chroot of scripts/setup-swift-toolchain.sh (same approach as scripts/test-swift.sh).
# Needs root (chroot, mount) and node_modules (npm ci) for @react-native/codegen.
#   SWIFT_CHROOT        where the chroot lives (see setup-swift-toolchain.sh)
#   SWIFT_TEST_ARGS     extra arguments for `swift test` (e.g. "--filter LifecycleTests")
#   IOS_SKIP_SWIFT=1    only the static checks (step 1)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

app_key=ios-key
app_secret=ios-secret

step() { echo "== [${SECONDS}s] $*"; }
fail() { echo "test-ios: $*" >&2; exit 1; }
name=test-ios
tmp=$(mktemp -d)
# shellcheck source=lib/swift-chroot-test.sh
. scripts/lib/swift-chroot-test.sh
trap 'stop_emulator; rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------------------------------------
step "React-free Swift (ios/Impl): no React, UIKit or Objective-C runtime"
if grep -nE '^\s*(@_exported\s+)?import\s+(React|UIKit|ObjectiveC|React_)|@objc|NSObject|#selector' ios/Impl/*.swift; then
  fail "ios/Impl must compile without React, UIKit and the Objective-C runtime (see above)"
fi
echo "ok: $(ls ios/Impl/*.swift | tr '\n' ' ')"

step "codegen (scripts/codegen.sh) and the .mm selectors"
bash scripts/codegen.sh "$tmp/codegen" | grep -E 'DolbyIoIAPI:|ObjC\+\+ header' || true
header="$tmp/codegen/ios/RNDolbyIoIAPISpec/RNDolbyIoIAPISpec.h"
[ -s "$header" ] || fail "codegen produced no $header"
node - "$header" ios/DolbyIoIAPI.mm ios/DolbyIoIAPIAdapter.swift <<'EOF'
const fs = require('fs');
const [headerPath, mmPath, adapterPath] = process.argv.slice(2);
const strip = (s) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const header = strip(fs.readFileSync(headerPath, 'utf8'));
const mm = strip(fs.readFileSync(mmPath, 'utf8'));
const adapter = fs.readFileSync(adapterPath, 'utf8');

// Selector of an Objective-C method declaration: "- (void)a:(T)x b:(U)y" -> "a:b:", "- (id)c" -> "c".
function selectors(text) {
  const out = [];
  const decl = /^[ \t]*[-+][ \t]*\((?:[^()]|\([^()]*\))*\)\s*([^;{]*)[;{]/gm;
  for (let m; (m = decl.exec(text)); ) {
    const sig = m[1].trim();
    const parts = [...sig.matchAll(/(\w+)\s*:\s*\((?:[^()]|\([^()]*\))*\)\s*\w+/g)].map((p) => p[1] + ':');
    out.push(parts.length ? parts.join('') : sig.split(/\s/)[0]);
  }
  return out;
}
function block(text, start) {
  const i = text.indexOf(start);
  if (i < 0) throw new Error(`not found: ${start}`);
  return text.slice(i, text.indexOf('@end', i));
}
let failures = 0;
const fail = (msg) => { console.error(`test-ios: ${msg}`); failures++; };

const protocol = new Set(selectors(block(header, '@protocol NativeDolbyIoIAPISpec ')));
const base = new Set(selectors(block(header, '@interface NativeDolbyIoIAPISpecBase')));
const implemented = selectors(block(mm, '@implementation DolbyIoIAPI'));
// Methods of the .mm that are not spec methods.
const own = new Set(['moduleName', 'init', 'getTurboModule:', 'invalidate', 'emitEvent:payload:']);
if (protocol.size < 10) fail(`only ${protocol.size} selectors parsed from the protocol`);
for (const sel of implemented) {
  if (!own.has(sel) && !protocol.has(sel)) fail(`ios/DolbyIoIAPI.mm implements ${sel}, which NativeDolbyIoIAPISpec does not declare`);
}
for (const sel of protocol) {
  if (!implemented.includes(sel)) fail(`NativeDolbyIoIAPISpec declares ${sel}, which ios/DolbyIoIAPI.mm does not implement`);
}
const emits = [...mm.matchAll(/\[self\s+(emitOn\w+):/g)].map((m) => m[1] + ':');
for (const sel of emits) if (!base.has(sel)) fail(`ios/DolbyIoIAPI.mm calls ${sel}, missing from NativeDolbyIoIAPISpecBase`);
for (const sel of base) {
  if (sel.startsWith('emitOn') && !emits.includes(sel)) fail(`NativeDolbyIoIAPISpecBase has ${sel}, which ios/DolbyIoIAPI.mm never calls`);
}
// The event names the .mm dispatches on are the spec's emitters.
for (const sel of emits) {
  const name = 'on' + sel.slice('emitOn'.length, -1);
  if (!mm.includes(`@"${name}"`)) fail(`ios/DolbyIoIAPI.mm does not dispatch the event name "${name}"`);
}
for (const needle of [
  '@interface DolbyIoIAPI : NativeDolbyIoIAPISpecBase <NativeDolbyIoIAPISpec',
  'std::make_shared<facebook::react::NativeDolbyIoIAPISpecJSI>(params)',
  'return @"DolbyIoIAPI";',
  '#import <RNDolbyIoIAPISpec/RNDolbyIoIAPISpec.h>',
]) {
  if (!mm.includes(needle)) fail(`ios/DolbyIoIAPI.mm lacks: ${needle}`);
}
if (!/class\s+JSI_EXPORT\s+NativeDolbyIoIAPISpecJSI\b/.test(header)) fail('the header has no NativeDolbyIoIAPISpecJSI');

// Calls from the .mm into the Swift adapter: [_impl a:x b:y] -> "a:b:", checked against @objc(...) names.
const objc = new Set([...adapter.matchAll(/@objc\(([\w:]+)\)/g)].map((m) => m[1]));
const calls = [...mm.matchAll(/\[_impl\s+([^\]]*)\]/g)].map((m) => {
  const parts = [...m[1].matchAll(/(\w+)\s*:/g)].map((p) => p[1] + ':');
  return parts.length ? parts.join('') : m[1].trim();
});
const allocs = [...mm.matchAll(/\[\[DolbyIoIAPIAdapter alloc\]\s+(\w+:)/g)].map((m) => m[1]);
for (const sel of [...calls, ...allocs]) {
  if (!objc.has(sel)) fail(`ios/DolbyIoIAPI.mm calls ${sel} on the adapter, which has no @objc(${sel})`);
}
if (failures) process.exit(1);
console.log(`ok: ${protocol.size} protocol selectors implemented, ${emits.length} emitters, ${calls.length} adapter calls match`);
EOF

step "podspec"
podspec=react-native-iapi-sdk.podspec
[ -f "$podspec" ] || fail "missing $podspec"
for needle in 'install_modules_dependencies(s)' 'swift_version' '"15.1"' 'ios/Frameworks/IapiCoreFFI.xcframework' \
  'bindings/generated/swift/IapiCore.swift' 'ios/*.{mm,swift}' 'ios/Impl/*.swift'; do
  grep -qF "$needle" "$podspec" || fail "$podspec lacks $needle"
done
if command -v ruby >/dev/null; then ruby -c "$podspec" >/dev/null || fail "$podspec: ruby syntax error"; fi
echo "ok: $podspec"

if [ "${IOS_SKIP_SWIFT:-0}" = 1 ]; then
  echo "test-ios: static checks ok (${SECONDS}s); Swift tests skipped (IOS_SKIP_SWIFT=1)"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
step "cargo build -p iapi-core -p iapi-emulator"
cargo build -q -p iapi-core -p iapi-emulator
target_dir=${CARGO_TARGET_DIR:-$repo/target}
lib="$target_dir/debug/libiapi_core.so"
emulator_bin="$target_dir/debug/iapi-emulator"
gen="$repo/bindings/generated/swift"
for f in "$lib" "$emulator_bin" "$gen/IapiCore.swift" "$gen/IapiCoreFFI.h"; do
  [ -f "$f" ] || fail "missing $f"
done

step "Swift toolchain (scripts/setup-swift-toolchain.sh)"
chroot_dir=$(bash scripts/setup-swift-toolchain.sh | tail -n 1)
[ -d "$chroot_dir" ] || fail "no chroot at '$chroot_dir'"

# The package's copy inside the chroot; .build/ is kept between runs, files are copied only when
# their content changed (incremental builds).
inner=/work/iapi-ios-swift
pkg="$chroot_dir$inner"
mkdir -p "$pkg"
exec 9>"$chroot_dir/work/.iapi-ios-swift.lock"
flock 9 # one run at a time per chroot

sync_file() { # src dst
  mkdir -p "$(dirname "$2")"
  cmp -s "$1" "$2" 2>/dev/null || cp "$1" "$2"
}
declare -A keep=()
add() { sync_file "$1" "$pkg/$2"; keep["$2"]=1; }
for rel in $(cd ios/LinuxTests && git ls-files --cached --others --exclude-standard); do
  add "ios/LinuxTests/$rel" "$rel"
done
for f in ios/Impl/*.swift; do
  add "$f" "Sources/DolbyIoIAPIImpl/$(basename "$f")"
done
add "$gen/IapiCore.swift" "Sources/DolbyIoIAPIImpl/IapiCore.swift"
add "$gen/IapiCoreFFI.h" "Sources/IapiCoreFFI/IapiCoreFFI.h"
sync_file "$lib" "$pkg/lib/libiapi_core.so"
# Remove files deleted from the sources (never .build or lib/).
(cd "$pkg" && find Package.swift Sources Tests -type f 2>/dev/null) | while read -r rel; do
  [ -n "${keep[$rel]:-}" ] || rm -f "$pkg/$rel"
done

step "emulator"
start_emulator "$emulator_bin"

step "swift test (in $chroot_dir)"
run_swift_test "$chroot_dir" "$inner"
echo "test-ios: ok (${SECONDS}s)"
