//! The token lifecycle: holds the current token and provider, makes refreshes single-flight,
//! applies the per-invocation timeout, validates what providers return, and keeps the schedule.

use super::provider::AccessTokenProvider;
use super::schedule;
use crate::error::IapiError;
use crate::jwt::{now_ms, AccessToken};
use crate::runtime::runtime;
use futures::future::{BoxFuture, FutureExt, Shared};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;
use tokio::task::AbortHandle;

type RefreshResult = Result<AccessToken, IapiError>;

/// A refresh in progress; every caller that needs a token meanwhile awaits the same one.
struct InFlight {
    id: u64,
    future: Shared<BoxFuture<'static, RefreshResult>>,
    abort: AbortHandle,
}

#[derive(Default)]
struct State {
    /// Bumped by every `install`; work started for an older generation is discarded.
    generation: u64,
    provider: Option<Arc<dyn AccessTokenProvider>>,
    token: Option<AccessToken>,
    inflight: Option<InFlight>,
    schedule: Option<AbortHandle>,
    next_refresh_id: u64,
}

/// Why a caller wants a token.
pub(crate) enum Want<'a> {
    /// Any token that has not expired.
    Valid,
    /// The platform rejected this token (401): a different, valid one.
    Replacing(&'a AccessToken),
    /// A proactive refresh from the schedule of `generation`.
    Scheduled(u64),
}

pub(crate) struct TokenManager {
    callback_timeout: Duration,
    state: Mutex<State>,
    me: Weak<TokenManager>,
}

impl TokenManager {
    pub fn new(callback_timeout: Duration) -> Arc<Self> {
        Arc::new_cyclic(|me| Self {
            callback_timeout,
            state: Mutex::default(),
            me: me.clone(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // No code panics while holding the lock; recover the data if a foreign panic ever did.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether `initialize*` has installed a provider.
    pub fn is_initialized(&self) -> bool {
        self.lock().provider.is_some()
    }

    /// Replaces the provider and token (every `initialize*`), cancelling the old schedule and any
    /// refresh of the old provider. Resolves once a usable token is held: a missing, undecodable
    /// or expired `initial` token is refreshed first with `is_expired = true`.
    pub async fn install(
        &self,
        provider: Arc<dyn AccessTokenProvider>,
        initial: Option<String>,
    ) -> Result<(), IapiError> {
        let generation = {
            let mut s = self.lock();
            s.generation += 1;
            s.provider = Some(provider);
            if let Some(old) = s.inflight.take() {
                old.abort.abort();
            }
            let now = now_ms();
            s.token = initial
                .and_then(|t| AccessToken::parse(&t, now))
                .filter(|t| !t.is_expired_at(now));
            match s.token.clone() {
                Some(token) => {
                    self.schedule_locked(&mut s, &token);
                    return Ok(());
                }
                None => self.cancel_schedule_locked(&mut s),
            }
            s.generation
        };
        self.acquire(Want::Scheduled(generation)).await.map(drop)
    }

    /// A token for `want`, refreshing (single-flight) when needed.
    pub async fn acquire(&self, want: Want<'_>) -> RefreshResult {
        let refresh = {
            let mut s = self.lock();
            let provider = s.provider.clone().ok_or(IapiError::NotInitialized)?;
            let now = now_ms();
            let mut is_expired = s.token.as_ref().is_none_or(|t| t.is_expired_at(now));
            match want {
                Want::Scheduled(generation) if generation != s.generation => {
                    return Err(IapiError::cancelled(
                        "superseded by a newer initialize call",
                    ));
                }
                Want::Scheduled(_) => {}
                Want::Valid => {
                    if !is_expired {
                        return Ok(s.token.clone().expect("checked above"));
                    }
                }
                Want::Replacing(rejected) => {
                    if s.token.as_ref() == Some(rejected) {
                        // Revoked or refused: never hand it out again.
                        s.token = None;
                        is_expired = rejected.is_expired_at(now);
                    } else if !is_expired {
                        return Ok(s.token.clone().expect("checked above"));
                    }
                }
            }
            match &s.inflight {
                Some(inflight) => inflight.future.clone(),
                None => self.start_locked(&mut s, provider, is_expired),
            }
        };
        refresh.await
    }

    fn start_locked(
        &self,
        s: &mut State,
        provider: Arc<dyn AccessTokenProvider>,
        is_expired: bool,
    ) -> Shared<BoxFuture<'static, RefreshResult>> {
        let (id, generation, me, timeout) = (
            s.next_refresh_id,
            s.generation,
            self.me.clone(),
            self.callback_timeout,
        );
        s.next_refresh_id += 1;
        // A task of its own, so the refresh completes and installs its token even when every
        // caller that waited for it has gone away.
        let task = runtime().spawn(async move {
            let result = call_provider(provider.as_ref(), is_expired, timeout).await;
            if let Some(me) = me.upgrade() {
                me.finish(generation, id, &result);
            }
            result
        });
        let abort = task.abort_handle();
        let future = async move {
            task.await.unwrap_or_else(|e| {
                Err(if e.is_panic() {
                    IapiError::refresh_failed("the access token provider panicked")
                } else {
                    IapiError::cancelled("superseded by a newer initialize call")
                })
            })
        }
        .boxed()
        .shared();
        s.inflight = Some(InFlight {
            id,
            future: future.clone(),
            abort,
        });
        future
    }

    fn finish(&self, generation: u64, id: u64, result: &RefreshResult) {
        let mut s = self.lock();
        if s.generation != generation {
            return;
        }
        if s.inflight.as_ref().is_some_and(|f| f.id == id) {
            s.inflight = None;
        }
        if let Ok(token) = result {
            s.token = Some(token.clone());
            self.schedule_locked(&mut s, token);
        }
    }

    /// (Re)starts the proactive schedule for `token`, replacing any older one.
    fn schedule_locked(&self, s: &mut State, token: &AccessToken) {
        self.cancel_schedule_locked(s);
        let task = runtime().spawn(schedule::run(
            self.me.clone(),
            s.generation,
            token.exp_ms,
            token.lifetime_ms(),
        ));
        s.schedule = Some(task.abort_handle());
    }

    fn cancel_schedule_locked(&self, s: &mut State) {
        if let Some(old) = s.schedule.take() {
            old.abort();
        }
    }
}

impl Drop for TokenManager {
    fn drop(&mut self) {
        let s = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(h) = s.schedule.take() {
            h.abort();
        }
        if let Some(f) = s.inflight.take() {
            f.abort.abort();
        }
    }
}

/// One provider invocation with its timeout, and a check of what it returned.
async fn call_provider(
    provider: &dyn AccessTokenProvider,
    is_expired: bool,
    timeout: Duration,
) -> RefreshResult {
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
    let now = now_ms();
    let token = AccessToken::parse(raw, now).ok_or_else(|| {
        IapiError::refresh_failed(
            "the access token provider returned a value that is not a JWT with an exp claim",
        )
    })?;
    if token.is_expired_at(now) {
        return Err(IapiError::refresh_failed(
            "the access token provider returned an expired token",
        ));
    }
    Ok(token)
}
