//! State shared by all requests of one emulator instance.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::conferences::{ConferenceStore, ParticipantInfo};
use crate::config::{App, EmulatorConfig};
use crate::faults::FaultTable;
use crate::ids;
use crate::jwt::{self, Claims, Signer, TokenError};
use crate::sessions::SessionHub;

/// Apps, signing key, revocations, participants and faults of one instance.
pub(crate) struct Shared {
    apps: Vec<App>,
    /// Default lifetime of issued tokens, seconds.
    pub token_ttl_secs: i64,
    port: u16,
    signer: Signer,
    /// The emulator's (possibly shifted) clock: every "now" comes from here.
    pub clock: Clock,
    /// Revoked token ids (`jti`); revoking by id also covers any re-encoding of the same token.
    revoked: Mutex<HashSet<String>>,
    /// externalId -> participant id, so a user keeps one id across sessions.
    participants: Mutex<HashMap<String, String>>,
    /// Participant id -> info of its latest identify call: who may join conferences.
    identified: Mutex<HashMap<String, ParticipantInfo>>,
    /// Token id (`jti`) -> the participant last identified with that token; a WebSocket
    /// opened with the same token (and no `participantId`) belongs to that participant.
    token_participants: Mutex<HashMap<String, String>>,
    /// Conferences. Lock order: `conferences` before the hub's own lock.
    pub conferences: Mutex<ConferenceStore>,
    /// Open event WebSockets.
    pub sessions: SessionHub,
    /// Injected faults and counters.
    pub faults: FaultTable,
    /// Event WebSocket handshakes are refused (503) until then (real time, unshifted).
    ws_refused_until: Mutex<Option<Instant>>,
    /// The `wsUrl` identify answers with instead of this emulator's own (tests of a client's
    /// checks: an insecure or unreachable event URL).
    ws_url_override: Mutex<Option<String>>,
}

impl Shared {
    pub fn new(config: &EmulatorConfig, port: u16) -> Self {
        Shared {
            apps: config.apps.clone(),
            token_ttl_secs: i64::try_from(config.token_ttl.as_secs()).unwrap_or(i64::MAX),
            port,
            signer: Signer::random(),
            clock: Clock::new(config.clock_offset_ms),
            revoked: Mutex::default(),
            participants: Mutex::default(),
            identified: Mutex::default(),
            token_participants: Mutex::default(),
            conferences: Mutex::default(),
            sessions: SessionHub::default(),
            faults: FaultTable::default(),
            ws_refused_until: Mutex::default(),
            ws_url_override: Mutex::default(),
        }
    }

    /// Every 50 ms, destroys the `ttl` conferences that have been empty for their ttl and
    /// dispatches the status events (until the instance is gone or its runtime stops).
    pub async fn expire_conferences(shared: std::sync::Weak<Shared>) {
        let mut tick = tokio::time::interval(Duration::from_millis(50));
        loop {
            tick.tick().await;
            let Some(shared) = shared.upgrade() else {
                return;
            };
            let mut store = shared.conferences.lock().unwrap();
            let events = store.expire(Instant::now());
            shared.sessions.dispatch(events);
        }
    }

    /// Refuses event WebSocket handshakes for `duration` from now (replacing any earlier
    /// refusal; zero ends it). Open sockets are left alone.
    pub fn refuse_websockets(&self, duration: Duration) {
        *self.ws_refused_until.lock().unwrap() = Some(Instant::now() + duration);
    }

    /// How long handshakes are still refused, if they are.
    pub fn websockets_refused_for(&self) -> Option<Duration> {
        let until = (*self.ws_refused_until.lock().unwrap())?;
        let left = until.saturating_duration_since(Instant::now());
        (!left.is_zero()).then_some(left)
    }

    /// The app with exactly this key and secret, if configured.
    pub fn find_app(&self, key: &str, secret: &str) -> Option<&App> {
        self.apps
            .iter()
            .find(|a| a.key == key && a.secret == secret)
    }

    /// A token for `app_key` issued now (the emulator's clock), valid for `ttl_secs`.
    pub fn mint(&self, app_key: &str, ttl_secs: i64) -> String {
        self.signer.mint(app_key, ttl_secs, self.clock.now_unix())
    }

    /// Revokes by `jti`; text that is not a token of ours is ignored (nothing could accept it anyway).
    pub fn revoke(&self, token: &str) {
        if let Some(claims) = jwt::decode_unverified(token) {
            self.revoked.lock().unwrap().insert(claims.jti);
        }
    }

    /// Claims of a valid (well-formed, signed by us, unexpired, unrevoked) token.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let claims = self.signer.verify(token, self.clock.now_unix())?;
        if self.revoked.lock().unwrap().contains(&claims.jti) {
            return Err(TokenError::Revoked);
        }
        Ok(claims)
    }

    /// Stable id for a known `external_id`, a fresh one otherwise.
    pub fn participant_id(&self, external_id: Option<&str>) -> String {
        match external_id {
            Some(ext) => self
                .participants
                .lock()
                .unwrap()
                .entry(ext.to_owned())
                .or_insert_with(ids::uuid_v4)
                .clone(),
            None => ids::uuid_v4(),
        }
    }

    /// Identifies a participant for the token with id `jti`: its id (as
    /// [`Shared::participant_id`]) is remembered with `info`, so it may join conferences.
    pub fn identify(&self, jti: &str, info: ParticipantInfo) -> String {
        let id = self.participant_id(info.external_id.as_deref());
        self.identified.lock().unwrap().insert(id.clone(), info);
        self.token_participants
            .lock()
            .unwrap()
            .insert(jti.to_owned(), id.clone());
        id
    }

    /// The info of an identified participant.
    pub fn identified(&self, participant_id: &str) -> Option<ParticipantInfo> {
        self.identified.lock().unwrap().get(participant_id).cloned()
    }

    /// The participant last identified with the token whose id is `jti`.
    pub fn participant_of_token(&self, jti: &str) -> Option<String> {
        self.token_participants.lock().unwrap().get(jti).cloned()
    }

    /// Where the event WebSocket lives.
    pub fn ws_url(&self) -> String {
        self.ws_url_override
            .lock()
            .unwrap()
            .clone()
            .unwrap_or_else(|| format!("ws://127.0.0.1:{}/v1/session/ws", self.port))
    }

    /// Makes identify answer with `url` as `wsUrl` (`None`: the emulator's own).
    pub fn set_ws_url_override(&self, url: Option<String>) {
        *self.ws_url_override.lock().unwrap() = url;
    }
}
