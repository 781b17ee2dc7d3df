//! Measurements the shims' benchmarks run through the FFI (the Rust side of a round trip cannot
//! be timed from Kotlin or Swift alone).

use crate::error::IapiError;
use crate::runtime::run;
use crate::token::provider::AccessTokenProvider;
use std::sync::Arc;
use std::time::Instant;

/// Latency percentiles of provider round trips, in nanoseconds.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RoundTripStats {
    /// How many round trips were timed.
    pub iterations: u32,
    /// Median round trip.
    pub p50_ns: u64,
    /// 99th percentile.
    pub p99_ns: u64,
    /// Slowest round trip.
    pub max_ns: u64,
}

/// Calls `provider.refresh_access_token(false)` `iterations` times from the core's runtime, one
/// after another, and reports how long each Rust -> foreign -> Rust round trip took.
pub async fn measure_provider_round_trips(
    provider: Arc<dyn AccessTokenProvider>,
    iterations: u32,
) -> Result<RoundTripStats, IapiError> {
    if iterations == 0 {
        return Err(IapiError::invalid_argument("iterations must be positive"));
    }
    run(async move {
        let mut samples = Vec::with_capacity(iterations as usize);
        for _ in 0..iterations {
            let started = Instant::now();
            // A provider's error is foreign text: scrubbed like every error the core hands on.
            provider
                .refresh_access_token(false)
                .await
                .map_err(IapiError::redacted)?;
            samples.push(started.elapsed().as_nanos() as u64);
        }
        samples.sort_unstable();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        Ok(RoundTripStats {
            iterations,
            p50_ns: at(0.50),
            p99_ns: at(0.99),
            max_ns: at(1.0),
        })
    })
    .await
}
