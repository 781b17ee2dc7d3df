//! Platform faults give typed errors, never panics, and the SDK recovers when they stop.

mod common;
use common::*;
use iapi_core::ParticipantInfo;
use iapi_emulator::{Fault, Route};
use std::time::Duration;

#[tokio::test]
async fn token_endpoint_faults_are_typed_and_recoverable() {
    let emu = emulator();
    let sdk = sdk_with(&emu, |c| c.request_timeout_ms = 500);
    let cases = [
        (Fault::Status(503), "SERVER"),
        (Fault::Status(500), "SERVER"),
        (Fault::Latency(Duration::from_millis(1500)), "TIMEOUT"),
        (Fault::DropConnection, "NETWORK"),
    ];
    for (fault, code) in cases {
        emu.inject_fault(Route::Token, fault, None);
        let err = sdk.initialize(KEY.into(), SECRET.into()).await.unwrap_err();
        assert_eq!(err.code(), code, "{fault:?}: {err}");
        emu.clear_faults();
        assert!(
            sdk.initialize(KEY.into(), SECRET.into()).await.unwrap(),
            "recovers after {fault:?}"
        );
    }
}

#[tokio::test]
async fn server_error_keeps_status_and_platform_code() {
    let emu = emulator();
    let sdk = sdk(&emu);
    sdk.initialize(KEY.into(), SECRET.into()).await.unwrap();
    emu.inject_fault(Route::Identify, Fault::Status(502), Some(1));
    match sdk.session().open(None).await.unwrap_err() {
        iapi_core::IapiError::Server { status, code, .. } => {
            assert_eq!((status, code), (502, Some(0)))
        }
        other => panic!("{other}"),
    }
    sdk.session().open(None).await.unwrap();
}

#[tokio::test]
async fn scheduled_refresh_survives_token_endpoint_outage() {
    // initialize(key, secret) with 2 s tokens: an outage fails the 1/2 and 3/4 refreshes, calls
    // keep using the old token, and the refresh at expiry succeeds once the outage is over.
    let emu = emulator_with_ttl(2);
    let sdk = sdk(&emu);
    align_to_second().await;
    sdk.initialize(KEY.into(), SECRET.into()).await.unwrap();
    emu.inject_fault(Route::Token, Fault::Status(503), Some(2));
    tokio::time::sleep(Duration::from_millis(1750)).await;
    assert_eq!(
        emu.request_count(Route::Token),
        3,
        "initial + two failed scheduled refreshes"
    );
    call(&sdk).await.expect("old token still valid");
    tokio::time::sleep(Duration::from_millis(500)).await; // t = 2.25 s: expiry refresh happened
    assert_eq!(emu.request_count(Route::Token), 4);
    call(&sdk).await.expect("new token");
    assert_eq!(emu.request_count(Route::Logout), 2, "no 401 along the way");
}

#[tokio::test]
async fn no_secret_or_token_in_errors_or_debug() {
    let emu = emulator();
    let token = emu.mint_token(KEY, 3600);
    let sdk = sdk(&emu);
    let mut texts = vec![];
    texts.push(format!(
        "{:?}",
        sdk.initialize(KEY.into(), "wrong-secret-xyz".into())
            .await
            .unwrap_err()
    ));
    let t = token.clone();
    let provider = Scripted::new(move |_, _| {
        let t = t.clone();
        async move {
            Err(iapi_core::IapiError::TokenRefreshFailed {
                reason: format!("cannot use {t}"),
            })
        }
    });
    emu.inject_fault(Route::Identify, Fault::Status(401), None);
    sdk.initialize_token(Some(token.clone()), provider.as_provider())
        .await
        .unwrap();
    let err = sdk
        .session()
        .open(Some(ParticipantInfo::default()))
        .await
        .unwrap_err();
    texts.push(format!("{err:?} {err}"));
    for text in &texts {
        assert!(
            !text.contains("wrong-secret-xyz") && !text.contains(&token) && !text.contains(SECRET),
            "{text}"
        );
    }
}
