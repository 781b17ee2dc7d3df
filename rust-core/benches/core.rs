//! Benchmarks of the core against the local emulator. They print numbers; they assert nothing
//! about time. Run: `cargo bench -p iapi-core` (IAPI_BENCH_ROUNDS=N to change the sample size).
//!
//! (a) refresh storm: 1000 concurrent authenticated calls on an expired token -> how many provider
//!     invocations (target: exactly 1) and how long the whole storm took.
//! (b) one authenticated call through the core vs the same request with a bare reqwest client on
//!     loopback, as a ratio of medians (the machine is noisy; the ratio is what to compare).
//! (c) soak: SDK instances with 2-second tokens calling without pause for IAPI_SOAK_SECS (default
//!     30) -> token lifetimes covered, calls, errors that reached a caller (target: 0), and 401s
//!     the core absorbed with its refresh-and-retry.

use async_trait::async_trait;
use iapi_core::{config_for_base_url, AccessTokenProvider, DolbyIoIapi, IapiError};
use iapi_emulator::{App, Emulator, EmulatorConfig, Route};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Minting {
    emu: Arc<Emulator>,
    calls: AtomicUsize,
}

#[async_trait]
impl AccessTokenProvider for Minting {
    async fn refresh_access_token(&self, _is_expired: bool) -> Result<String, IapiError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
            return Err(IapiError::TokenRefreshFailed {
                reason: "first call fails".into(),
            });
        }
        // A realistic customer-backend delay, so the storm piles up behind one refresh.
        tokio::time::sleep(Duration::from_millis(20)).await;
        Ok(self.emu.mint_token("bench", 3600))
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    std::env::set_var("IAPI_EMULATOR_QUIET", "1");
    let rounds: usize = std::env::var("IAPI_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let emu = Arc::new(
        Emulator::start(EmulatorConfig {
            apps: vec![App::new("bench", "secret")],
            ..EmulatorConfig::default()
        })
        .expect("emulator"),
    );

    // (a) refresh storm. The provider's first answer fails, so initialize_token(None) leaves the
    // SDK with no token and no schedule: the storm itself must trigger the (single) refresh.
    let sdk = DolbyIoIapi::new(config_for_base_url(emu.base_url())).unwrap();
    let provider = Arc::new(Minting {
        emu: emu.clone(),
        calls: AtomicUsize::new(0),
    });
    assert!(sdk.initialize_token(None, provider.clone()).await.is_err());
    let started = Instant::now();
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let sdk = sdk.clone();
            tokio::spawn(async move {
                sdk.raw_call("POST", "v1/users/logout", serde_json::json!({}))
                    .await
            })
        })
        .collect();
    let mut failures = 0;
    for t in tasks {
        failures += usize::from(t.await.unwrap().is_err());
    }
    println!(
        "bench refresh-storm calls=1000 provider_invocations={} failures={failures} total_ms={:.1}",
        provider.calls.load(Ordering::SeqCst) - 1,
        started.elapsed().as_secs_f64() * 1000.0
    );

    // (b) authenticated call: core vs bare reqwest
    let sdk = DolbyIoIapi::new(config_for_base_url(emu.base_url())).unwrap();
    sdk.initialize("bench".into(), "secret".into())
        .await
        .unwrap(); // the core fetches its own token
    let token = emu.mint_token("bench", 3600);
    // The bare client shares the core's reqwest build (rustls without a default provider).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let bare = reqwest::Client::new();
    let url = format!("{}/v1/users/logout", emu.base_url());
    let (mut core_samples, mut bare_samples) = (Vec::new(), Vec::new());
    for i in 0..rounds + 50 {
        let t = Instant::now();
        sdk.raw_call("POST", "v1/users/logout", serde_json::json!({}))
            .await
            .unwrap();
        let core = t.elapsed();
        let t = Instant::now();
        let r = bare
            .post(&url)
            .bearer_auth(&token)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        let _: serde_json::Value = r.json().await.unwrap();
        let bare_t = t.elapsed();
        if i >= 50 {
            core_samples.push(core);
            bare_samples.push(bare_t);
        }
    }
    let (c, b) = (median(core_samples), median(bare_samples));
    println!(
        "bench authenticated-call rounds={rounds} core_median_us={:.1} bare_reqwest_median_us={:.1} ratio={:.2}",
        c.as_secs_f64() * 1e6,
        b.as_secs_f64() * 1e6,
        c.as_secs_f64() / b.as_secs_f64()
    );

    soak().await;
}

/// (c) Many short token lifetimes under continuous use: no 401 may reach a caller.
async fn soak() {
    const SDKS: usize = 12;
    const TTL_SECS: u64 = 2;
    let secs: u64 = std::env::var("IAPI_SOAK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let emu = Emulator::start(EmulatorConfig {
        apps: vec![App::new("soak", "secret")],
        token_ttl: Duration::from_secs(TTL_SECS),
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let deadline = Instant::now() + Duration::from_secs(secs);
    let workers: Vec<_> = (0..SDKS)
        .map(|_| {
            let sdk = DolbyIoIapi::new(config_for_base_url(emu.base_url())).unwrap();
            tokio::spawn(async move {
                sdk.initialize("soak".into(), "secret".into())
                    .await
                    .unwrap();
                let (mut calls, mut errors) = (0u64, Vec::new());
                while Instant::now() < deadline {
                    calls += 1;
                    if let Err(e) = sdk
                        .raw_call("POST", "v1/users/logout", serde_json::json!({}))
                        .await
                    {
                        errors.push(e.code());
                    }
                }
                (calls, errors)
            })
        })
        .collect();
    let (mut calls, mut errors) = (0u64, Vec::new());
    for w in workers {
        let (c, e) = w.await.unwrap();
        calls += c;
        errors.extend(e);
    }
    let requests = emu.request_count(Route::Logout);
    println!(
        "bench soak secs={secs} sdks={SDKS} token_ttl_s={TTL_SECS} token_lifetimes={} calls={calls} \
         caller_errors={} caller_unauthorized={} absorbed_401_retries={} token_requests={}",
        SDKS as u64 * secs / TTL_SECS,
        errors.len(),
        errors.iter().filter(|c| **c == "UNAUTHORIZED").count(),
        requests.saturating_sub(calls),
        emu.request_count(Route::Token),
    );
}
