//! One test per defect of the field-hardening review (issue 22), each failing on the code
//! before its fix: a user switch while the first `initializeToken` waits for the platform's
//! clock, hostile `Date` headers, conference operations that overlap, a server that closes
//! every socket after its handshake, new tokens with an unchanged `exp`, credentials echoed
//! into errors, tokens that are not three base64url parts, and what a reconnect reports.
//! Against the emulator and its faults, or a fake server on 127.0.0.1 where the emulator
//! cannot misbehave that way.

mod common;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use common::conference::{member, wait_sockets};
use common::fake::{FakeServer, Reply};
use common::*;
use iapi_core::{
    config_for_base_url, measure_provider_round_trips, ConferenceEvent, ConferenceJoinOptions,
    DolbyIoIapi, IapiError, NativeConferenceJoinOptions, ParticipantStatus,
};
use iapi_emulator::{Fault, Route};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A JWT-shaped token with these claims (unsigned: only the core's schedule reads it).
fn token_with(claims: serde_json::Value) -> String {
    format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.c2lnbmF0dXJlLXNpZw",
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// A token expiring `in_ms` from now on the device's clock.
fn token_expiring_in(in_ms: i64) -> String {
    token_with(serde_json::json!({ "exp": (wall_ms() + in_ms) as f64 / 1000.0 }))
}

/// Authenticated calls every 100 ms for `how_long`; every one must succeed.
async fn calls_for(sdk: &DolbyIoIapi, how_long: Duration) {
    let start = Instant::now();
    while start.elapsed() < how_long {
        call(sdk)
            .await
            .unwrap_or_else(|e| panic!("after {:?}: {e}", start.elapsed()));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// Defect 1: the last `initialize*` to start wins.

/// `initializeToken(expired, A)` waits for the platform's clock (a slow probe here); a later
/// `initializeToken(valid, B)` resolves meanwhile. A must not take over when its probe answers:
/// it rejects with CANCELLED, and only B is asked for later refreshes.
#[tokio::test]
async fn an_initialize_overtaken_while_it_waits_for_the_clock_installs_nothing() {
    // The API host answers the clock probe (GET of its root) after 600 ms.
    let slow = FakeServer::start(|_| Reply {
        delay: Duration::from_millis(600),
        ..Reply::json(404, serde_json::json!({}))
    })
    .await;
    let sdk = DolbyIoIapi::new(config_for_base_url(slow.base_url.clone())).unwrap();
    let a = Scripted::new(|_, _| async { Ok(token_expiring_in(3_600_000)) });
    let b = Scripted::new(|_, _| async { Ok(token_expiring_in(3_600_000)) });
    let first = {
        let (sdk, a) = (sdk.clone(), a.clone());
        tokio::spawn(async move {
            sdk.initialize_token(Some(token_expiring_in(-60_000)), a.as_provider())
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(sdk
        .initialize_token(Some(token_expiring_in(2_000)), b.as_provider())
        .await
        .unwrap());
    let overtaken = first.await.unwrap().unwrap_err();
    assert_eq!(overtaken.code(), "CANCELLED", "{overtaken}");
    // B's token is refreshed at 1/2 of its 2 s, by B.
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(a.count(), 0, "the previous user's provider is never called");
    assert!(b.count() >= 1, "the newest provider refreshes");
}

// Defect 2: one `Date` header does not decide the platform's clock.

/// One response dated 2 h ahead made valid tokens look expired: calls failed with "the access
/// token provider returned an expired token" and the provider was called in a storm.
#[tokio::test]
async fn one_response_dated_two_hours_ahead_neither_fails_calls_nor_calls_the_provider() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let provider = Scripted::minting(&emu, 3600);
    sdk.initialize_token(Some(emu.mint_token(KEY, 3600)), provider.as_provider())
        .await
        .unwrap();
    call(&sdk).await.unwrap();
    emu.inject_fault(Route::Logout, Fault::DateOffset(7_200_000), Some(1));
    calls_for(&sdk, Duration::from_millis(1_500)).await;
    assert_eq!(provider.count(), 0, "no refresh: the token is valid");
}

/// A `Date` of year 9999 made every token look expired; one of 1970 stopped proactive
/// refreshes. Both are dropped: 2 s tokens keep being refreshed at their rhythm.
#[tokio::test]
async fn a_response_dated_9999_or_1970_keeps_the_refresh_rhythm() {
    for offset in [i64::MAX, i64::MIN] {
        let emu = emulator();
        let sdk = sdk(&emu);
        let provider = Scripted::minting(&emu, 2);
        sdk.initialize_token(None, provider.as_provider())
            .await
            .unwrap();
        call(&sdk).await.unwrap();
        emu.inject_fault(Route::Logout, Fault::DateOffset(offset), Some(1));
        let before = provider.count();
        calls_for(&sdk, Duration::from_millis(3_000)).await;
        let refreshes = provider.count() - before;
        // A refresh every 0.3 to 1 s (1/2 of the 1 to 2 s left, jitter): 3 to 10 in 3 s.
        assert!(
            (2..=12).contains(&refreshes),
            "offset {offset}: {refreshes} refreshes in 3 s"
        );
        assert!(
            provider.expired_flags()[1..].iter().all(|e| !e),
            "offset {offset}: {:?}",
            provider.expired_flags()
        );
    }
}

/// Every answer of one route dated 2 h ahead (a misconfigured edge node) while the platform
/// accepts the token: the estimate never calls a token the platform just accepted expired.
#[tokio::test]
async fn dates_that_contradict_a_token_the_platform_accepts_are_ignored() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let provider = Scripted::minting(&emu, 3600);
    sdk.initialize_token(Some(emu.mint_token(KEY, 3600)), provider.as_provider())
        .await
        .unwrap();
    emu.inject_fault(Route::Logout, Fault::DateOffset(7_200_000), None);
    calls_for(&sdk, Duration::from_millis(2_500)).await;
    assert_eq!(provider.count(), 0, "{:?}", provider.expired_flags());
}

// Defect 3: conference operations of one SDK instance are ordered.

/// `session.close()` while a join is in flight left a ghost: `current()` returned the
/// conference, the participant stayed CONNECTED on the platform, and `leave()` failed.
#[tokio::test]
async fn closing_the_session_during_a_join_leaves_no_ghost_conference() {
    let emu = emulator();
    let (alice, alice_id, _) = member(&emu, "Alice").await;
    let (bob, _, _) = member(&emu, "Bob").await;
    let conf = bob.conference().create(None).await.unwrap();
    emu.inject_fault(
        Route::ConferenceJoin,
        Fault::Latency(Duration::from_millis(500)),
        Some(1),
    );
    let join = {
        let (alice, id) = (alice.clone(), conf.id.clone());
        tokio::spawn(async move { alice.conference().join(id, None).await })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    alice.session().close().await.unwrap();
    let _ = join.await.unwrap();
    assert!(alice.conference().current().await.unwrap().is_none());
    let on_platform = bob.conference().fetch(conf.id.clone()).await.unwrap();
    let status = on_platform
        .participants
        .iter()
        .find(|p| p.id == alice_id)
        .map(|p| p.status);
    assert_ne!(status, Some(ParticipantStatus::Connected), "no ghost");
}

/// Two overlapping joins left the participant CONNECTED in both conferences; now the second
/// runs after the first and leaves it.
#[tokio::test]
async fn overlapping_joins_leave_the_participant_in_the_last_conference_only() {
    let emu = emulator();
    let (alice, alice_id, _) = member(&emu, "Alice").await;
    let first = alice.conference().create(None).await.unwrap();
    let second = alice.conference().create(None).await.unwrap();
    emu.inject_fault(
        Route::ConferenceJoin,
        Fault::Latency(Duration::from_millis(500)),
        Some(1),
    );
    let join_first = {
        let (alice, id) = (alice.clone(), first.id.clone());
        tokio::spawn(async move { alice.conference().join(id, None).await })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    alice
        .conference()
        .join(second.id.clone(), None)
        .await
        .unwrap();
    join_first.await.unwrap().unwrap();
    let status_in = |conf: String| {
        let alice = alice.clone();
        let me = alice_id.clone();
        async move {
            let c = alice.conference().fetch(conf).await.unwrap();
            c.participants.iter().find(|p| p.id == me).unwrap().status
        }
    };
    assert_eq!(status_in(first.id.clone()).await, ParticipantStatus::Left);
    assert_eq!(
        status_in(second.id.clone()).await,
        ParticipantStatus::Connected
    );
    let current = alice.conference().current().await.unwrap().unwrap();
    assert_eq!(current.id, second.id);
    // A leave called while a join is in flight leaves that conference once it joined (a
    // fresh one: the first ENDED when Alice left it, nobody being in it).
    let third = alice.conference().create(None).await.unwrap();
    emu.inject_fault(
        Route::ConferenceJoin,
        Fault::Latency(Duration::from_millis(400)),
        Some(1),
    );
    let join_third = {
        let (alice, id) = (alice.clone(), third.id.clone());
        tokio::spawn(async move { alice.conference().join(id, None).await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    alice.conference().leave().await.unwrap();
    join_third.await.unwrap().unwrap();
    assert!(alice.conference().current().await.unwrap().is_none());
    assert_eq!(status_in(second.id).await, ParticipantStatus::Left);
    assert_eq!(status_in(third.id).await, ParticipantStatus::Left);
}

// Defect 4: reconnects back off when every socket closes right after its handshake.

/// Any connection that opened reset the backoff: about 12 connections (and resync fetches) in
/// 3 s against a server that closes each socket after its handshake. Now 250 ms doubling (with
/// jitter): at most 5 in 3 s.
#[tokio::test]
async fn a_server_closing_every_socket_after_its_handshake_is_not_hammered() {
    let emu = emulator();
    let (alice, _, _) = member(&emu, "Alice").await;
    let conf = alice.conference().create(None).await.unwrap();
    alice.conference().join(conf.id, None).await.unwrap();
    wait_sockets(&emu, 1).await;
    emu.inject_fault(Route::SessionWs, Fault::CloseAfterHandshake, None);
    let (sockets, fetches) = (
        emu.request_count(Route::SessionWs),
        emu.request_count(Route::ConferenceFetch),
    );
    emu.drop_websockets();
    tokio::time::sleep(Duration::from_millis(3_000)).await;
    let connections = emu.request_count(Route::SessionWs) - sockets;
    let resyncs = emu.request_count(Route::ConferenceFetch) - fetches;
    assert!(
        (2..=6).contains(&connections),
        "{connections} connections in 3 s"
    );
    assert!(resyncs <= 6, "{resyncs} resync fetches in 3 s");
    // The server recovers: the stream reconnects.
    emu.clear_faults();
    emu.drop_websockets();
    wait_sockets(&emu, 1).await;
}

// Defect 5: a new token with the same `exp` keeps the plan.

/// New token texts with an unchanged `exp` were each re-planned from their arrival: 6 calls in
/// 3.9 s for one 5 s lifetime. Now 1/2 and 3/4 of it, then expiry.
#[tokio::test]
async fn new_tokens_with_an_unchanged_exp_keep_the_plan() {
    let emu = emulator();
    let sdk = sdk(&emu);
    align_to_second().await;
    let exp = (wall_ms() / 1000 + 5) as f64;
    let provider = Scripted::new(move |n, _| async move {
        Ok(token_with(serde_json::json!({ "exp": exp, "jti": n })))
    });
    let start = Instant::now();
    sdk.initialize_token(
        Some(token_with(
            serde_json::json!({ "exp": exp, "jti": "first" }),
        )),
        provider.as_provider(),
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(3_900)).await;
    let timeline = provider.timeline(start);
    assert_eq!(timeline.len(), 2, "only 1/2 and 3/4: {timeline:?}");
}

// Defect 6: credentials never reach an error message.

/// A token endpoint (or proxy) that echoes the request's headers put `Authorization: Basic
/// base64(key:secret)` into a SERVER error's message.
#[tokio::test]
async fn an_echoed_authorization_header_never_reaches_an_error_message() {
    let echo = FakeServer::start(|request| {
        let headers = request.headers.join("\n");
        Reply::json(
            502,
            serde_json::json!({
                "error_code": 7,
                "error_reason": "Bad_gateway",
                "error_description": format!("upstream refused {} {}: {headers}; escaped: {}",
                    request.method, request.path, serde_json::to_string(&headers).unwrap()),
            }),
        )
    })
    .await;
    let sdk = DolbyIoIapi::new(config_for_base_url(echo.base_url.clone())).unwrap();
    let (key, secret) = ("field-key-0042", "field/secret+value==");
    let err = sdk.initialize(key.into(), secret.into()).await.unwrap_err();
    assert_eq!(err.code(), "SERVER", "{err}");
    let basic = STANDARD.encode(format!("{key}:{secret}"));
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("upstream refused"), "{shown}");
    for secret in [basic.as_str(), basic.trim_end_matches('='), key, secret] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(echo.requests() >= 1);
}

/// The shutdown reason was copied into every CANCELLED message unredacted.
#[tokio::test]
async fn a_shutdown_reason_never_carries_a_token_into_cancelled_messages() {
    let emu = emulator();
    let (host, shim) = common::shim::host_with(config(&emu));
    let token = emu.mint_token(KEY, 3600);
    let init = {
        let host = host.clone();
        tokio::spawn(async move { host.initialize_token(None).await })
    };
    let _request = shim.request().await;
    host.shutdown(format!("torn down while holding Bearer {token}"));
    let err = init.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "CANCELLED");
    let later = host.session_is_open().await.unwrap_err();
    for e in [err, later] {
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains(&token), "{shown}");
        assert!(!shown.contains(token.split('.').nth(1).unwrap()), "{shown}");
    }
}

/// `measure_provider_round_trips` returned provider errors as they were.
#[tokio::test]
async fn provider_round_trip_measurements_scrub_provider_errors() {
    let emu = emulator();
    let token = emu.mint_token(KEY, 3600);
    let basic = STANDARD.encode("bench-key:bench-secret");
    let reason = format!("refused Authorization: Basic {basic} with {token}");
    let provider = Scripted::new(move |_, _| {
        let reason = reason.clone();
        async move { Err(IapiError::TokenRefreshFailed { reason }) }
    });
    let err = measure_provider_round_trips(provider.as_provider(), 3)
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(&basic), "{shown}");
    assert!(!shown.contains(&token), "{shown}");
}

/// The derived `Debug` of both join-options types printed the conference access token.
#[test]
fn join_options_debug_never_prints_the_conference_access_token() {
    let secret = "conf-access-token-ABC123".to_string();
    let core = format!(
        "{:?}",
        ConferenceJoinOptions {
            conference_access_token: Some(secret.clone()),
            ..ConferenceJoinOptions::default()
        }
    );
    let native = format!(
        "{:?}",
        NativeConferenceJoinOptions {
            conference_access_token: Some(secret.clone()),
            participant_type: Some("USER".into()),
        }
    );
    for shown in [core, native] {
        assert!(!shown.contains(&secret), "{shown}");
        assert!(shown.contains("conference_access_token"), "{shown}");
    }
}

// Defect 7: a token that is not three base64url parts is a failed refresh.

/// A token with a NUL after it (its payload still decodes) was accepted: `initializeToken`
/// resolved true, then every call failed with NETWORK "transport error".
#[tokio::test]
async fn a_token_that_is_not_three_base64url_parts_is_refreshed_or_a_failed_refresh() {
    let emu = emulator();
    let bad = format!("{}\0", emu.mint_token(KEY, 3600));
    // The app's initial token is such text: the provider is asked, with is_expired = true.
    let sdk = sdk(&emu);
    let provider = Scripted::minting(&emu, 3600);
    sdk.initialize_token(Some(bad.clone()), provider.as_provider())
        .await
        .unwrap();
    assert_eq!(provider.expired_flags(), [true]);
    call(&sdk).await.expect("the provider's token is used");
    // A provider that keeps returning such text: TOKEN_REFRESH_FAILED.
    let sdk = common::sdk(&emu);
    let b = bad.clone();
    let provider = Scripted::new(move |_, _| {
        let b = b.clone();
        async move { Ok(b) }
    });
    let err = sdk
        .initialize_token(Some(bad), provider.as_provider())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "TOKEN_REFRESH_FAILED", "{err}");
    assert_eq!(provider.count(), 1);
}

// Defect 8: a reconnect reports only what changed while the socket was down.

/// After a reconnect in which nothing changed, the listener got "added Bob" and "status
/// JOINED" for a participant and a status that were there before the local participant
/// joined.
#[tokio::test]
async fn a_reconnect_reports_nothing_that_was_there_before_the_join() {
    let emu = emulator();
    let (bob, _, _) = member(&emu, "Bob").await;
    let conf = bob.conference().create(None).await.unwrap();
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    let (alice, alice_id, events) = member(&emu, "Alice").await;
    wait_sockets(&emu, 2).await;
    alice
        .conference()
        .join(conf.id.clone(), None)
        .await
        .unwrap();
    events
        .wait("Alice's own join", |e| {
            matches!(e, ConferenceEvent::ParticipantAdded { participant, .. } if participant.id == alice_id)
        })
        .await;
    let seen = events.len();
    let fetches = emu.request_count(Route::ConferenceFetch);
    emu.drop_websockets();
    wait_sockets(&emu, 2).await;
    // Wait for Alice's resync fetch, then a little for its events.
    for _ in 0..500 {
        if emu.request_count(Route::ConferenceFetch) > fetches {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        emu.request_count(Route::ConferenceFetch) > fetches,
        "resynced"
    );
    assert_eq!(events.since(seen), vec![], "nothing changed");
    // What changes during a gap is still reported.
    emu.refuse_websockets(Duration::from_millis(800));
    emu.drop_websockets();
    bob.conference().leave().await.unwrap();
    events
        .wait_from(seen, "Bob's leave", |e| {
            matches!(e, ConferenceEvent::ParticipantRemoved { .. })
        })
        .await;
    let _ = Arc::clone(&alice);
}
