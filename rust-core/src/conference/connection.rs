//! The state of the session's event connection (the WebSocket that carries conference events),
//! as apps show it: "connecting", "reconnecting…". The event stream (`events::run`) sets it;
//! the host emits each change as `onConnectionStateChange`.

use std::time::Duration;

/// Why the event connection is down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DropReason {
    /// The platform could not be reached, or the connection broke.
    Network,
    /// The connection attempt took longer than `connect_timeout_ms`.
    Timeout,
    /// The platform closed the connection.
    ClosedByServer,
    /// The platform refused the access token at the handshake (a refresh follows).
    Unauthorized,
    /// The platform answered the handshake or the resync's fetch with an error.
    Server,
    /// No valid access token could be had for the connection.
    TokenUnavailable,
}

impl DropReason {
    /// The name on the wire (`reason` of `onConnectionStateChange`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Network => "NETWORK",
            Self::Timeout => "TIMEOUT",
            Self::ClosedByServer => "CLOSED_BY_SERVER",
            Self::Unauthorized => "UNAUTHORIZED",
            Self::Server => "SERVER",
            Self::TokenUnavailable => "TOKEN_UNAVAILABLE",
        }
    }
}

/// The event connection's state. `Disconnected` -> `Connecting` (session opened) ->
/// `Connected`; a drop or a failed attempt -> `Reconnecting` (attempt 1, 2, ...) -> `Connected`;
/// session closed -> `Disconnected`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum ConnectionState {
    /// No session is open (or it has no event connection).
    #[default]
    Disconnected,
    /// The first connection of the session is being made.
    Connecting,
    /// Events flow.
    Connected,
    /// Down; attempt `attempt` starts after `retry_in`.
    Reconnecting {
        attempt: u32,
        retry_in: Duration,
        reason: DropReason,
    },
}

impl ConnectionState {
    /// The name on the wire (`state` of `onConnectionStateChange`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Disconnected => "DISCONNECTED",
            Self::Connecting => "CONNECTING",
            Self::Connected => "CONNECTED",
            Self::Reconnecting { .. } => "RECONNECTING",
        }
    }
}
