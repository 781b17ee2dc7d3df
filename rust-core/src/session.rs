//! The session service: who this client is on the platform (`/v2/users/identify`, `/v1/users/logout`).

use crate::core::Core;
use crate::error::IapiError;
use crate::runtime::run;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Participant {
    /// Platform-assigned participant id.
    pub id: String,
    /// What the participant told about itself.
    pub info: ParticipantInfo,
}

/// State of an open session.
#[derive(Debug, Clone)]
pub(crate) struct OpenSession {
    pub participant: Participant,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdentifyResponse {
    id: String,
    ws_url: Option<String>,
}

/// The session service of one SDK instance (`DolbyIoIAPI.session` in JS).
#[derive(uniffi::Object)]
pub struct SessionClient {
    core: Arc<Core>,
}

impl SessionClient {
    pub(crate) fn new(core: Arc<Core>) -> Arc<Self> {
        Arc::new(Self { core })
    }
}

#[uniffi::export]
impl SessionClient {
    /// Opens a session as `info` and returns the local participant. Fails with `InvalidState` when
    /// a session is already open (close it first) and `NotInitialized` before `initialize*`.
    pub async fn open(&self, info: Option<ParticipantInfo>) -> Result<Participant, IapiError> {
        let core = self.core.clone();
        run(async move {
            if !core.tokens().is_initialized() {
                return Err(IapiError::NotInitialized);
            }
            if core
                .session
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .is_some()
            {
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
            let mut session = core.session.lock().unwrap_or_else(|e| e.into_inner());
            if session.is_some() {
                return Err(IapiError::invalid_state(
                    "a session was opened concurrently",
                ));
            }
            *session = Some(OpenSession {
                participant: participant.clone(),
            });
            drop(session);
            // Conference events flow over the session's WebSocket while it is open.
            if let Some(ws_url) = ws_url {
                core.start_events(ws_url, participant.id.clone());
            }
            Ok(participant)
        })
        .await
    }

    /// Closes the session (leaves the current conference, logs out). The token and provider are
    /// kept, so `open` works again. Closing when no session is open does nothing.
    pub async fn close(&self) -> Result<(), IapiError> {
        let core = self.core.clone();
        run(async move {
            // The participant leaves its conference first (best effort: the session closes
            // even when the platform cannot be told; that error is returned at the end).
            let left = core.leave_current().await;
            core.conference
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            core.stop_events();
            let open = core
                .session
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
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
        self.core
            .session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// The local participant; `InvalidState` when no session is open.
    pub fn participant(&self) -> Result<Participant, IapiError> {
        self.core
            .session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|s| s.participant.clone())
            .ok_or_else(|| IapiError::invalid_state("no session is open"))
    }
}
