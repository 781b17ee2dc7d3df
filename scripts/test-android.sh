#!/usr/bin/env bash
# The Android CI job on a machine without the Android SDK, NDK or Gradle: the Kotlin module
# (android/src/main) compiled with the uniffi bindings and the codegen-generated
# NativeDolbyIoIAPISpec.java against react-android's and Android's real classes, then its JUnit 5
# tests on the JVM with the host cdylib and a real emulator (android/jvm-test/pom.xml).
# The core itself is compiled and linked for the four Android targets by the `android-so` part
# (scripts/test-android-so.sh: the NDK-free check build, which replaced a `cargo check` here that
# stopped at ring's C code without the NDK).
# Needs cargo + rustup, node (npm ci), JDK 17 and Maven; Maven fetches from Maven Central.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/lib/cargo-target-dir.sh
t0=$(date +%s)
phase() { printf '\n--- %s (%ds) ---\n' "$*" $(( $(date +%s) - t0 )); }

phase "codegen: NativeDolbyIoIAPISpec.java"
[ -f node_modules/@react-native/codegen/package.json ] || npm ci --no-audit --no-fund
bash scripts/codegen.sh >/dev/null
echo "build/codegen/android/java/io/dolby/iapi/reactnative/NativeDolbyIoIAPISpec.java"

phase "cargo build: host cdylib + emulator"
cargo build -q -p iapi-core -p iapi-emulator

pom=android/jvm-test/pom.xml
aar=android/jvm-test/target/aar
phase "react-android + fbjni AARs -> classes.jar"
mvn -B -ntp -q -f "$pom" dependency:copy@copy-aars
for name in react-android fbjni; do
  mkdir -p "$aar/$name"
  (cd "$aar/$name" && rm -f classes.jar && jar xf "../$name.aar" classes.jar)
  [ -s "$aar/$name/classes.jar" ] || { echo "no classes.jar in $name.aar" >&2; exit 1; }
done

phase "mvn test (compile against React Native, JUnit 5)"
# Not -q: the Surefire summary ("Tests run: N, Failures: 0, ...") must reach the log.
mvn -B -ntp -f "$pom" "-Dnative.dir=$(cargo_target_dir)/debug" test
phase "done"
