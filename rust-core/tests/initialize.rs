//! `initialize` / `initialize_token` against the emulator, and the session service.

mod common;
use common::*;
use iapi_core::{DolbyIoIapi, IapiError, ParticipantInfo};
use iapi_emulator::Route;

#[tokio::test]
async fn initialize_with_key_and_secret_then_session_works() {
    let emu = emulator();
    let sdk = sdk(&emu);
    assert!(sdk.initialize(KEY.into(), SECRET.into()).await.unwrap());
    assert_eq!(emu.request_count(Route::Token), 1);

    let info = ParticipantInfo {
        name: Some("Ada".into()),
        external_id: Some("ada-1".into()),
        avatar_url: None,
    };
    let me = sdk.session().open(Some(info.clone())).await.unwrap();
    assert!(!me.id.is_empty());
    assert_eq!(me.info, info);
    assert!(sdk.session().is_open());
    assert_eq!(sdk.session().participant().unwrap(), me);
    assert_eq!(
        sdk.session().open(None).await.unwrap_err().code(),
        "INVALID_STATE"
    );

    sdk.session().close().await.unwrap();
    assert!(!sdk.session().is_open());
    assert_eq!(
        sdk.session().participant().unwrap_err().code(),
        "INVALID_STATE"
    );
    // The token survives close (the SDK we replace lost it): reopening works without a new fetch.
    let again = sdk.session().open(Some(info)).await.unwrap();
    assert_eq!(again.id, me.id, "same externalId, same participant");
    assert_eq!(emu.request_count(Route::Token), 1);
}

#[tokio::test]
async fn wrong_secret_is_unauthorized() {
    let emu = emulator();
    let err = sdk(&emu)
        .initialize(KEY.into(), "wrong".into())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "UNAUTHORIZED", "{err}");
}

#[tokio::test]
async fn blank_key_or_secret_is_invalid_without_network() {
    let emu = emulator();
    let sdk = sdk(&emu);
    for (k, s) in [("", SECRET), ("  ", SECRET), (KEY, ""), (KEY, " \t")] {
        let err = sdk.initialize(k.into(), s.into()).await.unwrap_err();
        assert!(matches!(err, IapiError::InvalidArgument { .. }), "{err}");
    }
    assert_eq!(emu.request_count(Route::Token), 0);
}

#[tokio::test]
async fn calls_before_initialize_are_not_initialized() {
    let emu = emulator();
    let err = sdk(&emu).session().open(None).await.unwrap_err();
    assert_eq!(err, IapiError::NotInitialized);
    assert_eq!(emu.request_count(Route::Identify), 0);
}

#[tokio::test]
async fn unusable_initial_token_calls_provider_with_is_expired_true_once() {
    let emu = emulator();
    for initial in [
        None,
        Some(emu.mint_token(KEY, -5)),
        Some("garbage".to_string()),
    ] {
        let sdk = sdk(&emu);
        let provider = Scripted::minting(&emu, 3600);
        assert!(sdk
            .initialize_token(initial, provider.as_provider())
            .await
            .unwrap());
        assert_eq!(
            provider.expired_flags(),
            vec![true],
            "called before initialize_token resolved"
        );
        sdk.session().open(None).await.unwrap();
        assert_eq!(provider.count(), 1);
    }
}

#[tokio::test]
async fn valid_initial_token_is_used_without_calling_provider() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let provider = Scripted::minting(&emu, 3600);
    sdk.initialize_token(Some(emu.mint_token(KEY, 3600)), provider.as_provider())
        .await
        .unwrap();
    sdk.session().open(None).await.unwrap();
    assert_eq!(provider.count(), 0);
}

#[tokio::test]
async fn second_initialize_token_replaces_the_provider() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let first = Scripted::minting(&emu, 2);
    let second = Scripted::minting(&emu, 3600);
    sdk.initialize_token(None, first.as_provider())
        .await
        .unwrap();
    sdk.initialize_token(None, second.as_provider())
        .await
        .unwrap();
    // The first token's schedule (refresh at 1 s) must be gone; an expired token path uses `second`.
    tokio::time::sleep(std::time::Duration::from_millis(2300)).await;
    call(&sdk).await.unwrap();
    assert_eq!(first.count(), 1, "the first provider is never called again");
    assert_eq!(second.count(), 1);
}

#[tokio::test]
async fn replacing_initialize_cancels_a_refresh_in_flight() {
    let emu = emulator();
    let sdk = sdk(&emu);
    let hanging = Scripted::new(|_, _| std::future::pending());
    let s2 = sdk.clone();
    let h = hanging.clone();
    let pending = tokio::spawn(async move { s2.initialize_token(None, h.as_provider()).await });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    sdk.initialize(KEY.into(), SECRET.into()).await.unwrap();
    assert_eq!(pending.await.unwrap().unwrap_err().code(), "CANCELLED");
    sdk.session().open(None).await.unwrap();
    assert_eq!(hanging.count(), 1);
}

#[tokio::test]
async fn bad_config_is_rejected() {
    let mut c = iapi_core::default_config();
    c.api_base_url = "http://example.com".into();
    assert_eq!(
        DolbyIoIapi::new(c).err().unwrap().code(),
        "INVALID_ARGUMENT"
    );
}
