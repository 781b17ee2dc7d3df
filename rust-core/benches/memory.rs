//! Memory benchmark: RSS growth of the process over 10 000 token refresh cycles through the
//! public API (target: under 1 MB). It prints numbers; it asserts nothing about time or memory.
//! Run: `cargo bench -p iapi-core --bench memory` (IAPI_MEMORY_CYCLES=N to change the count).
//!
//! One cycle: the emulator is told to answer the next logout with a 401 (an injected fault, so
//! the emulator keeps no per-cycle state: a revocation list would grow with every cycle and be
//! measured too, since the emulator runs in this process), then one
//! `raw_call("POST", "v1/users/logout")`: 401 -> one provider call (a fresh token minted by the
//! emulator) -> retry with the new token -> 200. After ~1 000 warm-up cycles (connection pool,
//! allocator arenas, lazily built state), VmRSS is read from /proc/self/status before and after.

use async_trait::async_trait;
use iapi_core::{config_for_base_url, AccessTokenProvider, DolbyIoIapi, IapiError};
use iapi_emulator::{App, Emulator, EmulatorConfig, Fault, Route};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

const KEY: &str = "memory";
const WARM_UP: u64 = 1_000;

/// A customer backend that mints a fresh one-hour token on every call.
struct Minting {
    emu: Arc<Emulator>,
    calls: AtomicU64,
}

#[async_trait]
impl AccessTokenProvider for Minting {
    async fn refresh_access_token(&self, _is_expired: bool) -> Result<String, IapiError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        Ok(self.emu.mint_token(KEY, 3600))
    }
}

/// Resident set size of this process, KiB (`VmRSS` of /proc/self/status), None off Linux.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `cycles` refresh cycles; returns how many calls failed.
async fn cycles(sdk: &DolbyIoIapi, emu: &Emulator, cycles: u64) -> u64 {
    let mut failures = 0;
    for _ in 0..cycles {
        emu.inject_fault(Route::Logout, Fault::Status(401), Some(1));
        if sdk
            .raw_call("POST", "v1/users/logout", serde_json::json!({}))
            .await
            .is_err()
        {
            failures += 1;
        }
    }
    failures
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    std::env::set_var("IAPI_EMULATOR_QUIET", "1");
    let measured: u64 = std::env::var("IAPI_MEMORY_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let emu = Arc::new(
        Emulator::start(EmulatorConfig {
            apps: vec![App::new(KEY, "secret")],
            ..EmulatorConfig::default()
        })
        .expect("emulator"),
    );
    let provider = Arc::new(Minting {
        emu: emu.clone(),
        calls: AtomicU64::new(0),
    });
    let sdk = DolbyIoIapi::new(config_for_base_url(emu.base_url())).expect("sdk");
    sdk.initialize_token(Some(emu.mint_token(KEY, 3600)), provider.clone())
        .await
        .expect("initialize_token");

    let warm_failures = cycles(&sdk, &emu, WARM_UP).await;
    let calls_before = provider.calls.load(Ordering::Relaxed);
    let logouts_before = emu.request_count(Route::Logout);
    let before = rss_kib();
    let started = Instant::now();
    let failures = cycles(&sdk, &emu, measured).await;
    let elapsed = started.elapsed();
    let after = rss_kib();
    let refreshes = provider.calls.load(Ordering::Relaxed) - calls_before;
    let requests = emu.request_count(Route::Logout) - logouts_before;

    match (before, after) {
        (Some(before), Some(after)) => println!(
            "bench memory: rss growth over {measured} refresh cycles: {} KiB (target < 1024 KiB) \
             rss_before_kib={before} rss_after_kib={after}",
            after as i64 - before as i64
        ),
        _ => println!("bench memory: rss unavailable (no /proc/self/status)"),
    }
    println!(
        "bench memory: cycles={measured} warm_up={WARM_UP} cycles_per_s={:.0} provider_calls={refreshes} \
         logout_requests={requests} (2 per cycle: 401 + retry) failures={failures} warm_up_failures={warm_failures}",
        measured as f64 / elapsed.as_secs_f64()
    );
}
