//! The conference service (`DolbyIoIAPI.conference` in JS): REST calls on the platform's
//! conference routes, and which conference the local participant is in.

use super::models::*;
use crate::core::{ConferenceSlot, Core};
use crate::error::IapiError;
use crate::runtime::run;
use reqwest::Method;
use serde_json::json;
use std::sync::Arc;

/// The conference service of one SDK instance.
#[derive(uniffi::Object)]
pub struct ConferenceClient {
    core: Arc<Core>,
}

impl ConferenceClient {
    pub(crate) fn new(core: Arc<Core>) -> Arc<Self> {
        Arc::new(Self { core })
    }
}

/// A conference or participant id as one URL path segment; ids never need escaping.
fn segment<'a>(what: &str, id: &'a str) -> Result<&'a str, IapiError> {
    let ok = !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(id)
        .ok_or_else(|| IapiError::invalid_argument(format!("{what} is not a valid id")))
}

impl Core {
    pub(crate) async fn conference_call(
        &self,
        method: Method,
        path: String,
        body: Option<serde_json::Value>,
    ) -> Result<Conference, IapiError> {
        if !self.tokens().is_initialized() {
            return Err(IapiError::NotInitialized);
        }
        let wire: WireConference = self.api.call(method, &path, body.as_ref()).await?;
        Ok(wire.into())
    }

    fn local_participant_id(&self) -> Result<String, IapiError> {
        let session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        session
            .as_ref()
            .map(|s| s.participant.id.clone())
            .ok_or_else(|| IapiError::invalid_state("no session is open: call session.open first"))
    }

    pub(crate) fn current_conference_id(&self) -> Result<String, IapiError> {
        self.conference
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .filter(|slot| slot.joined)
            .map(|slot| slot.id.clone())
            .ok_or_else(|| IapiError::invalid_state("not in a conference"))
    }

    /// Leaves the current conference, if any (also used when the session closes).
    pub(crate) async fn leave_current(&self) -> Result<(), IapiError> {
        let Ok(id) = self.current_conference_id() else {
            return Ok(());
        };
        let participant = self.local_participant_id()?;
        self.conference_call(
            Method::POST,
            format!("v1/conferences/{id}/leave"),
            Some(json!({ "participantId": participant })),
        )
        .await?;
        self.conference
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        Ok(())
    }
}

#[uniffi::export]
impl ConferenceClient {
    /// Makes `listener` receive conference events until the returned subscription is dropped or
    /// cancelled (a later `subscribe` replaces it). Events flow while a session is open, for the
    /// conference its participant is in.
    pub fn subscribe(
        &self,
        listener: Arc<dyn super::events::ConferenceEventListener>,
    ) -> Arc<crate::subscription::Subscription> {
        self.core.conference_listener.subscribe(listener)
    }

    /// Creates a conference, or returns the live one with the same alias (`is_new = false`).
    pub async fn create(
        &self,
        options: Option<ConferenceCreateOptions>,
    ) -> Result<Conference, IapiError> {
        let core = self.core.clone();
        run(async move {
            let body = serde_json::to_value(options.unwrap_or_default())
                .map_err(|e| IapiError::invalid_argument(e.to_string()))?;
            core.conference_call(Method::POST, "v1/conferences/create".into(), Some(body))
                .await
        })
        .await
    }

    /// The conference `conference_id` as the platform has it now.
    pub async fn fetch(&self, conference_id: String) -> Result<Conference, IapiError> {
        let core = self.core.clone();
        run(async move {
            let id = segment("conferenceId", &conference_id)?;
            core.conference_call(Method::GET, format!("v1/conferences/{id}"), None)
                .await
        })
        .await
    }

    /// The conference the local participant is in, fetched now; `None` when in none.
    pub async fn current(&self) -> Result<Option<Conference>, IapiError> {
        let core = self.core.clone();
        run(async move {
            let Ok(id) = core.current_conference_id() else {
                return Ok(None);
            };
            core.conference_call(Method::GET, format!("v1/conferences/{id}"), None)
                .await
                .map(Some)
        })
        .await
    }

    /// Joins `conference_id` as the session's participant. Needs an open session; leaves the
    /// current conference first when it is another one. `conference_access_token` is not
    /// supported: any value gives `InvalidArgument` before anything is sent.
    pub async fn join(
        &self,
        conference_id: String,
        options: Option<ConferenceJoinOptions>,
    ) -> Result<Conference, IapiError> {
        let core = self.core.clone();
        run(async move {
            let id = segment("conferenceId", &conference_id)?.to_string();
            if options
                .as_ref()
                .is_some_and(|o| o.conference_access_token.is_some())
            {
                return Err(IapiError::invalid_argument(
                    "conferenceAccessToken is not supported (conferences with enhanced access \
                     control cannot be joined with this SDK)",
                ));
            }
            let participant = core.local_participant_id()?;
            if core
                .current_conference_id()
                .is_ok_and(|current| current != id)
            {
                core.leave_current().await?;
            }
            let kind = options
                .and_then(|o| o.participant_type)
                .unwrap_or(ParticipantType::User);
            let body = json!({ "participantId": participant, "participantType": kind });
            // The view starts now, so events that arrive before the join's answer count.
            {
                let mut slot = core.conference.lock().unwrap_or_else(|e| e.into_inner());
                if slot.as_ref().is_none_or(|s| s.id != id) {
                    *slot = Some(ConferenceSlot::new(id.clone(), false));
                }
            }
            let answer = core
                .conference_call(
                    Method::POST,
                    format!("v1/conferences/{id}/join"),
                    Some(body),
                )
                .await;
            let mut slot = core.conference.lock().unwrap_or_else(|e| e.into_inner());
            let mine = slot.as_mut().filter(|s| s.id == id);
            match (answer, mine) {
                (Ok(conference), Some(s)) => {
                    s.joined = true;
                    Ok(conference)
                }
                (Ok(conference), None) => {
                    *slot = Some(ConferenceSlot::new(id, true));
                    Ok(conference)
                }
                (Err(e), Some(s)) if !s.joined => {
                    *slot = None;
                    Err(e)
                }
                (Err(e), _) => Err(e),
            }
        })
        .await
    }

    /// Leaves the current conference; `InvalidState` when in none.
    pub async fn leave(&self) -> Result<(), IapiError> {
        let core = self.core.clone();
        run(async move {
            core.current_conference_id()?;
            core.leave_current().await
        })
        .await
    }

    /// The participants of `conference_id` (everyone who joined, with their current status).
    pub async fn participants(
        &self,
        conference_id: String,
    ) -> Result<Vec<ConferenceParticipant>, IapiError> {
        Ok(self.fetch(conference_id).await?.participants)
    }

    /// The status of `conference_id`.
    pub async fn status(&self, conference_id: String) -> Result<ConferenceStatus, IapiError> {
        Ok(self.fetch(conference_id).await?.status)
    }

    /// One participant of the current conference; `InvalidArgument` when it has none with that id.
    pub async fn participant(
        &self,
        participant_id: String,
    ) -> Result<ConferenceParticipant, IapiError> {
        let current = self.core.current_conference_id()?;
        self.fetch(current)
            .await?
            .participants
            .into_iter()
            .find(|p| p.id == participant_id)
            .ok_or_else(|| {
                IapiError::invalid_argument("no participant with that id in the current conference")
            })
    }

    /// Kicks a participant out of the current conference.
    pub async fn kick(&self, participant_id: String) -> Result<(), IapiError> {
        let core = self.core.clone();
        run(async move {
            let conference = core.current_conference_id()?;
            let participant = segment("participantId", &participant_id)?;
            let path = format!("v1/conferences/{conference}/kick/{participant}");
            core.conference_call(Method::POST, path, Some(json!({})))
                .await
                .map(drop)
        })
        .await
    }

    /// Mutes or unmutes a participant of the current conference; returns its new state.
    pub async fn mute(&self, participant_id: String, is_muted: bool) -> Result<bool, IapiError> {
        let core = self.core.clone();
        run(async move {
            let conference = core.current_conference_id()?;
            let body = json!({ "participantId": segment("participantId", &participant_id)?, "isMuted": is_muted });
            let answer = core.conference_call(Method::POST, format!("v1/conferences/{conference}/mute"), Some(body)).await?;
            Ok(answer.participants.iter().find(|p| p.id == participant_id).map_or(is_muted, |p| p.is_muted))
        })
        .await
    }

    /// Whether the local participant is muted in the current conference.
    pub async fn is_muted(&self) -> Result<bool, IapiError> {
        let me = self.core.local_participant_id()?;
        Ok(self.participant(me).await?.is_muted)
    }

    /// Replaces the permissions of the listed participants of the current conference.
    pub async fn update_permissions(
        &self,
        permissions: Vec<ParticipantPermissions>,
    ) -> Result<(), IapiError> {
        let core = self.core.clone();
        run(async move {
            let conference = core.current_conference_id()?;
            if permissions.is_empty() {
                return Err(IapiError::invalid_argument("permissions must not be empty"));
            }
            let body = json!({ "permissions": permissions });
            core.conference_call(
                Method::POST,
                format!("v1/conferences/{conference}/permissions"),
                Some(body),
            )
            .await
            .map(drop)
        })
        .await
    }
}
