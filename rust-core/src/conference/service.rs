//! The conference service's state and operations: which conference the local participant is in
//! (with what the listener last saw of it), who receives conference events, and the session's
//! event stream that feeds them. `ConferenceClient` (the exported API) calls it; the session
//! service tells it when a session opens and closes ([`SessionObserver`]).
//!
//! Operations that change which conference the participant is in (join, leave, the leave of a
//! session close) are ordered: each waits for the one before it, in the order they were
//! called, so the core's state matches the platform's afterwards (a close while a join is in
//! flight leaves the conference that join entered; a second join leaves the first one).

use super::connection::ConnectionState;
use super::events::{self, ConferenceEvent, ConferenceEventListener, EventSink};
use super::models::{
    Conference, ConferenceStatus, ParticipantStatus, ParticipantType, WireConference,
};
use super::resync::ConferenceView;
use crate::core::Core;
use crate::error::IapiError;
use crate::feed::StateFeed;
use crate::session::{SessionObserver, SessionState};
use crate::subscription::{ListenerSlot, Subscription};
use crate::sync::lock;
use reqwest::Method;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use tokio::task::AbortHandle;

/// The conference service of one SDK instance, shared by `ConferenceClient` and (as its
/// `SessionObserver`) the session service.
pub(crate) struct ConferenceService {
    core: Arc<Core>,
    /// This service, for the event stream's task (which must not keep it alive).
    this: Weak<Self>,
    /// The session service's state: whose participant joins.
    session: Arc<SessionState>,
    /// The conference the local participant joined or is joining, with what the listener
    /// last saw of it; `None` when in none.
    current: Mutex<Option<ConferenceSlot>>,
    /// Who receives conference events.
    listener: Arc<ListenerSlot<dyn ConferenceEventListener>>,
    /// The open session's event stream: its id and task.
    stream: Mutex<Option<(u64, AbortHandle)>>,
    /// The id of the next stream.
    next_stream: AtomicU64,
    /// The state of that stream's connection.
    connection: Arc<StateFeed<ConnectionState>>,
    /// Held by each join and leave for its whole run: they happen one at a time, in the order
    /// they were called (tokio's mutex is fair).
    operations: tokio::sync::Mutex<()>,
}

/// The current conference of the local participant.
struct ConferenceSlot {
    id: String,
    /// False while the join request is in flight (events are already recorded in `view`).
    joined: bool,
    /// What the listener last saw of it.
    view: ConferenceView,
}

impl ConferenceSlot {
    fn new(id: String, joined: bool) -> Self {
        Self {
            id,
            joined,
            view: ConferenceView::default(),
        }
    }
}

impl Drop for ConferenceService {
    fn drop(&mut self) {
        self.stop_events();
    }
}

impl ConferenceService {
    pub fn new(core: Arc<Core>, session: Arc<SessionState>) -> Arc<Self> {
        Arc::new_cyclic(|this| Self {
            core,
            this: this.clone(),
            session,
            current: Mutex::new(None),
            listener: Default::default(),
            stream: Mutex::new(None),
            next_stream: AtomicU64::new(1),
            connection: StateFeed::new(ConnectionState::Disconnected),
            operations: tokio::sync::Mutex::new(()),
        })
    }

    /// The state of the session's event connection.
    pub fn connection(&self) -> &Arc<StateFeed<ConnectionState>> {
        &self.connection
    }

    /// Makes `listener` receive conference events until its subscription ends.
    pub fn subscribe(&self, listener: Arc<dyn ConferenceEventListener>) -> Arc<Subscription> {
        self.listener.subscribe(listener)
    }

    /// Starts the session's event stream (replacing any older one).
    fn start_events(&self, ws_url: url::Url, participant_id: String) {
        let id = self.next_stream.fetch_add(1, Ordering::Relaxed);
        let mut stream = lock(&self.stream);
        if let Some((_, old)) = stream.take() {
            old.abort();
        }
        // Set before the task starts, so CONNECTING always comes first.
        self.connection.set(ConnectionState::Connecting);
        let task =
            crate::runtime::spawn(events::run(self.this.clone(), id, ws_url, participant_id));
        *stream = Some((id, task.abort_handle()));
    }

    /// Stops the session's event stream, if any.
    fn stop_events(&self) {
        let current = lock(&self.stream).as_ref().map(|(id, _)| *id);
        if let Some(id) = current {
            self.stop_events_of(id);
        }
    }

    /// Stops event stream `id` if it is still the session's.
    fn stop_events_of(&self, id: u64) {
        let mut stream = lock(&self.stream);
        if let Some((_, task)) = stream.take_if(|(current, _)| *current == id) {
            task.abort();
            // Under the stream's lock, which `connection_changed` takes: the aborted task sets
            // no state after this.
            self.connection.set(ConnectionState::Disconnected);
        }
    }

    /// One call on a conference route, answered with the conference.
    pub async fn call(
        &self,
        method: Method,
        path: String,
        body: Option<serde_json::Value>,
    ) -> Result<Conference, IapiError> {
        if !self.core.tokens().is_initialized() {
            return Err(IapiError::NotInitialized);
        }
        let wire: WireConference = self.core.api.call(method, &path, body.as_ref()).await?;
        Ok(wire.into())
    }

    /// The open session's participant id; `InvalidState` when no session is open.
    pub fn local_participant_id(&self) -> Result<String, IapiError> {
        self.session
            .participant_id()
            .ok_or_else(|| IapiError::invalid_state("no session is open: call session.open first"))
    }

    /// The conference the local participant joined; `InvalidState` when in none.
    pub fn current_conference_id(&self) -> Result<String, IapiError> {
        lock(&self.current)
            .as_ref()
            .filter(|slot| slot.joined)
            .map(|slot| slot.id.clone())
            .ok_or_else(|| IapiError::invalid_state("not in a conference"))
    }

    /// Joins `id` (a valid id) as the session's participant, leaving the current conference
    /// first when it is another one. Runs after the operations called before it; the session's
    /// participant is read once it runs (a session closed meanwhile: `InvalidState`).
    pub async fn join(&self, id: String, kind: ParticipantType) -> Result<Conference, IapiError> {
        let _turn = self.operations.lock().await;
        let participant = self.local_participant_id()?;
        if self
            .current_conference_id()
            .is_ok_and(|current| current != id)
        {
            self.leave_locked(&participant).await?;
        }
        let body = json!({ "participantId": participant, "participantType": kind });
        // The view starts now, so events that arrive before the join's answer count.
        {
            let mut slot = lock(&self.current);
            if slot.as_ref().is_none_or(|s| s.id != id) {
                *slot = Some(ConferenceSlot::new(id.clone(), false));
            }
        }
        let answer = self
            .call(
                Method::POST,
                format!("v1/conferences/{id}/join"),
                Some(body),
            )
            .await;
        let mut slot = lock(&self.current);
        let mine = slot.as_mut().filter(|s| s.id == id);
        match (answer, mine) {
            (Ok(conference), Some(s)) => {
                s.joined = true;
                // What the app has from this answer is the baseline of later resyncs.
                s.view.seed(&conference);
                Ok(conference)
            }
            (Ok(conference), None) => {
                let mut s = ConferenceSlot::new(id, true);
                s.view.seed(&conference);
                *slot = Some(s);
                Ok(conference)
            }
            (Err(e), Some(s)) if !s.joined => {
                *slot = None;
                Err(e)
            }
            (Err(e), _) => Err(e),
        }
    }

    /// Leaves the current conference; `InvalidState` when in none (once the operations called
    /// before it ran: a join in flight is left).
    pub async fn leave(&self) -> Result<(), IapiError> {
        let _turn = self.operations.lock().await;
        self.current_conference_id()?;
        let participant = self.local_participant_id()?;
        self.leave_locked(&participant).await
    }

    /// Leaves the current conference as `participant`, if in one (`operations` held).
    async fn leave_locked(&self, participant: &str) -> Result<(), IapiError> {
        let Ok(id) = self.current_conference_id() else {
            return Ok(());
        };
        self.call(
            Method::POST,
            format!("v1/conferences/{id}/leave"),
            Some(json!({ "participantId": participant })),
        )
        .await?;
        lock(&self.current).take();
        Ok(())
    }
}

#[async_trait::async_trait]
impl SessionObserver for ConferenceService {
    /// Conference events flow over the session's WebSocket while it is open.
    fn opened(&self, ws_url: url::Url, participant_id: String) {
        self.start_events(ws_url, participant_id);
    }

    /// Leaves the current conference (after the operations called before: a join in flight
    /// is left), forgets it, and stops the event stream.
    async fn closing(&self, participant: Option<String>) -> Result<(), IapiError> {
        // The closing session's stream: a session opened while this one leaves keeps its own.
        let stream = lock(&self.stream).as_ref().map(|(id, _)| *id);
        let _turn = self.operations.lock().await;
        let left = match participant {
            Some(participant) => self.leave_locked(&participant).await,
            None => Ok(()),
        };
        lock(&self.current).take();
        if let Some(stream) = stream {
            self.stop_events_of(stream);
        }
        left
    }
}

impl EventSink for ConferenceService {
    fn core(&self) -> &Core {
        &self.core
    }

    fn connection_changed(&self, stream: u64, state: ConnectionState) {
        let current = lock(&self.stream);
        if current.as_ref().is_some_and(|(id, _)| *id == stream) {
            self.connection.set(state);
        }
    }

    /// After a (re)connect while in a conference: fetches it and delivers the difference from
    /// what the listener last saw (see [`super::resync`]). `Err` when the fetch failed for a
    /// reason other than 404 (the caller drops the socket and tries again with backoff).
    async fn resync(&self) -> Result<(), IapiError> {
        let Ok(id) = self.current_conference_id() else {
            return Ok(());
        };
        let fetched = match self
            .call(Method::GET, format!("v1/conferences/{id}"), None)
            .await
        {
            Ok(conference) => Some(conference),
            Err(IapiError::Server { status: 404, .. }) => None,
            Err(e) => return Err(e),
        };
        let events = {
            let slot = lock(&self.current);
            match slot.as_ref().filter(|s| s.id == id) {
                Some(s) => s.view.diff(&id, fetched.as_ref()),
                None => return Ok(()), // left meanwhile
            }
        };
        if !events.is_empty() {
            log::debug!("resync of conference {id}: {} changes", events.len());
        }
        for event in events {
            self.deliver(event);
        }
        Ok(())
    }

    /// Records an event in the current conference's view (an event that changes nothing there
    /// is a duplicate and goes no further), applies it to local state (a kicked local
    /// participant, or one whose conference ENDED or was DESTROYED, is in no conference any
    /// more), then hands it to the listener outside any lock. A listener that panics does not
    /// stop later events.
    fn deliver(&self, event: ConferenceEvent) {
        let me = self.session.participant_id();
        {
            let mut slot = lock(&self.current);
            if let Some(current) = slot.as_mut().filter(|s| s.id == event.conference_id()) {
                if !current.view.apply(&event) {
                    return;
                }
                let over = match &event {
                    ConferenceEvent::StatusChanged { status, .. } => {
                        matches!(
                            status,
                            ConferenceStatus::Ended | ConferenceStatus::Destroyed
                        )
                    }
                    ConferenceEvent::ParticipantUpdated { participant, .. } => {
                        participant.status == ParticipantStatus::Kicked
                            && me.as_deref() == Some(participant.id.as_str())
                    }
                    _ => false,
                };
                if over {
                    *slot = None;
                }
            }
        }
        let listener = self.listener.get();
        if let Some(listener) = listener {
            // The panic hook has reported it; the stream goes on with the next event.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                listener.on_conference_event(event)
            }));
        }
    }
}
