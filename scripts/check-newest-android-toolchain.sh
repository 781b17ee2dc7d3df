#!/usr/bin/env bash
# android/build.gradle against the newest React Native template's Android toolchain, read from
# the template itself (npm package @react-native-community/template, `latest` or
# IAPI_RN_TEMPLATE=<version>) and React Native's version catalog (REACT_NATIVE_DIR, default: the
# newest example's, from scripts/test-example-newest.sh): the AGP version, Gradle (the wrapper),
# compileSdk and Kotlin (the root project's ext), android.builtInKotlin (gradle.properties). The
# build script is evaluated with those (scripts/gradle/gradle-dsl-check.groovy, no Gradle or
# Android SDK) and must apply the Kotlin plugin exactly when AGP's built-in Kotlin is off, and
# take the app's compileSdk. Also checks that the template's root buildscript puts AGP and the
# Kotlin plugin on the classpath, which android/build.gradle relies on (it pins neither).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}"
RN_DIR="${REACT_NATIVE_DIR:-$CACHE_ROOT/iapi-example-rn0.88.1/example/node_modules/react-native}"
[[ -f "$RN_DIR/gradle/libs.versions.toml" ]] ||
  { echo "no React Native version catalog at $RN_DIR (run scripts/test-example-newest.sh first, or set REACT_NATIVE_DIR)" >&2; exit 1; }
version="${IAPI_RN_TEMPLATE:-$(npm view @react-native-community/template dist-tags.latest)}"
tpl="$CACHE_ROOT/iapi-rn-template-$version"
if [[ ! -f "$tpl/package/template/android/gradle.properties" ]]; then
  rm -rf "$tpl" && mkdir -p "$tpl"
  (cd "$tpl" && npm pack --silent "@react-native-community/template@$version" >/dev/null && tar -xzf ./*.tgz)
fi
android="$tpl/package/template/android"
toml() { sed -n "s/^$1 = \"\\(.*\\)\"/\\1/p" "$RN_DIR/gradle/libs.versions.toml" | head -1; }
ext() { sed -n "s/^ *$1 = \"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}$/\\1/p" "$android/build.gradle" | head -1; }
agp="$(toml agp)"
gradle="$(sed -n 's/.*gradle-\([0-9.]*\)-bin.zip/\1/p' "$android/gradle/wrapper/gradle-wrapper.properties")"
compile_sdk="$(ext compileSdkVersion)"; min_sdk="$(ext minSdkVersion)"; kotlin="$(ext kotlinVersion)"
built_in="$(sed -n 's/^android.builtInKotlin=\(.*\)/\1/p' "$android/gradle.properties")"
echo "template $version (react-native $(node -p "require('$tpl/package/template/package.json').dependencies['react-native']")): AGP $agp (version catalog of react-native $(node -p "require('$RN_DIR/package.json').version")), Gradle $gradle, compileSdk $compile_sdk, Kotlin $kotlin, android.builtInKotlin=${built_in:-unset (AGP default)}"
for dep in com.android.tools.build:gradle org.jetbrains.kotlin:kotlin-gradle-plugin; do
  grep -q "classpath(\"$dep\")" "$android/build.gradle" || { echo "the template's root build.gradle has no classpath $dep" >&2; exit 1; }
done

GROOVY_VERSION=4.0.27
jar="$HOME/.m2/repository/org/apache/groovy/groovy/$GROOVY_VERSION/groovy-$GROOVY_VERSION.jar"
[[ -f "$jar" ]] || mvn -B -q dependency:get -Dartifact="org.apache.groovy:groovy:$GROOVY_VERSION"
props=(-Dagp="$agp" -DrootExt="compileSdkVersion=$compile_sdk,minSdkVersion=$min_sdk,kotlinVersion=$kotlin")
[[ -z "$built_in" ]] || props+=(-DbuiltInKotlin="$built_in")
out="$(cd "$ROOT" && java "${props[@]}" -cp "$jar" groovy.ui.GroovyMain scripts/gradle/gradle-dsl-check.groovy \
  android/build.gradle android/gradle.properties)"
grep -qx "android.compileSdk = $compile_sdk" <<<"$out" || { echo "$out"; echo "compileSdk is not the app's $compile_sdk" >&2; exit 1; }
major="${agp%%.*}"
if [[ "$major" -ge 9 && "${built_in:-true}" != false ]]; then want=no; else want=yes; fi
if grep -qx "plugin kotlin-android" <<<"$out"; then got=yes; else got=no; fi
[[ "$got" == "$want" ]] || { echo "$out"; echo "kotlin-android applied: $got, expected: $want" >&2; exit 1; }
grep -q "^classpath " <<<"$out" && { echo "$out"; echo "the library pins a classpath in an app" >&2; exit 1; }
echo "android/build.gradle: kotlin-android applied: $got (AGP $major, builtInKotlin ${built_in:-default}); compileSdk $compile_sdk; no classpath pins"
