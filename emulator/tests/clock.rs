//! `EmulatorConfig::clock_offset_ms` / `--clock-offset`: the emulator's clock (token
//! `iat`/`exp`, expiry checks, the `Date` header) shifted from the system clock, standing for a
//! device clock that is off by the opposite amount.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use iapi_emulator::{App, Emulator, EmulatorConfig};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Error as WsError;

const TWO_HOURS: i64 = 7200;

fn start_shifted(offset_secs: i64) -> Emulator {
    Emulator::start(EmulatorConfig {
        apps: vec![App::new(KEY, SECRET)],
        clock_offset_ms: offset_secs * 1000,
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

/// The system clock (the "device"), unix seconds with fractions.
fn system_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// Asserts the response's `Date` header is the system clock shifted by `offset_secs`, within 2 s.
fn assert_date_shifted(headers: &reqwest::header::HeaderMap, offset_secs: i64, what: &str) {
    let dates: Vec<_> = headers.get_all("date").iter().collect();
    assert_eq!(dates.len(), 1, "{what}: exactly one Date header: {dates:?}");
    assert_date_value(dates[0].to_str().unwrap(), offset_secs, what);
}

fn assert_date_value(value: &str, offset_secs: i64, what: &str) {
    let date = httpdate::parse_http_date(value)
        .unwrap_or_else(|e| panic!("{what}: Date {value:?} is not RFC 7231: {e}"));
    assert!(value.ends_with(" GMT"), "{what}: {value:?}");
    let shown = date.duration_since(UNIX_EPOCH).unwrap().as_secs_f64();
    let want = system_now() + offset_secs as f64;
    assert!(
        (shown - want).abs() <= 2.0,
        "{what}: Date {value:?} is {:.1} s from the shifted clock",
        shown - want
    );
}

async fn check_shifted_clock(offset_secs: i64) {
    let emu = start_shifted(offset_secs);
    assert_eq!(emu.clock_offset_ms(), offset_secs * 1000);
    let skew = emu.now_ms() as f64 / 1000.0 - system_now();
    assert!(
        (skew - offset_secs as f64).abs() < 1.0,
        "now_ms skew {skew}"
    );

    // The token endpoint: iat/exp in the shifted clock, Date shifted.
    let resp = token_form(&emu, "grant_type=client_credentials&expires_in=600").await;
    assert_eq!(resp.status(), 200);
    assert_date_shifted(resp.headers(), offset_secs, "token");
    let body: Value = resp.json().await.unwrap();
    let token = body["access_token"].as_str().unwrap().to_owned();
    let c = claims(&token);
    let iat = c["iat"].as_i64().unwrap();
    assert!(
        (iat as f64 - (system_now() + offset_secs as f64)).abs() <= 2.0,
        "iat {iat} is not the shifted now"
    );
    assert_eq!(c["exp"].as_i64().unwrap(), iat + 600);

    // It is accepted, and so is one from mint_token (also in the shifted clock).
    let resp = post_bearer(&emu, "/v1/users/logout", Some(&token), json!({})).await;
    assert_eq!(resp.status(), 200);
    assert_date_shifted(resp.headers(), offset_secs, "logout");
    let minted = emu.mint_token(KEY, 60);
    let m = claims(&minted);
    assert!((m["iat"].as_i64().unwrap() - iat).abs() <= 2);
    assert_eq!(m["exp"].as_i64().unwrap() - m["iat"].as_i64().unwrap(), 60);
    let resp = post_bearer(&emu, "/v1/users/logout", Some(&minted), json!({})).await;
    assert_eq!(resp.status(), 200);

    // Expired in the shifted clock: refused with the platform's 401, whatever the system clock
    // says. With the clock 2 h ahead, a token with exp = system now + 1 h is already expired.
    let system_valid_but_expired = emu.mint_token(KEY, -3600);
    for (expired, what) in [
        (emu.mint_token(KEY, -1), "expired"),
        (
            system_valid_but_expired,
            "expired 1 h ago in the shifted clock",
        ),
    ] {
        let resp = post_bearer(&emu, "/v1/users/logout", Some(&expired), json!({})).await;
        assert_eq!(resp.status(), 401, "{what}");
        assert_date_shifted(resp.headers(), offset_secs, "401");
        assert_eq!(resp.json::<Value>().await.unwrap(), invalid_token_body());
    }
    // With the clock 2 h behind, a token with exp = system now - 1 h is still valid.
    if offset_secs < 0 {
        let looks_expired_to_the_device = emu.mint_token(KEY, 3600);
        let exp = claims(&looks_expired_to_the_device)["exp"]
            .as_i64()
            .unwrap();
        assert!((exp as f64) < system_now());
        let resp = post_bearer(
            &emu,
            "/v1/users/logout",
            Some(&looks_expired_to_the_device),
            json!({}),
        )
        .await;
        assert_eq!(resp.status(), 200);
    }

    // Every other answer carries the shifted Date too: 404, 405, 400, control.
    let c = client();
    let resp = c
        .get(format!("{}/no/such/path", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert_date_shifted(resp.headers(), offset_secs, "404");
    let resp = c
        .get(format!("{}/v1/oauth2/token", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    assert_date_shifted(resp.headers(), offset_secs, "405");
    let resp = token_form(&emu, "grant_type=password").await;
    assert_eq!(resp.status(), 400);
    assert_date_shifted(resp.headers(), offset_secs, "400");
    let resp = c
        .get(format!("{}/_control/clock", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_date_shifted(resp.headers(), offset_secs, "control");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["offsetMs"], offset_secs * 1000);

    // The WebSocket handshake: the shifted-clock token upgrades (101 with a shifted Date), the
    // token expired in the shifted clock is refused with the 401 body.
    let resp = post_bearer(&emu, "/v2/users/identify", Some(&token), json!({})).await;
    assert_eq!(resp.status(), 200);
    let ws_url = resp.json::<Value>().await.unwrap()["wsUrl"]
        .as_str()
        .unwrap()
        .to_owned();
    let req = format!("{ws_url}?access_token={token}")
        .into_client_request()
        .unwrap();
    let (ws, upgrade) = tokio::time::timeout(
        Duration::from_secs(10),
        tokio_tungstenite::connect_async(req),
    )
    .await
    .expect("handshake in time")
    .expect("upgrade");
    assert_eq!(upgrade.status().as_u16(), 101);
    let date = upgrade.headers().get("date").expect("101 has a Date");
    assert_date_value(date.to_str().unwrap(), offset_secs, "101");
    drop(ws);
    let expired = emu.mint_token(KEY, -1);
    let req = format!("{ws_url}?access_token={expired}")
        .into_client_request()
        .unwrap();
    match tokio_tungstenite::connect_async(req).await {
        Err(WsError::Http(resp)) => {
            assert_eq!(resp.status().as_u16(), 401);
            let body: Value = serde_json::from_slice(resp.body().as_deref().unwrap()).unwrap();
            assert_eq!(body, invalid_token_body());
            let date = resp.headers().get("date").expect("refusal has a Date");
            assert_date_value(date.to_str().unwrap(), offset_secs, "ws 401");
        }
        other => panic!("expected a 401 refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn clock_two_hours_ahead() {
    check_shifted_clock(TWO_HOURS).await;
}

#[tokio::test]
async fn clock_two_hours_behind() {
    check_shifted_clock(-TWO_HOURS).await;
}

#[tokio::test]
async fn unshifted_by_default_with_a_real_date_header() {
    let emu = start();
    assert_eq!(emu.clock_offset_ms(), 0);
    let resp = token_form(&emu, "grant_type=client_credentials").await;
    assert_date_shifted(resp.headers(), 0, "token");
}

#[tokio::test]
async fn offset_moves_at_run_time_in_process_and_over_control() {
    let emu = start();
    let token = emu.mint_token(KEY, 60);
    let logout = |token: String| {
        let emu_url = emu.base_url();
        async move {
            client()
                .post(format!("{emu_url}/v1/users/logout"))
                .bearer_auth(token)
                .json(&json!({}))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(logout(token.clone()).await.status(), 200);

    // Jump 61 s ahead: the 60 s token is now expired; tokens minted now are in the new clock.
    emu.set_clock_offset_ms(61_000);
    assert_eq!(emu.clock_offset_ms(), 61_000);
    let resp = logout(token.clone()).await;
    assert_eq!(resp.status(), 401);
    assert_date_shifted(resp.headers(), 61, "after set");
    assert_eq!(resp.json::<Value>().await.unwrap(), invalid_token_body());
    let later = emu.mint_token(KEY, 60);
    assert!(claims(&later)["iat"].as_i64().unwrap() >= claims(&token)["exp"].as_i64().unwrap());

    // The control route moves it back (tests in other languages use this).
    let resp = client()
        .post(format!("{}/_control/clock", emu.base_url()))
        .json(&json!({"offsetMs": -1500}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["offsetMs"], -1500);
    let now_ms = body["nowMs"].as_f64().unwrap() / 1000.0;
    assert!((now_ms - (system_now() - 1.5)).abs() < 1.0, "{body}");
    assert_eq!(emu.clock_offset_ms(), -1500);
    assert_eq!(logout(token).await.status(), 200);

    let resp = client()
        .post(format!("{}/_control/clock", emu.base_url()))
        .json(&json!({"offsetMs": "soon"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}
