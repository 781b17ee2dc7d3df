#!/usr/bin/env bash
# Size gate of the Android core (libiapi_core.so): prints each ABI's stripped size next to the
# committed baseline (scripts/android/size-baseline.txt) and fails when an ABI grows by more than
# 5% over it, or when an ABI has no baseline figure. The figures come from the NDK-free CHECK build
# (scripts/build-android-check.sh), which is what CI builds; update the baseline deliberately, in
# the commit that explains the growth (or banks a reduction):
#   bash scripts/android/size-gate.sh --update [.so...]
# Without .so arguments it gates the check build's four and writes their figures to
# <target-dir>/bench/android-size.txt for scripts/bench-report.sh.
# Usage: size-gate.sh [--update] [--baseline FILE] [.so...]
#   IAPI_SIZE_GATE_PERCENT overrides the allowed growth (default 5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
baseline="$here/size-baseline.txt"
update=0
sos=()
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=1 ;;
    --baseline) baseline="$2"; shift ;;
    -*) echo "size-gate: unknown option $1" >&2; exit 2 ;;
    *) sos+=("$1") ;;
  esac
  shift
done
percent="${IAPI_SIZE_GATE_PERCENT:-5}"
# shellcheck source=scripts/lib/cargo-target-dir.sh
. "$ROOT/scripts/lib/cargo-target-dir.sh"
target_dir="$(cd "$ROOT" && cargo_target_dir)"
defaulted=0
if [ ${#sos[@]} -eq 0 ]; then
  defaulted=1
  for t in aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android; do
    sos+=("$target_dir/$t/release/libiapi_core.so")
  done
fi
command -v readelf >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null; }
objcopy="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-objcopy"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ABI and stripped size of each .so (a stripped copy when it still has a symbol table).
: >"$tmp/sizes"
for so in "${sos[@]}"; do
  [ -s "$so" ] || { echo "size-gate: missing $so (run scripts/build-android-check.sh)" >&2; exit 1; }
  case "$(readelf -hW "$so" | sed -n 's/^ *Machine: *//p')" in
    AArch64) abi=arm64-v8a ;;
    ARM) abi=armeabi-v7a ;;
    *X86-64*) abi=x86_64 ;;
    *80386*) abi=x86 ;;
    *) echo "size-gate: $so is not an Android ABI's ELF" >&2; exit 1 ;;
  esac
  if readelf -SW "$so" | grep -q ' \.symtab '; then
    "$objcopy" --strip-all "$so" "$tmp/stripped.so"
  else
    cp "$so" "$tmp/stripped.so"
  fi
  size=$(wc -c <"$tmp/stripped.so" | tr -d ' ')
  # Compressed, as a proxy for what a store download carries (APKs and app bundles deflate
  # native libraries; xz shows what a stronger codec would leave). Reported, not gated.
  gz=$(gzip -9 -c "$tmp/stripped.so" | wc -c | tr -d ' ')
  xz=$(xz -9 -c "$tmp/stripped.so" | wc -c | tr -d ' ')
  echo "$abi $size $gz $xz" >>"$tmp/sizes"
done

if [ "$update" = 1 ]; then
  {
    echo "# Stripped size in bytes of libiapi_core.so per Android ABI, from the NDK-free check build"
    echo "# (scripts/build-android-check.sh). scripts/android/size-gate.sh fails CI when an ABI grows"
    echo "# by more than 5% over its figure. Update deliberately: bash scripts/android/size-gate.sh --update"
    cut -d' ' -f1-2 "$tmp/sizes"
  } >"$baseline"
  echo "size-gate: baseline written to $baseline"
fi

[ "$defaulted" = 0 ] || mkdir -p "$target_dir/bench"
failed=0
printf '%-12s %10s %10s %8s  %s\n' ABI bytes baseline growth "gate (+${percent}%)"
: >"$tmp/report"
while read -r abi size gz xz; do
  base="$(awk -v a="$abi" '$1 == a { print $2 }' "$baseline" 2>/dev/null || true)"
  if [ -z "$base" ]; then
    printf '%-12s %10d %10s %8s  FAIL (no baseline figure)\n' "$abi" "$size" - -
    failed=1; continue
  fi
  growth="$(awk -v s="$size" -v b="$base" 'BEGIN { printf "%+.1f%%", (s - b) * 100 / b }')"
  if awk -v s="$size" -v b="$base" -v p="$percent" 'BEGIN { exit !(s > b * (1 + p / 100)) }'; then
    verdict=FAIL; failed=1
  else
    verdict=ok
  fi
  printf '%-12s %10d %10d %8s  %s\n' "$abi" "$size" "$base" "$growth" "$verdict"
  echo "android-size-$abi $size gzip=$gz xz=$xz" >>"$tmp/report"
done <"$tmp/sizes"
# Only the check build's own outputs are reported (not the gate test's fakes).
[ "$defaulted" = 0 ] || cp "$tmp/report" "$target_dir/bench/android-size.txt"
if [ "$failed" = 1 ]; then
  echo "size-gate: FAIL: an ABI grew by more than ${percent}% over $baseline (or has no figure there);" \
    "shrink it, or update the baseline deliberately (--update) with the reason in the commit" >&2
fi
exit "$failed"
