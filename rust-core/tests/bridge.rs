//! The token request bridge with mock listeners (the shims' side), through the real core.

mod common;
use common::*;
use iapi_core::{AccessTokenRequest, Subscription, TokenRequestBridge, TokenRequestListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Records requests; optionally answers each on another thread, like a shim forwarding to JS.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(AccessTokenRequest, String)>>,
    /// Its subscription to the bridge, kept as long as the bridge keeps the recorder.
    subscription: Mutex<Option<Arc<Subscription>>>,
}

impl TokenRequestListener for Recorder {
    fn on_access_token_request(&self, request: AccessTokenRequest) {
        let thread = std::thread::current().name().unwrap_or("").to_string();
        self.seen.lock().unwrap().push((request, thread));
    }
}

impl Recorder {
    fn subscribe_to(self: &Arc<Self>, bridge: &Arc<TokenRequestBridge>) {
        let subscription = bridge.clone().subscribe(self.clone());
        *self.subscription.lock().unwrap() = Some(subscription);
    }

    fn requests(&self) -> Vec<AccessTokenRequest> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.0.clone())
            .collect()
    }

    async fn wait_for(&self, n: usize) -> Vec<AccessTokenRequest> {
        for _ in 0..200 {
            if self.seen.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.requests()
    }
}

fn bridge_with(listener: &Arc<Recorder>, timeout_ms: u64) -> Arc<TokenRequestBridge> {
    let bridge = TokenRequestBridge::new(timeout_ms);
    listener.subscribe_to(&bridge);
    bridge
}

#[tokio::test]
async fn resolve_from_another_thread_completes_the_refresh() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let listener = Arc::new(Recorder::default());
    let bridge = bridge_with(&listener, 5_000);
    let init = tokio::spawn({
        let (sdk, bridge) = (sdk.clone(), bridge.clone());
        async move { sdk.initialize_token(None, bridge.as_provider()).await }
    });
    let request = listener.wait_for(1).await.remove(0);
    assert!(request.is_expired);
    assert_ne!(
        listener.seen.lock().unwrap()[0].1,
        "",
        "delivered on a named core thread, not the caller's"
    );
    let token = emu.mint_token(KEY, 3600);
    let b = bridge.clone();
    let id = request.request_id.clone();
    assert!(std::thread::spawn(move || b.resolve(id, token))
        .join()
        .unwrap());
    assert!(init.await.unwrap().unwrap());
    sdk.session()
        .open(None)
        .await
        .expect("the core uses the resolved token");
    assert_eq!(bridge.pending_count(), 0);
    assert!(
        !bridge.resolve(request.request_id, "again".into()),
        "a second answer is ignored"
    );
}

#[tokio::test]
async fn reject_is_a_refresh_failure_with_the_reason() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let listener = Arc::new(Recorder::default());
    let bridge = bridge_with(&listener, 5_000);
    let init = tokio::spawn({
        let (sdk, bridge) = (sdk.clone(), bridge.clone());
        async move { sdk.initialize_token(None, bridge.as_provider()).await }
    });
    let request = listener.wait_for(1).await.remove(0);
    assert!(bridge.reject(request.request_id, "backend said no".into()));
    let err = init.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "TOKEN_REFRESH_FAILED");
    assert!(err.to_string().contains("backend said no"), "{err}");
}

#[tokio::test]
async fn unanswered_request_times_out_and_a_late_answer_is_harmless() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let listener = Arc::new(Recorder::default());
    let bridge = bridge_with(&listener, 200);
    let err = sdk
        .initialize_token(None, bridge.clone().as_provider())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "TIMEOUT", "{err}");
    let request = listener.requests().remove(0);
    assert_eq!(bridge.pending_count(), 0);
    assert!(!bridge.resolve(request.request_id, emu.mint_token(KEY, 3600)));
}

#[tokio::test]
async fn unknown_ids_are_ignored() {
    let bridge = TokenRequestBridge::new(1_000);
    assert!(!bridge.resolve("nope".into(), "x".into()));
    assert!(!bridge.reject("".into(), "".into()));
}

#[tokio::test]
async fn dropping_the_future_cancels_the_request() {
    let listener = Arc::new(Recorder::default());
    let bridge = bridge_with(&listener, 60_000);
    let provider = bridge.clone().as_provider();
    let waiting = tokio::spawn(async move { provider.refresh_access_token(false).await });
    let request = listener.wait_for(1).await.remove(0);
    assert!(!request.is_expired);
    assert_eq!(bridge.pending_count(), 1);
    waiting.abort();
    let _ = waiting.await;
    assert_eq!(bridge.pending_count(), 0);
    assert!(!bridge.resolve(request.request_id, "late".into()));
}

#[tokio::test]
async fn concurrent_requests_are_answered_by_id_in_any_order() {
    let listener = Arc::new(Recorder::default());
    let bridge = bridge_with(&listener, 5_000);
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let p = bridge.clone().as_provider();
            tokio::spawn(async move { p.refresh_access_token(i % 2 == 0).await })
        })
        .collect();
    let requests = listener.wait_for(20).await;
    assert_eq!(requests.len(), 20);
    for r in requests.iter().rev() {
        assert!(bridge.resolve(r.request_id.clone(), format!("token-for-{}", r.request_id)));
    }
    let mut answers: Vec<String> = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap().unwrap());
    }
    let mut ids: Vec<String> = requests
        .iter()
        .map(|r| format!("token-for-{}", r.request_id))
        .collect();
    ids.sort();
    answers.sort();
    assert_eq!(answers, ids, "each request got its own answer");
}

#[tokio::test]
async fn requests_made_without_a_listener_are_delivered_when_one_subscribes() {
    let bridge = TokenRequestBridge::new(5_000);
    let p = bridge.clone().as_provider();
    let waiting = tokio::spawn(async move { p.refresh_access_token(true).await });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(bridge.pending_count(), 1, "held, not emitted");
    let listener = Arc::new(Recorder::default());
    listener.subscribe_to(&bridge);
    let request = listener.wait_for(1).await.remove(0);
    assert!(request.is_expired);
    listener.subscribe_to(&bridge);
    assert_eq!(listener.requests().len(), 1, "never delivered twice");
    assert!(bridge.resolve(request.request_id, "tok".into()));
    assert_eq!(waiting.await.unwrap().unwrap(), "tok");
}

#[tokio::test]
async fn cancel_all_fails_every_pending_request() {
    let listener = Arc::new(Recorder::default());
    let bridge = bridge_with(&listener, 60_000);
    let tasks: Vec<_> = (0..3)
        .map(|_| {
            let p = bridge.clone().as_provider();
            tokio::spawn(async move { p.refresh_access_token(false).await })
        })
        .collect();
    let requests = listener.wait_for(3).await;
    assert_eq!(bridge.cancel_all("module invalidated".into()), 3);
    for t in tasks {
        let err = t.await.unwrap().unwrap_err();
        assert_eq!(err.code(), "CANCELLED");
        assert!(err.to_string().contains("module invalidated"));
    }
    assert_eq!(bridge.pending_count(), 0);
    assert!(!bridge.resolve(requests[0].request_id.clone(), "late".into()));
}
