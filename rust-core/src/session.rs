//! The session service: who this client is on the platform (`/v2/users/identify`, `/v1/users/logout`).
//! It owns the open session ([`SessionState`]); what a session means to the other services (the
//! conference service's event stream and current conference) reaches them through
//! [`SessionObserver`], so this module uses none of them.

use crate::core::Core;
use crate::error::IapiError;
use crate::runtime::run;
use crate::sync::lock;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// Who the local participant is, as shown to others. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantInfo {
    /// Display name.
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// The app's own id for this user; the same external id gets the same participant id.
    #[uniffi(default = None)]
    pub external_id: Option<String>,
    /// URL of the avatar picture.
    #[uniffi(default = None)]
    pub avatar_url: Option<String>,
}

/// A participant of the platform: the local one after `session().open()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Platform-assigned participant id.
    pub id: String,
    /// What the participant told about itself.
    pub info: ParticipantInfo,
}

/// The session service's state: the open session's participant, if any. Shared with the
/// services that act as that participant (the conference service reads its id).
#[derive(Debug, Default)]
pub(crate) struct SessionState {
    participant: Mutex<Option<Participant>>,
}

impl SessionState {
    /// The local participant, while a session is open.
    pub fn participant(&self) -> Option<Participant> {
        lock(&self.participant).clone()
    }

    /// The local participant's id, while a session is open.
    pub fn participant_id(&self) -> Option<String> {
        lock(&self.participant).as_ref().map(|p| p.id.clone())
    }

    fn is_open(&self) -> bool {
        lock(&self.participant).is_some()
    }
}

/// What the session's lifecycle means to the services that live inside a session (the
/// conference service: its event stream and current conference). Implemented there, so this
/// module depends on none of them.
#[async_trait::async_trait]
pub(crate) trait SessionObserver: Send + Sync {
    /// The session opened as `participant_id`; its event stream is at `ws_url`.
    fn opened(&self, ws_url: url::Url, participant_id: String);

    /// The session of `participant` (`None`: none was open) is closing: leave what belongs to
    /// it (best effort: the session closes even when the platform cannot be told; that error
    /// is returned at the end of `close`). The session is already closed for new operations.
    async fn closing(&self, participant: Option<String>) -> Result<(), IapiError>;
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdentifyResponse {
    id: String,
    ws_url: Option<String>,
}

/// The session service of one SDK instance (`DolbyIoIAPI.session` in JS).
pub struct SessionClient {
    core: Arc<Core>,
    state: Arc<SessionState>,
    observer: Arc<dyn SessionObserver>,
}

impl SessionClient {
    pub(crate) fn new(
        core: Arc<Core>,
        state: Arc<SessionState>,
        observer: Arc<dyn SessionObserver>,
    ) -> Arc<Self> {
        Arc::new(Self {
            core,
            state,
            observer,
        })
    }
}

impl SessionClient {
    /// Opens a session as `info` and returns the local participant. Fails with `InvalidState` when
    /// a session is already open (close it first) and `NotInitialized` before `initialize*`.
    pub async fn open(&self, info: Option<ParticipantInfo>) -> Result<Participant, IapiError> {
        let (core, state, observer) =
            (self.core.clone(), self.state.clone(), self.observer.clone());
        run(async move {
            if !core.tokens().is_initialized() {
                return Err(IapiError::NotInitialized);
            }
            if state.is_open() {
                return Err(IapiError::invalid_state("a session is already open"));
            }
            let info = info.unwrap_or_default();
            let body = serde_json::to_value(&info)
                .map_err(|e| IapiError::invalid_argument(e.to_string()))?;
            let answer: IdentifyResponse = core
                .api
                .call(Method::POST, "v2/users/identify", Some(&body))
                .await?;
            // Checked before anything is kept: the access token would travel in its query.
            let ws_url = answer
                .ws_url
                .as_deref()
                .map(crate::config::event_url)
                .transpose()?;
            let participant = Participant {
                id: answer.id,
                info,
            };
            let mut open = lock(&state.participant);
            if open.is_some() {
                return Err(IapiError::invalid_state(
                    "a session was opened concurrently",
                ));
            }
            *open = Some(participant.clone());
            drop(open);
            // Conference events flow over the session's WebSocket while it is open.
            if let Some(ws_url) = ws_url {
                observer.opened(ws_url, participant.id.clone());
            }
            Ok(participant)
        })
        .await
    }

    /// Closes the session (leaves the current conference, logs out). The token and provider are
    /// kept, so `open` works again. Closing when no session is open does nothing.
    pub async fn close(&self) -> Result<(), IapiError> {
        let (core, state, observer) =
            (self.core.clone(), self.state.clone(), self.observer.clone());
        run(async move {
            // Closed first, so no operation that starts from now on acts as this participant;
            // then it leaves its conference, after the operations already under way (a join
            // in flight is left), best effort: the session closes even when the platform
            // cannot be told; that error is returned at the end.
            let open = lock(&state.participant).take();
            let left = observer.closing(open.as_ref().map(|p| p.id.clone())).await;
            if open.is_some() {
                let _: serde_json::Value = core
                    .api
                    .call(
                        Method::POST,
                        "v1/users/logout",
                        Some(&serde_json::json!({})),
                    )
                    .await?;
            }
            left
        })
        .await
    }

    /// Whether a session is open.
    pub fn is_open(&self) -> bool {
        self.state.is_open()
    }

    /// The local participant; `InvalidState` when no session is open.
    pub fn participant(&self) -> Result<Participant, IapiError> {
        self.state
            .participant()
            .ok_or_else(|| IapiError::invalid_state("no session is open"))
    }
}
