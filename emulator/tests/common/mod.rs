//! Helpers shared by the integration tests (each test file compiles this module separately,
//! so not every helper is used everywhere).
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use iapi_emulator::{App, Emulator, EmulatorConfig};
use serde_json::{json, Value};
use std::time::Duration;

pub const KEY: &str = "test-key";
pub const SECRET: &str = "test-secret";

/// An emulator knowing one app, with the given default token lifetime.
pub fn start_with_ttl(ttl_secs: u64) -> Emulator {
    Emulator::start(EmulatorConfig {
        port: 0,
        apps: vec![App::new(KEY, SECRET)],
        token_ttl: Duration::from_secs(ttl_secs),
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

pub fn start() -> Emulator {
    start_with_ttl(3600)
}

pub fn client() -> reqwest::Client {
    install_crypto_provider();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// `POST /v1/oauth2/token` with the test app's credentials and a form body.
pub async fn token_form(emu: &Emulator, form: &str) -> reqwest::Response {
    client()
        .post(format!("{}/v1/oauth2/token", emu.base_url()))
        .basic_auth(KEY, Some(SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap()
}

/// A POST with an optional bearer token and a JSON body.
pub async fn post_bearer(
    emu: &Emulator,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut req = client()
        .post(format!("{}{path}", emu.base_url()))
        .json(&body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

/// The claims of a JWT, decoded independently of the emulator's code.
pub fn claims(token: &str) -> Value {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT has three parts: {token}");
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header, json!({"alg": "HS256", "typ": "JWT"}));
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
}

/// `exp - iat` of a JWT.
pub fn lifetime(token: &str) -> i64 {
    let c = claims(token);
    c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap()
}

/// The platform's exact invalid-token body.
pub fn invalid_token_body() -> Value {
    json!({"type":"ErrorResponse","error_code":89,"error_reason":"Invalid_token","error_description":"Expired or invalid token"})
}

/// The exact body of a `Fault::Status` injection.
pub fn injected_body() -> Value {
    json!({"type":"ErrorResponse","error_code":0,"error_reason":"Injected","error_description":"injected fault"})
}

/// reqwest's rustls (enabled by the core in workspace builds) needs a crypto provider installed.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
