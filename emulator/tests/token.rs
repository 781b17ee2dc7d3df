//! `POST /v1/oauth2/token`.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn form_body_issues_a_signed_jwt_with_the_default_lifetime() {
    let emu = start_with_ttl(120);
    let resp = token_form(&emu, "grant_type=client_credentials").await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 120);
    assert!(body["refresh_token"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
    let token = body["access_token"].as_str().unwrap();
    let c = claims(token);
    assert_eq!(c["sub"], KEY);
    assert!(c["jti"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(lifetime(token), 120);
}

#[tokio::test]
async fn json_body_is_accepted_and_tokens_are_unique() {
    let emu = start();
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let resp = client()
            .post(format!("{}/v1/oauth2/token", emu.base_url()))
            .basic_auth(KEY, Some(SECRET))
            .json(&json!({"grant_type": "client_credentials", "expires_in": "30"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["expires_in"], 30);
        tokens.push(body["access_token"].as_str().unwrap().to_owned());
    }
    assert_eq!(lifetime(&tokens[0]), 30);
    assert_ne!(tokens[0], tokens[1], "same second, still different tokens");
}

#[tokio::test]
async fn expires_in_is_clamped_to_1_through_86400() {
    let emu = start();
    for (asked, granted) in [
        ("999999", 86_400),
        ("86400", 86_400),
        ("0", 1),
        ("-5", 1),
        ("7", 7),
    ] {
        let resp = token_form(
            &emu,
            &format!("grant_type=client_credentials&expires_in={asked}"),
        )
        .await;
        assert_eq!(resp.status(), 200, "expires_in={asked}");
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["expires_in"], granted, "expires_in={asked}");
        assert_eq!(
            lifetime(body["access_token"].as_str().unwrap()),
            granted,
            "expires_in={asked}"
        );
    }
    let resp = token_form(&emu, "grant_type=client_credentials&expires_in=soon").await;
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn bad_or_missing_credentials_get_401() {
    let emu = start();
    let url = format!("{}/v1/oauth2/token", emu.base_url());
    let form = "grant_type=client_credentials";
    let attempts = [
        client().post(&url).basic_auth(KEY, Some("wrong")),
        client().post(&url).basic_auth("other", Some(SECRET)),
        client()
            .post(&url)
            .header("authorization", "Basic !!!not-base64"),
        client().post(&url),
    ];
    for req in attempts {
        let resp = req
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 401);
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["type"], "ErrorResponse");
        assert_eq!(body["error_reason"], "Unauthorized");
    }
}

#[tokio::test]
async fn missing_or_wrong_grant_type_gets_400() {
    let emu = start();
    for form in ["", "expires_in=60", "grant_type=password"] {
        let resp = token_form(&emu, form).await;
        assert_eq!(resp.status(), 400, "body {form:?}");
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["type"], "ErrorResponse", "body {form:?}");
    }
}
