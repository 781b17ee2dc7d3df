//! The shared state behind one SDK instance and its sub-clients.

use crate::conference::events::ConferenceEventListener;
use crate::conference::resync::ConferenceView;
use crate::config::Settings;
use crate::http::Api;
use crate::session::OpenSession;
use crate::subscription::ListenerSlot;
use crate::token::manager::TokenManager;
use std::sync::{Arc, Mutex};
use tokio::task::AbortHandle;

pub(crate) struct Core {
    pub settings: Settings,
    pub api: Api,
    pub session: Mutex<Option<OpenSession>>,
    /// The conference the local participant joined or is joining, with what the listener
    /// last saw of it; `None` when in none.
    pub conference: Mutex<Option<ConferenceSlot>>,
    /// Who receives conference events.
    pub conference_listener: Arc<ListenerSlot<dyn ConferenceEventListener>>,
    /// The open session's event stream (the WebSocket task).
    pub events: Mutex<Option<AbortHandle>>,
    /// TLS for HTTP and WebSocket connections.
    pub tls: Arc<rustls::ClientConfig>,
}

/// The current conference of the local participant.
pub(crate) struct ConferenceSlot {
    pub id: String,
    /// False while the join request is in flight (events are already recorded in `view`).
    pub joined: bool,
    /// What the listener last saw of it.
    pub view: ConferenceView,
}

impl ConferenceSlot {
    pub fn new(id: String, joined: bool) -> Self {
        Self {
            id,
            joined,
            view: ConferenceView::default(),
        }
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        self.stop_events();
    }
}

impl Core {
    /// Starts the session's event stream (replacing any older one).
    pub fn start_events(self: &Arc<Self>, ws_url: url::Url, participant_id: String) {
        let task = crate::runtime::runtime().spawn(crate::conference::events::run(
            Arc::downgrade(self),
            ws_url,
            participant_id,
        ));
        if let Some(old) = self
            .events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(task.abort_handle())
        {
            old.abort();
        }
    }

    /// Stops the session's event stream, if any.
    pub fn stop_events(&self) {
        if let Some(task) = self.events.lock().unwrap_or_else(|e| e.into_inner()).take() {
            task.abort();
        }
    }

    pub fn tokens(&self) -> &TokenManager {
        &self.api.tokens
    }
}
