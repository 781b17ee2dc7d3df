//! Open event WebSockets, by participant. A session is registered BEFORE the handshake's
//! 101 answer goes out, so a client that saw its socket open cannot miss a later event.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::sync::{mpsc, oneshot};

use crate::conferences::Outgoing;

/// What a WebSocket task drains: serialized events, and a kill signal that fires (as
/// `Err`, its sender dropped) when the session is dropped; queued events are then lost,
/// as in a network failure.
pub(crate) struct SessionRx {
    pub events: mpsc::UnboundedReceiver<String>,
    pub killed: oneshot::Receiver<()>,
}

struct Session {
    id: u64,
    tx: mpsc::UnboundedSender<String>,
    /// Never sent on: dropping it is the signal.
    _kill: oneshot::Sender<()>,
}

/// Every open session of one emulator instance.
#[derive(Default)]
pub(crate) struct SessionHub {
    next_id: AtomicU64,
    by_participant: Mutex<HashMap<String, Vec<Session>>>,
}

impl SessionHub {
    /// Registers a session for `participant_id`; returns its id (for [`SessionHub::unregister`])
    /// and the queue of serialized events to write to the socket.
    pub fn register(&self, participant_id: &str) -> (u64, SessionRx) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, events) = mpsc::unbounded_channel();
        let (kill, killed) = oneshot::channel();
        self.by_participant
            .lock()
            .unwrap()
            .entry(participant_id.to_owned())
            .or_default()
            .push(Session {
                id,
                tx,
                _kill: kill,
            });
        (id, SessionRx { events, killed })
    }

    /// Forgets a session whose socket closed.
    pub fn unregister(&self, participant_id: &str, session_id: u64) {
        let mut map = self.by_participant.lock().unwrap();
        if let Some(list) = map.get_mut(participant_id) {
            list.retain(|s| s.id != session_id);
            if list.is_empty() {
                map.remove(participant_id);
            }
        }
    }

    /// Queues each event on every session of its recipients (dropping sessions found dead).
    pub fn dispatch(&self, events: Vec<Outgoing>) {
        if events.is_empty() {
            return;
        }
        let mut map = self.by_participant.lock().unwrap();
        for Outgoing { to, event } in events {
            let text = event.to_string();
            for participant_id in to {
                if let Some(list) = map.get_mut(&participant_id) {
                    list.retain(|s| s.tx.send(text.clone()).is_ok());
                }
            }
        }
        map.retain(|_, list| !list.is_empty());
    }

    /// Sends one event to every session of one participant (used in tests of the hub).
    #[cfg(test)]
    fn send_to(&self, participant_id: &str, event: serde_json::Value) {
        self.dispatch(vec![Outgoing {
            to: vec![participant_id.to_owned()],
            event,
        }]);
    }

    /// Drops every session: each socket closes at once, without a close frame, as if the
    /// network went away. Returns how many were open.
    pub fn drop_all(&self) -> usize {
        let dropped = std::mem::take(&mut *self.by_participant.lock().unwrap());
        dropped
            .values()
            .flatten()
            .filter(|s| !s.tx.is_closed())
            .count()
    }

    /// Sessions currently open.
    pub fn open_count(&self) -> usize {
        self.by_participant
            .lock()
            .unwrap()
            .values()
            .flatten()
            .filter(|s| !s.tx.is_closed())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dispatch_reaches_every_session_of_a_participant() {
        let hub = SessionHub::default();
        let (_, mut a1) = hub.register("a");
        let (a2_id, mut a2) = hub.register("a");
        let (_, mut b) = hub.register("b");
        hub.send_to("a", json!({"n": 1}));
        assert_eq!(a1.events.try_recv().unwrap(), r#"{"n":1}"#);
        assert_eq!(a2.events.try_recv().unwrap(), r#"{"n":1}"#);
        assert!(b.events.try_recv().is_err());
        hub.unregister("a", a2_id);
        assert_eq!(hub.open_count(), 2);
        drop(b);
        assert_eq!(hub.open_count(), 1);
        assert_eq!(hub.drop_all(), 1);
        assert!(a1.killed.try_recv().is_err(), "kill signal fired");
        assert!(a1.events.try_recv().is_err());
        assert_eq!(hub.open_count(), 0);
    }
}
