//! When to refresh, as pure functions of token times, past attempts, a clock and a random source
//! (so the fleet simulation in `benches/fleet.rs` drives this very code with a simulated clock).
//!
//! Like the official Web SDK, a token is refreshed at 1/2 and 3/4 of the time it had left when it
//! was received (`exp - now`, not `exp - iat`: a token handed over late in its life still gets
//! refreshed before it expires) and at expiry. Unlike it, failures after expiry are retried.
//!
//! Fleet safety (the app's token backend serves every device), sized with the simulation of
//! 100 000 devices in `benches/fleet.rs` against the target "peak at most 3x the steady rate":
//! - the 1/2 and 3/4 milestones move a random amount earlier (never later), up to 1/6 of the time
//!   left: a fleet whose tokens were minted in the same second spreads out within a few refreshes
//!   (with 1/20 it stayed above 4x for hours);
//! - retries after expiry wait a uniform random time ("full jitter") up to a ceiling of 1/3 of the
//!   token's time left at receipt (1 s to 1 h). A doubling ramp from 1 s made the devices that
//!   expired during a backend outage retry many times a minute (10x the steady rate for 15-minute
//!   tokens); a ceiling proportional to the lifetime keeps that load near the steady rate. An app
//!   call that needs a token does not wait for the retry: it asks the provider at once.
//!
//! Whatever the clock estimate does, the schedule never calls the provider faster than its
//! floor ([`min_gap_ms`], measured by the manager on the device's monotonic clock): a move of
//! the estimate shifts the milestones but keeps the time the token had left at receipt (so the
//! backoff ceiling) and the time of the last attempt.

/// The smallest backoff ceiling after a failed refresh at expiry.
pub const MIN_BACKOFF_MS: i64 = 1_000;
/// The largest backoff ceiling.
pub const MAX_BACKOFF_MS: i64 = 3_600_000;
/// The shortest wait between two retries (full jitter may draw 0).
const MIN_RETRY_MS: i64 = 100;
/// Milestones move earlier by up to this fraction of the time left.
const EARLY_DIVISOR: i64 = 6;
/// The backoff ceiling is this fraction of the time left at receipt.
const BACKOFF_DIVISOR: i64 = 3;

/// Whether random spreading is applied (always in the SDK; the simulation compares both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jitter {
    On,
    Off,
}

/// The refresh plan of one token, in the platform's time (unix ms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// When the token was received.
    pub received_ms: i64,
    /// The token's `exp`.
    pub exp_ms: i64,
    /// 1/2 and 3/4 of the time left at receipt (moved earlier by jitter), then expiry.
    pub milestones: [i64; 3],
    /// The time the token had left at receipt, as first estimated: it sizes the backoff and
    /// the floor, and a later move of the clock estimate does not change it.
    pub left_ms: i64,
}

impl Plan {
    pub fn new(received_ms: i64, exp_ms: i64, jitter: Jitter, rng: &mut fastrand::Rng) -> Self {
        let left = exp_ms.saturating_sub(received_ms).max(0);
        let mut early = || match jitter {
            Jitter::On => rng.i64(0..=left / EARLY_DIVISOR),
            Jitter::Off => 0,
        };
        let half = received_ms.saturating_add(left / 2).saturating_sub(early());
        let three_quarters = received_ms
            .saturating_add(left / 4 * 3 + left % 4 * 3 / 4)
            .saturating_sub(early());
        Self {
            received_ms,
            exp_ms,
            left_ms: left,
            // "At expiry" is the first millisecond at which the token is expired under the
            // rule `exp - now < 0`, so the call there says `is_expired = true`.
            milestones: [
                half,
                three_quarters.max(half),
                exp_ms.saturating_add(1).max(received_ms),
            ],
        }
    }

    /// The same plan after the estimate of the platform's clock moved by `delta_ms`: the token
    /// was in fact received `delta_ms` later on the platform's clock than recorded.
    /// The time it had left at receipt stays as first estimated (an estimate that jumps past
    /// `exp` must not cut the backoff to its minimum).
    pub fn clock_moved(&self, delta_ms: i64, jitter: Jitter, rng: &mut fastrand::Rng) -> Self {
        Self {
            left_ms: self.left_ms,
            ..Self::new(
                self.received_ms.saturating_add(delta_ms),
                self.exp_ms,
                jitter,
                rng,
            )
        }
    }
}

/// What happened since the plan began.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// When the last refresh attempt for this plan ended (a failure, or the same token again).
    pub last_attempt_ms: Option<i64>,
}

impl Progress {
    /// Records an attempt that ended at `now_ms` without a new token.
    pub fn attempted(&mut self, now_ms: i64) {
        self.last_attempt_ms = Some(now_ms);
    }

    /// The same progress after the clock estimate moved by `delta_ms`: the last attempt
    /// happened at the same instant, which the new estimate calls `delta_ms` later.
    pub fn clock_moved(&self, delta_ms: i64) -> Self {
        Self {
            last_attempt_ms: self.last_attempt_ms.map(|t| t.saturating_add(delta_ms)),
        }
    }
}

/// The shortest time between two attempts of the schedule, whatever the clock says: 1/12 of
/// the time the token had left at receipt (never more than the gap between its 1/2 and 3/4
/// milestones), within [`MIN_RETRY_MS`, `MIN_BACKOFF_MS`].
pub fn min_gap_ms(plan: &Plan) -> i64 {
    (plan.left_ms / 12).clamp(MIN_RETRY_MS, MIN_BACKOFF_MS)
}

/// When the next refresh attempt is due (platform time, unix ms; in the past means now): the
/// first milestone after the last attempt (after a suspension that skipped several, just one
/// attempt now), then a backoff after each attempt.
pub fn next_attempt(
    plan: &Plan,
    progress: &Progress,
    jitter: Jitter,
    rng: &mut fastrand::Rng,
) -> i64 {
    next_step(plan, progress, jitter, rng).0
}

/// Which attempt comes next: a milestone (0: 1/2, 1: 3/4, 2: expiry) or a retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Milestone(usize),
    Retry,
}

/// [`next_attempt`] and which attempt it is.
pub fn next_step(
    plan: &Plan,
    progress: &Progress,
    jitter: Jitter,
    rng: &mut fastrand::Rng,
) -> (i64, Step) {
    let Some(last) = progress.last_attempt_ms else {
        return (plan.milestones[0], Step::Milestone(0));
    };
    if let Some(i) = plan.milestones.iter().position(|m| *m > last) {
        return (plan.milestones[i], Step::Milestone(i));
    }
    (
        last.saturating_add(backoff_ms(plan, jitter, rng)),
        Step::Retry,
    )
}

/// The wait before a retry after expiry: full jitter under a ceiling proportional to the time
/// the token had left when it was received.
pub fn backoff_ms(plan: &Plan, jitter: Jitter, rng: &mut fastrand::Rng) -> i64 {
    let left = plan.left_ms;
    let ceiling = (left / BACKOFF_DIVISOR).clamp(MIN_BACKOFF_MS, MAX_BACKOFF_MS);
    match jitter {
        Jitter::On => rng.i64(MIN_RETRY_MS..=ceiling),
        Jitter::Off => ceiling,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(received: i64, exp: i64) -> Plan {
        Plan::new(received, exp, Jitter::Off, &mut fastrand::Rng::with_seed(1))
    }

    #[test]
    fn milestones_at_half_and_three_quarters_of_the_time_left_then_expiry() {
        assert_eq!(plan(8_000, 10_000).milestones, [9_000, 9_500, 10_001]);
        // Handed over with 4 s left of a 60 s lifetime: 2 s and 3 s later, not at expiry.
        assert_eq!(plan(56_000, 60_000).milestones, [58_000, 59_000, 60_001]);
    }

    #[test]
    fn jitter_moves_milestones_earlier_never_later() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..1000 {
            let p = Plan::new(0, 120_000, Jitter::On, &mut rng);
            assert!((40_000..=60_000).contains(&p.milestones[0]), "{p:?}");
            assert!((70_000..=90_000).contains(&p.milestones[1]), "{p:?}");
            assert!(p.milestones[1] >= p.milestones[0], "{p:?}");
            assert_eq!(p.milestones[2], 120_001);
        }
    }

    #[test]
    fn attempts_walk_the_milestones_then_back_off() {
        let p = plan(0, 6_000);
        let mut rng = fastrand::Rng::with_seed(1);
        let mut progress = Progress::default();
        let mut seen = vec![];
        for _ in 0..6 {
            let at = next_attempt(&p, &progress, Jitter::Off, &mut rng);
            seen.push(at);
            progress.attempted(at);
        }
        // 1/2, 3/4, expiry, then retries under a ceiling of 1/3 of the 6 s it had left.
        assert_eq!(seen, [3_000, 4_500, 6_001, 8_001, 10_001, 12_001]);
    }

    #[test]
    fn a_resume_after_missed_milestones_attempts_once_now() {
        let p = plan(0, 4_000);
        let mut rng = fastrand::Rng::with_seed(1);
        // Asleep from 1 s to 3.5 s: the 1/2 milestone is due at once, then expiry (3/4 passed).
        let mut progress = Progress::default();
        assert!(next_attempt(&p, &progress, Jitter::Off, &mut rng) <= 3_500);
        progress.attempted(3_500);
        assert_eq!(next_attempt(&p, &progress, Jitter::Off, &mut rng), 4_001);
    }

    #[test]
    fn full_jitter_backoff_stays_under_a_ceiling_of_a_third_of_the_time_left() {
        let mut rng = fastrand::Rng::with_seed(3);
        for (left, ceiling) in [
            (600, 1_000),
            (900_000, 300_000),
            (86_400_000, MAX_BACKOFF_MS),
        ] {
            let p = plan(0, left);
            for _ in 0..100 {
                let b = backoff_ms(&p, Jitter::On, &mut rng);
                assert!((MIN_RETRY_MS..=ceiling).contains(&b), "{left}: {b}");
            }
            assert_eq!(backoff_ms(&p, Jitter::Off, &mut rng), ceiling);
        }
    }

    #[test]
    fn a_clock_move_keeps_the_backoff_and_the_last_attempt() {
        let p = plan(0, 6_000);
        let mut rng = fastrand::Rng::with_seed(1);
        let mut progress = Progress::default();
        progress.attempted(6_001); // the expiry attempt failed
                                   // The estimate jumps 2 h ahead: the token looks long expired.
        let moved = p.clock_moved(7_200_000, Jitter::Off, &mut rng);
        let progress = progress.clock_moved(7_200_000);
        assert_eq!(moved.left_ms, 6_000);
        assert_eq!(
            backoff_ms(&moved, Jitter::Off, &mut rng),
            2_000,
            "not cut to 1 s"
        );
        // The retry is still 2 s after the attempt, not due at once.
        let next = next_attempt(&moved, &progress, Jitter::Off, &mut rng);
        assert_eq!(next, 7_200_000 + 6_001 + 2_000);
        assert_eq!(min_gap_ms(&moved), 500);
        assert_eq!(min_gap_ms(&plan(0, 600)), MIN_RETRY_MS);
        assert_eq!(min_gap_ms(&plan(0, 3_600_000)), MIN_BACKOFF_MS);
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        let mut rng = fastrand::Rng::with_seed(1);
        for (r, e) in [(i64::MIN, i64::MAX), (i64::MAX, i64::MIN), (0, i64::MAX)] {
            let p = Plan::new(r, e, Jitter::On, &mut rng);
            let mut progress = Progress::default();
            progress.attempted(i64::MAX);
            let _ = next_attempt(&p, &progress, Jitter::On, &mut rng);
            let _ = p.clock_moved(i64::MAX, Jitter::On, &mut rng);
            let _ = progress.clock_moved(i64::MIN);
            let _ = min_gap_ms(&p);
        }
    }
}
