//! Proactive refresh, as the official SDKs do it: at 1/2 and 3/4 of the token's lifetime and at
//! expiry. A success installs a new token, which starts a new schedule and ends this one. After
//! the expiry attempt fails, retries continue with exponential backoff.

use super::manager::{TokenManager, Want};
use crate::error::IapiError;
use crate::jwt::now_ms;
use std::sync::Weak;
use std::time::Duration;

const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The instants (unix ms) at which a token with this expiry and lifetime is refreshed.
pub(super) fn milestones(exp_ms: i64, lifetime_ms: i64) -> [i64; 3] {
    let lifetime = lifetime_ms.max(0);
    [exp_ms - lifetime / 2, exp_ms - lifetime / 4, exp_ms]
}

pub(super) async fn run(
    manager: Weak<TokenManager>,
    generation: u64,
    exp_ms: i64,
    lifetime_ms: i64,
) {
    for at in milestones(exp_ms, lifetime_ms) {
        let wait = at - now_ms();
        if wait < 0 {
            continue; // e.g. a token handed over late in its life
        }
        tokio::time::sleep(Duration::from_millis(wait as u64)).await;
        if attempt(&manager, generation).await {
            return;
        }
    }
    let mut backoff = FIRST_BACKOFF;
    loop {
        tokio::time::sleep(backoff).await;
        if attempt(&manager, generation).await {
            return;
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// One scheduled refresh; true when the schedule is done (success, superseded, or SDK gone).
async fn attempt(manager: &Weak<TokenManager>, generation: u64) -> bool {
    let Some(manager) = manager.upgrade() else {
        return true;
    };
    match manager.acquire(Want::Scheduled(generation)).await {
        Ok(_) | Err(IapiError::Cancelled { .. }) => true,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn milestones_at_half_three_quarters_and_expiry() {
        assert_eq!(super::milestones(10_000, 2_000), [9_000, 9_500, 10_000]);
    }
}
