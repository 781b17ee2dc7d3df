//! The records of the `NativeDolbyIoIAPI` spec (src-js/NativeDolbyIoIAPI.ts), field for field:
//! enums travel as their platform names, so a shim converts keys, never values. Arguments are
//! validated here, once, for every platform; serde gives the Node host the spec's JSON shape.

use crate::conference::connection::ConnectionState;
use crate::conference::models::{
    Conference, ConferenceCreateOptions, ConferenceJoinOptions, ConferenceParameters,
    ConferenceParticipant, ParticipantPermissions,
};
use crate::conference::names::{
    conference_permission_from_name, conference_permission_name, conference_status_name,
    participant_status_name, participant_type_from_name, participant_type_name,
};
use crate::error::IapiError;
use crate::feed::Versioned;
use crate::logging::LogRecord;
use crate::session::{Participant, ParticipantInfo};
use crate::token::state::{Outcome, TokenState};
use serde::{Deserialize, Serialize};

/// `NativeParticipant`: the local participant (no status or type) or a conference participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeParticipant {
    /// Platform-assigned participant id.
    pub id: String,
    /// What the participant told about itself.
    pub info: ParticipantInfo,
    /// A `ParticipantStatus` name (e.g. "CONNECTED"); absent for the session's participant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// "USER" or "LISTENER" (`type` in the spec); absent for the session's participant.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub participant_type: Option<String>,
}

/// `NativeConference`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeConference {
    /// Platform-assigned conference id.
    pub id: String,
    /// The alias it was created with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// True only in the answer of a `create` that made a new conference.
    pub is_new: bool,
    /// Everyone who joined, with their current status.
    pub participants: Vec<NativeParticipant>,
    /// A `ConferenceStatus` name (e.g. "JOINED").
    pub status: String,
}

/// `NativeConferenceParameters`: `ttl` is a JS number, checked here to be whole and >= 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeConferenceParameters {
    #[uniffi(default = None)]
    pub dolby_voice: Option<bool>,
    #[uniffi(default = None)]
    pub live_recording: Option<bool>,
    #[uniffi(default = None)]
    pub ttl: Option<f64>,
    #[uniffi(default = None)]
    pub video_codec: Option<String>,
    #[uniffi(default = None)]
    pub rtcp_mode: Option<String>,
}

/// `NativeConferenceCreateOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeConferenceCreateOptions {
    #[uniffi(default = None)]
    pub alias: Option<String>,
    #[uniffi(default = None)]
    pub params: Option<NativeConferenceParameters>,
}

/// `NativeConferenceJoinOptions` (`participant_type`: "USER" or "LISTENER"). `Debug` never
/// prints the conference access token.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeConferenceJoinOptions {
    /// Not supported: any value is refused with INVALID_ARGUMENT by the core.
    #[uniffi(default = None)]
    pub conference_access_token: Option<String>,
    #[uniffi(default = None)]
    pub participant_type: Option<String>,
}

impl std::fmt::Debug for NativeConferenceJoinOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeConferenceJoinOptions")
            .field(
                "conference_access_token",
                &self
                    .conference_access_token
                    .as_ref()
                    .map(|_| crate::secrets::REDACTED),
            )
            .field("participant_type", &self.participant_type)
            .finish()
    }
}

/// `NativeParticipantPermissions` (`permissions`: `ConferencePermission` names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeParticipantPermissions {
    pub participant_id: String,
    pub permissions: Vec<String>,
}

/// Payload of `onConferenceStatusChange`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeConferenceStatusChange {
    pub conference_id: String,
    /// A `ConferenceStatus` name.
    pub status: String,
}

/// Payload of `onParticipantsChange`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeParticipantsChange {
    pub conference_id: String,
    pub participant: NativeParticipant,
    /// "ADDED", "UPDATED" or "REMOVED".
    pub event: String,
}

/// Payload of `onPermissionsChange`: the local participant's new permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativePermissionsChange {
    pub conference_id: String,
    /// `ConferencePermission` names.
    pub permissions: Vec<String>,
}

/// Payload of `onConnectionStateChange` and answer of `sessionGetConnectionState`: the state of
/// the session's event connection. Numbers are JS numbers (whole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeConnectionState {
    /// "DISCONNECTED", "CONNECTING", "CONNECTED" or "RECONNECTING".
    pub state: String,
    /// RECONNECTING: the number of the next attempt (1, 2, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt: Option<f64>,
    /// RECONNECTING: how long until that attempt starts, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_in_ms: Option<f64>,
    /// RECONNECTING: why the connection is down: "NETWORK", "TIMEOUT", "CLOSED_BY_SERVER",
    /// "UNAUTHORIZED", "SERVER" or "TOKEN_UNAVAILABLE".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Grows with each change of this state in one module: of two values, the higher is newer.
    pub sequence: f64,
}

/// Payload of `onTokenStateChange` and answer of `getTokenState`. Times are the platform's
/// clock in ms since the epoch. Never the token itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeTokenState {
    /// "NONE", "VALID", "REFRESHING" or "EXPIRED".
    pub state: String,
    /// The `exp` of the token held, if any (during a refresh: the old token's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<f64>,
    /// When the next planned refresh (or retry) is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_refresh_at: Option<f64>,
    /// The refresh that made this state (started, or ended with an outcome).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh: Option<NativeTokenRefresh>,
    /// Grows with each change of this state in one module: of two values, the higher is newer.
    pub sequence: f64,
}

/// One refresh of the access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeTokenRefresh {
    /// What started it: "INITIALIZE", "HALF_LIFE", "THREE_QUARTERS", "EXPIRY", "RETRY", "CALL",
    /// "UNAUTHORIZED" or "RESUME".
    pub trigger: String,
    /// Absent while it runs; then "REFRESHED", "FAILED" or "SUPERSEDED".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// FAILED: the error code (e.g. "TOKEN_REFRESH_FAILED", "TIMEOUT").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// FAILED: the error's message (scrubbed of secrets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// Payload of `onLog` and of the platform log writer: one record of the core's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeLogRecord {
    /// "ERROR", "WARN", "INFO", "DEBUG" or "TRACE".
    pub level: String,
    /// The part of the core that wrote it, e.g. "iapi_core::token::manager".
    pub target: String,
    /// The text, with every secret and token removed.
    pub message: String,
    /// When it was written: the device's clock, ms since the epoch.
    pub timestamp: f64,
    /// How many records were dropped just before this one because they were not consumed fast
    /// enough; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<f64>,
}

impl From<Versioned<ConnectionState>> for NativeConnectionState {
    fn from(v: Versioned<ConnectionState>) -> Self {
        let (attempt, retry_in_ms, reason) = match &v.value {
            ConnectionState::Reconnecting {
                attempt,
                retry_in,
                reason,
            } => (
                Some(f64::from(*attempt)),
                Some(retry_in.as_millis() as f64),
                Some(reason.name().to_string()),
            ),
            _ => (None, None, None),
        };
        Self {
            state: v.value.name().to_string(),
            attempt,
            retry_in_ms,
            reason,
            sequence: v.sequence as f64,
        }
    }
}

impl From<Versioned<TokenState>> for NativeTokenState {
    fn from(v: Versioned<TokenState>) -> Self {
        let refresh = v.value.refresh.map(|r| {
            let (outcome, error_code, error_message) = match r.outcome {
                None => (None, None, None),
                Some(Outcome::Refreshed) => (Some("REFRESHED"), None, None),
                Some(Outcome::Superseded) => (Some("SUPERSEDED"), None, None),
                Some(Outcome::Failed(e)) => (
                    Some("FAILED"),
                    Some(e.code().to_string()),
                    Some(crate::secrets::scrub(&e.to_string())),
                ),
            };
            NativeTokenRefresh {
                trigger: r.trigger.name().to_string(),
                outcome: outcome.map(str::to_string),
                error_code,
                error_message,
            }
        });
        Self {
            state: v.value.status.name().to_string(),
            expires_at: v.value.expires_at_ms.map(|t| t as f64),
            next_refresh_at: v.value.next_refresh_at_ms.map(|t| t as f64),
            refresh,
            sequence: v.sequence as f64,
        }
    }
}

impl From<LogRecord> for NativeLogRecord {
    fn from(r: LogRecord) -> Self {
        Self {
            level: r.level.as_str().to_string(),
            target: r.target,
            message: r.message,
            timestamp: r.timestamp_ms as f64,
            dropped: (r.dropped > 0).then_some(r.dropped as f64),
        }
    }
}

/// A rejected promise as every platform reports it: `code`, `message`, and for `SERVER` the
/// HTTP `status` and the platform's numeric `error_code` (`platformCode` in JS) when it sent one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct NativeError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_code: Option<i32>,
}

/// The spec's description of `error`.
#[uniffi::export]
pub fn native_error(error: &IapiError) -> NativeError {
    let (status, platform_code) = match error {
        IapiError::Server { status, code, .. } => (Some(*status), *code),
        _ => (None, None),
    };
    NativeError {
        code: error.code().to_string(),
        message: error.to_string(),
        status,
        platform_code,
    }
}

impl From<Participant> for NativeParticipant {
    fn from(p: Participant) -> Self {
        Self {
            id: p.id,
            info: p.info,
            status: None,
            participant_type: None,
        }
    }
}

impl From<ConferenceParticipant> for NativeParticipant {
    fn from(p: ConferenceParticipant) -> Self {
        Self {
            id: p.id,
            info: p.info,
            status: Some(participant_status_name(p.status)),
            participant_type: Some(participant_type_name(p.participant_type)),
        }
    }
}

impl From<Conference> for NativeConference {
    fn from(c: Conference) -> Self {
        Self {
            id: c.id,
            alias: c.alias,
            is_new: c.is_new,
            participants: c.participants.into_iter().map(Into::into).collect(),
            status: conference_status_name(c.status),
        }
    }
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl TryFrom<NativeConferenceCreateOptions> for ConferenceCreateOptions {
    type Error = IapiError;
    fn try_from(o: NativeConferenceCreateOptions) -> Result<Self, IapiError> {
        let params = o.params.map(|p| -> Result<_, IapiError> {
            let ttl = p
                .ttl
                .map(|ttl| {
                    if (0.0..=MAX_SAFE_INTEGER).contains(&ttl) && ttl.fract() == 0.0 {
                        Ok(ttl as u64)
                    } else {
                        Err(IapiError::invalid_argument(
                            "options.params.ttl must be a whole number of seconds >= 0",
                        ))
                    }
                })
                .transpose()?;
            Ok(ConferenceParameters {
                dolby_voice: p.dolby_voice,
                live_recording: p.live_recording,
                ttl,
                video_codec: p.video_codec,
                rtcp_mode: p.rtcp_mode,
            })
        });
        Ok(Self {
            alias: o.alias,
            params: params.transpose()?,
        })
    }
}

impl TryFrom<NativeConferenceJoinOptions> for ConferenceJoinOptions {
    type Error = IapiError;
    fn try_from(o: NativeConferenceJoinOptions) -> Result<Self, IapiError> {
        Ok(Self {
            participant_type: o
                .participant_type
                .map(participant_type_from_name)
                .transpose()?,
            conference_access_token: o.conference_access_token,
        })
    }
}

impl TryFrom<NativeParticipantPermissions> for ParticipantPermissions {
    type Error = IapiError;
    fn try_from(p: NativeParticipantPermissions) -> Result<Self, IapiError> {
        Ok(Self {
            participant_id: p.participant_id,
            permissions: p
                .permissions
                .into_iter()
                .map(conference_permission_from_name)
                .collect::<Result<_, _>>()?,
        })
    }
}

/// `ConferencePermission` names.
pub(crate) fn permission_names(
    permissions: Vec<crate::conference::models::ConferencePermission>,
) -> Vec<String> {
    permissions
        .into_iter()
        .map(conference_permission_name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ttl(value: f64) -> Result<ConferenceCreateOptions, IapiError> {
        NativeConferenceCreateOptions {
            alias: None,
            params: Some(NativeConferenceParameters {
                ttl: Some(value),
                ..Default::default()
            }),
        }
        .try_into()
    }

    #[test]
    fn ttl_is_a_whole_number_of_seconds_that_a_js_number_holds_exactly() {
        assert_eq!(ttl(0.0).unwrap().params.unwrap().ttl, Some(0));
        assert_eq!(ttl(3600.0).unwrap().params.unwrap().ttl, Some(3600));
        assert_eq!(
            ttl(MAX_SAFE_INTEGER).unwrap().params.unwrap().ttl,
            Some(9_007_199_254_740_991)
        );
        for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, MAX_SAFE_INTEGER * 2.0] {
            assert_eq!(ttl(bad).unwrap_err().code(), "INVALID_ARGUMENT", "{bad}");
        }
    }

    #[test]
    fn server_errors_carry_status_and_platform_code() {
        let e = native_error(&IapiError::Server {
            status: 403,
            code: Some(7),
            reason: "no".into(),
        });
        assert_eq!((e.status, e.platform_code), (Some(403), Some(7)));
        assert_eq!(native_error(&IapiError::NotInitialized).status, None);
    }
}
