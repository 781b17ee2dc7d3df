#!/usr/bin/env bash
# The Swift CI job: runs the XCTest suite of bindings/swift (SwiftPM) against the committed
# generated bindings (bindings/generated/swift), the host-built libiapi_core.so and a local
# emulator. Swift runs inside the Debian trixie chroot of scripts/setup-swift-toolchain.sh
# (created on first use, several minutes; reused afterwards). Needs root (chroot, mount).
#   SWIFT_CHROOT        where the chroot lives (see setup-swift-toolchain.sh)
#   SWIFT_TEST_ARGS     extra arguments for `swift test` (e.g. "--filter TokenRequestTests")
# The suite is XCTest only, so swift-testing's (empty) run is disabled.
# Does not regenerate the bindings: that is scripts/generate-bindings.sh (commit its output).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
. scripts/lib/cargo-target-dir.sh

app_key=swift-key
app_secret=swift-secret

step() { echo "== [${SECONDS}s] $*"; }
step "cargo build -p iapi-core -p iapi-emulator"
cargo build -q -p iapi-core -p iapi-emulator
target_dir=$(cargo_target_dir) # honours CARGO_TARGET_DIR
lib="$target_dir/debug/libiapi_core.so"
emulator_bin="$target_dir/debug/iapi-emulator"
gen="$repo/bindings/generated/swift"
for f in "$lib" "$emulator_bin" "$gen/IapiCore.swift" "$gen/IapiCoreFFI.h"; do
  [ -f "$f" ] || { echo "test-swift: missing $f" >&2; exit 1; }
done

step "Swift toolchain (scripts/setup-swift-toolchain.sh)"
chroot_dir=$(bash scripts/setup-swift-toolchain.sh | tail -n 1)
[ -d "$chroot_dir" ] || { echo "test-swift: no chroot at '$chroot_dir'" >&2; exit 1; }

# The package's copy inside the chroot. Its .build/ is kept between runs (incremental builds);
# files are copied only when their content changed, so unchanged sources are not rebuilt.
inner=/work/iapi-swift
pkg="$chroot_dir$inner"
mkdir -p "$pkg"
exec 9>"$chroot_dir/work/.iapi-swift.lock"
flock 9 # one run at a time per chroot

sync_file() { # src dst
  mkdir -p "$(dirname "$2")"
  cmp -s "$1" "$2" 2>/dev/null || cp "$1" "$2"
}
# Sources of the package (tracked and untracked-but-not-ignored files), minus generated copies.
wanted=$(cd bindings/swift && git ls-files --cached --others --exclude-standard)
for rel in $wanted; do
  sync_file "bindings/swift/$rel" "$pkg/$rel"
done
# Remove files deleted from the package (never .build or the copied-in artefacts).
(cd "$pkg" && find Package.swift Sources Tests -type f 2>/dev/null) | while read -r rel; do
  case "$rel" in
    Sources/IapiCore/Generated/*|Sources/IapiCoreFFI/IapiCoreFFI.h) ;;
    *) printf '%s\n' "$wanted" | grep -qxF "$rel" || rm -f "$pkg/$rel" ;;
  esac
done
sync_file "$gen/IapiCore.swift" "$pkg/Sources/IapiCore/Generated/IapiCore.swift"
sync_file "$gen/IapiCoreFFI.h" "$pkg/Sources/IapiCoreFFI/IapiCoreFFI.h"
sync_file "$lib" "$pkg/lib/libiapi_core.so"

step "emulator"
name=test-swift
tmp=$(mktemp -d)
# shellcheck source=lib/swift-chroot-test.sh
. scripts/lib/swift-chroot-test.sh
trap 'stop_emulator; rm -rf "$tmp"' EXIT
start_emulator "$emulator_bin"

step "swift test (in $chroot_dir)"
# The output is also kept: its BENCH line (the host's token request round trip) goes, with the load average,
# to <target-dir>/bench/swift.txt for scripts/bench-report.sh.
bench_dir="$target_dir/bench"
mkdir -p "$bench_dir"
run_swift_test "$chroot_dir" "$inner" | tee "$tmp/swift-test.log"
{ grep 'BENCH ' "$tmp/swift-test.log" || true; echo "load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"; } \
  >"$bench_dir/swift.txt"
echo "test-swift: ok (${SECONDS}s)"
