#!/usr/bin/env bash
# Runs @react-native/codegen on the TurboModule spec (src-js/NativeDolbyIoIAPI.ts), as an
# app build would, without an app: JS -> schema -> Java (Android) and ObjC++ (iOS).
# Output: build/codegen/ (gitignored). Fails when the spec does not parse or a file is missing.
# Usage: scripts/codegen.sh [OUT_DIR]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${1:-$ROOT/build/codegen}"
CODEGEN="node_modules/@react-native/codegen/lib/cli/combine/combine-js-to-schema-cli.js"
GENERATE="node_modules/react-native/scripts/generate-specs-cli.js"
for tool in "$CODEGEN" "$GENERATE"; do
  [[ -f "$tool" ]] || { echo "codegen: missing $tool (run npm ci)" >&2; exit 1; }
done

# Read codegenConfig from package.json, the single source of truth.
read -r NAME TYPE JS_DIR JAVA_PACKAGE < <(node -e '
  const c = require("./package.json").codegenConfig;
  console.log(c.name, c.type, c.jsSrcsDir, c.android.javaPackageName);
')

rm -rf "$OUT"
mkdir -p "$OUT"
SCHEMA="$OUT/schema.json"
node "$CODEGEN" "$SCHEMA" --libraryName "$NAME" "$JS_DIR"

# The schema must hold exactly our module, with its methods and events.
node -e '
  const schema = require(process.argv[1]);
  const modules = Object.values(schema.modules || {});
  const module = modules.find((m) => m.moduleName === "DolbyIoIAPI");
  if (!module) { console.error("codegen: no DolbyIoIAPI module in the schema"); process.exit(1); }
  const methods = module.spec.methods.map((m) => m.name);
  const events = (module.spec.eventEmitters || []).map((e) => e.name);
  console.log(`codegen: DolbyIoIAPI: ${methods.length} methods, events: ${events.join(", ")}`);
  if (events.length === 0) { console.error("codegen: no event emitters in the schema"); process.exit(1); }
' "$SCHEMA"

for platform in android ios; do
  node "$GENERATE" --platform "$platform" --schemaPath "$SCHEMA" \
    --outputDir "$OUT/$platform" --libraryName "$NAME" \
    --javaPackageName "$JAVA_PACKAGE" --libraryType "$TYPE"
done

JAVA="$OUT/android/java/${JAVA_PACKAGE//.//}/NativeDolbyIoIAPISpec.java"
OBJC_H="$OUT/ios/$NAME/$NAME.h"
OBJC_MM="$OUT/ios/$NAME/$NAME-generated.mm"
JSI_H="$OUT/ios/${NAME}JSI.h"
missing=0
for file in "$JAVA" "$OBJC_H" "$OBJC_MM" "$JSI_H" "$OUT/android/jni/$NAME.h"; do
  if [[ ! -s "$file" ]]; then
    echo "codegen: expected output missing: $file" >&2
    missing=1
  fi
done
[[ $missing -eq 0 ]] || exit 1

echo "codegen: schema:          ${SCHEMA#"$ROOT"/}"
echo "codegen: Java spec:       ${JAVA#"$ROOT"/}"
echo "codegen: ObjC++ header:   ${OBJC_H#"$ROOT"/}"
echo "codegen: ObjC++ impl:     ${OBJC_MM#"$ROOT"/}"
echo "codegen: C++ JSI header:  ${JSI_H#"$ROOT"/}"
echo "codegen: Android JNI:     ${OUT#"$ROOT"/}/android/jni/"
