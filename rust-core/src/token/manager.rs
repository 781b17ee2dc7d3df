//! The token lifecycle: holds the current token and provider, makes refreshes single-flight,
//! applies the per-invocation timeout, validates what providers return, and keeps the schedule
//! (`schedule.rs` decides when; this file acts).

use super::clock::{device_now_ms, ClockSample, PlatformClock};
use super::provider::AccessTokenProvider;
use super::schedule::{self, Jitter, Plan, Progress, Step};
use super::state::{Outcome, Refresh, TokenState, TokenStatus, Trigger};
use crate::error::IapiError;
use crate::feed::StateFeed;
use crate::jwt::AccessToken;
use futures::future::{BoxFuture, FutureExt, Shared};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};
use tokio::task::AbortHandle;

/// At most this many probes answer one decision that needs the platform's time (a first
/// reading that disagrees with the device, then its confirmation).
const PROBES_PER_DECISION: usize = 3;
/// A reading that puts the estimate in doubt is confirmed by a probe, at most once per this
/// long (device time).
const CONFIRM_EVERY_MS: i64 = 2_000;

/// The trigger of each milestone of a plan.
const MILESTONE_TRIGGERS: [Trigger; 3] =
    [Trigger::HalfLife, Trigger::ThreeQuarters, Trigger::Expiry];

/// Why a refresh gave no token. `Superseded` is the manager's own signal (a newer `initialize*`
/// replaced the provider): no provider can produce it, so a provider's `Cancelled` error is an
/// ordinary failure that the schedule retries.
#[derive(Clone, Debug)]
enum Refused {
    Failed(IapiError),
    Superseded,
}

type RefreshResult = Result<AccessToken, Refused>;

/// A refresh in progress; every caller that needs a token meanwhile awaits the same one.
struct InFlight {
    id: u64,
    trigger: Trigger,
    future: Shared<BoxFuture<'static, RefreshResult>>,
    abort: AbortHandle,
}

/// The proactive schedule of the current token.
struct Scheduled {
    plan: Plan,
    progress: Progress,
    task: AbortHandle,
    /// When the next attempt is due and why (drawn once per attempt, so the time reported in
    /// the token state is the time the timer waits for).
    next: (i64, Trigger),
}

#[derive(Default)]
struct State {
    /// Bumped when an `install` starts: the last one to start wins, whatever order they finish
    /// in (an overtaken one installs nothing).
    started: u64,
    /// Bumped by every `install` that takes over; work started for an older generation is
    /// discarded.
    generation: u64,
    provider: Option<Arc<dyn AccessTokenProvider>>,
    token: Option<AccessToken>,
    inflight: Option<InFlight>,
    schedule: Option<Scheduled>,
    next_refresh_id: u64,
    /// The `exp` of the last token held: no token after one expired (or was refused) is
    /// EXPIRED, not NONE.
    last_exp_ms: Option<i64>,
    /// When the last refresh ended (monotonic; scheduled or not): the schedule's next attempt
    /// waits at least the plan's floor (`schedule::min_gap_ms`) after it, whatever the clock
    /// estimate says.
    last_attempt_at: Option<Instant>,
}

/// Why a caller wants a token.
pub(crate) enum Want<'a> {
    /// Any token that has not expired.
    Valid,
    /// The platform rejected this token (401): a different, valid one.
    Replacing(&'a AccessToken),
}

/// How a refresh starts: now, or a token is already good.
enum Start {
    Ready(AccessToken),
    Wait(Shared<BoxFuture<'static, RefreshResult>>),
}

/// One request for the platform's time; `None` when it could not be read.
pub(crate) type ClockProbe = Box<dyn Fn() -> BoxFuture<'static, Option<ClockSample>> + Send + Sync>;

pub(crate) struct TokenManager {
    callback_timeout: Duration,
    pub clock: Arc<PlatformClock>,
    /// Asks the platform for its time (a `Date` header) when a decision depends on it.
    probe: ClockProbe,
    rng: Mutex<fastrand::Rng>,
    /// Device time of the last confirmation probe (a reading put the estimate in doubt).
    last_confirm_ms: AtomicI64,
    state: Mutex<State>,
    /// What apps see of `state` (`onTokenStateChange`); changed only while `state` is locked.
    pub feed: Arc<StateFeed<TokenState>>,
    me: Weak<TokenManager>,
}

impl TokenManager {
    pub fn new(
        callback_timeout: Duration,
        clock: Arc<PlatformClock>,
        probe: ClockProbe,
    ) -> Arc<Self> {
        Arc::new_cyclic(|me| Self {
            callback_timeout,
            clock,
            probe,
            rng: Mutex::new(fastrand::Rng::new()),
            last_confirm_ms: AtomicI64::new(0),
            state: Mutex::default(),
            feed: StateFeed::new(TokenState::default()),
            me: me.clone(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // No code panics while holding the lock; recover the data if a foreign panic ever did.
        crate::sync::lock(&self.state)
    }

    fn rng(&self) -> MutexGuard<'_, fastrand::Rng> {
        crate::sync::lock(&self.rng)
    }

    /// Whether `initialize*` has installed a provider.
    pub fn is_initialized(&self) -> bool {
        self.lock().provider.is_some()
    }

    /// Replaces the provider and token (every `initialize*`), cancelling the old schedule and any
    /// refresh of the old provider (callers waiting for it go on with the new provider's token).
    /// Resolves once a usable token is held: a missing, undecodable or expired `initial` token is
    /// refreshed first with `is_expired = true`.
    ///
    /// The last call to start wins, whatever order the calls finish in: a call overtaken by a
    /// newer one (while it waited for the platform's clock, or for its first refresh) installs
    /// nothing, never calls its provider again, and rejects with `Cancelled`.
    pub async fn install(
        &self,
        provider: Arc<dyn AccessTokenProvider>,
        initial: Option<String>,
    ) -> Result<(), IapiError> {
        let ticket = {
            let mut s = self.lock();
            s.started += 1;
            s.started
        };
        let superseded = || IapiError::cancelled("superseded by a newer initialize call");
        let initial = initial.and_then(|t| AccessToken::parse(&t));
        // A token that looks expired may only look so on a device clock that is ahead: ask the
        // platform's time before deciding (later responses keep the estimate current).
        if initial
            .as_ref()
            .is_some_and(|t| t.is_expired_at(self.clock.now_ms()))
        {
            self.sync_clock().await;
        }
        let refresh = {
            let mut s = self.lock();
            if s.started != ticket {
                log::debug!("an initialize call was overtaken by a newer one: nothing installed");
                return Err(superseded());
            }
            s.generation += 1;
            s.provider = Some(provider.clone());
            if let Some(old) = s.inflight.take() {
                old.abort.abort();
                log::debug!("the refresh in flight was superseded by a newer initialize");
                self.publish_locked(
                    &s,
                    Some(Refresh {
                        trigger: old.trigger,
                        outcome: Some(Outcome::Superseded),
                    }),
                );
            }
            self.stop_schedule_locked(&mut s);
            s.token = initial.filter(|t| !t.is_expired_at(self.clock.now_ms()));
            match s.token.clone() {
                Some(token) => {
                    crate::secrets::remember(token.secret());
                    s.last_exp_ms = Some(token.exp_ms);
                    self.plan_locked(&mut s, &token);
                    self.publish_locked(&s, None);
                    None
                }
                None => Some(self.start_locked(&mut s, provider, true, Trigger::Initialize)),
            }
        };
        if !self.clock.is_synced() {
            // A device clock that is behind makes a token look longer-lived than it is; the
            // answer re-plans the schedule if the estimate moves.
            self.sync_clock_later();
        }
        let Some(refresh) = refresh else {
            return Ok(());
        };
        match refresh.await {
            Ok(_) => Ok(()),
            Err(Refused::Failed(e)) => Err(e),
            Err(Refused::Superseded) => Err(superseded()),
        }
    }

    /// A token for `want`, refreshing (single-flight) when needed. A refresh superseded by a newer
    /// `initialize*` is not an error for callers: they go on with the new provider.
    pub async fn acquire(&self, want: Want<'_>) -> Result<AccessToken, IapiError> {
        loop {
            let refresh = match self.begin(&want)? {
                Start::Ready(token) => return Ok(token),
                Start::Wait(refresh) => refresh,
            };
            match refresh.await {
                Ok(token) => return Ok(token),
                Err(Refused::Failed(e)) => return Err(e),
                Err(Refused::Superseded) => continue,
            }
        }
    }

    fn begin(&self, want: &Want<'_>) -> Result<Start, IapiError> {
        let mut s = self.lock();
        let provider = s.provider.clone().ok_or(IapiError::NotInitialized)?;
        let now = self.clock.now_ms();
        let valid = s.token.clone().filter(|t| !t.is_expired_at(now));
        let mut is_expired = valid.is_none();
        let trigger = match want {
            Want::Valid => Trigger::Call,
            Want::Replacing(_) => Trigger::Unauthorized,
        };
        match (want, valid) {
            (Want::Valid, Some(token)) => return Ok(Start::Ready(token)),
            (Want::Replacing(rejected), Some(token)) if token != **rejected => {
                return Ok(Start::Ready(token))
            }
            (Want::Replacing(rejected), _) => {
                // Revoked or refused: never hand it out again.
                if s.token.as_ref() == Some(*rejected) {
                    s.token = None;
                    is_expired = rejected.is_expired_at(now);
                }
            }
            (Want::Valid, None) => {}
        }
        Ok(Start::Wait(self.join_or_start_locked(
            &mut s, provider, is_expired, trigger,
        )))
    }

    /// One proactive refresh of `generation`'s schedule (joining one in flight). False when the
    /// schedule must stop (superseded, or the SDK is gone).
    async fn scheduled_refresh(&self, generation: u64, trigger: Trigger) -> bool {
        let refresh = {
            let mut s = self.lock();
            let Some(provider) = s.provider.clone() else {
                return false;
            };
            if s.generation != generation {
                return false;
            }
            let now = self.clock.now_ms();
            let is_expired = s.token.as_ref().is_none_or(|t| t.is_expired_at(now));
            self.join_or_start_locked(&mut s, provider, is_expired, trigger)
        };
        !matches!(refresh.await, Err(Refused::Superseded))
    }

    /// The refresh in flight, or a new one (single flight).
    fn join_or_start_locked(
        &self,
        s: &mut State,
        provider: Arc<dyn AccessTokenProvider>,
        is_expired: bool,
        trigger: Trigger,
    ) -> Shared<BoxFuture<'static, RefreshResult>> {
        match &s.inflight {
            Some(inflight) => inflight.future.clone(),
            None => self.start_locked(s, provider, is_expired, trigger),
        }
    }

    fn start_locked(
        &self,
        s: &mut State,
        provider: Arc<dyn AccessTokenProvider>,
        is_expired: bool,
        trigger: Trigger,
    ) -> Shared<BoxFuture<'static, RefreshResult>> {
        log::debug!(
            "refreshing the access token ({}, is_expired = {is_expired})",
            trigger.name()
        );
        let (id, generation, me, timeout) = (
            s.next_refresh_id,
            s.generation,
            self.me.clone(),
            self.callback_timeout,
        );
        s.next_refresh_id += 1;
        // A task of its own, so the refresh completes and installs its token even when every
        // caller that waited for it has gone away. A panicking provider is a failed refresh that
        // still ends the flight, so the next caller asks again.
        let task = crate::runtime::spawn(async move {
            let Some(manager) = me.upgrade() else {
                return Err(Refused::Superseded);
            };
            let result =
                std::panic::AssertUnwindSafe(manager.call_provider(provider, is_expired, timeout))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| {
                        Err(IapiError::refresh_failed(
                            "the access token provider panicked",
                        ))
                    })
                    .map_err(Refused::Failed);
            manager.finish(generation, id, &result);
            result
        });
        let abort = task.abort_handle();
        let future = async move {
            task.await.unwrap_or_else(|e| {
                Err(if e.is_panic() {
                    Refused::Failed(IapiError::refresh_failed(
                        "the access token provider panicked",
                    ))
                } else {
                    Refused::Superseded
                })
            })
        }
        .boxed()
        .shared();
        s.inflight = Some(InFlight {
            id,
            trigger,
            future: future.clone(),
            abort,
        });
        self.publish_locked(
            s,
            Some(Refresh {
                trigger,
                outcome: None,
            }),
        );
        future
    }

    fn finish(&self, generation: u64, id: u64, result: &RefreshResult) {
        let mut s = self.lock();
        if s.generation != generation {
            return;
        }
        let trigger = match s.inflight.take_if(|f| f.id == id) {
            Some(flight) => flight.trigger,
            None => return, // aborted (superseded) as it finished
        };
        s.last_attempt_at = Some(Instant::now());
        let now = self.clock.now_ms();
        let outcome = match result {
            Ok(token) => {
                crate::secrets::remember(token.secret());
                // A token with a new `exp` gets a new plan; one with the same `exp` keeps the
                // plan (re-planning from each receipt would call the provider ever faster
                // toward expiry).
                let same_exp = s.token.as_ref().is_some_and(|t| t.exp_ms == token.exp_ms);
                s.token = Some(token.clone());
                s.last_exp_ms = Some(token.exp_ms);
                if same_exp && s.schedule.is_some() {
                    self.attempted_locked(&mut s, now);
                } else {
                    self.plan_locked(&mut s, token);
                }
                log::info!(
                    "access token refreshed ({}): valid for {} s",
                    trigger.name(),
                    token.exp_ms.saturating_sub(now) / 1000
                );
                Outcome::Refreshed
            }
            Err(refused) => {
                self.attempted_locked(&mut s, now);
                match refused {
                    Refused::Failed(e) => {
                        log::warn!("access token refresh failed ({}): {e}", trigger.name());
                        Outcome::Failed(e.clone())
                    }
                    Refused::Superseded => Outcome::Superseded,
                }
            }
        };
        self.publish_locked(
            &s,
            Some(Refresh {
                trigger,
                outcome: Some(outcome),
            }),
        );
    }

    /// Records an attempt of the schedule that gave no new plan, and draws the next one.
    fn attempted_locked(&self, s: &mut State, now: i64) {
        if let Some(scheduled) = &mut s.schedule {
            scheduled.progress.attempted(now);
            scheduled.next = self.next_of(&scheduled.plan, &scheduled.progress, false);
        }
    }

    /// The next attempt of a plan and its trigger (RESUME when `resumed` and it is due now).
    fn next_of(&self, plan: &Plan, progress: &Progress, resumed: bool) -> (i64, Trigger) {
        let (at, step) = schedule::next_step(plan, progress, Jitter::On, &mut self.rng());
        let trigger = match step {
            _ if resumed && at <= self.clock.now_ms() => Trigger::Resume,
            Step::Milestone(i) => MILESTONE_TRIGGERS[i],
            Step::Retry => Trigger::Retry,
        };
        (at, trigger)
    }

    /// Tells the feed the state now, with the refresh that made it.
    fn publish_locked(&self, s: &State, refresh: Option<Refresh>) {
        let now = self.clock.now_ms();
        let valid = s.token.as_ref().filter(|t| !t.is_expired_at(now));
        let status = if s.inflight.is_some() {
            TokenStatus::Refreshing
        } else if valid.is_some() {
            TokenStatus::Valid
        } else if s.last_exp_ms.is_some() {
            TokenStatus::Expired
        } else {
            TokenStatus::None
        };
        self.feed.set(TokenState {
            status,
            expires_at_ms: s.token.as_ref().map(|t| t.exp_ms),
            next_refresh_at_ms: s.schedule.as_ref().map(|sc| sc.next.0),
            refresh,
        });
    }

    /// The state apps see now (a valid token whose `exp` passed reads as EXPIRED).
    pub fn state(&self) -> crate::feed::Versioned<TokenState> {
        let mut state = self.feed.get();
        state.value = state.value.at(self.clock.now_ms());
        state
    }

    /// Plans the proactive refreshes of a token received now.
    fn plan_locked(&self, s: &mut State, token: &AccessToken) {
        let now = self.clock.now_ms();
        let plan = Plan::new(now, token.exp_ms, Jitter::On, &mut self.rng());
        log::info!(
            "access token valid for {} s; refreshes planned in {} s, {} s and {} s (platform clock)",
            token.exp_ms.saturating_sub(now) / 1000,
            plan.milestones[0].saturating_sub(now) / 1000,
            plan.milestones[1].saturating_sub(now) / 1000,
            plan.milestones[2].saturating_sub(now) / 1000,
        );
        self.start_schedule_locked(s, plan, Progress::default(), false);
    }

    fn start_schedule_locked(&self, s: &mut State, plan: Plan, progress: Progress, resumed: bool) {
        self.stop_schedule_locked(s);
        let next = self.next_of(&plan, &progress, resumed);
        let task = crate::runtime::spawn(run_schedule(self.me.clone(), s.generation));
        s.schedule = Some(Scheduled {
            plan,
            progress,
            task: task.abort_handle(),
            next,
        });
    }

    fn stop_schedule_locked(&self, s: &mut State) {
        if let Some(old) = s.schedule.take() {
            old.task.abort();
        }
    }

    /// How long until the current schedule's next attempt and why, if `generation` is still
    /// current: when it is due on the platform's clock, but never sooner than the plan's floor
    /// after the last attempt (monotonic time, whatever the estimate says).
    fn next_wakeup(&self, generation: u64) -> Option<(Duration, Trigger)> {
        let s = self.lock();
        let scheduled = s.schedule.as_ref().filter(|_| s.generation == generation)?;
        let (due, trigger) = scheduled.next;
        let wait = due.saturating_sub(self.clock.now_ms()).max(0);
        let floor = s.last_attempt_at.map_or(0, |at| {
            let since = at.elapsed().as_millis().min(i64::MAX as u128) as i64;
            schedule::min_gap_ms(&scheduled.plan).saturating_sub(since)
        });
        Some((Duration::from_millis(wait.max(floor) as u64), trigger))
    }

    /// Re-evaluates the schedule at once (the app came back from the background, where timers
    /// stop): a milestone that passed meanwhile is attempted now, with `is_expired` as of now.
    pub fn resume(&self) {
        let mut s = self.lock();
        if let Some(scheduled) = s.schedule.take() {
            scheduled.task.abort();
            self.start_schedule_locked(&mut s, scheduled.plan, scheduled.progress, true);
            self.publish_locked(&s, None);
        }
    }

    /// Stops the schedule's timer but keeps its plan, as a sleeping phone does (tests of `resume`).
    pub fn pause(&self) {
        if let Some(scheduled) = &self.lock().schedule {
            scheduled.task.abort();
        }
    }

    /// Asks the platform for its time unless a response agreeing with the estimate told it
    /// within the last minute, and again while a reading disagrees with the estimate (at most
    /// [`PROBES_PER_DECISION`] probes; a failure leaves the estimate as it was).
    async fn sync_clock(&self) {
        for _ in 0..PROBES_PER_DECISION {
            if self.clock.sampled_within(60_000) && !self.clock.in_doubt() {
                return;
            }
            let Some(sample) = (self.probe)().await else {
                return;
            };
            self.learn(sample);
        }
    }

    /// [`Self::sync_clock`] in the background. Holds the manager weakly while the probe is out:
    /// a dropped SDK is not kept alive.
    fn sync_clock_later(&self) {
        self.last_confirm_ms
            .store(device_now_ms(), Ordering::Relaxed);
        let me = self.me.clone();
        crate::runtime::spawn(async move {
            if let Some(me) = me.upgrade() {
                me.sync_clock().await;
            }
        });
    }

    /// Learns the platform's time from a response; a significant move re-plans the schedule. A
    /// reading that disagrees with the estimate is confirmed by a probe (at most once per
    /// [`CONFIRM_EVERY_MS`]), so one wrong `Date` is outvoted quickly.
    pub fn observe(&self, sample: ClockSample) {
        if self.learn(sample) {
            let last = self.last_confirm_ms.load(Ordering::Relaxed);
            if device_now_ms().saturating_sub(last) >= CONFIRM_EVERY_MS {
                self.sync_clock_later();
            }
        }
    }

    /// The platform accepted `token` for a request sent at device time `sent_ms`: the clock
    /// estimate must not call it expired then.
    pub fn accepted(&self, token: &AccessToken, sent_ms: i64) {
        if let Some(delta) = self.clock.accepted(token.exp_ms, sent_ms) {
            self.clock_moved(delta);
        }
    }

    /// One reading; true when it put the estimate in doubt.
    fn learn(&self, sample: ClockSample) -> bool {
        let observed = self.clock.observe(sample);
        if let Some(delta) = observed.moved {
            self.clock_moved(delta);
        }
        observed.in_doubt
    }

    /// The estimate moved by `delta`: the schedule keeps its progress, shifted with it.
    fn clock_moved(&self, delta: i64) {
        log::info!("the platform clock estimate moved by {delta} ms; re-planning");
        let mut s = self.lock();
        if let Some(scheduled) = s.schedule.take() {
            scheduled.task.abort();
            let plan = scheduled
                .plan
                .clock_moved(delta, Jitter::On, &mut self.rng());
            let progress = scheduled.progress.clock_moved(delta);
            self.start_schedule_locked(&mut s, plan, progress, false);
            self.publish_locked(&s, None);
        }
    }

    /// One provider invocation with its timeout, and a check of what it returned.
    async fn call_provider(
        &self,
        provider: Arc<dyn AccessTokenProvider>,
        is_expired: bool,
        timeout: Duration,
    ) -> Result<AccessToken, IapiError> {
        let raw = tokio::time::timeout(timeout, provider.refresh_access_token(is_expired))
            .await
            .map_err(|_| IapiError::Timeout {
                what: format!(
                    "the access token provider did not answer within {} ms",
                    timeout.as_millis()
                ),
            })?
            .map_err(IapiError::redacted)?;
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(IapiError::refresh_failed(
                "the access token provider returned an empty token",
            ));
        }
        let token = AccessToken::parse(raw).ok_or_else(|| {
            IapiError::refresh_failed(
                "the access token provider returned a value that is not a JWT with an exp claim",
            )
        })?;
        if token.is_expired_at(self.clock.now_ms()) {
            // Expired on the device's clock, or on the platform's? Ask the platform once.
            self.sync_clock().await;
            if token.is_expired_at(self.clock.now_ms()) {
                return Err(IapiError::refresh_failed(
                    "the access token provider returned an expired token",
                ));
            }
        }
        Ok(token)
    }
}

impl Drop for TokenManager {
    fn drop(&mut self) {
        let s = crate::sync::get_mut(&mut self.state);
        if let Some(scheduled) = s.schedule.take() {
            scheduled.task.abort();
        }
        if let Some(f) = s.inflight.take() {
            f.abort.abort();
        }
    }
}

/// The schedule of one generation: sleep until the next attempt is due, attempt, repeat. It is
/// restarted (aborted and spawned again) whenever its plan changes, on resume, and when the clock
/// estimate moves, so it never sleeps on stale numbers for long.
async fn run_schedule(manager: Weak<TokenManager>, generation: u64) {
    loop {
        let (wait, trigger) = {
            let Some(manager) = manager.upgrade() else {
                return;
            };
            let Some(next) = manager.next_wakeup(generation) else {
                return;
            };
            next
        };
        tokio::time::sleep(wait).await;
        let Some(manager) = manager.upgrade() else {
            return;
        };
        if !manager.scheduled_refresh(generation, trigger).await {
            return;
        }
    }
}
