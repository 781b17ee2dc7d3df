//! Conference models, with the platform's wire names (uppercase enum values, camelCase keys).

use crate::session::ParticipantInfo;
use serde::{Deserialize, Serialize};

/// Status of a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConferenceStatus {
    Default,
    Creating,
    Created,
    Joining,
    Joined,
    Leaving,
    Left,
    Error,
    Destroyed,
    Ended,
}

/// Status of a participant in a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ParticipantStatus {
    Reserved,
    Connecting,
    Connected,
    Inactive,
    Left,
    Kicked,
    Decline,
    Error,
    Warning,
}

/// How a participant takes part: a full user or a listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ParticipantType {
    User,
    Listener,
}

/// What a participant may do in a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConferencePermission {
    Invite,
    Join,
    SendAudio,
    SendVideo,
    ShareScreen,
    ShareVideo,
    ShareFile,
    SendMessage,
    Record,
    Stream,
    Kick,
    UpdatePermissions,
}

/// A participant of a conference.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConferenceParticipant {
    pub id: String,
    pub info: ParticipantInfo,
    pub status: ParticipantStatus,
    pub participant_type: ParticipantType,
    pub is_muted: bool,
    pub permissions: Vec<ConferencePermission>,
}

/// A conference: signaling and state (media is out of scope).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Conference {
    pub id: String,
    pub alias: Option<String>,
    /// True only in the answer of a `create` that made a new conference.
    pub is_new: bool,
    pub status: ConferenceStatus,
    pub participants: Vec<ConferenceParticipant>,
}

/// Parameters of a new conference (kept by the platform; no media effect here).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct ConferenceParameters {
    #[uniffi(default = None)]
    pub dolby_voice: Option<bool>,
    #[uniffi(default = None)]
    pub live_recording: Option<bool>,
    #[uniffi(default = None)]
    pub ttl: Option<u64>,
    /// "VP8" or "H264".
    #[uniffi(default = None)]
    pub video_codec: Option<String>,
    #[uniffi(default = None)]
    pub rtcp_mode: Option<String>,
}

/// Options of `conference().create`: the same alias again gives the same conference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, uniffi::Record)]
pub struct ConferenceCreateOptions {
    #[uniffi(default = None)]
    pub alias: Option<String>,
    #[uniffi(default = None)]
    pub params: Option<ConferenceParameters>,
}

/// Options of `conference().join`.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ConferenceJoinOptions {
    #[uniffi(default = None)]
    pub participant_type: Option<ParticipantType>,
}

/// New permissions of one participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, uniffi::Record)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantPermissions {
    pub participant_id: String,
    pub permissions: Vec<ConferencePermission>,
}

/// The platform's conference payload.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireConference {
    id: String,
    alias: Option<String>,
    #[serde(default)]
    is_new: bool,
    status: ConferenceStatus,
    #[serde(default)]
    participants: Vec<WireParticipant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireParticipant {
    id: String,
    #[serde(default)]
    info: ParticipantInfo,
    status: ParticipantStatus,
    #[serde(rename = "type", default = "user")]
    participant_type: ParticipantType,
    #[serde(default)]
    is_muted: bool,
    #[serde(default)]
    permissions: Vec<ConferencePermission>,
}

fn user() -> ParticipantType {
    ParticipantType::User
}

impl From<WireParticipant> for ConferenceParticipant {
    fn from(w: WireParticipant) -> Self {
        Self {
            id: w.id,
            info: w.info,
            status: w.status,
            participant_type: w.participant_type,
            is_muted: w.is_muted,
            permissions: w.permissions,
        }
    }
}

impl From<WireConference> for Conference {
    fn from(w: WireConference) -> Self {
        Self {
            id: w.id,
            alias: w.alias,
            is_new: w.is_new,
            status: w.status,
            participants: w.participants.into_iter().map(Into::into).collect(),
        }
    }
}
