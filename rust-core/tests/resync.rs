//! No lost change: after the session WebSocket reconnects, the core reports what changed in the
//! conference while it was down (net effect, platform order, status last), once, before live
//! events; ENDED/DESTROYED during the gap; a panicking listener; conferenceAccessToken.

mod common;
use common::conference::*;
use common::*;
use iapi_core::{
    ConferenceCreateOptions, ConferenceEvent, ConferenceEventListener, ConferenceJoinOptions,
    ConferenceParameters, ConferenceStatus,
};
use iapi_emulator::{Emulator, Fault, Route};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A short, comparable form of an event: kind, participant, its status and mute state.
fn brief(e: &ConferenceEvent) -> String {
    match e {
        ConferenceEvent::ParticipantAdded { participant: p, .. } => {
            format!(
                "added {} {:?} muted={}",
                p.info.name.as_deref().unwrap_or(&p.id),
                p.status,
                p.is_muted
            )
        }
        ConferenceEvent::ParticipantUpdated { participant: p, .. } => {
            format!(
                "updated {} {:?} muted={}",
                p.info.name.as_deref().unwrap_or(&p.id),
                p.status,
                p.is_muted
            )
        }
        ConferenceEvent::ParticipantRemoved { participant: p, .. } => {
            format!(
                "removed {} {:?} muted={}",
                p.info.name.as_deref().unwrap_or(&p.id),
                p.status,
                p.is_muted
            )
        }
        ConferenceEvent::StatusChanged { status, .. } => format!("status {status:?}"),
        ConferenceEvent::PermissionsUpdated { participant_id, .. } => {
            format!("permissions {participant_id}")
        }
    }
}

fn briefs(events: &[ConferenceEvent]) -> Vec<String> {
    events.iter().map(brief).collect()
}

fn is_status(status: ConferenceStatus) -> impl Fn(&ConferenceEvent) -> bool {
    move |e| matches!(e, ConferenceEvent::StatusChanged { status: s, .. } if *s == status)
}

fn is_about(name: &'static str, muted: bool) -> impl Fn(&ConferenceEvent) -> bool {
    move |e| match e {
        ConferenceEvent::ParticipantUpdated { participant, .. } => {
            participant.info.name.as_deref() == Some(name) && participant.is_muted == muted
        }
        _ => false,
    }
}

/// Makes a gap: handshakes refused for `refuse`, every open socket dropped.
async fn gap(emu: &Emulator, refuse: Duration) {
    emu.refuse_websockets(refuse);
    emu.drop_websockets();
    wait_sockets(emu, 0).await;
}

#[tokio::test]
async fn changes_during_a_refused_reconnect_are_reported_once_in_order() {
    let emu = emulator();
    let (ada, _, ada_events) = member(&emu, "Ada").await;
    let (bob, bob_id, _) = member(&emu, "Bob").await;
    let (cyd, _, _) = member(&emu, "Cyd").await;
    wait_sockets(&emu, 3).await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    ada_events
        .wait_from(0, "joined", is_status(ConferenceStatus::Joined))
        .await;
    assert_eq!(
        briefs(&ada_events.since(0)),
        ["added Ada Connected muted=false", "status Joined"]
    );

    // Ada's socket is down and refused for 2 s (longer than the first backoff steps).
    gap(&emu, Duration::from_secs(2)).await;
    let before = ada_events.len();
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().mute(bob_id.clone(), true).await.unwrap();
    cyd.conference().join(conf.id.clone(), None).await.unwrap();
    cyd.conference().leave().await.unwrap();

    // After the reconnect: then a live change as a marker; everything before it is the gap.
    wait_sockets(&emu, 3).await;
    ada_events
        .wait_from(before, "Bob added", |e| {
            matches!(e, ConferenceEvent::ParticipantAdded { .. })
        })
        .await;
    bob.conference().mute(bob_id.clone(), false).await.unwrap();
    ada_events
        .wait_from(before, "Bob unmuted (live)", is_about("Bob", false))
        .await;
    assert_eq!(
        briefs(&ada_events.since(before)),
        [
            "added Bob Connected muted=true", // joined, then muted: net effect
            "removed Cyd Left muted=false",   // joined and left during the gap: reported once
            "updated Bob Connected muted=false", // the live marker, after the resync
        ]
    );
    assert_eq!(
        ada.conference().current().await.unwrap().unwrap().id,
        conf.id,
        "still in the conference"
    );
}

#[tokio::test]
async fn a_change_both_fetched_and_queued_on_the_new_socket_is_reported_once() {
    let emu = emulator();
    let (ada, _, ada_events) = member(&emu, "Ada").await;
    let (bob, bob_id, _) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    ada_events
        .wait_from(0, "joined", is_status(ConferenceStatus::Joined))
        .await;

    // Ada's resync fetch is held 1.5 s after her socket is back: Bob joins and mutes in between,
    // so both changes are in the fetched state AND queued live on the new socket (as
    // participantAdded unmuted, then participantUpdated muted).
    gap(&emu, Duration::from_secs(600)).await;
    let before = ada_events.len();
    emu.inject_fault(
        Route::ConferenceFetch,
        Fault::Latency(Duration::from_millis(1500)),
        None,
    );
    emu.refuse_websockets(Duration::ZERO);
    wait_sockets(&emu, 2).await;
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().mute(bob_id.clone(), true).await.unwrap();
    ada_events
        .wait_from(before, "Bob added", |e| {
            matches!(e, ConferenceEvent::ParticipantAdded { .. })
        })
        .await;
    emu.clear_faults();
    bob.conference().mute(bob_id, false).await.unwrap();
    ada_events
        .wait_from(before, "Bob unmuted (live)", is_about("Bob", false))
        .await;
    assert_eq!(
        briefs(&ada_events.since(before)),
        [
            "added Bob Connected muted=true",
            "updated Bob Connected muted=false"
        ]
    );
}

#[tokio::test]
async fn a_conference_that_ended_during_the_gap_is_reported_and_left() {
    let emu = emulator();
    let (ada, ada_id, ada_events) = member(&emu, "Ada").await;
    let (bob, _, _) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    ada_events
        .wait_from(0, "Bob added", |e| {
            matches!(e, ConferenceEvent::ParticipantAdded { participant, .. } if participant.info.name.as_deref() == Some("Bob"))
        })
        .await;

    // Refused until lifted: the changes are complete before Ada can reconnect.
    gap(&emu, Duration::from_secs(600)).await;
    let before = ada_events.len();
    bob.conference().kick(ada_id.clone()).await.unwrap();
    bob.conference().leave().await.unwrap(); // nobody CONNECTED: ENDED
    assert_eq!(
        bob.conference().status(conf.id.clone()).await.unwrap(),
        ConferenceStatus::Ended
    );
    emu.refuse_websockets(Duration::ZERO);
    ada_events
        .wait_from(before, "ENDED", is_status(ConferenceStatus::Ended))
        .await;
    assert_eq!(
        briefs(&ada_events.since(before)),
        [
            "updated Ada Kicked muted=false",
            "removed Bob Left muted=false",
            "status Ended"
        ]
    );
    assert!(
        ada.conference().current().await.unwrap().is_none(),
        "in no conference"
    );
}

#[tokio::test]
async fn ttl_expiry_during_the_gap_is_reported_as_destroyed() {
    let emu = emulator();
    let (ada, ada_id, ada_events) = member(&emu, "Ada").await;
    let (bob, _, _) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;
    let options = ConferenceCreateOptions {
        alias: None,
        params: Some(ConferenceParameters {
            ttl: Some(1),
            ..ConferenceParameters::default()
        }),
    };
    let conf = ada.conference().create(Some(options)).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    ada_events
        .wait_from(0, "JOINED", is_status(ConferenceStatus::Joined))
        .await;

    gap(&emu, Duration::from_secs(600)).await;
    let before = ada_events.len();
    bob.conference().kick(ada_id.clone()).await.unwrap();
    bob.conference().leave().await.unwrap(); // ENDED, DESTROYED 1 s later
    let mut status = ConferenceStatus::Joined;
    for _ in 0..100 {
        status = bob.conference().status(conf.id.clone()).await.unwrap();
        if status == ConferenceStatus::Destroyed {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        status,
        ConferenceStatus::Destroyed,
        "the emulator destroys it"
    );
    emu.refuse_websockets(Duration::ZERO);
    ada_events
        .wait_from(before, "DESTROYED", is_status(ConferenceStatus::Destroyed))
        .await;
    let gap_events = briefs(&ada_events.since(before));
    assert_eq!(gap_events.last().unwrap(), "status Destroyed");
    assert_eq!(
        gap_events
            .iter()
            .filter(|e| e.starts_with("status"))
            .count(),
        1,
        "{gap_events:?}"
    );
    assert!(
        ada.conference().current().await.unwrap().is_none(),
        "in no conference"
    );
}

#[tokio::test]
async fn a_live_destroyed_status_reaches_members_still_subscribed() {
    let emu = emulator();
    let (ada, _, ada_events) = member(&emu, "Ada").await;
    wait_sockets(&emu, 1).await;
    let options = ConferenceCreateOptions {
        alias: None,
        params: Some(ConferenceParameters {
            ttl: Some(1),
            ..ConferenceParameters::default()
        }),
    };
    let conf = ada.conference().create(Some(options)).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    ada.conference().leave().await.unwrap();
    ada_events
        .wait_from(0, "DESTROYED", is_status(ConferenceStatus::Destroyed))
        .await;
    assert_eq!(
        briefs(&ada_events.since(0)),
        [
            "added Ada Connected muted=false",
            "status Joined",
            "removed Ada Left muted=false",
            "status Ended",
            "status Destroyed"
        ]
    );
    assert_eq!(
        ada.conference().status(conf.id.clone()).await.unwrap(),
        ConferenceStatus::Destroyed
    );
    let err = ada.conference().join(conf.id, None).await.unwrap_err();
    assert_eq!(err.code(), "SERVER", "{err:?}");
}

/// Panics on every other event; records all of them.
#[derive(Default)]
struct Panicky {
    seen: Events,
    calls: AtomicUsize,
}

impl ConferenceEventListener for Panicky {
    fn on_conference_event(&self, event: ConferenceEvent) {
        self.seen.on_conference_event(event);
        if self.calls.fetch_add(1, Ordering::SeqCst) % 2 == 0 {
            panic!("a listener bug");
        }
    }
}

#[tokio::test]
async fn a_panicking_listener_does_not_stop_later_events() {
    let emu = emulator();
    let listener = Arc::new(Panicky::default());
    let (ada, _, _subscription) = member_with(&emu, "Ada", listener.clone()).await;
    let (bob, bob_id, _) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().mute(bob_id.clone(), true).await.unwrap();
    listener
        .seen
        .wait_from(0, "Bob muted", is_about("Bob", true))
        .await;
    assert_eq!(
        briefs(&listener.seen.since(0)),
        [
            "added Ada Connected muted=false", // panicked
            "status Joined",
            "added Bob Connected muted=false", // panicked
            "updated Bob Connected muted=true",
        ]
    );
    assert!(listener.calls.load(Ordering::SeqCst) >= 4);
}

#[tokio::test]
async fn a_conference_access_token_is_refused_before_anything_is_sent() {
    let emu = emulator();
    let (ada, _, _) = member(&emu, "Ada").await;
    let conf = ada.conference().create(None).await.unwrap();
    let joins = emu.request_count(Route::ConferenceJoin);
    let options = ConferenceJoinOptions {
        conference_access_token: Some("a.conference.token".into()),
        ..ConferenceJoinOptions::default()
    };
    let err = ada
        .conference()
        .join(conf.id.clone(), Some(options))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_ARGUMENT");
    assert!(err.to_string().contains("conferenceAccessToken"), "{err}");
    assert_eq!(
        emu.request_count(Route::ConferenceJoin),
        joins,
        "nothing sent"
    );
    assert!(ada.conference().current().await.unwrap().is_none());
    // Without it, the same join works.
    ada.conference().join(conf.id, None).await.unwrap();
}
