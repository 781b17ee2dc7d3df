//! Conference models, with the platform's wire names (uppercase enum values, camelCase keys).

use crate::session::ParticipantInfo;
use serde::{Deserialize, Serialize};

/// Status of a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ParticipantType {
    User,
    Listener,
}

/// What a participant may do in a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceParticipant {
    /// Platform-assigned participant id (the one `session().open()` returned).
    pub id: String,
    /// What the participant told about itself when its session opened.
    pub info: ParticipantInfo,
    /// Where the participant stands in this conference (CONNECTED, LEFT, KICKED, ...).
    pub status: ParticipantStatus,
    /// USER or LISTENER (`type` on the wire).
    pub participant_type: ParticipantType,
    /// Whether the participant is muted in this conference.
    pub is_muted: bool,
    /// What the participant may do in this conference.
    pub permissions: Vec<ConferencePermission>,
}

/// A conference: signaling and state (media is out of scope).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conference {
    /// Platform-assigned conference id.
    pub id: String,
    /// The alias it was created with; creating the same alias again gives this conference.
    pub alias: Option<String>,
    /// True only in the answer of a `create` that made a new conference.
    pub is_new: bool,
    /// CREATED until someone joins, JOINED, then ENDED once nobody is connected any more.
    pub status: ConferenceStatus,
    /// Everyone who joined, with their current status (LEFT and KICKED included).
    pub participants: Vec<ConferenceParticipant>,
}

/// Parameters of a new conference (kept by the platform; no media effect here).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConferenceParameters {
    /// Dolby Voice conference.
    pub dolby_voice: Option<bool>,
    /// Record the conference live.
    pub live_recording: Option<bool>,
    /// Seconds the conference may stay empty before it is destroyed.
    pub ttl: Option<u64>,
    /// "VP8" or "H264".
    pub video_codec: Option<String>,
    /// Bandwidth estimation mode ("worst", "average", "max").
    pub rtcp_mode: Option<String>,
}

/// Options of `conference().create`: the same alias again gives the same conference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConferenceCreateOptions {
    /// A name for the conference; the same alias gives the same live conference.
    pub alias: Option<String>,
    /// Conference parameters.
    pub params: Option<ConferenceParameters>,
}

/// Options of `conference().join`. `Debug` never prints the conference access token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ConferenceJoinOptions {
    /// USER (default) or LISTENER.
    pub participant_type: Option<ParticipantType>,
    /// Not supported: any value makes `join` fail with `InvalidArgument` (nothing is sent).
    /// The platform's Web SDK 3.11.1 sends this token (issued by the platform's server-side
    /// REST API for conferences with enhanced access control) as an `X-conf-access-token`
    /// header on its requests; this SDK does not implement that access control, and joining
    /// with the token silently dropped would be worse than refusing it.
    pub conference_access_token: Option<String>,
}

impl std::fmt::Debug for ConferenceJoinOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConferenceJoinOptions")
            .field("participant_type", &self.participant_type)
            .field(
                "conference_access_token",
                &self
                    .conference_access_token
                    .as_ref()
                    .map(|_| crate::secrets::REDACTED),
            )
            .finish()
    }
}

/// New permissions of one participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantPermissions {
    /// Whose permissions these are.
    pub participant_id: String,
    /// The complete new set (replaces the old one).
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
