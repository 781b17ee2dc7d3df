//! The conference service with two SDK instances against one emulator.

mod common;
use common::*;
use iapi_core::{
    ConferenceCreateOptions, ConferenceJoinOptions, ConferencePermission, ConferenceStatus,
    DolbyIoIapi, IapiError, ParticipantInfo, ParticipantPermissions, ParticipantStatus,
    ParticipantType,
};
use std::sync::Arc;

async fn signed_in(emu: &iapi_emulator::Emulator, name: &str) -> (Arc<DolbyIoIapi>, String) {
    let sdk = sdk(emu);
    sdk.initialize(KEY.into(), SECRET.into()).await.unwrap();
    let info = ParticipantInfo {
        name: Some(name.into()),
        ..ParticipantInfo::default()
    };
    let me = sdk.session().open(Some(info)).await.unwrap();
    (sdk, me.id)
}

fn alias(a: &str) -> Option<ConferenceCreateOptions> {
    Some(ConferenceCreateOptions {
        alias: Some(a.into()),
        params: None,
    })
}

#[tokio::test]
async fn two_participants_create_join_mute_permissions_kick_leave_end() {
    let emu = emulator();
    let (ada, ada_id) = signed_in(&emu, "Ada").await;
    let (bob, bob_id) = signed_in(&emu, "Bob").await;

    let created = ada.conference().create(alias("standup")).await.unwrap();
    assert!(created.is_new);
    assert_eq!(created.status, ConferenceStatus::Created);
    let again = bob.conference().create(alias("standup")).await.unwrap();
    assert_eq!(
        (again.id.as_str(), again.is_new),
        (created.id.as_str(), false),
        "same alias, same conference"
    );

    assert!(ada.conference().current().await.unwrap().is_none());
    let joined = ada
        .conference()
        .join(created.id.clone(), None)
        .await
        .unwrap();
    assert_eq!(joined.status, ConferenceStatus::Joined);
    let listener = Some(ConferenceJoinOptions {
        participant_type: Some(ParticipantType::Listener),
        ..ConferenceJoinOptions::default()
    });
    bob.conference()
        .join(created.id.clone(), listener)
        .await
        .unwrap();
    assert_eq!(
        ada.conference().current().await.unwrap().unwrap().id,
        created.id
    );

    let people = ada
        .conference()
        .participants(created.id.clone())
        .await
        .unwrap();
    assert_eq!(people.len(), 2);
    let ada_seen = bob.conference().participant(ada_id).await.unwrap();
    assert_eq!(
        (ada_seen.status, ada_seen.participant_type),
        (ParticipantStatus::Connected, ParticipantType::User)
    );
    let bob_seen = ada.conference().participant(bob_id.clone()).await.unwrap();
    assert_eq!(
        (bob_seen.status, bob_seen.participant_type),
        (ParticipantStatus::Connected, ParticipantType::Listener)
    );
    assert_eq!(bob_seen.info.name.as_deref(), Some("Bob"));

    assert!(ada.conference().mute(bob_id.clone(), true).await.unwrap());
    assert!(
        bob.conference().is_muted().await.unwrap(),
        "mute is visible to the muted one"
    );
    assert!(!ada.conference().is_muted().await.unwrap());

    let perms = vec![ParticipantPermissions {
        participant_id: bob_id.clone(),
        permissions: vec![ConferencePermission::Join, ConferencePermission::SendAudio],
    }];
    ada.conference().update_permissions(perms).await.unwrap();
    let bob_now = bob.conference().participant(bob_id.clone()).await.unwrap();
    assert_eq!(
        bob_now.permissions,
        vec![ConferencePermission::Join, ConferencePermission::SendAudio]
    );

    ada.conference().kick(bob_id.clone()).await.unwrap();
    assert_eq!(
        ada.conference().participant(bob_id).await.unwrap().status,
        ParticipantStatus::Kicked
    );

    ada.conference().leave().await.unwrap();
    assert!(ada.conference().current().await.unwrap().is_none());
    assert_eq!(
        ada.conference().status(created.id.clone()).await.unwrap(),
        ConferenceStatus::Ended
    );
    let fresh = ada.conference().create(alias("standup")).await.unwrap();
    assert!(
        fresh.is_new && fresh.id != created.id,
        "an ended conference frees its alias"
    );
}

#[tokio::test]
async fn closing_the_session_leaves_the_conference() {
    let emu = emulator();
    let (ada, ada_id) = signed_in(&emu, "Ada").await;
    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    ada.session().close().await.unwrap();
    let (bob, _) = signed_in(&emu, "Bob").await;
    let seen = bob.conference().fetch(conf.id).await.unwrap();
    assert_eq!(seen.status, ConferenceStatus::Ended);
    assert_eq!(
        seen.participants
            .iter()
            .find(|p| p.id == ada_id)
            .unwrap()
            .status,
        ParticipantStatus::Left
    );
}

#[tokio::test]
async fn bad_input_gives_clear_codes() {
    let emu = emulator();
    let (ada, _) = signed_in(&emu, "Ada").await;
    let unknown = ada
        .conference()
        .fetch("00000000-0000-0000-0000-000000000000".into())
        .await
        .unwrap_err();
    assert!(
        matches!(unknown, IapiError::Server { status: 404, .. }),
        "{unknown}"
    );
    assert_eq!(
        ada.conference()
            .fetch("../x".into())
            .await
            .unwrap_err()
            .code(),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        ada.conference().leave().await.unwrap_err().code(),
        "INVALID_STATE",
        "not in a conference"
    );
    assert_eq!(
        ada.conference()
            .kick("someone".into())
            .await
            .unwrap_err()
            .code(),
        "INVALID_STATE"
    );

    let conf = ada.conference().create(None).await.unwrap();
    ada.conference().join(conf.id.clone(), None).await.unwrap();
    let kick = ada
        .conference()
        .kick("unknown-participant".into())
        .await
        .unwrap_err();
    assert!(
        matches!(kick, IapiError::Server { status: 404, .. }),
        "{kick}"
    );
    assert_eq!(
        ada.conference()
            .participant("nobody".into())
            .await
            .unwrap_err()
            .code(),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        ada.conference()
            .update_permissions(vec![])
            .await
            .unwrap_err()
            .code(),
        "INVALID_ARGUMENT"
    );

    // Joining without a session, and before initialize.
    let no_session = sdk(&emu);
    no_session
        .initialize(KEY.into(), SECRET.into())
        .await
        .unwrap();
    assert_eq!(
        no_session
            .conference()
            .join(conf.id.clone(), None)
            .await
            .unwrap_err()
            .code(),
        "INVALID_STATE"
    );
    assert_eq!(
        sdk(&emu).conference().create(None).await.unwrap_err(),
        IapiError::NotInitialized
    );
}
