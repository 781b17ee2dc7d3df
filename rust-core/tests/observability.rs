//! What the SDK is doing, as the host emits it: the event connection's states, the access
//! token's states with the trigger and outcome of every refresh, and log records at a level
//! (never a secret), through the real core against the emulator.

mod common;
use common::shim::{host_with, Event, Shim};
use common::*;
use iapi_core::{
    NativeConferenceCreateOptions, NativeConnectionState, NativeModuleHost, NativeTokenState,
};
use iapi_emulator::{Emulator, Fault, Route};
use std::sync::Arc;
use std::time::Duration;

fn host(emu: &Emulator) -> (Arc<NativeModuleHost>, Arc<Shim>) {
    host_with(config(emu))
}

fn names(states: &[NativeConnectionState]) -> Vec<String> {
    states.iter().map(|s| s.state.clone()).collect()
}

/// `(trigger, outcome)` of each token state that a refresh made, in order.
fn refreshes(states: &[NativeTokenState]) -> Vec<(String, String)> {
    states
        .iter()
        .filter_map(|s| s.refresh.as_ref())
        .map(|r| {
            (
                r.trigger.clone(),
                r.outcome.clone().unwrap_or_else(|| "STARTED".into()),
            )
        })
        .collect()
}

fn has_refresh(trigger: &'static str, outcome: &'static str) -> impl Fn(&Event) -> Option<()> {
    move |e| match e {
        Event::Token(s) => s
            .refresh
            .as_ref()
            .filter(|r| {
                r.trigger == trigger && r.outcome.as_deref().unwrap_or("STARTED") == outcome
            })
            .map(|_| ()),
        _ => None,
    }
}

fn has_connection(state: &'static str, after: usize) -> impl Fn(&Event) -> Option<()> {
    move |e| match e {
        Event::Connection(s) if s.state == state && s.sequence as usize > after => Some(()),
        _ => None,
    }
}

/// Answers every token request with what `answer` makes of the trigger of the refresh that
/// asked (read from the token state emitted just before the request).
fn answer_requests(
    host: &Arc<NativeModuleHost>,
    shim: &Arc<Shim>,
    answer: impl Fn(&str) -> Result<String, String> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    let (host, shim) = (host.clone(), shim.clone());
    tokio::spawn(async move {
        let mut answered = 0;
        loop {
            let events = shim.events();
            let mut trigger = String::new();
            let mut requests = 0;
            for event in &events {
                match event {
                    Event::Token(s) => {
                        if let Some(r) = s.refresh.as_ref().filter(|r| r.outcome.is_none()) {
                            trigger = r.trigger.clone();
                        }
                    }
                    Event::Request(r) => {
                        requests += 1;
                        if requests > answered {
                            answered = requests;
                            match answer(&trigger) {
                                Ok(token) => {
                                    host.resolve_access_token_request(r.request_id.clone(), token)
                                }
                                Err(why) => {
                                    host.reject_access_token_request(r.request_id.clone(), why)
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
}

#[tokio::test]
async fn the_connection_goes_connecting_connected_reconnecting_with_attempts_connected_disconnected(
) {
    let emu = emulator();
    let (host, shim) = host(&emu);
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    assert_eq!(
        host.session_get_connection_state().await.unwrap().state,
        "DISCONNECTED"
    );
    host.session_open(None).await.unwrap();
    shim.wait("CONNECTED", has_connection("CONNECTED", 0)).await;

    // A gap longer than the first attempts: dropped without a close frame, handshakes refused.
    emu.refuse_websockets(Duration::from_millis(1200));
    assert_eq!(emu.drop_websockets(), 1);
    shim.wait("CONNECTED again", has_connection("CONNECTED", 2))
        .await;
    host.session_close().await.unwrap();

    let states = shim.connection_states();
    let seen = names(&states);
    assert_eq!(seen[..2], ["CONNECTING", "CONNECTED"]);
    assert_eq!(seen[seen.len() - 2..], ["CONNECTED", "DISCONNECTED"]);
    let reconnecting = &states[2..states.len() - 2];
    assert!(reconnecting.len() >= 2, "several attempts: {seen:?}");
    for (i, s) in reconnecting.iter().enumerate() {
        assert_eq!(s.state, "RECONNECTING", "{seen:?}");
        assert_eq!(
            s.attempt,
            Some(i as f64 + 1.0),
            "attempts count up: {states:?}"
        );
        assert!(s.retry_in_ms.is_some_and(|ms| ms > 0.0), "{s:?}");
    }
    // The drop broke the socket; later attempts were refused by the server.
    assert_eq!(reconnecting[0].reason.as_deref(), Some("NETWORK"));
    assert_eq!(reconnecting[1].reason.as_deref(), Some("SERVER"));
    // Each change once, in order.
    for (i, s) in states.iter().enumerate() {
        assert_eq!(s.sequence, i as f64 + 1.0, "{states:?}");
    }
    let now = host.session_get_connection_state().await.unwrap();
    assert_eq!(&now, states.last().unwrap());
}

#[tokio::test]
async fn every_refresh_says_its_trigger_and_outcome_and_the_state_follows() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    // A 4 s token, answered with itself at 1/2 and 3/4 (the same exp keeps the plan), which is
    // expired at expiry (FAILED); the retry gets a fresh hour-long token.
    let short = emu.mint_token(KEY, 4);
    let fresh = emu.mint_token(KEY, 3600);
    let (s, f) = (short.clone(), fresh.clone());
    let _answers = answer_requests(&host, &shim, move |trigger| match trigger {
        "RETRY" => Ok(f.clone()),
        _ => Ok(s.clone()),
    });
    host.initialize_token(Some(short.clone())).await.unwrap();
    let first = host.get_token_state().await.unwrap();
    assert_eq!(first.state, "VALID");
    assert!(first.refresh.is_none(), "a valid token needs no refresh");
    assert!(first.expires_at.is_some() && first.next_refresh_at.is_some());

    shim.wait_for(
        "the retry's token",
        Duration::from_secs(10),
        has_refresh("RETRY", "REFRESHED"),
    )
    .await;
    let states = shim.token_states();
    assert_eq!(
        refreshes(&states),
        [
            ("HALF_LIFE", "STARTED"),
            ("HALF_LIFE", "REFRESHED"),
            ("THREE_QUARTERS", "STARTED"),
            ("THREE_QUARTERS", "REFRESHED"),
            ("EXPIRY", "STARTED"),
            ("EXPIRY", "FAILED"),
            ("RETRY", "STARTED"),
            ("RETRY", "REFRESHED"),
        ]
        .map(|(t, o)| (t.to_string(), o.to_string()))
    );
    let failed = states
        .iter()
        .find(|s| s.refresh.as_ref().and_then(|r| r.outcome.as_deref()) == Some("FAILED"))
        .unwrap();
    assert_eq!(failed.state, "EXPIRED", "{failed:?}");
    let refresh = failed.refresh.as_ref().unwrap();
    assert_eq!(refresh.error_code.as_deref(), Some("TOKEN_REFRESH_FAILED"));
    assert!(refresh
        .error_message
        .as_deref()
        .unwrap()
        .contains("expired"));
    assert!(failed.next_refresh_at.is_some(), "a retry is planned");
    let refreshing: Vec<_> = states
        .iter()
        .filter(|s| s.refresh.as_ref().is_some_and(|r| r.outcome.is_none()))
        .collect();
    assert!(refreshing.iter().all(|s| s.state == "REFRESHING"));
    let last = states.last().unwrap();
    assert_eq!(last.state, "VALID");
    assert!(last.expires_at.unwrap() > first.expires_at.unwrap() + 3_000_000.0);
    assert_eq!(host.get_token_state().await.unwrap(), *last);
    for pair in states.windows(2) {
        assert_eq!(pair[1].sequence, pair[0].sequence + 1.0, "{states:?}");
    }
}

#[tokio::test]
async fn initialize_unauthorized_call_and_resume_refreshes_are_reported() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let _answers = {
        let emu = emu.clone();
        answer_requests(&host, &shim, move |trigger| match trigger {
            // The resume test below needs a short token after the call's refresh.
            "CALL" => Ok(emu.mint_token(KEY, 2)),
            _ => Ok(emu.mint_token(KEY, 3600)),
        })
    };
    // INITIALIZE: no token yet.
    host.initialize_token(None).await.unwrap();
    shim.wait("INITIALIZE", has_refresh("INITIALIZE", "REFRESHED"))
        .await;

    // UNAUTHORIZED: the platform revoked the token; the call refreshes and succeeds.
    refuse_next_create(&emu);
    host.conference_create(None).await.unwrap();
    shim.wait("UNAUTHORIZED", has_refresh("UNAUTHORIZED", "REFRESHED"))
        .await;

    // CALL: the schedule sleeps (as on a sleeping phone) while a 1 s token expires; the next
    // call refreshes.
    host.initialize_token(Some(emu.mint_token(KEY, 1)))
        .await
        .unwrap();
    host.pause_schedule_for_tests();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    host.conference_create(None).await.unwrap();
    shim.wait("CALL", has_refresh("CALL", "REFRESHED")).await;

    // RESUME: asleep past the 1/2 milestone of the call's 2 s token; resuming refreshes now.
    host.pause_schedule_for_tests();
    tokio::time::sleep(Duration::from_millis(1300)).await;
    host.resume();
    shim.wait("RESUME", has_refresh("RESUME", "REFRESHED"))
        .await;
}

/// Makes the platform refuse the token of the next conference creation once (401), as a
/// revoked token does.
fn refuse_next_create(emu: &Emulator) {
    emu.inject_fault(Route::ConferenceCreate, Fault::Status(401), Some(1));
}

#[tokio::test]
async fn a_newer_initialize_supersedes_a_refresh_and_a_rejected_one_fails_with_its_code() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let pending = {
        let host = host.clone();
        tokio::spawn(async move { host.initialize_token(None).await })
    };
    shim.request().await;
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    assert_eq!(pending.await.unwrap().unwrap_err().code(), "CANCELLED");
    let states = shim.token_states();
    assert_eq!(
        refreshes(&states),
        [("INITIALIZE", "STARTED"), ("INITIALIZE", "SUPERSEDED")]
            .map(|(t, o)| (t.to_string(), o.to_string()))
    );
    assert_eq!(states.last().unwrap().state, "VALID");

    // A rejected request: FAILED with the code; no token, none before: NONE.
    let (host, shim) = host_with(config(&emu));
    let _answers = answer_requests(&host, &shim, |_| Err("backend down".into()));
    let error = host.initialize_token(None).await.unwrap_err();
    assert_eq!(error.code(), "TOKEN_REFRESH_FAILED");
    let last = shim.token_states().pop().unwrap();
    assert_eq!(last.state, "NONE");
    let refresh = last.refresh.unwrap();
    assert_eq!(refresh.outcome.as_deref(), Some("FAILED"));
    assert_eq!(refresh.error_code.as_deref(), Some("TOKEN_REFRESH_FAILED"));
    assert!(refresh.error_message.unwrap().contains("backend down"));
}

#[tokio::test]
async fn log_levels_are_checked_and_the_platform_log_can_be_turned_off() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    for bad in ["LOUD", "warn", ""] {
        let error = host.set_log_level(bad.into(), true).await.unwrap_err();
        assert_eq!(error.code(), "INVALID_ARGUMENT", "{bad}");
    }
    host.set_log_level("DEBUG".into(), false).await.unwrap();
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    host.conference_create(None).await.unwrap();
    let record = shim
        .wait("a request record", |e| match e {
            Event::Log(r) if r.message.contains("/v1/conferences/create") => Some(r.clone()),
            _ => None,
        })
        .await;
    assert_eq!(record.level, "DEBUG");
    assert!(record.target.starts_with("iapi_core::"), "{record:?}");
    assert!(record.message.contains("POST") && record.message.contains("200"));
    assert!(
        !shim
            .events()
            .iter()
            .any(|e| matches!(e, Event::PlatformLog(_))),
        "the platform log is off"
    );
    host.shutdown("test over".into());
    let error = host.set_log_level("INFO".into(), true).await.unwrap_err();
    assert_eq!(error.code(), "CANCELLED");
}

#[tokio::test]
async fn at_trace_a_full_lifecycle_logs_no_token_key_secret_or_basic_form() {
    use base64::Engine;
    let emu = emulator();
    let (host, shim) = host(&emu);
    host.set_log_level("TRACE".into(), true).await.unwrap();
    // Key and secret: the core fetches its own tokens; a 500 and a 401 on the way.
    emu.inject_fault(Route::Token, Fault::Status(500), Some(1));
    assert!(host.initialize(KEY.into(), SECRET.into()).await.is_err());
    host.initialize(KEY.into(), SECRET.into()).await.unwrap();
    host.session_open(None).await.unwrap();
    let conference = host
        .conference_create(Some(NativeConferenceCreateOptions {
            alias: Some("trace".into()),
            params: None,
        }))
        .await
        .unwrap();
    host.conference_join(conference.id.clone(), None)
        .await
        .unwrap();
    shim.wait("CONNECTED", has_connection("CONNECTED", 0)).await;
    refuse_next_create(&emu);
    host.conference_create(None).await.unwrap();
    emu.drop_websockets();
    shim.wait("reconnected", has_connection("CONNECTED", 2))
        .await;
    // Then an app token provider: a rejected refresh and an accepted one.
    let tokens = Arc::new(std::sync::Mutex::new(Vec::new()));
    let _answers = {
        let (emu, tokens) = (emu.clone(), tokens.clone());
        let first = std::sync::Mutex::new(true);
        answer_requests(&host, &shim, move |_| {
            let token = emu.mint_token(KEY, 3600);
            tokens.lock().unwrap().push(token.clone());
            if std::mem::replace(&mut *first.lock().unwrap(), false) {
                Err(format!("refused {token}"))
            } else {
                Ok(token)
            }
        })
    };
    let _ = host.initialize_token(None).await;
    host.initialize_token(None).await.unwrap();
    host.conference_leave(true).await.unwrap();

    let mut secrets = vec![
        KEY.to_string(),
        SECRET.to_string(),
        base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:{SECRET}")),
    ];
    secrets.extend(tokens.lock().unwrap().iter().cloned());
    let mut texts = Vec::new();
    for event in shim.events() {
        match event {
            Event::Log(r) | Event::PlatformLog(r) => {
                texts.push(format!("{} {}", r.target, r.message))
            }
            Event::Token(s) => texts.push(format!("{s:?}")),
            Event::Connection(s) => texts.push(format!("{s:?}")),
            _ => {}
        }
    }
    let logs = shim.logs();
    for expected in [
        "POST /v1/oauth2/token",
        "POST /v1/conferences/create",
        "refresh",
        "event connection down",
    ] {
        assert!(
            logs.iter().any(|r| r.message.contains(expected)),
            "no record about {expected:?}: {logs:#?}"
        );
    }
    for text in &texts {
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "a secret in {text:?}");
        }
        assert!(!text.contains("eyJ"), "token-shaped text in {text:?}");
    }
}

#[tokio::test]
async fn a_host_at_the_default_level_forwards_warnings_only() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let _answers = answer_requests(&host, &shim, |_| Err("nope".into()));
    assert!(host.initialize_token(None).await.is_err());
    let record = shim
        .wait("the failed refresh's warning", |e| match e {
            Event::Log(r) if r.message.contains("refresh failed") => Some(r.clone()),
            _ => None,
        })
        .await;
    assert_eq!(record.level, "WARN");
    assert!(shim
        .logs()
        .iter()
        .all(|r| r.level == "WARN" || r.level == "ERROR"));
    // By default the same records also go to the platform log, first.
    let platform: Vec<_> = shim
        .events()
        .into_iter()
        .filter_map(|e| match e {
            Event::PlatformLog(r) => Some(r),
            _ => None,
        })
        .collect();
    assert!(platform.contains(&record));
}

#[tokio::test]
async fn each_module_gets_the_records_of_its_own_work_only() {
    let emu = emulator();
    let (a, a_shim) = host(&emu);
    let (b, b_shim) = host(&emu);
    for host in [&a, &b] {
        host.set_log_level("TRACE".into(), false).await.unwrap();
        host.initialize_token(Some(emu.mint_token(KEY, 3600)))
            .await
            .unwrap();
    }
    let alias = |name: &str| NativeConferenceCreateOptions {
        alias: Some(name.into()),
        params: None,
    };
    a.conference_create(Some(alias("a"))).await.unwrap();
    a.session_open(None).await.unwrap();
    a_shim
        .wait("A's socket", has_connection("CONNECTED", 0))
        .await;
    b.conference_create(Some(alias("b"))).await.unwrap();
    let creates = |shim: &Shim| {
        shim.logs()
            .iter()
            .filter(|r| r.message.contains("/v1/conferences/create"))
            .count()
    };
    b_shim
        .wait("B's record", |e| match e {
            Event::Log(r) if r.message.contains("/v1/conferences/create") => Some(()),
            _ => None,
        })
        .await;
    // A's identify and its event stream (a task A's call started) are A's only.
    assert!(a_shim
        .logs()
        .iter()
        .any(|r| r.message.contains("/v2/users/identify")));
    assert!(a_shim
        .logs()
        .iter()
        .any(|r| r.message.contains("event connection up")));
    assert!(!b_shim
        .logs()
        .iter()
        .any(|r| r.message.contains("identify") || r.message.contains("event connection")));
    assert_eq!((creates(&a_shim), creates(&b_shim)), (1, 1));
}
