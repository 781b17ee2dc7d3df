#!/usr/bin/env bash
# The Kotlin CI job: JUnit 5 tests of the generated Kotlin bindings against the host cdylib and a
# real emulator process, then the provider round-trip benchmark (printed, never asserted).
# Needs cargo, JDK 17 and Maven; Maven fetches its own dependencies from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."

# The cdylib the bindings load through JNA and the emulator the tests start, both debug builds.
cargo build -p iapi-core -p iapi-emulator

pom=bindings/kotlin/pom.xml
# Not -q: the Surefire summary ("Tests run: N, Failures: 0, ...") must reach the log.
mvn -B -ntp -f "$pom" test

# The benchmark reuses the classes compiled above (surefire:test alone, no recompile).
mvn -B -ntp -f "$pom" surefire:test -Dgroups=benchmark -DexcludedGroups= | grep -E '^bench |Tests run:|ERROR|FAIL' 
