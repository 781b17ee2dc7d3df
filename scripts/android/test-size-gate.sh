#!/usr/bin/env bash
# Test of scripts/android/size-gate.sh: it passes on the check build's .so files against the
# committed baseline, and fails
#   - on a copy of one .so grown by 6% (zero bytes appended: the file is still an ELF of its ABI),
#   - against a temporary baseline lowered by 6% for one ABI,
#   - against a temporary baseline without a figure for one ABI;
# and a growth under 5% still passes.
# Usage: test-size-gate.sh   (after scripts/build-android-check.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
gate="$here/size-gate.sh"
# shellcheck source=scripts/lib/cargo-target-dir.sh
. "$ROOT/scripts/lib/cargo-target-dir.sh"
td="$(cd "$ROOT" && cargo_target_dir)"
sos=()
for t in aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android; do
  sos+=("$td/$t/release/libiapi_core.so")
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fails=0
expect() { # expect pass|fail <what> <gate args...>
  local want="$1" what="$2"; shift 2
  if bash "$gate" "$@" >"$work/out" 2>&1; then got=pass; else got=fail; fi
  if [ "$got" = "$want" ]; then
    echo "ok   $what: $got"
  else
    echo "FAIL $what: expected $want, got $got"; sed 's/^/       /' "$work/out"; fails=1
  fi
}

expect pass "check build vs committed baseline" "${sos[@]}"

# arm64-v8a grown by 6% and by 4%.
grow() { # grow <percent> <out>
  cp "${sos[0]}" "$2"
  local bytes; bytes=$(wc -c <"${sos[0]}" | tr -d ' ')
  head -c $(( bytes * $1 / 100 )) /dev/zero >>"$2"
}
mkdir -p "$work/grown" "$work/small"
grow 6 "$work/grown/libiapi_core.so"
grow 4 "$work/small/libiapi_core.so"
base="$here/size-baseline.txt"
# The grown copies are measured against a baseline holding the current sizes.
bash "$gate" --update --baseline "$work/current.txt" "${sos[@]}" >/dev/null
expect fail "arm64-v8a grown by 6%" --baseline "$work/current.txt" "$work/grown/libiapi_core.so" "${sos[@]:1}"
expect pass "arm64-v8a grown by 4%" --baseline "$work/current.txt" "$work/small/libiapi_core.so" "${sos[@]:1}"

# A lowered baseline (x86_64's figure cut by 6%) and a baseline without x86's figure.
awk '$1 == "x86_64" { $2 = int($2 * 0.94) } { print }' "$work/current.txt" >"$work/lowered.txt"
expect fail "baseline lowered by 6% for x86_64" --baseline "$work/lowered.txt" "${sos[@]}"
grep -v '^x86 ' "$work/current.txt" >"$work/missing.txt"
expect fail "baseline without x86" --baseline "$work/missing.txt" "${sos[@]}"
grep -q '^x86_64 ' "$base" || { echo "FAIL committed baseline has no x86_64 figure"; fails=1; }

if [ "$fails" != 0 ]; then echo "test-size-gate: FAILED" >&2; exit 1; fi
echo "test-size-gate: all cases behave"
