#!/usr/bin/env bash
# Every test of the project, in dependency order. Each part installs what it needs.
#   bash scripts/test-all.sh            all parts
#   bash scripts/test-all.sh rust js    only some parts (rust, bindings, workflows, js, example, expo, rn-range, kotlin, swift, android, android-so, ios, privacy, e2e, docs, bench)
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(rust bindings workflows js example expo rn-range kotlin swift android android-so ios privacy e2e docs bench)

step() { printf '\n=== %s ===\n' "$*"; }
for part in "${parts[@]}"; do
  case "$part" in
    rust)
      step "Rust: rust-core/src's module graph has no cycles (the check's self-test first)"
      python3 scripts/check-module-cycles.py --self-test
      python3 scripts/check-module-cycles.py
      step "Rust: core + emulator tests"
      cargo test --workspace ;;
    bindings)
      step "uniffi bindings are fresh; the shims' sizes (React-free shims at most 290 lines)"
      bash scripts/generate-bindings.sh --check
      bash scripts/check-shim-size.sh
      step "THIRD_PARTY_NOTICES is fresh (the shipped crates' and npm dependencies' licenses)"
      python3 scripts/notices/generate.py --check
      step "Dependency policy (deny.toml): cargo deny check licenses bans sources; an unlisted license fails it"
      bash scripts/notices/check-deny.sh
      bash scripts/notices/check-deny.sh --self-test ;;
    workflows)
      step "GitHub workflows lint (actionlint)"
      bash scripts/lint-workflows.sh
      # What the workflows' runs rely on, tried here: one repository URL, the Debian musl fetch
      # without the host's apt sources, the smoke run's log readers, logcat clearing and Metro wait.
      step "GitHub workflows: repository URL, musl fetch on a foreign apt, smoke-run helpers"
      bash scripts/check-repo-url.sh
      bash scripts/check-repo-url.sh --self-test
      bash scripts/android/test-fetch-musl.sh
      bash scripts/lib/test-smoke-helpers.sh ;;
    rn-range)
      step "React Native range: the spec through the oldest and newest codegen"
      bash scripts/check-rn-range.sh ;;
    js)
      step "TypeScript package"
      bash scripts/test-js.sh ;;
    example)
      step "Example app: tsc, Jest with the mock, Metro bundles, codegen, autolinking (and its code on the newest React Native)"
      bash scripts/test-example.sh ;;
    kotlin)
      step "Kotlin bindings on the host JVM"
      bash scripts/test-kotlin.sh ;;
    swift)
      step "Swift bindings (Debian trixie's swiftlang in a chroot)"
      bash scripts/test-swift.sh ;;
    android)
      step "Android module on the JVM"
      bash scripts/test-android.sh
      step "Android: android/build.gradle evaluated for the AGP 8 and AGP 9 toolchains (no Gradle, no SDK)"
      bash scripts/test-android-gradle.sh ;;
    android-so)
      step "Android .so: NDK-free check build of the four ABIs, its checks, smoke runs, size gate"
      bash scripts/test-android-so.sh ;;
    ios)
      step "iOS module: spec/selector checks and the React-free Swift on Linux"
      bash scripts/test-ios.sh ;;
    privacy)
      step "iOS privacy manifest: generated, in the pod; the core's iOS check build declares every required-reason API it reaches"
      bash scripts/test-privacy-manifest.sh ;;
    expo)
      step "Expo: an app from the newest template with the tarball and the config plugin (prebuild, autolinking, privacy manifest, export)"
      bash scripts/test-expo.sh ;;
    e2e)
      step "TypeScript API end to end through the Node host"
      bash scripts/test-e2e.sh ;;
    docs)
      step "Documentation: Markdown links, the READMEs' captured demo output vs a fresh run"
      bash scripts/test-docs.sh ;;
    bench)
      step "Benchmarks (numbers only): one report with every figure and its target"
      bash scripts/bench-report.sh ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
