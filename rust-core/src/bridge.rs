//! The token request bridge: how a JS refresh callback becomes an [`AccessTokenProvider`].
//!
//! The shims cannot await JS directly, so each refresh becomes an event `{requestId, isExpired}`
//! sent to a plain foreign listener (the RN module emits it to JS), and completes when the shim
//! forwards JS's `resolve(requestId, token)` or `reject(requestId, reason)`. Correlation lives here,
//! written and tested once for every platform: one id per request, at most one answer, a timeout,
//! and cancellation when the core stops waiting. Requests made while no listener is attached are
//! held and delivered when one subscribes, so nothing is emitted before JS subscribed.

use crate::error::IapiError;
use crate::jwt::redact;
use crate::subscription::{ListenerSlot, Subscription};
use crate::token::provider::AccessTokenProvider;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::oneshot;

/// One access token request, as emitted to JS.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessTokenRequest {
    /// Opaque id to pass back to `resolve` / `reject`.
    pub request_id: String,
    /// Whether the previous token had expired (or there was none).
    pub is_expired: bool,
}

/// Receives access token requests; the shim forwards each one to JS. Called on a core thread;
/// implementations must return quickly (emit and return).
pub trait TokenRequestListener: Send + Sync {
    /// A new request; answer it with `TokenRequestBridge.resolve` or `reject`.
    fn on_access_token_request(&self, request: AccessTokenRequest);
}

type Answer = Result<String, IapiError>;

struct Pending {
    answer: oneshot::Sender<Answer>,
    is_expired: bool,
    /// Whether a listener has seen it (requests made with no listener wait for one).
    delivered: bool,
}

/// Requests waiting for an answer, by id.
type PendingRequests = HashMap<String, Pending>;

/// Turns provider calls into request events and answers. Use `as_provider()` with
/// `DolbyIoIapi.initialize_token`.
pub struct TokenRequestBridge {
    listener: Arc<ListenerSlot<dyn TokenRequestListener>>,
    pending: Mutex<PendingRequests>,
    next_id: AtomicU64,
    timeout: Duration,
}

impl TokenRequestBridge {
    /// A bridge whose requests time out after `timeout_ms` without an answer.
    pub fn new(timeout_ms: u64) -> Arc<Self> {
        Arc::new(Self {
            listener: Arc::default(),
            pending: Mutex::default(),
            next_id: AtomicU64::new(1),
            timeout: Duration::from_millis(timeout_ms.max(1)),
        })
    }

    /// Makes `listener` receive the requests until the returned subscription is dropped or
    /// cancelled (a later `subscribe` replaces it). Pending requests no listener has seen yet
    /// are delivered to it at once, on a core thread. Requests made while no listener is
    /// subscribed wait for one (or for their timeout).
    pub fn subscribe(&self, listener: Arc<dyn TokenRequestListener>) -> Arc<Subscription> {
        let subscription = self.listener.subscribe(listener.clone());
        // Requests are marked delivered under the pending lock, after the listener is in
        // place: each one reaches a listener exactly once, here or from its provider call.
        let undelivered: Vec<AccessTokenRequest> = self
            .lock()
            .iter_mut()
            .filter(|(_, p)| !p.delivered)
            .map(|(request_id, p)| {
                p.delivered = true;
                AccessTokenRequest {
                    request_id: request_id.clone(),
                    is_expired: p.is_expired,
                }
            })
            .collect();
        // Delivered from a core thread, like every other request, never on the caller's thread
        // (the shims may subscribe from the UI thread).
        if !undelivered.is_empty() {
            crate::runtime::runtime().spawn_blocking(move || {
                for request in undelivered {
                    listener.on_access_token_request(request);
                }
            });
        }
        subscription
    }

    /// Answers request `request_id` with a token. Returns false (and does nothing) for an
    /// unknown, already answered, timed-out or cancelled request.
    pub fn resolve(&self, request_id: String, access_token: String) -> bool {
        self.answer(&request_id, Ok(access_token))
    }

    /// Fails request `request_id`: the refresh fails with `TokenRefreshFailed` and `reason`.
    /// Returns false for an unknown, already answered, timed-out or cancelled request.
    pub fn reject(&self, request_id: String, reason: String) -> bool {
        let reason = if reason.trim().is_empty() {
            "the refresh callback failed".to_string()
        } else {
            redact(&reason)
        };
        self.answer(&request_id, Err(IapiError::refresh_failed(reason)))
    }

    /// Fails every pending request with `Cancelled` and `reason` (e.g. the shim is being torn
    /// down and JS will never answer). Returns how many were pending.
    pub fn cancel_all(&self, reason: String) -> u32 {
        let pending: Vec<Pending> = self.lock().drain().map(|(_, p)| p).collect();
        let count = pending.len() as u32;
        for p in pending {
            let _ = p.answer.send(Err(IapiError::cancelled(reason.clone())));
        }
        count
    }

    /// Requests waiting for an answer.
    pub fn pending_count(&self) -> u32 {
        self.lock().len() as u32
    }

    /// This bridge as the provider to pass to `initialize_token`.
    pub fn as_provider(self: Arc<Self>) -> Arc<dyn AccessTokenProvider> {
        self
    }
}

impl TokenRequestBridge {
    fn lock(&self) -> MutexGuard<'_, PendingRequests> {
        crate::sync::lock(&self.pending)
    }

    fn answer(&self, request_id: &str, answer: Answer) -> bool {
        let pending = self.lock().remove(request_id);
        // The receiver may be gone if the request was cancelled a moment ago: harmless.
        pending.is_some_and(|p| p.answer.send(answer).is_ok())
    }
}

/// Removes the request when the core stops waiting (answer, timeout, or the future dropped).
struct Forget<'a>(&'a TokenRequestBridge, String);

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        self.0.lock().remove(&self.1);
    }
}

#[async_trait::async_trait]
impl AccessTokenProvider for TokenRequestBridge {
    async fn refresh_access_token(&self, is_expired: bool) -> Result<String, IapiError> {
        let request_id = self.next_id.fetch_add(1, Ordering::Relaxed).to_string();
        let (tx, rx) = oneshot::channel();
        let listener = {
            let mut pending = self.lock();
            let listener = self.listener.get();
            pending.insert(
                request_id.clone(),
                Pending {
                    answer: tx,
                    is_expired,
                    delivered: listener.is_some(),
                },
            );
            listener
        };
        let _forget = Forget(self, request_id.clone());
        if let Some(listener) = listener {
            listener.on_access_token_request(AccessTokenRequest {
                request_id,
                is_expired,
            });
        }
        match tokio::time::timeout(self.timeout, rx).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(_)) => Err(IapiError::cancelled("the token request was dropped")),
            Err(_) => Err(IapiError::Timeout {
                what: format!(
                    "no answer to the access token request within {} ms",
                    self.timeout.as_millis()
                ),
            }),
        }
    }
}
