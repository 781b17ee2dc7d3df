//! Conference events over the session WebSocket: delivery, recovery after a drop, and a token
//! refresh mid-conference.

mod common;
use common::conference::*;
use common::*;
use iapi_core::{ConferenceEvent, ConferencePermission, ParticipantPermissions, ParticipantStatus};
use std::time::Duration;

fn added(id: &str) -> impl Fn(&ConferenceEvent) -> bool + '_ {
    move |e| matches!(e, ConferenceEvent::ParticipantAdded { participant, .. } if participant.id == id)
}

#[tokio::test]
async fn participants_see_each_other_join_mute_permissions_and_kick() {
    let emu = emulator();
    let (ada, _, ada_events) = member(&emu, "Ada").await;
    let (bob, bob_id, bob_events) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;

    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    let seen = ada_events.wait("bob added", added(&bob_id)).await;
    assert!(
        matches!(seen, ConferenceEvent::ParticipantAdded { ref conference_id, .. } if *conference_id == conf.id)
    );

    ada.conference().mute(bob_id.clone(), true).await.unwrap();
    bob_events
        .wait("bob muted", |e| {
            matches!(e, ConferenceEvent::ParticipantUpdated { participant, .. } if participant.id == bob_id && participant.is_muted)
        })
        .await;

    let perms = vec![ParticipantPermissions {
        participant_id: bob_id.clone(),
        permissions: vec![ConferencePermission::Join],
    }];
    ada.conference().update_permissions(perms).await.unwrap();
    bob_events
        .wait("permissions", |e| {
            matches!(e, ConferenceEvent::PermissionsUpdated { participant_id, permissions, .. }
                if *participant_id == bob_id && *permissions == vec![ConferencePermission::Join])
        })
        .await;

    ada.conference().kick(bob_id.clone()).await.unwrap();
    bob_events
        .wait("bob kicked", |e| {
            matches!(e, ConferenceEvent::ParticipantUpdated { participant, .. }
                if participant.id == bob_id && participant.status == ParticipantStatus::Kicked)
        })
        .await;
    assert!(
        bob.conference().current().await.unwrap().is_none(),
        "a kicked participant is in no conference"
    );
}

#[tokio::test]
async fn a_dropped_socket_reconnects_and_events_flow_again() {
    let emu = emulator();
    let (ada, _, ada_events) = member(&emu, "Ada").await;
    let (bob, bob_id, _) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();

    assert_eq!(emu.drop_websockets(), 2);
    wait_sockets(&emu, 2).await; // both sessions reconnect on their own
    bob.conference().join(conf.id, None).await.unwrap();
    ada_events
        .wait("bob added after the drop", added(&bob_id))
        .await;
}

#[tokio::test]
async fn a_token_refresh_mid_conference_keeps_events_flowing() {
    let emu = emulator_with_ttl(2); // initialize(key, secret) refreshes every second
    let (ada, _, ada_events) = member(&emu, "Ada").await;
    let (bob, bob_id, _) = member(&emu, "Bob").await;
    wait_sockets(&emu, 2).await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();

    // Past the first tokens' expiry: the sockets stay, and reconnecting uses the new tokens.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    bob.conference().join(conf.id.clone(), None).await.unwrap();
    ada_events
        .wait("bob added after refresh", added(&bob_id))
        .await;
    emu.drop_websockets();
    wait_sockets(&emu, 2).await;
    ada.conference().mute(bob_id.clone(), true).await.unwrap();
    ada_events
        .wait("mute after reconnect", |e| {
            matches!(e, ConferenceEvent::ParticipantUpdated { participant, .. } if participant.id == bob_id && participant.is_muted)
        })
        .await;
}

#[tokio::test]
async fn closing_the_session_closes_its_socket() {
    let emu = emulator();
    let (ada, _, _) = member(&emu, "Ada").await;
    wait_sockets(&emu, 1).await;
    ada.session().close().await.unwrap();
    wait_sockets(&emu, 0).await;
}
