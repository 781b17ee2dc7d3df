//! `/_control/*`, the HTTP twin of the `Emulator` methods for subprocess users.

mod common;

use common::*;
use iapi_emulator::Route;
use serde_json::{json, Value};

async fn control(
    emu: &iapi_emulator::Emulator,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = client().request(method, format!("{}/_control/{path}", emu.base_url()));
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

#[tokio::test]
async fn mint_and_revoke() {
    let emu = start();
    let (status, body) = control(
        &emu,
        reqwest::Method::POST,
        "mint",
        Some(json!({"appKey": KEY, "ttlSecs": 90})),
    )
    .await;
    assert_eq!(status, 200);
    let token = body["accessToken"].as_str().unwrap().to_owned();
    assert_eq!(lifetime(&token), 90);
    assert_eq!(claims(&token)["sub"], KEY);
    assert_eq!(
        post_bearer(&emu, "/v1/users/logout", Some(&token), json!({}))
            .await
            .status(),
        200
    );

    let (status, body) = control(
        &emu,
        reqwest::Method::POST,
        "revoke",
        Some(json!({"token": token})),
    )
    .await;
    assert_eq!((status, body), (200, json!({})));
    let resp = post_bearer(&emu, "/v1/users/logout", Some(&token), json!({})).await;
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.json::<Value>().await.unwrap(), invalid_token_body());

    let (_, body) = control(
        &emu,
        reqwest::Method::POST,
        "mint",
        Some(json!({"appKey": KEY, "ttlSecs": -1})),
    )
    .await;
    let expired = body["accessToken"].as_str().unwrap();
    assert_eq!(
        post_bearer(&emu, "/v1/users/logout", Some(expired), json!({}))
            .await
            .status(),
        401
    );

    // ttlSecs defaults to the configured lifetime.
    let (_, body) = control(
        &emu,
        reqwest::Method::POST,
        "mint",
        Some(json!({"appKey": KEY})),
    )
    .await;
    assert_eq!(lifetime(body["accessToken"].as_str().unwrap()), 3600);
}

#[tokio::test]
async fn faults_and_counters() {
    let emu = start();
    let (status, _) = control(
        &emu,
        reqwest::Method::POST,
        "faults",
        Some(json!({"route": "token", "kind": "status", "status": 503, "times": 1})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = control(
        &emu,
        reqwest::Method::POST,
        "faults",
        Some(json!({"route": "token", "kind": "drop", "times": 1})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = control(
        &emu,
        reqwest::Method::POST,
        "faults",
        Some(json!({"route": "logout", "kind": "latency", "latencyMs": 1, "times": null})),
    )
    .await;
    assert_eq!(status, 200);

    let resp = token_form(&emu, "grant_type=client_credentials").await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.json::<Value>().await.unwrap(), injected_body());
    let dropped = client()
        .post(format!("{}/v1/oauth2/token", emu.base_url()))
        .basic_auth(KEY, Some(SECRET))
        .body("grant_type=client_credentials")
        .send()
        .await;
    assert!(dropped.is_err());
    assert_eq!(
        token_form(&emu, "grant_type=client_credentials")
            .await
            .status(),
        200
    );

    let (status, body) = control(&emu, reqwest::Method::GET, "counters", None).await;
    assert_eq!(status, 200);
    // Every route has a key (adding routes adds keys; these three are there since the start).
    assert_eq!(
        body,
        json!({
            "token": 3, "identify": 0, "logout": 0,
            "conferenceCreate": 0, "conferenceFetch": 0, "conferenceJoin": 0,
            "conferenceLeave": 0, "conferenceKick": 0, "conferencePermissions": 0,
            "conferenceMute": 0, "ws": 0,
        })
    );

    emu.inject_fault(Route::Identify, iapi_emulator::Fault::Status(500), None);
    let (status, body) = control(&emu, reqwest::Method::DELETE, "faults", None).await;
    assert_eq!((status, body), (200, json!({})));
    let token = emu.mint_token(KEY, 60);
    assert_eq!(
        post_bearer(&emu, "/v2/users/identify", Some(&token), json!({}))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn bad_control_bodies_get_400() {
    let emu = start();
    for body in [
        json!({"route": "nowhere", "kind": "drop"}),
        json!({"route": "token", "kind": "explode"}),
        json!({"route": "token", "kind": "latency"}),
        json!({"route": "token", "kind": "status"}),
        json!({"kind": "drop"}),
    ] {
        let (status, resp) =
            control(&emu, reqwest::Method::POST, "faults", Some(body.clone())).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(resp["type"], "ErrorResponse");
    }
    let (status, _) = control(&emu, reqwest::Method::POST, "mint", Some(json!({}))).await;
    assert_eq!(status, 400);
}
