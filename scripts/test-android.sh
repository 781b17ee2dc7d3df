#!/usr/bin/env bash
# The Android CI job on a machine without the Android SDK, NDK or Gradle:
#  1. `cargo check` of the core for the four Android targets (see below for what the missing NDK
#     blocks);
#  2. the Kotlin module (android/src/main) compiled with the uniffi bindings and the
#     codegen-generated NativeDolbyIoIAPISpec.java against react-android's and Android's real
#     classes, then its JUnit 5 tests on the JVM with the host cdylib and a real emulator
#     (android/jvm-test/pom.xml).
# Needs cargo + rustup, node (npm ci), JDK 17 and Maven; Maven fetches from Maven Central.
#   IAPI_ANDROID_CHECK=0 skips step 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
t0=$(date +%s)
phase() { printf '\n--- %s (%ds) ---\n' "$*" $(( $(date +%s) - t0 )); }

# 1. cargo check for Android. ring (rustls' crypto provider) compiles C and assembly in its
# build script with the target's C compiler, `<triple>-clang`, which only the NDK provides.
# Without it, ring's build script fails and nothing that depends on ring (rustls, reqwest,
# iapi-core) can be checked; --keep-going checks every other crate for the target. That one
# failure is reported as blocked; any other error fails the job. With an NDK on PATH (or
# CC_<triple> pointing at the NDK's clang) the whole core is checked.
if [ "${IAPI_ANDROID_CHECK:-1}" != 0 ]; then
  phase "cargo check -p iapi-core for Android targets"
  triples=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)
  rustup target add "${triples[@]}" >/dev/null 2>&1
  for triple in "${triples[@]}"; do
    log="$(mktemp)"
    if cargo check -q -p iapi-core --target "$triple" --keep-going >"$log" 2>&1; then
      echo "cargo check $triple: ok (whole core)"
    else
      # Errors other than ring's build script (e.g. a Rust error in a crate that did compile).
      others=$(grep -E '^error' "$log" | grep -v 'failed to run custom build command for `ring v' || true)
      if [ -z "$others" ] && grep -qE 'failed to find tool "[^"]*android[^"]*-clang"' "$log"; then
        echo "cargo check $triple: BLOCKED at ring's build script (no NDK clang for $triple);" \
          "every crate not depending on ring checked; rustls, reqwest and iapi-core not checked"
      else
        cat "$log" >&2
        echo "cargo check $triple: FAILED" >&2
        exit 1
      fi
    fi
    rm -f "$log"
  done
fi

# 2. The module on the JVM.
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
mvn -B -ntp -f "$pom" test
phase "done"
