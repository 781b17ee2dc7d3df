//! Bearer routes (`/v2/users/identify`, `/v1/users/logout`) and the token check they share.

mod common;

use common::*;
use iapi_emulator::{App, Emulator, EmulatorConfig};
use serde_json::{json, Value};

const BEARER_ROUTES: [&str; 2] = ["/v2/users/identify", "/v1/users/logout"];

async fn fresh_token(emu: &Emulator) -> String {
    let body: Value = token_form(emu, "grant_type=client_credentials")
        .await
        .json()
        .await
        .unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

async fn assert_rejected(emu: &Emulator, token: Option<&str>, what: &str) {
    for path in BEARER_ROUTES {
        let resp = post_bearer(emu, path, token, json!({})).await;
        assert_eq!(resp.status(), 401, "{what} on {path}");
        assert_eq!(
            resp.json::<Value>().await.unwrap(),
            invalid_token_body(),
            "{what} on {path}"
        );
    }
}

#[tokio::test]
async fn fresh_token_is_accepted() {
    let emu = start();
    let token = fresh_token(&emu).await;
    for path in BEARER_ROUTES {
        let resp = post_bearer(&emu, path, Some(&token), json!({})).await;
        assert_eq!(resp.status(), 200, "{path}");
    }
    let minted = emu.mint_token(KEY, 60);
    assert_eq!(
        post_bearer(&emu, "/v1/users/logout", Some(&minted), json!({}))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn expired_tokens_are_rejected() {
    let emu = start();
    assert_rejected(&emu, Some(&emu.mint_token(KEY, -1)), "ttl -1").await;
    assert_rejected(&emu, Some(&emu.mint_token(KEY, 0)), "ttl 0").await;
}

#[tokio::test]
async fn forged_tokens_are_rejected() {
    let emu = start();
    let token = emu.mint_token(KEY, 60);
    // Flip a character in the middle of the signature (the last one may only carry padding bits).
    let mut chars: Vec<char> = token.chars().collect();
    let i = chars.len() - 10;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    let forged: String = chars.into_iter().collect();
    assert_rejected(&emu, Some(&forged), "flipped signature").await;

    // Re-signing someone else's claims: a token from another instance (another secret).
    let other = Emulator::start(EmulatorConfig {
        apps: vec![App::new(KEY, SECRET)],
        ..EmulatorConfig::default()
    })
    .unwrap();
    assert_rejected(&emu, Some(&other.mint_token(KEY, 60)), "foreign token").await;
    assert_rejected(&emu, Some("not.a.jwt"), "garbage").await;
}

#[tokio::test]
async fn revoked_and_missing_tokens_are_rejected() {
    let emu = start();
    let token = fresh_token(&emu).await;
    let other = fresh_token(&emu).await;
    emu.revoke_token(&token);
    assert_rejected(&emu, Some(&token), "revoked").await;
    assert_eq!(
        post_bearer(&emu, "/v1/users/logout", Some(&other), json!({}))
            .await
            .status(),
        200
    );
    assert_rejected(&emu, None, "missing").await;
    let resp = client()
        .post(format!("{}/v1/users/logout", emu.base_url()))
        .header("authorization", format!("Basic {other}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401, "wrong scheme");
}

#[tokio::test]
async fn identify_returns_participant_and_ws_url() {
    let emu = start();
    let token = fresh_token(&emu).await;
    let identify = |body: Value| {
        let (emu, token) = (&emu, &token);
        async move {
            let resp = post_bearer(emu, "/v2/users/identify", Some(token), body).await;
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    let a =
        identify(json!({"externalId": "alice", "name": "Alice", "avatarUrl": "http://a/a.png"}))
            .await;
    assert_eq!(a["externalId"], "alice");
    assert_eq!(a["name"], "Alice");
    assert_eq!(a["avatarUrl"], "http://a/a.png");
    assert_eq!(
        a["wsUrl"],
        format!("ws://127.0.0.1:{}/v1/session/ws", emu.port())
    );
    assert!(a["id"].as_str().is_some_and(|s| s.len() == 36));

    let a2 = identify(json!({"externalId": "alice"})).await;
    assert_eq!(a2["id"], a["id"], "same externalId, same participant");
    let b = identify(json!({"externalId": "bob"})).await;
    assert_ne!(b["id"], a["id"]);
    let anon1 = identify(json!({})).await;
    let anon2 = identify(json!({})).await;
    assert_ne!(anon1["id"], anon2["id"], "no externalId, fresh id");
    assert!(anon1["externalId"].is_null());

    // An empty body is allowed.
    let resp = client()
        .post(format!("{}/v2/users/identify", emu.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // A malformed one is not.
    let resp = client()
        .post(format!("{}/v2/users/identify", emu.base_url()))
        .bearer_auth(&token)
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn logout_answers_empty_object() {
    let emu = start();
    let token = fresh_token(&emu).await;
    let resp = post_bearer(&emu, "/v1/users/logout", Some(&token), json!({})).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap(), json!({}));
}
