#!/usr/bin/env bash
# The Kotlin CI job: JUnit 5 tests of the generated Kotlin bindings against the host cdylib and a
# real emulator process, all through the one exported surface (NativeModuleHost and its Kotlin
# NativeModuleEvents), then the token request round-trip benchmark (printed, never asserted).
# Needs cargo, JDK 17 and Maven; Maven fetches its own dependencies from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."

# The cdylib the bindings load through JNA and the emulator the tests start, both debug builds.
cargo build -p iapi-core -p iapi-emulator
native="$(cd "${CARGO_TARGET_DIR:-target}/debug" && pwd)"

mvn=(mvn -B -ntp -Dstyle.color=never -f bindings/kotlin/pom.xml "-Dnative.dir=$native")
# Not -q: the Surefire summary ("Tests run: N, Failures: 0, ...") must reach the log.
"${mvn[@]}" test

# The benchmark reuses the classes compiled above (surefire:test alone, no recompile) and prints
# one `bench NAME p50=..us p99=..us` line per case (host-direct, host-executor); they are also
# kept, with the load average, in <target-dir>/bench/kotlin.txt for scripts/bench-report.sh.
bench_dir="${CARGO_TARGET_DIR:-target}/bench"
mkdir -p "$bench_dir"
"${mvn[@]}" surefire:test -Dgroups=benchmark -DexcludedGroups= | tee "$bench_dir/kotlin.log"
{ grep '^bench ' "$bench_dir/kotlin.log" || true; echo "load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"; } \
  >"$bench_dir/kotlin.txt"
