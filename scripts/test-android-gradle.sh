#!/usr/bin/env bash
# android/build.gradle for both Android toolchains of the supported React Native range, checked
# without Gradle or an Android SDK: scripts/gradle/gradle-dsl-check.groovy evaluates the script
# against a recording stand-in of Gradle's DSL (Groovy from Maven Central) and this checks what
# it did, per toolchain:
#   AGP 8 (0.80-0.86)                          applies kotlin-android, kotlin { jvmToolchain 17 }
#   AGP 9, android.builtInKotlin=false (0.87+) applies kotlin-android, as with AGP 8
#   AGP 9, built-in Kotlin (its default)       does not apply kotlin-android, no kotlin { }
# and for all: no buildscript classpath as an app's subproject (the app's AGP and Kotlin plugin
# are used; the pins only when the folder is a build's root), only DSL names AGP 8 and 9 both
# have (compileSdk, minSdk; no compileSdkVersion / targetSdkVersion), the SDK levels from
# gradle.properties when the app sets none, the app's (root project ext) when it does.
# What it cannot show: that AGP 9 builds the module (that needs the SDK: the CI workflow's job).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
GROOVY_VERSION=4.0.27
jar="$HOME/.m2/repository/org/apache/groovy/groovy/$GROOVY_VERSION/groovy-$GROOVY_VERSION.jar"
[[ -f "$jar" ]] || mvn -B -q dependency:get -Dartifact="org.apache.groovy:groovy:$GROOVY_VERSION"
fail() { echo "test-android-gradle: FAIL ($1): $2" >&2; exit 1; }

run() { # name, java -D options...
  local name="$1"; shift
  java "$@" -cp "$jar" groovy.ui.GroovyMain scripts/gradle/gradle-dsl-check.groovy \
    android/build.gradle android/gradle.properties >"/tmp/iapi-gradle-$$-$name.log" 2>&1 ||
    { cat "/tmp/iapi-gradle-$$-$name.log"; fail "$name" "the script did not evaluate"; }
  out="$(cat "/tmp/iapi-gradle-$$-$name.log")"; rm -f "/tmp/iapi-gradle-$$-$name.log"
}
has() { grep -qxF -- "$2" <<<"$out" || { echo "$out"; fail "$1" "expected: $2"; }; }
hasnt() { ! grep -qE -- "$2" <<<"$out" || { echo "$out"; fail "$1" "unexpected: $2"; }; }
common() {
  has "$1" "plugin com.android.library"
  has "$1" "plugin com.facebook.react"
  has "$1" "android.compileSdk = 36"
  has "$1" "android.defaultConfig.minSdk = 24"
  has "$1" "android.namespace = io.dolby.iapi.reactnative"
  has "$1" "dependencies.implementation = net.java.dev.jna:jna:5.18.1@aar"
  has "$1" "tasks.named = preBuild"
  hasnt "$1" "compileSdkVersion|targetSdk|minSdkVersion"
}

run agp8 -Dagp=8.7.3
common agp8; has agp8 "plugin kotlin-android"; has agp8 "kotlin.jvmToolchain = 17"; hasnt agp8 "^classpath "
echo "ok: AGP 8: kotlin-android, jvmToolchain 17, compileSdk 36 / minSdk 24, no classpath pins"

run agp9-kgp -Dagp=9.2.1 -DbuiltInKotlin=false -DrootExt=compileSdkVersion=37,minSdkVersion=24,kotlinVersion=2.2.0
has agp9-kgp "android.compileSdk = 37"
out="${out/android.compileSdk = 37/android.compileSdk = 36}"
common agp9-kgp; has agp9-kgp "plugin kotlin-android"; has agp9-kgp "kotlin.jvmToolchain = 17"; hasnt agp9-kgp "^classpath "
echo "ok: AGP 9 with android.builtInKotlin=false and the app's compileSdk 37 (the 0.87/0.88 templates): kotlin-android, compileSdk 37"

run agp9-builtin -Dagp=9.2.1
common agp9-builtin; hasnt agp9-builtin "kotlin-android|^kotlin"; hasnt agp9-builtin "^classpath "
echo "ok: AGP 9 with built-in Kotlin: no kotlin-android, no kotlin { } (AGP compiles Kotlin)"

run root -Dagp=8.7.3 -Droot=true
has root "classpath com.android.tools.build:gradle:8.7.3"
has root "classpath org.jetbrains.kotlin:kotlin-gradle-plugin:2.1.20"
echo "ok: as a build's root (on its own): AGP 8.7.3 and Kotlin 2.1.20 on the classpath"
echo "test-android-gradle: ok"
