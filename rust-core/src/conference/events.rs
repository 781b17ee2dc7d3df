//! Conference events: the session WebSocket, kept open (with reconnect and backoff) while a
//! session is open, turned into [`ConferenceEvent`]s for the foreign listener. The stream
//! serves an [`EventSink`] (the conference service, which keeps the state the events change).
//!
//! The token is checked when the socket connects, so a refresh mid-conference does not drop it;
//! every reconnect uses the current token (a 401 at the handshake refreshes it, single-flight).

use super::models::{
    ConferenceParticipant, ConferencePermission, ConferenceStatus, WireParticipant,
};
use crate::core::Core;
use crate::error::IapiError;
use crate::token::manager::Want;
use futures::StreamExt;
use serde::Deserialize;
use std::future::Future;
use std::sync::Weak;
use std::time::Duration;
use tokio_tungstenite::tungstenite::{self, Message};

const FIRST_BACKOFF: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Something that happened in a conference the local participant is in.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ConferenceEvent {
    /// A participant joined for the first time.
    ParticipantAdded {
        conference_id: String,
        participant: ConferenceParticipant,
    },
    /// A participant changed: rejoined, muted, or was kicked (status KICKED).
    ParticipantUpdated {
        conference_id: String,
        participant: ConferenceParticipant,
    },
    /// A participant left (status LEFT).
    ParticipantRemoved {
        conference_id: String,
        participant: ConferenceParticipant,
    },
    /// The conference's status changed (e.g. JOINED, ENDED).
    StatusChanged {
        conference_id: String,
        status: ConferenceStatus,
    },
    /// A participant's permissions were replaced.
    PermissionsUpdated {
        conference_id: String,
        participant_id: String,
        permissions: Vec<ConferencePermission>,
    },
}

/// Receives conference events; called on a core thread, must return quickly.
#[uniffi::export(with_foreign)]
pub trait ConferenceEventListener: Send + Sync {
    /// One event, in the order the platform sent them. After the session's WebSocket
    /// reconnects, what changed meanwhile comes first, as ordinary events (see the
    /// `conference::resync` module); nothing is delivered twice for one change. A panic here
    /// (a Rust listener) is caught: later events still come.
    fn on_conference_event(&self, event: ConferenceEvent);
}

impl ConferenceEvent {
    /// The conference this event is about.
    pub(crate) fn conference_id(&self) -> &str {
        match self {
            Self::ParticipantAdded { conference_id, .. }
            | Self::ParticipantUpdated { conference_id, .. }
            | Self::ParticipantRemoved { conference_id, .. }
            | Self::StatusChanged { conference_id, .. }
            | Self::PermissionsUpdated { conference_id, .. } => conference_id,
        }
    }
}

/// What the event stream serves: the conference service. The stream's task holds it weakly,
/// so a dropped SDK ends the stream.
pub(crate) trait EventSink: Send + Sync + 'static {
    /// The shared infrastructure: tokens, TLS, the connect timeout.
    fn core(&self) -> &Core;

    /// Called after each connect, before anything is read from the socket: closes the gap since
    /// the last connection (see `conference::resync`). `Err` drops the socket (tried again with
    /// backoff).
    fn resync(&self) -> impl Future<Output = Result<(), IapiError>> + Send;

    /// One event read from the socket.
    fn deliver(&self, event: ConferenceEvent);
}

#[derive(Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
enum WireEvent {
    ParticipantAdded {
        conference_id: String,
        participant: WireParticipant,
    },
    ParticipantUpdated {
        conference_id: String,
        participant: WireParticipant,
    },
    ParticipantRemoved {
        conference_id: String,
        participant: WireParticipant,
    },
    ConferenceStatus {
        conference_id: String,
        status: ConferenceStatus,
    },
    PermissionsUpdated {
        conference_id: String,
        participant_id: String,
        permissions: Vec<ConferencePermission>,
    },
}

impl From<WireEvent> for ConferenceEvent {
    fn from(w: WireEvent) -> Self {
        match w {
            WireEvent::ParticipantAdded {
                conference_id,
                participant,
            } => Self::ParticipantAdded {
                conference_id,
                participant: participant.into(),
            },
            WireEvent::ParticipantUpdated {
                conference_id,
                participant,
            } => Self::ParticipantUpdated {
                conference_id,
                participant: participant.into(),
            },
            WireEvent::ParticipantRemoved {
                conference_id,
                participant,
            } => Self::ParticipantRemoved {
                conference_id,
                participant: participant.into(),
            },
            WireEvent::ConferenceStatus {
                conference_id,
                status,
            } => Self::StatusChanged {
                conference_id,
                status,
            },
            WireEvent::PermissionsUpdated {
                conference_id,
                participant_id,
                permissions,
            } => Self::PermissionsUpdated {
                conference_id,
                participant_id,
                permissions,
            },
        }
    }
}

/// Runs the session's event stream until aborted (session close) or the SDK is gone.
pub(crate) async fn run<S: EventSink>(sink: Weak<S>, ws_url: url::Url, participant_id: String) {
    let mut backoff = FIRST_BACKOFF;
    loop {
        match connect_once(&sink, &ws_url, &participant_id).await {
            Outcome::Gone => return,
            Outcome::Served => backoff = FIRST_BACKOFF,
            Outcome::Failed => {}
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

enum Outcome {
    /// The SDK was dropped.
    Gone,
    /// Connected, then the connection ended.
    Served,
    /// Could not connect.
    Failed,
}

async fn connect_once<S: EventSink>(
    sink: &Weak<S>,
    ws_url: &url::Url,
    participant_id: &str,
) -> Outcome {
    let Some(strong) = sink.upgrade() else {
        return Outcome::Gone;
    };
    let Ok(token) = strong.core().tokens().acquire(Want::Valid).await else {
        return Outcome::Failed;
    };
    let mut url = ws_url.clone();
    url.query_pairs_mut()
        .append_pair("participantId", participant_id)
        .append_pair("access_token", token.secret());
    let connector = tokio_tungstenite::Connector::Rustls(strong.core().tls.clone());
    let connect_timeout = strong.core().settings.connect_timeout;
    // A connect that stalls must neither hang this task nor keep a dropped SDK alive.
    drop(strong);
    let connected = tokio::time::timeout(
        connect_timeout,
        tokio_tungstenite::connect_async_tls_with_config(
            url.as_str(),
            None,
            false,
            Some(connector),
        ),
    )
    .await;
    let mut stream = match connected {
        Ok(Ok((stream, _))) => stream,
        Ok(Err(tungstenite::Error::Http(response))) if response.status() == 401 => {
            // Revoked or expired on the server: refresh once (shared with every other caller).
            let Some(strong) = sink.upgrade() else {
                return Outcome::Gone;
            };
            let _ = strong
                .core()
                .tokens()
                .acquire(Want::Replacing(&token))
                .await;
            return Outcome::Failed;
        }
        Ok(Err(_)) | Err(_) => return Outcome::Failed,
    };
    // Close the gap before reading anything live: the events the socket queued since its
    // handshake come after the resync, and duplicates of it are dropped (see `resync`).
    {
        let Some(strong) = sink.upgrade() else {
            return Outcome::Gone;
        };
        if strong.resync().await.is_err() {
            return Outcome::Failed;
        }
    }
    while let Some(message) = stream.next().await {
        let Ok(Message::Text(text)) = message else {
            if message.is_err() {
                break;
            }
            continue;
        };
        let Ok(event) = serde_json::from_str::<WireEvent>(&text) else {
            continue;
        };
        let Some(sink) = sink.upgrade() else {
            return Outcome::Gone;
        };
        sink.deliver(event.into());
    }
    Outcome::Served
}
