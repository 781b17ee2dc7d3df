//! The platform's string values of the conference enums (`"JOINED"`, `"SEND_AUDIO"`, ...), for
//! the shims that pass them to JS: one mapping, here, instead of one table per platform.

use super::models::{ConferencePermission, ConferenceStatus, ParticipantStatus, ParticipantType};
use crate::error::IapiError;

fn name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, value: &str) -> Result<T, IapiError> {
    serde_json::from_value(serde_json::Value::String(value.to_owned()))
        .map_err(|_| IapiError::invalid_argument(format!("{value:?} is not a {what}")))
}

/// `ConferenceStatus` as the platform spells it (e.g. `"JOINED"`).
pub fn conference_status_name(value: ConferenceStatus) -> String {
    name(&value)
}

/// `ParticipantStatus` as the platform spells it (e.g. `"CONNECTED"`).
pub fn participant_status_name(value: ParticipantStatus) -> String {
    name(&value)
}

/// `ParticipantType` as the platform spells it (`"USER"` or `"LISTENER"`).
pub fn participant_type_name(value: ParticipantType) -> String {
    name(&value)
}

/// Parses `"USER"` / `"LISTENER"`; anything else is `InvalidArgument`.
pub fn participant_type_from_name(value: String) -> Result<ParticipantType, IapiError> {
    parse("participant type", &value)
}

/// `ConferencePermission` as the platform spells it (e.g. `"SEND_AUDIO"`).
pub fn conference_permission_name(value: ConferencePermission) -> String {
    name(&value)
}

/// Parses a permission such as `"SEND_AUDIO"`; anything else is `InvalidArgument`.
pub fn conference_permission_from_name(value: String) -> Result<ConferencePermission, IapiError> {
    parse("conference permission", &value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(conference_status_name(ConferenceStatus::Joined), "JOINED");
        assert_eq!(participant_status_name(ParticipantStatus::Kicked), "KICKED");
        assert_eq!(participant_type_name(ParticipantType::Listener), "LISTENER");
        assert_eq!(
            conference_permission_name(ConferencePermission::UpdatePermissions),
            "UPDATE_PERMISSIONS"
        );
        assert_eq!(
            conference_permission_from_name("SEND_AUDIO".into()).unwrap(),
            ConferencePermission::SendAudio
        );
        assert_eq!(
            participant_type_from_name("USER".into()).unwrap(),
            ParticipantType::User
        );
        assert_eq!(
            participant_type_from_name("user".into())
                .unwrap_err()
                .code(),
            "INVALID_ARGUMENT"
        );
    }
}
