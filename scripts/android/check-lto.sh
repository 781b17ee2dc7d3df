#!/usr/bin/env bash
# Proves from a verbose cargo log (`cargo rustc -v ...`) that the shipped core was built with LTO:
# for each target triple given, the rustc line that builds `iapi_core` as a cdylib or staticlib
# must carry `-C lto` (cargo passes it when the profile's `lto = true` applies). A profile
# setting is only true once the build log shows it took effect.
# Usage: check-lto.sh LOG TRIPLE...   (exit 1 naming the target whose build lacks it)
set -euo pipefail
log=$1; shift
status=0
for triple in "$@"; do
  lines="$(grep -E -- "--crate-name iapi_core .*--crate-type (cdylib|staticlib)" "$log" \
    | grep -F -- "--target $triple" || true)"
  if [ -z "$lines" ]; then
    echo "check-lto: no rustc line building iapi_core for $triple in $log" >&2
    status=1
  elif grep -q -v -E -- "-C lto( |=fat|$)" <<<"$lines"; then
    echo "check-lto: iapi_core for $triple was built WITHOUT -C lto" >&2
    status=1
  else
    echo "check-lto: iapi_core for $triple built with -C lto"
  fi
done
exit $status
