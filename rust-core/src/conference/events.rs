//! Conference events: the session WebSocket, kept open (with reconnect and backoff) while a
//! session is open, turned into [`ConferenceEvent`]s for the foreign listener. The stream
//! serves an [`EventSink`] (the conference service, which keeps the state the events change).
//!
//! The token is checked when the socket connects, so a refresh mid-conference does not drop it;
//! every reconnect uses the current token (a 401 at the handshake refreshes it, single-flight).

use super::connection::{ConnectionState, DropReason};
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
/// A connection counts as healthy (and resets the backoff) only after it stayed up this long:
/// a server that closes every socket right after its handshake must not be hammered.
const HEALTHY_AFTER: Duration = Duration::from_secs(10);

/// Something that happened in a conference the local participant is in.
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// The connection of stream `stream` is now in `state` (ignored once that stream was
    /// stopped: a newer stream, or none, owns the state).
    fn connection_changed(&self, stream: u64, state: ConnectionState);

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

/// Runs the session's event stream `stream` until aborted (session close) or the SDK is gone.
/// After a drop or a failed attempt it waits (250 ms doubling up to 30 s, with jitter: half the
/// delay is random) and tries again; a connection that stayed up [`HEALTHY_AFTER`] starts the
/// backoff over.
pub(crate) async fn run<S: EventSink>(
    sink: Weak<S>,
    stream: u64,
    ws_url: url::Url,
    participant_id: String,
) {
    let mut rng = fastrand::Rng::new();
    let (mut attempt, mut backoff) = (0u32, FIRST_BACKOFF);
    loop {
        let reason = match connect_once(&sink, stream, &ws_url, &participant_id).await {
            Outcome::Gone => return,
            Outcome::Down { reason, healthy } => {
                if healthy {
                    (attempt, backoff) = (0, FIRST_BACKOFF);
                }
                reason
            }
        };
        attempt = attempt.saturating_add(1);
        let half = backoff / 2;
        let retry_in = half + half.mul_f64(rng.f64());
        log::warn!(
            "event connection down ({}); attempt {attempt} in {} ms",
            reason.name(),
            retry_in.as_millis()
        );
        let Some(strong) = sink.upgrade() else {
            return;
        };
        strong.connection_changed(
            stream,
            ConnectionState::Reconnecting {
                attempt,
                retry_in,
                reason,
            },
        );
        drop(strong);
        tokio::time::sleep(retry_in).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

enum Outcome {
    /// The SDK was dropped.
    Gone,
    /// Could not connect, or the connection ended; `healthy` when it had stayed up long enough.
    Down { reason: DropReason, healthy: bool },
}

impl Outcome {
    fn failed(reason: DropReason) -> Self {
        Self::Down {
            reason,
            healthy: false,
        }
    }
}

/// Why a core error stopped a connection (the resync's fetch).
fn reason_of(error: &IapiError) -> DropReason {
    match error {
        IapiError::Timeout { .. } => DropReason::Timeout,
        IapiError::Network { .. } => DropReason::Network,
        IapiError::Unauthorized { .. } => DropReason::Unauthorized,
        IapiError::TokenRefreshFailed { .. } | IapiError::NotInitialized => {
            DropReason::TokenUnavailable
        }
        _ => DropReason::Server,
    }
}

async fn connect_once<S: EventSink>(
    sink: &Weak<S>,
    stream_id: u64,
    ws_url: &url::Url,
    participant_id: &str,
) -> Outcome {
    let Some(strong) = sink.upgrade() else {
        return Outcome::Gone;
    };
    let token = match strong.core().tokens().acquire(Want::Valid).await {
        Ok(token) => token,
        Err(e) => return Outcome::failed(reason_of(&e)),
    };
    let mut url = ws_url.clone();
    url.query_pairs_mut()
        .append_pair("participantId", participant_id)
        .append_pair("access_token", token.secret());
    let tls = strong.core().tls.clone();
    let connect_timeout = strong.core().settings.connect_timeout;
    // A connect that stalls must neither hang this task nor keep a dropped SDK alive.
    drop(strong);
    let connected = tokio::time::timeout(connect_timeout, super::socket::open(&url, tls)).await;
    let mut stream = match connected {
        Ok(Ok(stream)) => stream,
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
            return Outcome::failed(DropReason::Unauthorized);
        }
        Ok(Err(tungstenite::Error::Http(_))) => return Outcome::failed(DropReason::Server),
        Ok(Err(_)) => return Outcome::failed(DropReason::Network),
        Err(_) => return Outcome::failed(DropReason::Timeout),
    };
    let up_since = tokio::time::Instant::now();
    log::info!("event connection up");
    // Close the gap before reading anything live: the events the socket queued since its
    // handshake come after the resync, and duplicates of it are dropped (see `resync`).
    // CONNECTED comes before the resync's events.
    {
        let Some(strong) = sink.upgrade() else {
            return Outcome::Gone;
        };
        strong.connection_changed(stream_id, ConnectionState::Connected);
        if let Err(e) = strong.resync().await {
            log::warn!("resync after connecting failed: {e}");
            return Outcome::failed(reason_of(&e));
        }
    }
    let mut reason = DropReason::Network;
    while let Some(message) = stream.next().await {
        let text = match message {
            Ok(Message::Text(text)) => text,
            Ok(Message::Close(_)) => {
                reason = DropReason::ClosedByServer;
                continue;
            }
            Ok(_) => continue,
            Err(_) => break,
        };
        let Ok(event) = serde_json::from_str::<WireEvent>(&text) else {
            continue;
        };
        let Some(sink) = sink.upgrade() else {
            return Outcome::Gone;
        };
        sink.deliver(event.into());
    }
    Outcome::Down {
        reason,
        healthy: up_since.elapsed() >= HEALTHY_AFTER,
    }
}
