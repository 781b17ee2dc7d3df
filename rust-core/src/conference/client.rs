//! The conference service's API (`DolbyIoIAPI.conference` in JS): REST calls on the platform's
//! conference routes, with arguments checked here; the state they act on is the service's
//! (`service`).

use super::events::ConferenceEventListener;
use super::models::*;
use super::service::ConferenceService;
use crate::error::IapiError;
use crate::runtime::run;
use crate::subscription::Subscription;
use reqwest::Method;
use serde_json::json;
use std::sync::Arc;

/// The conference service of one SDK instance.
pub struct ConferenceClient {
    service: Arc<ConferenceService>,
}

impl ConferenceClient {
    pub(crate) fn new(service: Arc<ConferenceService>) -> Arc<Self> {
        Arc::new(Self { service })
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

impl ConferenceClient {
    /// Makes `listener` receive conference events until the returned subscription is dropped or
    /// cancelled (a later `subscribe` replaces it). Events flow while a session is open, for the
    /// conference its participant is in.
    pub fn subscribe(&self, listener: Arc<dyn ConferenceEventListener>) -> Arc<Subscription> {
        self.service.subscribe(listener)
    }

    /// Creates a conference, or returns the live one with the same alias (`is_new = false`).
    pub async fn create(
        &self,
        options: Option<ConferenceCreateOptions>,
    ) -> Result<Conference, IapiError> {
        let service = self.service.clone();
        run(async move {
            let body = serde_json::to_value(options.unwrap_or_default())
                .map_err(|e| IapiError::invalid_argument(e.to_string()))?;
            service
                .call(Method::POST, "v1/conferences/create".into(), Some(body))
                .await
        })
        .await
    }

    /// The conference `conference_id` as the platform has it now.
    pub async fn fetch(&self, conference_id: String) -> Result<Conference, IapiError> {
        let service = self.service.clone();
        run(async move {
            let id = segment("conferenceId", &conference_id)?;
            service
                .call(Method::GET, format!("v1/conferences/{id}"), None)
                .await
        })
        .await
    }

    /// The conference the local participant is in, fetched now; `None` when in none.
    pub async fn current(&self) -> Result<Option<Conference>, IapiError> {
        let service = self.service.clone();
        run(async move {
            let Ok(id) = service.current_conference_id() else {
                return Ok(None);
            };
            service
                .call(Method::GET, format!("v1/conferences/{id}"), None)
                .await
                .map(Some)
        })
        .await
    }

    /// Joins `conference_id` as the session's participant. Needs an open session; leaves the
    /// current conference first when it is another one. Runs after the joins and leaves called
    /// before it (and a session close called before it: then `InvalidState`). `conference_access_token` is not
    /// supported: any value gives `InvalidArgument` before anything is sent.
    pub async fn join(
        &self,
        conference_id: String,
        options: Option<ConferenceJoinOptions>,
    ) -> Result<Conference, IapiError> {
        let service = self.service.clone();
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
            service.local_participant_id()?;
            let kind = options
                .and_then(|o| o.participant_type)
                .unwrap_or(ParticipantType::User);
            service.join(id, kind).await
        })
        .await
    }

    /// Leaves the current conference; `InvalidState` when in none. Joins and leaves of one SDK
    /// instance run one at a time, in the order they were called: a leave called while a join
    /// is in flight leaves that conference once the join completed.
    pub async fn leave(&self) -> Result<(), IapiError> {
        let service = self.service.clone();
        run(async move { service.leave().await }).await
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
        let current = self.service.current_conference_id()?;
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
        let service = self.service.clone();
        run(async move {
            let conference = service.current_conference_id()?;
            let participant = segment("participantId", &participant_id)?;
            let path = format!("v1/conferences/{conference}/kick/{participant}");
            service
                .call(Method::POST, path, Some(json!({})))
                .await
                .map(drop)
        })
        .await
    }

    /// Mutes or unmutes a participant of the current conference; returns its new state.
    pub async fn mute(&self, participant_id: String, is_muted: bool) -> Result<bool, IapiError> {
        let service = self.service.clone();
        run(async move {
            let conference = service.current_conference_id()?;
            let body = json!({ "participantId": segment("participantId", &participant_id)?, "isMuted": is_muted });
            let answer = service.call(Method::POST, format!("v1/conferences/{conference}/mute"), Some(body)).await?;
            Ok(answer.participants.iter().find(|p| p.id == participant_id).map_or(is_muted, |p| p.is_muted))
        })
        .await
    }

    /// Whether the local participant is muted in the current conference.
    pub async fn is_muted(&self) -> Result<bool, IapiError> {
        let me = self.service.local_participant_id()?;
        Ok(self.participant(me).await?.is_muted)
    }

    /// Replaces the permissions of the listed participants of the current conference.
    pub async fn update_permissions(
        &self,
        permissions: Vec<ParticipantPermissions>,
    ) -> Result<(), IapiError> {
        let service = self.service.clone();
        run(async move {
            let conference = service.current_conference_id()?;
            if permissions.is_empty() {
                return Err(IapiError::invalid_argument("permissions must not be empty"));
            }
            let body = json!({ "permissions": permissions });
            service
                .call(
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
