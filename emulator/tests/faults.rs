//! Fault injection (latency, status, dropped connection), `times`, clearing, counters.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;
use iapi_emulator::{Fault, Route};
use serde_json::{json, Value};

#[tokio::test]
async fn latency_delays_then_serves() {
    let emu = start();
    emu.inject_fault(
        Route::Token,
        Fault::Latency(Duration::from_millis(400)),
        Some(1),
    );
    let started = Instant::now();
    let resp = token_form(&emu, "grant_type=client_credentials").await;
    assert_eq!(resp.status(), 200);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );

    let started = Instant::now();
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        200
    );
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "fault used up after one request"
    );
}

#[tokio::test]
async fn status_fault_applies_times_then_stops() {
    let emu = start();
    let token = emu.mint_token(KEY, 60);
    emu.inject_fault(Route::Identify, Fault::Status(503), Some(2));
    for _ in 0..2 {
        let resp = post_bearer(&emu, "/v2/users/identify", Some(&token), json!({})).await;
        assert_eq!(resp.status(), 503);
        assert_eq!(resp.json::<Value>().await.unwrap(), injected_body());
    }
    assert_eq!(
        post_bearer(&emu, "/v2/users/identify", Some(&token), json!({}))
            .await
            .status(),
        200
    );
    // Other routes were never affected.
    assert_eq!(
        post_bearer(&emu, "/v1/users/logout", Some(&token), json!({}))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn unlimited_fault_lasts_until_cleared() {
    let emu = start();
    emu.inject_fault(Route::Token, Fault::Status(500), None);
    for _ in 0..3 {
        assert_eq!(
            token_form(&emu, "grant_type=client_credentials")
                .await
                .status(),
            500
        );
    }
    emu.clear_faults();
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn faults_queue_in_injection_order() {
    let emu = start();
    emu.inject_fault(Route::Token, Fault::Status(502), Some(1));
    emu.inject_fault(Route::Token, Fault::Status(429), Some(1));
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        502
    );
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        429
    );
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn drop_connection_gives_reqwest_an_error_without_response() {
    let emu = start();
    emu.inject_fault(Route::Token, Fault::DropConnection, Some(1));
    let err = client()
        .post(format!("{}/v1/oauth2/token", emu.base_url()))
        .basic_auth(KEY, Some(SECRET))
        .body("grant_type=client_credentials")
        .send()
        .await
        .expect_err("no HTTP response must come back");
    assert!(err.is_request() || err.is_connect(), "{err:?}");
    assert!(err.status().is_none());
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        200
    );
}

/// Also proves the emulator runs from a plain `#[test]`, with no runtime around.
#[test]
fn drop_connection_closes_the_socket_with_zero_bytes() {
    let emu = start();
    emu.inject_fault(Route::Logout, Fault::DropConnection, None);
    let mut stream = TcpStream::connect(("127.0.0.1", emu.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"POST /v1/users/logout HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n")
        .unwrap();
    let mut got = Vec::new();
    match stream.read_to_end(&mut got) {
        Ok(_) => assert!(got.is_empty(), "got {:?}", String::from_utf8_lossy(&got)),
        // A reset is as good as EOF: still no response.
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    assert!(got.is_empty());

    // After clearing, the same raw request gets a real HTTP answer (401: no token).
    emu.clear_faults();
    let mut stream = TcpStream::connect(("127.0.0.1", emu.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"POST /v1/users/logout HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 401"), "{text}");
    assert_eq!(emu.request_count(Route::Logout), 2);
}

#[tokio::test]
async fn counters_count_every_request_reaching_a_route() {
    let emu = start();
    assert_eq!(emu.request_count(Route::Token), 0);
    token_form(&emu, "grant_type=client_credentials").await; // 200
    token_form(&emu, "").await; // 400
    client()
        .post(format!("{}/v1/oauth2/token", emu.base_url()))
        .send()
        .await
        .unwrap(); // 401
    emu.inject_fault(Route::Token, Fault::Status(503), Some(1));
    token_form(&emu, "grant_type=client_credentials").await; // faulted
    post_bearer(&emu, "/v2/users/identify", None, json!({})).await; // 401
                                                                    // Control routes and unknown routes count for nothing.
    client()
        .get(format!("{}/_control/counters", emu.base_url()))
        .send()
        .await
        .unwrap();
    client()
        .get(format!("{}/v1/oauth2/token", emu.base_url()))
        .send()
        .await
        .unwrap(); // 405
    assert_eq!(emu.request_count(Route::Token), 4);
    assert_eq!(emu.request_count(Route::Identify), 1);
    assert_eq!(emu.request_count(Route::Logout), 0);
}

#[test]
fn shutdown_stops_serving() {
    let emu = start();
    let port = emu.port();
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
    emu.shutdown();
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port closed after shutdown"
    );
}

/// The `Date` of one response, unix seconds.
fn date_secs(resp: &reqwest::Response) -> i64 {
    let text = resp.headers()["date"].to_str().unwrap();
    httpdate::parse_http_date(text)
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn date_offset_moves_the_date_of_faulted_responses_only() {
    let emu = start();
    let token = emu.mint_token(KEY, 60);
    emu.inject_fault(Route::Logout, Fault::DateOffset(7_200_000), Some(1));
    let now = emu.now_ms() / 1000;
    let shifted = post_bearer(&emu, "/v1/users/logout", Some(&token), json!({})).await;
    assert_eq!(shifted.status(), 200, "served normally");
    assert!((date_secs(&shifted) - now - 7200).abs() <= 1);
    let normal = post_bearer(&emu, "/v1/users/logout", Some(&token), json!({})).await;
    assert!((date_secs(&normal) - now).abs() <= 1, "used up");
    // Through the control API; absurd offsets show as the header's limits (year 9999, 1970).
    for (offset, expected) in [(i64::MAX, 253_402_300_799), (i64::MIN, 0)] {
        let resp = client()
            .post(format!("{}/_control/faults", emu.base_url()))
            .json(&json!({"route": "logout", "kind": "date", "dateOffsetMs": offset, "times": 1}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let resp = post_bearer(&emu, "/v1/users/logout", Some(&token), json!({})).await;
        assert_eq!(date_secs(&resp), expected);
    }
    let resp = client()
        .post(format!("{}/_control/faults", emu.base_url()))
        .json(&json!({"route": "logout", "kind": "date"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400, "date needs dateOffsetMs");
}
