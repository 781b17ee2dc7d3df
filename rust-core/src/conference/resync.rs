//! What the listener last saw of the current conference (the "view"), and how the core closes
//! the gap after the session WebSocket reconnects.
//!
//! The core keeps one [`ConferenceView`] for the conference the local participant joins (from
//! the moment it starts joining). Every event handed to the listener updates it, and an event
//! that would not change it is not handed on: so nothing reaches the listener twice for one
//! change, whether it came live or from a resync. The join's answer (which the app has from
//! `join`) is the view's baseline: a participant or a status that no event showed yet is
//! compared with it, so a reconnect reports only what changed since the join, never what was
//! already there when the local participant joined.
//!
//! After every (re)connect of the session WebSocket while in a conference, the core fetches the
//! conference BEFORE reading anything from the new socket, and emits [`ConferenceView::diff`]
//! (the difference between the view and the fetched state) as ordinary events, in this order:
//!
//! 1. participants, in the platform's order (join order), at most one event each, carrying the
//!    participant's current record (net effect of the gap):
//!    - not seen before: `ParticipantAdded` when CONNECTED; `ParticipantRemoved` when LEFT (it
//!      joined and left during the gap: reported once, as the platform reports a leave);
//!      `ParticipantUpdated` for any other status (e.g. KICKED);
//!    - seen, now LEFT and not LEFT before: `ParticipantRemoved`;
//!    - seen, anything else but the permissions changed: `ParticipantUpdated` (it carries the
//!      current permissions too);
//!    - seen, only the permissions changed: `PermissionsUpdated`;
//! 2. then the conference status, when it changed (`StatusChanged`: e.g. ENDED or DESTROYED
//!    that happened during the gap). A conference the platform no longer knows (404) is
//!    reported as DESTROYED.
//!
//! Intermediate states inside the gap are not replayed (B joining then muting is one
//! `ParticipantAdded` with `is_muted = true`).
//!
//! Limit: the socket is registered at its handshake, the fetch answers a little later; a change
//! made in between is in the fetched state AND queued on the socket. Those queued events are
//! dropped when they carry what the view already shows, and always when they cannot be new: a
//! `ParticipantAdded` for a participant already seen (the platform adds a participant once), a
//! status after ENDED/DESTROYED other than ENDED -> DESTROYED. What remains is a participant
//! updated twice within that window (e.g. muted then unmuted): its intermediate state can be
//! reported again before its final one. Closing that needs a version number from the platform
//! on fetches and events, which it does not send.

use super::events::ConferenceEvent;
use super::models::{Conference, ConferenceParticipant, ConferenceStatus, ParticipantStatus};

/// The current conference as the listener last saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ConferenceView {
    /// `None` until a status event was delivered.
    status: Option<ConferenceStatus>,
    /// In the order they were first seen.
    participants: Vec<ConferenceParticipant>,
    /// What the join's answer showed (the app has it from `join`): what a resync compares with
    /// for a participant or a status no event showed yet, so a reconnect reports only what
    /// changed since the join, not what was there before it. Live events are not compared
    /// with it (they are delivered as before).
    baseline: Option<Conference>,
}

impl ConferenceView {
    fn participant_mut(&mut self, id: &str) -> Option<&mut ConferenceParticipant> {
        self.participants.iter_mut().find(|p| p.id == id)
    }

    /// Applies `event`; false when it changes nothing the listener has not already seen (a
    /// duplicate, which is then not delivered).
    pub fn apply(&mut self, event: &ConferenceEvent) -> bool {
        match event {
            ConferenceEvent::ParticipantAdded { participant, .. }
                if self.participants.iter().any(|p| p.id == participant.id) =>
            {
                false // added once: a second one is stale
            }
            ConferenceEvent::ParticipantAdded { participant, .. }
            | ConferenceEvent::ParticipantUpdated { participant, .. }
            | ConferenceEvent::ParticipantRemoved { participant, .. } => {
                match self.participant_mut(&participant.id) {
                    Some(known) if known == participant => false,
                    Some(known) => {
                        *known = participant.clone();
                        true
                    }
                    None => {
                        self.participants.push(participant.clone());
                        true
                    }
                }
            }
            ConferenceEvent::StatusChanged { status, .. } => {
                let after_terminal = match self.status {
                    Some(ConferenceStatus::Ended) => *status != ConferenceStatus::Destroyed,
                    Some(ConferenceStatus::Destroyed) => true,
                    _ => false,
                };
                if self.status == Some(*status) || after_terminal {
                    return false;
                }
                self.status = Some(*status);
                true
            }
            ConferenceEvent::PermissionsUpdated {
                participant_id,
                permissions,
                ..
            } => match self.participant_mut(participant_id) {
                Some(known) if known.permissions == *permissions => false,
                Some(known) => {
                    known.permissions = permissions.clone();
                    true
                }
                // Permissions may precede the participant's join: nothing to compare with.
                None => true,
            },
        }
    }

    /// Takes `joined` (the join's answer) as the baseline of later diffs.
    pub fn seed(&mut self, joined: &Conference) {
        self.baseline = Some(joined.clone());
    }

    /// The participant `id` as the listener knows it: from an event, else from the join's
    /// answer.
    fn known(&self, id: &str) -> Option<&ConferenceParticipant> {
        self.participants.iter().find(|p| p.id == id).or_else(|| {
            self.baseline
                .as_ref()
                .and_then(|b| b.participants.iter().find(|p| p.id == id))
        })
    }

    /// The events that take the view to `fetched` (`None`: the platform no longer knows the
    /// conference), in the order documented at the top of this module.
    pub fn diff(&self, conference_id: &str, fetched: Option<&Conference>) -> Vec<ConferenceEvent> {
        let mut events = Vec::new();
        let status = fetched.map_or(ConferenceStatus::Destroyed, |c| c.status);
        for now in fetched.map_or(&[][..], |c| &c.participants[..]) {
            let conference_id = conference_id.to_owned();
            let participant = now.clone();
            let event = match self.known(&now.id) {
                Some(before) if before == now => continue,
                Some(before) if same_but_permissions(before, now) => {
                    ConferenceEvent::PermissionsUpdated {
                        conference_id,
                        participant_id: now.id.clone(),
                        permissions: now.permissions.clone(),
                    }
                }
                Some(before)
                    if now.status == ParticipantStatus::Left
                        && before.status != ParticipantStatus::Left =>
                {
                    ConferenceEvent::ParticipantRemoved {
                        conference_id,
                        participant,
                    }
                }
                Some(_) => ConferenceEvent::ParticipantUpdated {
                    conference_id,
                    participant,
                },
                None => match now.status {
                    ParticipantStatus::Connected => ConferenceEvent::ParticipantAdded {
                        conference_id,
                        participant,
                    },
                    ParticipantStatus::Left => ConferenceEvent::ParticipantRemoved {
                        conference_id,
                        participant,
                    },
                    _ => ConferenceEvent::ParticipantUpdated {
                        conference_id,
                        participant,
                    },
                },
            };
            events.push(event);
        }
        let seen = self
            .status
            .or_else(|| self.baseline.as_ref().map(|b| b.status));
        if seen != Some(status) {
            events.push(ConferenceEvent::StatusChanged {
                conference_id: conference_id.to_owned(),
                status,
            });
        }
        events
    }
}

fn same_but_permissions(before: &ConferenceParticipant, now: &ConferenceParticipant) -> bool {
    let mut before = before.clone();
    before.permissions.clone_from(&now.permissions);
    before == *now
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conference::models::{ConferencePermission, ParticipantType};
    use crate::session::ParticipantInfo;

    fn p(id: &str, status: ParticipantStatus, muted: bool) -> ConferenceParticipant {
        ConferenceParticipant {
            id: id.into(),
            info: ParticipantInfo::default(),
            status,
            participant_type: ParticipantType::User,
            is_muted: muted,
            permissions: vec![ConferencePermission::Join],
        }
    }

    fn conf(status: ConferenceStatus, participants: Vec<ConferenceParticipant>) -> Conference {
        Conference {
            id: "c".into(),
            alias: None,
            is_new: false,
            status,
            participants,
        }
    }

    fn kinds(events: &[ConferenceEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| match e {
                ConferenceEvent::ParticipantAdded { participant, .. } => {
                    format!("added {}", participant.id)
                }
                ConferenceEvent::ParticipantUpdated { participant, .. } => {
                    format!("updated {}", participant.id)
                }
                ConferenceEvent::ParticipantRemoved { participant, .. } => {
                    format!("removed {}", participant.id)
                }
                ConferenceEvent::StatusChanged { status, .. } => format!("status {status:?}"),
                ConferenceEvent::PermissionsUpdated { participant_id, .. } => {
                    format!("permissions {participant_id}")
                }
            })
            .collect()
    }

    #[test]
    fn a_resync_reports_nothing_that_the_join_answer_already_showed() {
        let mut view = ConferenceView::default();
        let bob = p("bob", ParticipantStatus::Connected, false);
        let me = p("me", ParticipantStatus::Connected, false);
        view.seed(&conf(
            ConferenceStatus::Joined,
            vec![bob.clone(), me.clone()],
        ));
        // My own join came live; then the socket dropped and nothing changed.
        assert!(view.apply(&ConferenceEvent::ParticipantAdded {
            conference_id: "c".into(),
            participant: me.clone(),
        }));
        let same = conf(ConferenceStatus::Joined, vec![bob.clone(), me.clone()]);
        assert!(view.diff("c", Some(&same)).is_empty());
        // What did change since the join is reported.
        let changed = conf(
            ConferenceStatus::Ended,
            vec![p("bob", ParticipantStatus::Left, false), me],
        );
        assert_eq!(
            kinds(&view.diff("c", Some(&changed))),
            ["removed bob", "status Ended"]
        );
    }

    #[test]
    fn diff_is_the_net_effect_in_platform_order_then_status() {
        let mut view = ConferenceView::default();
        let a = p("a", ParticipantStatus::Connected, false);
        let d = p("d", ParticipantStatus::Connected, false);
        for e in [
            ConferenceEvent::ParticipantAdded {
                conference_id: "c".into(),
                participant: a.clone(),
            },
            ConferenceEvent::StatusChanged {
                conference_id: "c".into(),
                status: ConferenceStatus::Joined,
            },
            ConferenceEvent::ParticipantAdded {
                conference_id: "c".into(),
                participant: d.clone(),
            },
        ] {
            assert!(view.apply(&e));
            assert!(!view.apply(&e), "the same event again is a duplicate");
        }
        let mut d_perms = d.clone();
        d_perms.permissions = vec![];
        let fetched = conf(
            ConferenceStatus::Ended,
            vec![
                p("a", ParticipantStatus::Kicked, false),
                p("b", ParticipantStatus::Connected, true),
                p("c", ParticipantStatus::Left, false),
                d_perms,
                p("e", ParticipantStatus::Kicked, false),
            ],
        );
        let events = view.diff("c", Some(&fetched));
        assert_eq!(
            kinds(&events),
            [
                "updated a",
                "added b",
                "removed c",
                "permissions d",
                "updated e",
                "status Ended"
            ]
        );
        for e in &events {
            assert!(view.apply(e));
        }
        assert!(view.diff("c", Some(&fetched)).is_empty(), "nothing twice");
        assert_eq!(
            kinds(&view.diff("c", None)),
            ["status Destroyed"],
            "404: destroyed"
        );
        // Stale live events queued before the fetch: dropped.
        let stale_added = ConferenceEvent::ParticipantAdded {
            conference_id: "c".into(),
            participant: p("b", ParticipantStatus::Connected, false),
        };
        assert!(!view.apply(&stale_added), "b was added already");
        let stale_joined = ConferenceEvent::StatusChanged {
            conference_id: "c".into(),
            status: ConferenceStatus::Joined,
        };
        assert!(
            !view.apply(&stale_joined),
            "nothing after ENDED but DESTROYED"
        );
        assert!(view.apply(&ConferenceEvent::StatusChanged {
            conference_id: "c".into(),
            status: ConferenceStatus::Destroyed,
        }));
    }
}
