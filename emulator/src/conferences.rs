//! Conference state: signaling only (no media). Every mutation returns the events it
//! causes; the caller hands them to the [`crate::sessions::SessionHub`] while still
//! holding the store's lock, so every session sees events in the order they happened.
//!
//! Server-side statuses (the other values of the platform's enums are client-side states):
//! - conference: `CREATED` (nobody joined yet) -> `JOINED` (someone joined) -> `ENDED`
//!   (nobody is `CONNECTED` any more; terminal: joins are refused, the alias is freed).
//!   A conference created with a `ttl` is `DESTROYED` once it has had nobody `CONNECTED` for
//!   `ttl` seconds: counted from its creation while nobody joined, or from its `ENDED` (so
//!   `ENDED` -> `DESTROYED` after `ttl`). Terminal; still fetchable, with status `DESTROYED`;
//!   every member ever joined gets the status event.
//! - participant: `CONNECTED` (joined) -> `LEFT` (left; may join again) or `KICKED`
//!   (kicked; may not join this conference again).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::ids;

/// The platform's `ConferencePermission` values, in canonical order.
pub(crate) const PERMISSIONS: [&str; 12] = [
    "INVITE",
    "JOIN",
    "SEND_AUDIO",
    "SEND_VIDEO",
    "SHARE_SCREEN",
    "SHARE_VIDEO",
    "SHARE_FILE",
    "SEND_MESSAGE",
    "RECORD",
    "STREAM",
    "KICK",
    "UPDATE_PERMISSIONS",
];

/// What a `LISTENER` may do unless permissions were set for it.
const LISTENER_PERMISSIONS: [&str; 1] = ["JOIN"];

/// `ParticipantInfo`, as given to `/v2/users/identify`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParticipantInfo {
    pub name: Option<String>,
    pub external_id: Option<String>,
    pub avatar_url: Option<String>,
}

impl ParticipantInfo {
    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "externalId": self.external_id,
            "avatarUrl": self.avatar_url,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConferenceStatus {
    Created,
    Joined,
    Ended,
    Destroyed,
}

impl ConferenceStatus {
    fn as_str(self) -> &'static str {
        match self {
            ConferenceStatus::Created => "CREATED",
            ConferenceStatus::Joined => "JOINED",
            ConferenceStatus::Ended => "ENDED",
            ConferenceStatus::Destroyed => "DESTROYED",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParticipantStatus {
    Connected,
    Left,
    Kicked,
}

impl ParticipantStatus {
    fn as_str(self) -> &'static str {
        match self {
            ParticipantStatus::Connected => "CONNECTED",
            ParticipantStatus::Left => "LEFT",
            ParticipantStatus::Kicked => "KICKED",
        }
    }
}

/// `ParticipantType`: uppercase only (a case mismatch was a shipped bug of the old SDK).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParticipantType {
    User,
    Listener,
}

impl ParticipantType {
    /// `USER` or `LISTENER`, exactly.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "USER" => Some(ParticipantType::User),
            "LISTENER" => Some(ParticipantType::Listener),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ParticipantType::User => "USER",
            ParticipantType::Listener => "LISTENER",
        }
    }
}

/// Conference creation parameters, validated and kept (the emulator has no media, so they
/// change nothing).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CreateParams {
    pub dolby_voice: Option<bool>,
    pub live_recording: Option<bool>,
    pub ttl: Option<u64>,
    pub video_codec: Option<String>,
    pub rtcp_mode: Option<String>,
}

struct Member {
    id: String,
    info: ParticipantInfo,
    status: ParticipantStatus,
    kind: ParticipantType,
    is_muted: bool,
}

struct Conference {
    id: String,
    alias: Option<String>,
    status: ConferenceStatus,
    /// Kept; only `ttl` has an effect (no media).
    params: CreateParams,
    members: Vec<Member>,
    /// Explicitly set permissions, by participant id (may precede the participant's join).
    permissions: HashMap<String, Vec<&'static str>>,
    /// With a `ttl`: since when nobody is CONNECTED (real time); `None` while someone is.
    empty_since: Option<Instant>,
}

/// An event for the sessions of some participants.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outgoing {
    /// Participant ids whose sessions receive `event`.
    pub to: Vec<String>,
    pub event: Value,
}

/// An answer plus the events the change caused.
pub(crate) type Change = (Value, Vec<Outgoing>);

/// All conferences of one emulator instance.
#[derive(Default)]
pub(crate) struct ConferenceStore {
    by_id: HashMap<String, Conference>,
    /// Alias -> id of the conference with that alias that has not ENDED.
    live_aliases: HashMap<String, String>,
}

impl Conference {
    fn member(&self, participant_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == participant_id)
    }

    fn member_mut(&mut self, participant_id: &str) -> Result<&mut Member, ApiError> {
        let conference_id = &self.id;
        self.members
            .iter_mut()
            .find(|m| m.id == participant_id)
            .ok_or_else(|| {
                ApiError::not_found_what(format!(
                    "No participant {participant_id} in conference {conference_id}"
                ))
            })
    }

    fn connected(&self) -> Vec<String> {
        self.members
            .iter()
            .filter(|m| m.status == ParticipantStatus::Connected)
            .map(|m| m.id.clone())
            .collect()
    }

    /// The connected participants plus `also` (once).
    fn audience(&self, also: &str) -> Vec<String> {
        let mut to = self.connected();
        if !to.iter().any(|id| id == also) {
            to.push(also.to_owned());
        }
        to
    }

    fn effective_permissions(&self, participant_id: &str, kind: ParticipantType) -> Vec<&str> {
        match self.permissions.get(participant_id) {
            Some(set) => set.clone(),
            None => match kind {
                ParticipantType::User => PERMISSIONS.to_vec(),
                ParticipantType::Listener => LISTENER_PERMISSIONS.to_vec(),
            },
        }
    }

    fn participant_json(&self, m: &Member) -> Value {
        json!({
            "id": m.id,
            "info": m.info.to_json(),
            "status": m.status.as_str(),
            "type": m.kind.as_str(),
            "isMuted": m.is_muted,
            "permissions": self.effective_permissions(&m.id, m.kind),
        })
    }

    fn to_json(&self, is_new: bool) -> Value {
        json!({
            "id": self.id,
            "alias": self.alias,
            "isNew": is_new,
            "status": self.status.as_str(),
            "participants": self.members.iter().map(|m| self.participant_json(m)).collect::<Vec<_>>(),
        })
    }

    fn participant_event(&self, kind: &str, participant_id: &str, to: Vec<String>) -> Outgoing {
        let m = self.member(participant_id).expect("event about a member");
        Outgoing {
            to,
            event: json!({
                "type": kind,
                "conferenceId": self.id,
                "participant": self.participant_json(m),
            }),
        }
    }

    fn status_event(&self, to: Vec<String>) -> Outgoing {
        Outgoing {
            to,
            event: json!({
                "type": "conferenceStatus",
                "conferenceId": self.id,
                "status": self.status.as_str(),
            }),
        }
    }

    /// Terminal: ENDED or DESTROYED.
    fn is_over(&self) -> bool {
        matches!(
            self.status,
            ConferenceStatus::Ended | ConferenceStatus::Destroyed
        )
    }

    /// After a participant stopped being connected: ENDED when nobody is connected any more
    /// (with a `ttl`, the count to DESTROYED starts; see [`ConferenceStore::expire`]).
    fn end_if_empty(&mut self, gone: &str, events: &mut Vec<Outgoing>) -> bool {
        if self.status == ConferenceStatus::Joined && self.connected().is_empty() {
            self.status = ConferenceStatus::Ended;
            if self.params.ttl.is_some() {
                self.empty_since = Some(Instant::now());
            }
            events.push(self.status_event(self.audience(gone)));
            return true;
        }
        false
    }
}

impl ConferenceStore {
    fn get_mut(&mut self, id: &str) -> Result<&mut Conference, ApiError> {
        self.by_id
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found_what(format!("No conference {id}")))
    }

    /// Creates a conference, or answers the live one with the same alias (`isNew: false`).
    pub fn create(&mut self, alias: Option<String>, params: CreateParams) -> Value {
        if let Some(existing) = alias
            .as_ref()
            .and_then(|a| self.live_aliases.get(a))
            .and_then(|id| self.by_id.get(id))
        {
            return existing.to_json(false);
        }
        let conference = Conference {
            id: ids::uuid_v4(),
            alias,
            status: ConferenceStatus::Created,
            empty_since: params.ttl.map(|_| Instant::now()),
            params,
            members: Vec::new(),
            permissions: HashMap::new(),
        };
        if let Some(alias) = &conference.alias {
            self.live_aliases
                .insert(alias.clone(), conference.id.clone());
        }
        let answer = conference.to_json(true);
        self.by_id.insert(conference.id.clone(), conference);
        answer
    }

    /// The conference (`isNew: false`).
    pub fn fetch(&mut self, id: &str) -> Result<Value, ApiError> {
        Ok(self.get_mut(id)?.to_json(false))
    }

    /// Joins an identified participant (`info` from its identify call).
    pub fn join(
        &mut self,
        id: &str,
        participant_id: &str,
        info: ParticipantInfo,
        kind: ParticipantType,
    ) -> Result<Change, ApiError> {
        let conf = self.get_mut(id)?;
        if conf.is_over() {
            return Err(ApiError::conflict(format!(
                "Conference {id} is {}",
                conf.status.as_str()
            )));
        }
        if conf.member(participant_id).map(|m| m.status) == Some(ParticipantStatus::Kicked) {
            return Err(ApiError::forbidden(format!(
                "Participant {participant_id} was kicked from conference {id}"
            )));
        }
        if conf
            .permissions
            .get(participant_id)
            .is_some_and(|set| !set.contains(&"JOIN"))
        {
            return Err(ApiError::forbidden(format!(
                "Participant {participant_id} lacks the JOIN permission"
            )));
        }
        let mut events = Vec::new();
        let kind_of_event = match conf.members.iter_mut().find(|m| m.id == participant_id) {
            Some(m) if m.status == ParticipantStatus::Connected => None,
            Some(m) => {
                m.status = ParticipantStatus::Connected;
                m.info = info;
                m.kind = kind;
                m.is_muted = false;
                Some("participantUpdated")
            }
            None => {
                conf.members.push(Member {
                    id: participant_id.to_owned(),
                    info,
                    status: ParticipantStatus::Connected,
                    kind,
                    is_muted: false,
                });
                Some("participantAdded")
            }
        };
        conf.empty_since = None;
        if let Some(kind_of_event) = kind_of_event {
            events.push(conf.participant_event(kind_of_event, participant_id, conf.connected()));
        }
        if conf.status == ConferenceStatus::Created {
            conf.status = ConferenceStatus::Joined;
            events.push(conf.status_event(conf.connected()));
        }
        Ok((conf.to_json(false), events))
    }

    /// The participant leaves (LEFT); leaving when not connected changes nothing.
    pub fn leave(&mut self, id: &str, participant_id: &str) -> Result<Change, ApiError> {
        let conf = self.get_mut(id)?;
        let member = conf.member_mut(participant_id)?;
        let mut events = Vec::new();
        let mut ended = false;
        if member.status == ParticipantStatus::Connected {
            member.status = ParticipantStatus::Left;
            events.push(conf.participant_event(
                "participantRemoved",
                participant_id,
                conf.audience(participant_id),
            ));
            ended = conf.end_if_empty(participant_id, &mut events);
        }
        let answer = conf.to_json(false);
        if ended {
            self.free_alias(id);
        }
        Ok((answer, events))
    }

    /// The participant is KICKED (whatever its status) and may not join again.
    pub fn kick(&mut self, id: &str, participant_id: &str) -> Result<Change, ApiError> {
        let conf = self.get_mut(id)?;
        let member = conf.member_mut(participant_id)?;
        member.status = ParticipantStatus::Kicked;
        let mut events = vec![conf.participant_event(
            "participantUpdated",
            participant_id,
            conf.audience(participant_id),
        )];
        let ended = conf.end_if_empty(participant_id, &mut events);
        let answer = conf.to_json(false);
        if ended {
            self.free_alias(id);
        }
        Ok((answer, events))
    }

    /// Stores `isMuted` for a participant of the conference.
    pub fn mute(
        &mut self,
        id: &str,
        participant_id: &str,
        is_muted: bool,
    ) -> Result<Change, ApiError> {
        let conf = self.get_mut(id)?;
        conf.member_mut(participant_id)?.is_muted = is_muted;
        let events = vec![conf.participant_event(
            "participantUpdated",
            participant_id,
            conf.audience(participant_id),
        )];
        Ok((conf.to_json(false), events))
    }

    /// Replaces the permissions of each listed participant (already validated: identified
    /// ids, known values). One `permissionsUpdated` event per entry.
    pub fn set_permissions(
        &mut self,
        id: &str,
        updates: Vec<(String, Vec<&'static str>)>,
    ) -> Result<Change, ApiError> {
        let conf = self.get_mut(id)?;
        let mut events = Vec::new();
        for (participant_id, set) in updates {
            events.push(Outgoing {
                to: conf.audience(&participant_id),
                event: json!({
                    "type": "permissionsUpdated",
                    "conferenceId": conf.id,
                    "participantId": participant_id,
                    "permissions": set,
                }),
            });
            conf.permissions.insert(participant_id, set);
        }
        Ok((conf.to_json(false), events))
    }

    /// Destroys every conference with a `ttl` that has had nobody CONNECTED for `ttl` seconds
    /// at `now` (never joined, or ENDED that long ago); returns the `conferenceStatus` DESTROYED events (to every member ever joined).
    pub fn expire(&mut self, now: Instant) -> Vec<Outgoing> {
        let mut events = Vec::new();
        let mut destroyed = Vec::new();
        for conf in self.by_id.values_mut() {
            let (Some(ttl), Some(since)) = (conf.params.ttl, conf.empty_since) else {
                continue;
            };
            if conf.status == ConferenceStatus::Destroyed
                || now.saturating_duration_since(since) < Duration::from_secs(ttl)
            {
                continue;
            }
            conf.status = ConferenceStatus::Destroyed;
            conf.empty_since = None;
            let everyone = conf.members.iter().map(|m| m.id.clone()).collect();
            events.push(conf.status_event(everyone));
            destroyed.push(conf.id.clone());
        }
        for id in destroyed {
            self.free_alias(&id);
        }
        events
    }

    fn free_alias(&mut self, id: &str) {
        self.live_aliases.retain(|_, live| live != id);
    }
}

/// Canonical (deduplicated, in [`PERMISSIONS`] order) permissions, or the first unknown value.
pub(crate) fn canonical_permissions(values: &[String]) -> Result<Vec<&'static str>, String> {
    if let Some(bad) = values.iter().find(|v| !PERMISSIONS.contains(&v.as_str())) {
        return Err(bad.clone());
    }
    Ok(PERMISSIONS
        .iter()
        .copied()
        .filter(|p| values.iter().any(|v| v == p))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(store: &mut ConferenceStore, id: &str, who: &str) -> Vec<Outgoing> {
        store
            .join(id, who, ParticipantInfo::default(), ParticipantType::User)
            .unwrap()
            .1
    }

    #[test]
    fn alias_is_reused_until_the_conference_ends() {
        let mut s = ConferenceStore::default();
        let a = s.create(Some("x".into()), CreateParams::default());
        let id = a["id"].as_str().unwrap().to_owned();
        assert_eq!(a["isNew"], true);
        let again = s.create(Some("x".into()), CreateParams::default());
        assert_eq!(
            (again["id"].as_str(), &again["isNew"]),
            (Some(&*id), &json!(false))
        );
        let events = joined(&mut s, &id, "p1");
        assert_eq!(
            events.len(),
            2,
            "participantAdded then conferenceStatus JOINED"
        );
        assert_eq!(events[1].event["status"], "JOINED");
        let (answer, events) = s.leave(&id, "p1").unwrap();
        assert_eq!(answer["status"], "ENDED");
        assert_eq!(events.last().unwrap().event["status"], "ENDED");
        assert_eq!(events.last().unwrap().to, vec!["p1".to_owned()]);
        let fresh = s.create(Some("x".into()), CreateParams::default());
        assert_ne!(fresh["id"].as_str(), Some(&*id));
        assert_eq!(fresh["isNew"], true);
        assert!(s
            .join(&id, "p1", ParticipantInfo::default(), ParticipantType::User)
            .is_err());
    }

    #[test]
    fn kicked_cannot_rejoin_and_left_can() {
        let mut s = ConferenceStore::default();
        let id = s.create(None, CreateParams::default())["id"]
            .as_str()
            .unwrap()
            .to_owned();
        joined(&mut s, &id, "a");
        joined(&mut s, &id, "b");
        joined(&mut s, &id, "c");
        let (_, events) = s.kick(&id, "b").unwrap();
        assert_eq!(events.len(), 1);
        assert!(events[0].to.contains(&"b".to_owned()));
        assert_eq!(events[0].event["participant"]["status"], "KICKED");
        assert!(s
            .join(&id, "b", ParticipantInfo::default(), ParticipantType::User)
            .is_err());
        s.leave(&id, "c").unwrap();
        let events = joined(&mut s, &id, "c");
        assert_eq!(events[0].event["type"], "participantUpdated");
        assert!(s.kick(&id, "nobody").is_err());
    }

    #[test]
    fn ttl_destroys_an_ended_conference_after_ttl() {
        let mut s = ConferenceStore::default();
        let params = CreateParams {
            ttl: Some(5),
            ..CreateParams::default()
        };
        let id = s.create(Some("t".into()), params)["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let start = Instant::now();
        joined(&mut s, &id, "a");
        assert!(
            s.expire(start + Duration::from_secs(60)).is_empty(),
            "someone is connected"
        );
        let (answer, events) = s.leave(&id, "a").unwrap();
        assert_eq!(
            answer["status"], "ENDED",
            "a ttl conference ends as any other"
        );
        assert_eq!(events.len(), 2, "participantRemoved, ENDED");
        assert!(s.expire(Instant::now()).is_empty(), "ttl not over yet");
        let events = s.expire(Instant::now() + Duration::from_secs(5));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event["status"], "DESTROYED");
        assert_eq!(events[0].to, vec!["a".to_owned()]);
        assert_eq!(s.fetch(&id).unwrap()["status"], "DESTROYED");
        assert_eq!(
            s.join(&id, "a", ParticipantInfo::default(), ParticipantType::User)
                .unwrap_err()
                .status,
            409
        );
        assert!(
            s.expire(Instant::now() + Duration::from_secs(60))
                .is_empty(),
            "once"
        );
        assert_eq!(
            s.create(Some("t".into()), CreateParams::default())["isNew"],
            true
        );
    }

    #[test]
    fn permissions_are_canonical_and_gate_join() {
        assert_eq!(
            canonical_permissions(&["SEND_AUDIO".into(), "JOIN".into(), "JOIN".into()]),
            Ok(vec!["JOIN", "SEND_AUDIO"])
        );
        assert_eq!(
            canonical_permissions(&["join".into()]),
            Err("join".to_owned())
        );
        let mut s = ConferenceStore::default();
        let id = s.create(None, CreateParams::default())["id"]
            .as_str()
            .unwrap()
            .to_owned();
        s.set_permissions(&id, vec![("p".into(), vec!["SEND_AUDIO"])])
            .unwrap();
        assert_eq!(
            s.join(&id, "p", ParticipantInfo::default(), ParticipantType::User)
                .unwrap_err()
                .status,
            403
        );
    }
}
