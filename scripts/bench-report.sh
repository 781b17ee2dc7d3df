#!/usr/bin/env bash
# One report of every performance figure of the project, each next to its target: ok, OVER, or
# "not run". Numbers are printed, never asserted: the exit status is 0 whatever they are (a bench
# that fails to run still fails the script).
#
# Figures and where they come from (<target-dir>/bench/, cargo's target directory):
#   - refresh storm, core vs bare reqwest ratio, soak: `cargo bench -p iapi-core --bench core`,
#     RSS growth: `--bench memory`, fleet peak/steady: `--bench fleet`, idle wakeups and TRACE
#     logging: `--bench observability`; run here, their output saved to <name>.txt;
#   - conference scale (1 000 participants join then leave, two SDKs listening in JS through the
#     Node host): `node e2e/bench/conferenceScale.mjs`, run here when the Node host addon and the
#     emulator are built (scripts/test-e2e.sh builds both), saved to conference.txt;
#   - Kotlin round trips: kotlin.txt, written by scripts/test-kotlin.sh (its benchmark: token
#     requests through NativeModuleHost, the path of every refresh);
#   - Swift round trip: swift.txt, written by scripts/test-swift.sh (BenchmarkTests);
#   - Android sizes per ABI (stripped, gzip -9, xz -9): android-size.txt, written by
#     scripts/android/size-gate.sh in the android-so part (the NDK-free check build);
#   - generated Kotlin and Swift bindings: their files' sizes, read here.
# The Kotlin/Swift/Android figures are reused, not re-measured: run those parts first (test-all.sh
# runs `bench` last). Round-trip latencies depend on machine load; the load average at each
# measurement is printed with it.
# Usage: scripts/bench-report.sh [--no-run]   (--no-run: only read the saved outputs)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/cargo-target-dir.sh
. scripts/lib/cargo-target-dir.sh
run=1
for a in "$@"; do
  case "$a" in
    --no-run) run=0 ;;
    *) echo "bench-report: unknown argument $a" >&2; exit 2 ;;
  esac
done
dir="$(cargo_target_dir)/bench"
mkdir -p "$dir"
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }

if [ "$run" = 1 ]; then
  cargo bench -p iapi-core --no-run -q
  for b in core memory fleet observability; do
    echo "=== cargo bench -p iapi-core --bench $b ==="
    cargo bench -q -p iapi-core --bench "$b" | tee "$dir/$b.txt"
    echo "load $(load)" >>"$dir/$b.txt"
  done
  if [ -f bindings/node/iapi_node.node ] && command -v node >/dev/null; then
    # The platform stand-in in release: its debug build cannot answer 100 joins a second
    # (each answer lists every participant) on a small machine.
    echo "=== node e2e/bench/conferenceScale.mjs ==="
    cargo build -q --release -p iapi-emulator
    IAPI_EMULATOR_BIN="$(cargo_target_dir)/release/iapi-emulator" \
      node e2e/bench/conferenceScale.mjs | tee "$dir/conference.txt"
    echo "load $(load)" >>"$dir/conference.txt"
  fi
fi

python3 - "$dir" "$(nproc 2>/dev/null || echo '?')" <<'EOF'
import os, re, sys

d, ncpu = sys.argv[1], sys.argv[2]
rows = []  # (figure, value, target, verdict)


def text(name):
    p = os.path.join(d, name)
    return open(p).read() if os.path.exists(p) else None


def load_of(t):
    m = re.search(r"^load (\S+)", t or "", re.M)
    return f" (load {m.group(1)})" if m else ""


def row(figure, value, target, ok):
    rows.append((figure, value, target, "ok" if ok else "OVER"))


def missing(figure, target, how):
    rows.append((figure, f"not run ({how})", target, "-"))


# Android sizes (stripped, check build), each ABI against its own target; compressed sizes are
# shown beside them (what a store download carries is closer to those).
targets = {"arm64-v8a": 2.40, "armeabi-v7a": 1.60, "x86": 2.55, "x86_64": 2.75}
t = text("android-size.txt")
if t:
    for abi, size, gz, xz in re.findall(r"^android-size-(\S+) (\d+) gzip=(\d+) xz=(\d+)", t, re.M):
        b, limit = int(size), targets.get(abi, 0)
        row(f"core size {abi}", f"{b} bytes ({b / 1e6:.2f} MB)", f"<= {limit:.2f} MB", b <= limit * 1e6)
        rows.append((f"core size {abi}, gzip -9 / xz -9", f"{int(gz) / 1e6:.2f} / {int(xz) / 1e6:.2f} MB",
                     "(informative)", "-"))
else:
    missing("core size per Android ABI", "arm64 <= 2.40 MB ...", "scripts/test-all.sh android-so")

# Generated bindings every app compiles (one surface: the host, its events and records).
for label, path in [("generated Kotlin bindings", "bindings/generated/kotlin/io/dolby/iapi/core/iapi_core.kt"),
                    ("generated Swift bindings", "bindings/generated/swift/IapiCore.swift"),
                    ("generated C header (Swift)", "bindings/generated/swift/IapiCoreFFI.h")]:
    b = os.path.getsize(path)
    rows.append((label, f"{b / 1e3:.0f} kB", "(informative)", "-"))

# Kotlin round trips (scripts/test-kotlin.sh).
t = text("kotlin.txt")
labels = {
    "host-direct": "Kotlin host token request round trip",
    "host-executor": "Kotlin host round trip, answered on another thread",
}
if t:
    for name, label in labels.items():
        m = re.search(rf"^bench {name} p50=([\d.]+)us p99=([\d.]+)us", t, re.M)
        if not m:
            missing(label, "", "no figure in kotlin.txt")
            continue
        p50, p99 = float(m.group(1)), float(m.group(2))
        if name == "host-executor":  # includes the app's own thread hop: shown, no target
            rows.append((label + " p50/p99", f"{p50:.1f} / {p99:.1f} us{load_of(t)}", "(informative)", "-"))
        else:
            row(label + " p50", f"{p50:.1f} us{load_of(t)}", "< 100 us", p50 < 100)
            row(label + " p99", f"{p99:.1f} us{load_of(t)}", "< 1000 us", p99 < 1000)
else:
    missing("Kotlin round trips", "< 100 us / < 1 ms", "scripts/test-kotlin.sh")

# Swift round trip (scripts/test-swift.sh).
t = text("swift.txt")
m = t and re.search(r"p50 ([\d.]+) us, p99 ([\d.]+) us", t)
if m:
    p50, p99 = float(m.group(1)), float(m.group(2))
    row("Swift host token request round trip p50", f"{p50:.1f} us{load_of(t)}", "< 100 us", p50 < 100)
    row("Swift host token request round trip p99", f"{p99:.1f} us{load_of(t)}", "< 1000 us", p99 < 1000)
else:
    missing("Swift host round trip", "< 100 us / < 1 ms", "scripts/test-swift.sh")

# Core benches.
t = text("core.txt")
m = t and re.search(r"bench refresh-storm calls=(\d+) provider_invocations=(\d+) failures=(\d+) total_ms=([\d.]+)", t)
if m:
    calls, inv, fail, ms = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
    row(f"refresh storm ({calls} concurrent calls)", f"{inv} provider call(s), {fail} failures, {ms} ms",
        "1 provider call, 0 failures", inv == 1 and fail == 0)
else:
    missing("refresh storm", "1 provider call, 0 failures", "cargo bench --bench core")
m = t and re.search(r"core_median_us=([\d.]+) bare_reqwest_median_us=([\d.]+) ratio=([\d.]+)", t)
if m:
    r = float(m.group(3))
    row("authenticated call, core / bare reqwest", f"{r:.2f} ({m.group(1)} / {m.group(2)} us)",
        "<= 1.25 (report's bar)", r <= 1.25)
else:
    missing("authenticated call, core / bare reqwest", "<= 1.25", "cargo bench --bench core")
m = t and re.search(r"bench soak secs=(\d+) .*?token_lifetimes=(\d+) calls=(\d+) caller_errors=(\d+)", t)
if m:
    errs = int(m.group(4))
    row("soak (2 s tokens)", f"{m.group(2)} token lifetimes, {m.group(3)} calls, {errs} caller errors",
        "0 caller errors", errs == 0)
else:
    missing("soak", "0 caller errors", "cargo bench --bench core")

t = text("memory.txt")
m = t and re.search(r"rss growth over (\d+) refresh cycles: (-?\d+) KiB", t)
if m:
    kib = int(m.group(2))
    row(f"RSS growth over {m.group(1)} refresh cycles", f"{kib} KiB", "< 1024 KiB", kib < 1024)
else:
    missing("RSS growth", "< 1024 KiB", "cargo bench --bench memory")

t = text("fleet.txt")
ratios = []
for line in (t or "").splitlines():
    f = line.split()
    if f and f[0] == "shipped" and " on " in line:
        i = f.index("on")
        ratios.append(float(f[i + 4]))  # after the jitter column: avg, peak, p99, peak/avg
if ratios:
    worst = max(ratios)
    row("fleet (100 000 devices): token backend peak / steady", f"{worst:.2f}x (worst of {len(ratios)} scenarios)",
        "<= 3x", worst <= 3.0)
else:
    missing("fleet peak / steady", "<= 3x", "cargo bench --bench fleet")

t = text("observability.txt")
m = t and re.search(r"bench idle-session secs=(\d+) core_thread_wakeups=(\d+) events=(\d+) log_records=(\d+)", t)
if m:
    wakeups, events, records = int(m.group(2)), int(m.group(3)), int(m.group(4))
    row(f"idle open session, default log level ({m.group(1)} s)",
        f"{wakeups} core-thread wakeups, {events} events, {records} log records", "0 / 0 / 0",
        wakeups == 0 and events == 0 and records == 0)
else:
    missing("idle open session", "0 wakeups", "cargo bench --bench observability")
m = t and re.search(r"bench trace-logging calls=(\d+) records=(\d+) records_per_sec=(\d+) "
                    r"calls_per_sec_warn=(\d+) calls_per_sec_trace=(\d+) ratio=([\d.]+)", t)
if m:
    rows.append(("log records per second at TRACE", f"{m.group(3)} ({m.group(2)} records, {m.group(1)} calls){load_of(t)}",
                 "(informative)", "-"))
    rows.append(("calls per second at TRACE / at WARN", f"{m.group(6)} ({m.group(5)} / {m.group(4)})",
                 "(informative)", "-"))
else:
    missing("log records per second at TRACE", "(informative)", "cargo bench --bench observability")

t = text("conference.txt")
m = t and re.search(r"bench conference-scale participants=(\d+) listeners=(\d+) join_s=([\d.]+) leave_s=([\d.]+) "
                    r"events=(\d+) expected=(\d+) "
                    r"lost=(\d+) duplicated=(\d+) mismatched=(\d+) events_per_s=(\d+) p50_ms=([\d.]+) "
                    r"p99_ms=([\d.]+) rss_before_mb=([\d.]+) rss_peak_mb=([\d.]+) rss_after_mb=([\d.]+)", t)
if m:
    g = lambda i: m.group(i)
    n, listeners = g(1), g(2)
    lost, dup, bad = int(g(7)), int(g(8)), int(g(9))
    row(f"conference scale ({n} join, then leave): joins / leaves took", f"{g(3)} / {g(4)} s{load_of(t)}",
        "joins <= 10.5 s", float(g(3)) <= 10.5)
    row(f"conference scale: replay of {listeners} JS listeners",
        f"{g(5)}/{g(6)} events, {lost} lost, {dup} duplicated, {bad} differ from the platform",
        "0 lost / 0 duplicated / 0 differ", lost == 0 and dup == 0 and bad == 0)
    rows.append(("conference scale: events per second into JS", f"{g(10)}{load_of(t)}",
                 "(informative: the offered load)", "-"))
    p99 = float(g(12))
    row("conference scale: latency from the REST request to the JS handler p50 / p99",
        f"{g(11)} / {g(12)} ms{load_of(t)}", "p99 < 250 ms (emulator included)", p99 < 250)
    before, peak = float(g(13)), float(g(14))
    row("conference scale: Node process RSS before / peak / after",
        f"{g(13)} / {g(14)} / {g(15)} MB", "peak - before < 100 MB", peak - before < 100)
else:
    missing("conference scale", "0 lost / p99 < 250 ms", "node e2e/bench/conferenceScale.mjs")

w = [max(len(r[i]) for r in rows) for i in range(3)]
print(f"\nbench report ({ncpu} CPUs; round trips measured under the load shown)")
print(f"{'figure':<{w[0]}}  {'value':<{w[1]}}  {'target':<{w[2]}}  verdict")
for r in rows:
    print(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}")
EOF
