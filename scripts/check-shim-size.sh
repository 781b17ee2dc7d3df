#!/usr/bin/env bash
# Prints the size of every shim around the core and fails when a platform's React-free shim
# grows past 290 lines (issue 11: the contract lives once, in rust-core/src/host; shims only
# convert). 250 held the spec's first four events; the state events and logs (issue 20) added
# about 30 lines of record conversion per platform, which is conversion, not policy.
# React glue (the TurboModule class, the package, the .mm) is printed, not limited.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=290
status=0

lines() { cat "$@" | wc -l | tr -d ' '; }

report() { # name, limit ("-" for none), files...
  local name=$1 max=$2; shift 2
  local n; n=$(lines "$@")
  local verdict=""
  if [[ $max != - ]]; then
    if (( n > max )); then verdict="OVER (limit $max)"; status=1; else verdict="ok (limit $max)"; fi
  fi
  printf '%-44s %5d  %s\n' "$name" "$n" "$verdict"
}

android=android/src/main/java/io/dolby/iapi/reactnative
mapfile -t android_core < <(ls "$android"/*.kt | grep -v -e '/DolbyIoIAPIModule.kt$' -e '/DolbyIoIAPIPackage.kt$')
report "rust-core/src/host (the contract, once)" - rust-core/src/host/*.rs
report "Android React-free Kotlin" "$limit" "${android_core[@]}"
report "Android React glue (module, package)" - "$android/DolbyIoIAPIModule.kt" "$android/DolbyIoIAPIPackage.kt"
report "iOS React-free Swift (ios/Impl)" "$limit" ios/Impl/*.swift
report "iOS React glue (adapter, .mm)" - ios/DolbyIoIAPIAdapter.swift ios/DolbyIoIAPI.mm
report "Node host (bindings/node/src)" - bindings/node/src/*.rs
report "Node entry glue (src-js/node)" - src-js/node/*.ts
exit $status
