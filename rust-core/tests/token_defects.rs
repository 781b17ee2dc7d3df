//! One test per defect found in the adversarial review of the token lifecycle (issue 14), each
//! failing on the code before its fix; plus late-handed tokens, device clock skew and resume.

mod common;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use iapi_core::IapiError;
use iapi_emulator::{App, Emulator, EmulatorConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A JWT-shaped token with these claims (unsigned: only the core's schedule reads it).
fn token_with(claims: serde_json::Value) -> String {
    format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.c2lnbmF0dXJlLXNpZw",
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

fn secs(ms: i64) -> f64 {
    ms as f64 / 1000.0
}

/// Defect 1: a negative or huge `iat` overflowed `exp - iat`; now `iat` is not used at all.
#[tokio::test]
async fn a_wild_iat_neither_fails_initialization_nor_drops_refreshes() {
    let emu = emulator();
    for iat in [-9.0e18, 1.0e300] {
        let sdk = sdk(&emu);
        let provider = Scripted::minting(&emu, 3600);
        let token = token_with(serde_json::json!({ "exp": secs(wall_ms() + 1000), "iat": iat }));
        sdk.initialize_token(Some(token), provider.as_provider())
            .await
            .expect("a wild iat is ignored");
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(provider.expired_flags(), vec![false], "refreshed at 1/2");
    }
}

/// Defect 2: a provider that panicked left its finished refresh "in flight" for good.
#[tokio::test]
async fn a_panicking_provider_is_a_failed_refresh_and_the_next_call_asks_again() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let e = emu.clone();
    let provider = Scripted::new(move |n, _| {
        if n == 0 {
            panic!("provider bug");
        }
        let t = e.mint_token(KEY, 3600);
        async move { Ok(t) }
    });
    let err = sdk
        .initialize_token(None, provider.as_provider())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "TOKEN_REFRESH_FAILED", "{err}");
    call(&sdk).await.expect("the provider is asked again");
    assert_eq!(provider.count(), 2);
}

/// Defect 3: a provider's own `Cancelled` error ended the schedule (no 3/4, no expiry call).
#[tokio::test]
async fn a_provider_returning_cancelled_does_not_end_the_schedule() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let provider = Scripted::new(|_, _| async {
        Err(IapiError::Cancelled {
            reason: "the app cancelled".into(),
        })
    });
    align_to_second().await;
    sdk.initialize_token(Some(emu.mint_token(KEY, 2)), provider.as_provider())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(2200)).await;
    // 1/2, 3/4 and expiry (then maybe a first backoff retry, which may follow within 100 ms).
    let flags = provider.expired_flags();
    assert_eq!(flags[..3], [false, false, true], "{flags:?}");
    assert!(flags.len() <= 5, "{flags:?}");
}

/// Defect 4: a token followed by a period in a foreign message was not redacted.
#[tokio::test]
async fn a_token_before_a_period_in_a_provider_error_is_redacted() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let leaked = emu.mint_token(KEY, 3600);
    let l = leaked.clone();
    let provider = Scripted::new(move |_, _| {
        let reason = format!("invalid token {l}.");
        async move { Err(IapiError::TokenRefreshFailed { reason }) }
    });
    let err = sdk
        .initialize_token(None, provider.as_provider())
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(&leaked), "{shown}");
    assert!(shown.contains("invalid token <token>."), "{shown}");
}

/// Defect 5: the same token returned again was re-planned from each receipt (1/2, 3/4, 7/8, ...).
#[tokio::test]
async fn the_same_token_returned_again_keeps_its_plan() {
    let emu = emulator();
    let sdk = sdk(&emu);
    align_to_second().await;
    let token = emu.mint_token(KEY, 4);
    let same = token.clone();
    let provider = Scripted::new(move |_, _| {
        let t = same.clone();
        async move { Ok(t) }
    });
    let start = Instant::now();
    sdk.initialize_token(Some(token), provider.as_provider())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(3800)).await;
    let timeline = provider.timeline(start);
    assert_eq!(timeline.len(), 2, "only 1/2 and 3/4: {timeline:?}");
}

/// Defect 7: a token handed over late in its life was first refreshed at expiry, with
/// `is_expired = true`; now at 1/2 of the time it had left, before expiry.
#[tokio::test]
async fn a_token_handed_over_late_is_refreshed_before_it_expires() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let provider = Scripted::minting(&emu, 3600);
    let now = wall_ms();
    // A 60 s token with 4 s left.
    let token =
        token_with(serde_json::json!({ "exp": secs(now + 4000), "iat": secs(now - 56_000) }));
    let start = Instant::now();
    sdk.initialize_token(Some(token), provider.as_provider())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(2400)).await;
    let timeline = provider.timeline(start);
    assert_eq!(timeline.len(), 1, "{timeline:?}");
    let (at, expired) = timeline[0];
    assert!(!expired, "{timeline:?}");
    // 1/2 of the 4 s left (2 s), jitter up to 1/6 of it earlier.
    assert!((1300..=2300).contains(&at), "{timeline:?}");
}

/// Defect 8: a device clock far from the platform's made every token look expired (ahead) or
/// delayed every refresh (behind). Both ways, refreshes keep their rhythm and no call fails.
#[tokio::test]
async fn a_device_clock_two_hours_off_either_way_keeps_the_rhythm() {
    for offset_ms in [7_200_000i64, -7_200_000] {
        // The platform's clock is `offset_ms` from the device's.
        let emu = Arc::new(
            Emulator::start(EmulatorConfig {
                apps: vec![App::new(KEY, SECRET)],
                clock_offset_ms: offset_ms,
                ..EmulatorConfig::default()
            })
            .unwrap(),
        );
        let sdk = sdk(&emu);
        let provider = Scripted::minting(&emu, 2);
        sdk.initialize_token(None, provider.as_provider())
            .await
            .unwrap_or_else(|e| panic!("offset {offset_ms}: {e}"));
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(4500) {
            call(&sdk)
                .await
                .unwrap_or_else(|e| panic!("offset {offset_ms}: {e}"));
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let flags = provider.expired_flags();
        // One initial call (no token), then a refresh at 1/2 of each token's time left: 2 s
        // tokens with whole-second `exp` have 1 to 2 s left at receipt, and jitter moves the
        // refresh up to 1/6 of that earlier, so one every 0.3 to 1 s. Without the clock fix: 2
        // refreshes (behind), or failed calls (ahead).
        assert!(flags[0], "offset {offset_ms}: {flags:?}");
        assert!(
            flags[1..].iter().all(|e| !e),
            "offset {offset_ms}: {flags:?}"
        );
        assert!(
            (4..=15).contains(&(flags.len() - 1)),
            "offset {offset_ms}: {} refreshes in 4.5 s",
            flags.len() - 1
        );
    }
}

/// Defect 9: a second `initialize_token` failed calls waiting for a refresh with CANCELLED.
#[tokio::test]
async fn calls_waiting_for_a_refresh_go_on_with_a_new_initialization() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let slow = Scripted::new(|_, _| async {
        tokio::time::sleep(Duration::from_secs(3)).await;
        Err(IapiError::TokenRefreshFailed {
            reason: "too slow".into(),
        })
    });
    sdk.initialize_token(None, slow.as_provider())
        .await
        .expect_err("hangs for 3 s, then fails");
    // A call now waits for the slow provider's next refresh...
    let waiting = {
        let sdk = sdk.clone();
        tokio::spawn(async move { call(&sdk).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    // ...when the app initializes again with a valid token.
    let fresh = Scripted::minting(&emu, 3600);
    sdk.initialize_token(Some(emu.mint_token(KEY, 3600)), fresh.as_provider())
        .await
        .unwrap();
    waiting
        .await
        .unwrap()
        .expect("the waiting call goes on with the new token");
}

/// Defect 11: timers stop while a phone sleeps; `resume` re-evaluates at once.
#[tokio::test]
async fn resume_refreshes_at_once_when_a_milestone_passed_while_asleep() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let provider = Scripted::minting(&emu, 2);
    align_to_second().await;
    sdk.initialize_token(Some(emu.mint_token(KEY, 2)), provider.as_provider())
        .await
        .unwrap();
    sdk.pause_schedule_for_tests();
    tokio::time::sleep(Duration::from_millis(1300)).await; // past 1/2, before expiry
    assert_eq!(provider.count(), 0, "asleep: no timer fired");
    let resumed = Instant::now();
    sdk.resume();
    wait_for_calls(&provider, 1).await;
    sdk.pause_schedule_for_tests();
    let timeline = provider.timeline(resumed);
    assert!(!timeline[0].1, "{timeline:?}");
    assert!(timeline[0].0 < 500, "at once: {timeline:?}");

    // Asleep past the new token's expiry: the refresh on resume says it expired.
    tokio::time::sleep(Duration::from_millis(2200)).await;
    assert_eq!(provider.count(), 1, "asleep: no timer fired");
    let resumed = Instant::now();
    sdk.resume();
    wait_for_calls(&provider, 2).await;
    let timeline = provider.timeline(resumed);
    assert!(timeline[1].1, "expired while asleep: {timeline:?}");
    assert!(timeline[1].0 < 500, "at once: {timeline:?}");
}

/// Waits (up to 2 s) until the provider was called `n` times.
async fn wait_for_calls(provider: &Scripted, n: usize) {
    for _ in 0..200 {
        if provider.count() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{} provider calls, expected {n}", provider.count());
}

/// Defect 6: the identify answer's `wsUrl` carries the access token in its query; a plain
/// `ws://` URL to another host would send it in clear text. Session open refuses it.
#[tokio::test]
async fn an_insecure_event_url_is_refused_and_gets_no_token() {
    let emu = emulator();
    let sdk = sdk(&emu);
    sdk.initialize_token(
        Some(emu.mint_token(KEY, 3600)),
        Scripted::minting(&emu, 3600).as_provider(),
    )
    .await
    .unwrap();
    emu.set_ws_url(Some("ws://events.example.com/v1/session/ws".into()));
    let err = sdk.session().open(None).await.unwrap_err();
    assert_eq!(err.code(), "NETWORK", "{err}");
    assert!(err.to_string().contains("ws://"), "{err}");
    assert!(!sdk.session().is_open(), "nothing is kept");
}

/// Defect 6: a WebSocket connect that stalls (the server accepts TCP and never answers) is
/// abandoned after the connect timeout and retried, instead of hanging for good.
#[tokio::test]
async fn a_stalled_event_socket_connect_times_out_and_is_retried() {
    let emu = emulator();
    let sdk = sdk_with(&emu, |c| c.connect_timeout_ms = 300);
    sdk.initialize_token(
        Some(emu.mint_token(KEY, 3600)),
        Scripted::minting(&emu, 3600).as_provider(),
    )
    .await
    .unwrap();
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        let mut held = vec![];
        while let Ok((socket, _)) = silent.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(socket); // never answers the handshake
        }
    });
    emu.set_ws_url(Some(format!("ws://127.0.0.1:{port}/v1/session/ws")));
    sdk.session().open(None).await.unwrap();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let attempts = accepted.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        attempts >= 2,
        "{attempts} connect attempt(s): the first one hung"
    );
}
