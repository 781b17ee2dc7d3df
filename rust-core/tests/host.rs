//! `NativeModuleHost`, the spec's contract written once: the token request bridge's policy, the
//! events' payloads and gate, `conferenceLeave({ leaveRoom })`, shutdown and argument checks,
//! through the real core against the emulator, with a recording stand-in for a shim's events.

mod common;
use common::shim::{host_with, Event, Shim};
use common::*;
use iapi_core::{
    native_error, IapiError, NativeConferenceCreateOptions, NativeConferenceJoinOptions,
    NativeConferenceParameters, NativeModuleHost, NativeParticipantPermissions, ParticipantInfo,
};
use iapi_emulator::{Emulator, Route};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn host(emu: &Emulator) -> (Arc<NativeModuleHost>, Arc<Shim>) {
    host_with(config(emu))
}

/// A host initialized with a fresh token and a session open as `name`; returns its participant id.
async fn member(emu: &Emulator, name: &str) -> (Arc<NativeModuleHost>, Arc<Shim>, String) {
    let (host, shim) = host(emu);
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    let info = ParticipantInfo {
        name: Some(name.into()),
        ..ParticipantInfo::default()
    };
    let id = host.session_open(Some(info)).await.unwrap().id;
    (host, shim, id)
}

/// `initializeToken(null)` in the background: it waits for the answer to its token request.
fn initialize_without_token(
    host: &Arc<NativeModuleHost>,
) -> tokio::task::JoinHandle<Result<bool, IapiError>> {
    let host = host.clone();
    tokio::spawn(async move { host.initialize_token(None).await })
}

fn code<T: std::fmt::Debug>(result: Result<T, IapiError>) -> String {
    result.unwrap_err().code().to_string()
}

#[tokio::test]
async fn a_token_request_is_one_event_answered_by_its_id() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let init = initialize_without_token(&host);
    let request = shim.request().await;
    assert!(request.is_expired, "no token yet");
    host.resolve_access_token_request(request.request_id.clone(), emu.mint_token(KEY, 3600));
    assert!(init.await.unwrap().unwrap());
    // A second answer to the same id is ignored.
    host.reject_access_token_request(request.request_id, "late".into());
    assert!(host.session_open(None).await.is_ok());
}

#[tokio::test]
async fn a_rejected_request_fails_the_call_with_the_reason_and_no_token_in_it() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let init = initialize_without_token(&host);
    let request = shim.request().await;
    let leaked = emu.mint_token(KEY, 3600);
    host.reject_access_token_request(request.request_id, format!("backend said {leaked}"));
    let err = init.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "TOKEN_REFRESH_FAILED");
    assert!(!err.to_string().contains(&leaked), "{err}");
}

#[tokio::test]
async fn an_undeliverable_request_fails_at_once_not_at_its_timeout() {
    let emu = emulator();
    let (host, shim) = host(&emu); // callback timeout 30 s
    shim.refuse.store(true, Ordering::SeqCst);
    let started = Instant::now();
    let err = host.initialize_token(None).await.unwrap_err();
    assert_eq!(err.code(), "TOKEN_REFRESH_FAILED");
    assert!(err.to_string().contains("could not be delivered"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unanswered_request_times_out_after_the_callback_timeout() {
    let emu = emulator();
    let mut config = config(&emu);
    config.callback_timeout_ms = 300;
    let (host, shim) = host_with(config);
    let started = Instant::now();
    let err = host.initialize_token(None).await.unwrap_err();
    assert_eq!(err.code(), "TIMEOUT");
    assert!(started.elapsed() >= Duration::from_millis(300));
    let late = shim.request().await;
    // The request is gone: a late answer changes nothing, the next call asks again.
    host.resolve_access_token_request(late.request_id.clone(), emu.mint_token(KEY, 3600));
    let open = tokio::spawn({
        let host = host.clone();
        async move { host.session_open(None).await }
    });
    let next = shim
        .wait("a second request", |e| match e {
            Event::Request(r) if r.request_id != late.request_id => Some(r.clone()),
            _ => None,
        })
        .await;
    host.resolve_access_token_request(next.request_id, emu.mint_token(KEY, 3600));
    assert!(open.await.unwrap().is_ok());
}

#[tokio::test]
async fn a_new_initialize_drops_the_old_providers_pending_request() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let first = initialize_without_token(&host);
    let old = shim.request().await;
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    assert_eq!(code(first.await.unwrap()), "CANCELLED");
    // The old id is unknown now: answering it does not replace the new token.
    host.resolve_access_token_request(old.request_id, "not-a-token".into());
    assert!(host.session_open(None).await.is_ok());
}

#[tokio::test]
async fn shutdown_cancels_calls_and_requests_and_stops_every_event() {
    let emu = emulator();
    let (host, shim) = host(&emu);
    let waiting = initialize_without_token(&host);
    shim.request().await;
    host.shutdown("the module was invalidated".into());
    let err = waiting.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "CANCELLED");
    assert!(err.to_string().contains("invalidated"), "{err}");
    let later = host.session_is_open().await.unwrap_err();
    assert_eq!(later.code(), "CANCELLED");
    let measured = host.measure_token_request_round_trips(1).await.unwrap_err();
    assert_eq!(measured.code(), "CANCELLED", "the benchmarks' call too");
    let bad = NativeParticipantPermissions {
        participant_id: "p".into(),
        permissions: vec!["FLY".into()],
    };
    let bad_argument = host.conference_update_permissions(vec![bad]).await;
    assert_eq!(
        code(bad_argument),
        "CANCELLED",
        "after shutdown, whatever the arguments"
    );
    host.shutdown("again".into()); // idempotent: the first reason stays
    let still = host.session_is_open().await.unwrap_err();
    assert!(still.to_string().contains("invalidated"), "{still}");
    let before = shim.events().len();
    host.resume(); // nothing to do, no event
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(shim.events().len(), before);
}

#[tokio::test]
async fn no_conference_event_reaches_a_shut_down_shim() {
    let emu = emulator();
    let (ada, _, _) = member(&emu, "Ada").await;
    let (bob, bob_shim, _) = member(&emu, "Bob").await;
    let conf = ada.conference_create(None).await.unwrap();
    bob.conference_join(conf.id.clone(), None).await.unwrap();
    bob.shutdown("gone".into());
    let before = bob_shim.events().len();
    ada.conference_join(conf.id.clone(), None).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bob_shim.events().len(), before);
}

#[tokio::test]
async fn events_carry_the_spec_payloads_and_only_local_permissions() {
    let emu = emulator();
    let (ada, ada_shim, ada_id) = member(&emu, "Ada").await;
    let (bob, bob_shim, bob_id) = member(&emu, "Bob").await;
    let conf = ada.conference_create(None).await.unwrap();
    ada.conference_join(conf.id.clone(), None).await.unwrap();
    bob.conference_join(conf.id.clone(), None).await.unwrap();

    let added = ada_shim
        .wait("Bob ADDED", |e| match e {
            Event::Participants(c) if c.participant.id == bob_id && c.event == "ADDED" => {
                Some(c.clone())
            }
            _ => None,
        })
        .await;
    assert_eq!(added.conference_id, conf.id);
    assert_eq!(added.participant.participant_type.as_deref(), Some("USER"));
    assert_eq!(added.participant.info.name.as_deref(), Some("Bob"));

    // Bob's permissions reach Bob, not Ada (the payload names no participant).
    let perms = NativeParticipantPermissions {
        participant_id: bob_id.clone(),
        permissions: vec!["SEND_AUDIO".into()],
    };
    ada.conference_update_permissions(vec![perms])
        .await
        .unwrap();
    let mine = bob_shim
        .wait("Bob's permissions", |e| match e {
            Event::Permissions(p) => Some(p.clone()),
            _ => None,
        })
        .await;
    assert_eq!(mine.permissions, vec!["SEND_AUDIO".to_string()]);

    // A kick is an UPDATE with status KICKED, and the kicked one is in no conference.
    ada.conference_kick(bob_id.clone()).await.unwrap();
    ada_shim
        .wait("Bob KICKED", |e| match e {
            Event::Participants(c)
                if c.participant.id == bob_id
                    && c.event == "UPDATED"
                    && c.participant.status.as_deref() == Some("KICKED") =>
            {
                Some(())
            }
            _ => None,
        })
        .await;
    assert!(!ada_shim
        .events()
        .iter()
        .any(|e| matches!(e, Event::Permissions(_))));
    let _ = ada_id;
    for _ in 0..100 {
        if bob.conference_current().await.unwrap().is_none() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the kicked participant is still in the conference");
}

#[tokio::test]
async fn status_changes_are_emitted_with_their_names() {
    let emu = emulator();
    let (ada, ada_shim, _) = member(&emu, "Ada").await;
    let conf = ada.conference_create(None).await.unwrap();
    assert_eq!(conf.status, "CREATED");
    ada.conference_join(conf.id.clone(), None).await.unwrap();
    ada.conference_leave(false).await.unwrap();
    let status = ada_shim
        .wait("a status change", |e| match e {
            Event::Status(s) => Some(s.clone()),
            _ => None,
        })
        .await;
    assert_eq!(status.conference_id, conf.id);
    assert!(
        ["JOINED", "ENDED"].contains(&status.status.as_str()),
        "{status:?}"
    );
}

#[tokio::test]
async fn leave_with_leave_room_also_closes_the_session() {
    let emu = emulator();
    let (ada, _, _) = member(&emu, "Ada").await;
    let conf = ada.conference_create(None).await.unwrap();
    ada.conference_join(conf.id.clone(), None).await.unwrap();
    ada.conference_leave(false).await.unwrap();
    assert!(
        ada.session_is_open().await.unwrap(),
        "leaveRoom false keeps it"
    );
    // Left empty, that conference has ended: another one.
    let conf = ada.conference_create(None).await.unwrap();
    ada.conference_join(conf.id.clone(), None).await.unwrap();
    ada.conference_leave(true).await.unwrap();
    assert!(!ada.session_is_open().await.unwrap());
    assert_eq!(code(ada.conference_leave(true).await), "INVALID_STATE");
}

#[tokio::test]
async fn arguments_are_checked_before_anything_is_sent() {
    let emu = emulator();
    let (ada, _, ada_id) = member(&emu, "Ada").await;
    let sent = |emu: &Emulator| {
        [
            Route::ConferenceCreate,
            Route::ConferenceJoin,
            Route::ConferencePermissions,
        ]
        .map(|r| emu.request_count(r))
    };
    let before = sent(&emu);
    let with_ttl = |ttl| NativeConferenceCreateOptions {
        alias: None,
        params: Some(NativeConferenceParameters {
            ttl: Some(ttl),
            ..Default::default()
        }),
    };
    for bad in [-1.0, 0.5, f64::NAN] {
        assert_eq!(
            code(ada.conference_create(Some(with_ttl(bad))).await),
            "INVALID_ARGUMENT"
        );
    }
    let join = |t: Option<&str>, kind: Option<&str>| NativeConferenceJoinOptions {
        conference_access_token: t.map(Into::into),
        participant_type: kind.map(Into::into),
    };
    let conf = "conf-1".to_string();
    assert_eq!(
        code(
            ada.conference_join(conf.clone(), Some(join(None, Some("ADMIN"))))
                .await
        ),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        code(ada.conference_join(conf, Some(join(Some("x"), None))).await),
        "INVALID_ARGUMENT"
    );
    let perms = NativeParticipantPermissions {
        participant_id: ada_id,
        permissions: vec!["FLY".into()],
    };
    assert_eq!(
        code(ada.conference_update_permissions(vec![perms]).await),
        "INVALID_ARGUMENT"
    );
    assert_eq!(sent(&emu), before, "nothing was sent");
}

#[tokio::test]
async fn a_refused_configuration_rejects_every_call_with_its_error() {
    let emu = emulator();
    let mut config = config(&emu);
    config.api_base_url = "http://example.com".into(); // http only to loopback
    let (host, _) = host_with(config);
    for _ in 0..2 {
        assert_eq!(code(host.session_is_open().await), "INVALID_ARGUMENT");
    }
}

#[tokio::test]
async fn server_errors_reach_js_with_status() {
    let emu = emulator();
    let (ada, _, _) = member(&emu, "Ada").await;
    let err = ada
        .conference_fetch("no-such-conference".into())
        .await
        .unwrap_err();
    let js = native_error(&err);
    assert_eq!((js.code.as_str(), js.status), ("SERVER", Some(404)));
    assert!(js.message.contains("404"), "{}", js.message);
}
