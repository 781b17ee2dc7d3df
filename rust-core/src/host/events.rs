//! The host's events: one foreign trait whose methods are the spec's events (and the platform
//! log writer), and the gate that lets no event out after `shutdown` returns.

use super::wire::{
    permission_names, NativeConferenceStatusChange, NativeConnectionState, NativeLogRecord,
    NativeParticipant, NativeParticipantsChange, NativePermissionsChange, NativeTokenState,
};
use crate::bridge::{AccessTokenRequest, TokenRequestBridge, TokenRequestListener};
use crate::conference::events::{ConferenceEvent, ConferenceEventListener};
use crate::conference::models::ConferenceParticipant;
use crate::conference::names::conference_status_name;
use crate::error::IapiError;
use crate::session::SessionClient;
use std::sync::{Arc, RwLock, Weak};

/// Where the host's events go: the shim emits each one to JS as the spec event of the same
/// name. Called on a core thread, never on the thread of a host call; return quickly. Nothing
/// is called after `NativeModuleHost.shutdown` returns.
#[uniffi::export(with_foreign)]
pub trait NativeModuleEvents: Send + Sync {
    /// `onAccessTokenRequest`. An error (or an exception thrown by the shim) means the request
    /// could not be delivered: it fails at once with TOKEN_REFRESH_FAILED instead of waiting
    /// for its timeout.
    fn on_access_token_request(&self, request: AccessTokenRequest) -> Result<(), IapiError>;
    /// `onConferenceStatusChange`.
    fn on_conference_status_change(
        &self,
        change: NativeConferenceStatusChange,
    ) -> Result<(), IapiError>;
    /// `onParticipantsChange`.
    fn on_participants_change(&self, change: NativeParticipantsChange) -> Result<(), IapiError>;
    /// `onPermissionsChange` (only the local participant's permissions: the payload names no
    /// participant).
    fn on_permissions_change(&self, change: NativePermissionsChange) -> Result<(), IapiError>;
    /// `onConnectionStateChange`: every change of the event connection's state, in order.
    fn on_connection_state_change(&self, state: NativeConnectionState) -> Result<(), IapiError>;
    /// `onTokenStateChange`: every change of the access token's state, in order.
    fn on_token_state_change(&self, state: NativeTokenState) -> Result<(), IapiError>;
    /// `onLog`: a record at or above the level of `setLogLevel`.
    fn on_log(&self, record: NativeLogRecord) -> Result<(), IapiError>;
    /// The same record for the platform's log (logcat tag `DolbyIoIAPI`, unified logging
    /// subsystem `io.dolby.iapi`, the console in Node); called before `on_log`, unless
    /// `setLogLevel` turned the platform log off.
    fn write_platform_log(&self, record: NativeLogRecord) -> Result<(), IapiError>;
}

/// Holds the shim's events until shutdown. An emit holds the read lock while it calls the
/// shim, so `close` (the write lock) returns only after any emit in progress.
pub(crate) struct EventGate(RwLock<Option<Arc<dyn NativeModuleEvents>>>);

impl EventGate {
    pub fn new(events: Arc<dyn NativeModuleEvents>) -> Arc<Self> {
        Arc::new(Self(RwLock::new(Some(events))))
    }

    /// Calls `emit` with the shim's events unless closed; false when closed or it failed.
    pub fn emit(
        &self,
        emit: impl FnOnce(&dyn NativeModuleEvents) -> Result<(), IapiError>,
    ) -> bool {
        let events = crate::sync::read(&self.0);
        let Some(events) = events.as_deref() else {
            return false;
        };
        // A panicking Rust implementation (the Node host) counts as a failed emit.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| emit(events)))
            .is_ok_and(|r| r.is_ok())
    }

    /// No event is emitted after this returns.
    pub fn close(&self) {
        crate::sync::write(&self.0).take();
    }
}

pub(crate) const UNDELIVERED: &str = "the access token request could not be delivered to JS";

/// The bridge's listener: emits `onAccessTokenRequest`, rejects at once what it cannot emit.
pub(crate) struct TokenRequests {
    pub gate: Arc<EventGate>,
    pub bridge: Weak<TokenRequestBridge>,
}

impl TokenRequestListener for TokenRequests {
    fn on_access_token_request(&self, request: AccessTokenRequest) {
        let id = request.request_id.clone();
        if !self.gate.emit(|e| e.on_access_token_request(request)) {
            if let Some(bridge) = self.bridge.upgrade() {
                bridge.reject(id, UNDELIVERED.into());
            }
        }
    }
}

/// The conference listener: each core event as the spec's event; other participants'
/// permissions are not emitted.
pub(crate) struct ConferenceEvents {
    pub gate: Arc<EventGate>,
    pub session: Arc<SessionClient>,
}

impl ConferenceEvents {
    fn participants(
        &self,
        conference_id: String,
        participant: ConferenceParticipant,
        kind: &str,
    ) -> bool {
        let change = NativeParticipantsChange {
            conference_id,
            participant: NativeParticipant::from(participant),
            event: kind.to_string(),
        };
        self.gate.emit(|e| e.on_participants_change(change))
    }
}

impl ConferenceEventListener for ConferenceEvents {
    fn on_conference_event(&self, event: ConferenceEvent) {
        use ConferenceEvent::*;
        // A failed emit is the shim's to report; the stream goes on.
        let _ = match event {
            ParticipantAdded {
                conference_id,
                participant,
            } => self.participants(conference_id, participant, "ADDED"),
            ParticipantUpdated {
                conference_id,
                participant,
            } => self.participants(conference_id, participant, "UPDATED"),
            ParticipantRemoved {
                conference_id,
                participant,
            } => self.participants(conference_id, participant, "REMOVED"),
            StatusChanged {
                conference_id,
                status,
            } => {
                let change = NativeConferenceStatusChange {
                    conference_id,
                    status: conference_status_name(status),
                };
                self.gate.emit(|e| e.on_conference_status_change(change))
            }
            PermissionsUpdated {
                conference_id,
                participant_id,
                permissions,
            } => {
                let local = self
                    .session
                    .participant()
                    .is_ok_and(|me| me.id == participant_id);
                let change = NativePermissionsChange {
                    conference_id,
                    permissions: permission_names(permissions),
                };
                local && self.gate.emit(|e| e.on_permissions_change(change))
            }
        };
    }
}
