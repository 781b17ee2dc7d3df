//! Shared helpers of the conference tests (events.rs, resync.rs): a recording listener, open
//! sockets, and a participant with a session open.

use super::{sdk, KEY, SECRET};
use iapi_core::{
    ConferenceEvent, ConferenceEventListener, DolbyIoIapi, ParticipantInfo, Subscription,
};
use iapi_emulator::Emulator;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Records every conference event it receives; keeps its own subscription.
#[derive(Default)]
pub struct Events {
    seen: Mutex<Vec<ConferenceEvent>>,
    subscription: Mutex<Option<Arc<Subscription>>>,
}

impl ConferenceEventListener for Events {
    fn on_conference_event(&self, event: ConferenceEvent) {
        self.seen.lock().unwrap().push(event);
    }
}

impl Events {
    pub fn len(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    pub fn since(&self, n: usize) -> Vec<ConferenceEvent> {
        self.seen.lock().unwrap()[n..].to_vec()
    }

    /// Waits (up to 10 s) for an event at index >= `from` matching `pred`; returns it.
    pub async fn wait_from(
        &self,
        from: usize,
        what: &str,
        pred: impl Fn(&ConferenceEvent) -> bool,
    ) -> ConferenceEvent {
        for _ in 0..1000 {
            if let Some(e) = self.seen.lock().unwrap()[from..].iter().find(|e| pred(e)) {
                return e.clone();
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("no {what} event; got {:#?}", self.since(from));
    }

    /// Waits (up to 10 s) for any event matching `pred`; returns it.
    pub async fn wait(
        &self,
        what: &str,
        pred: impl Fn(&ConferenceEvent) -> bool,
    ) -> ConferenceEvent {
        self.wait_from(0, what, pred).await
    }
}

/// Waits (up to 10 s) until the emulator has `n` open event sockets.
pub async fn wait_sockets(emu: &Emulator, n: usize) {
    for _ in 0..1000 {
        if emu.websocket_count() == n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("expected {n} open sockets, have {}", emu.websocket_count());
}

/// An initialized SDK whose conference events go to `listener`, with a session open as `name`.
pub async fn member_with(
    emu: &Emulator,
    name: &str,
    listener: Arc<dyn ConferenceEventListener>,
) -> (Arc<DolbyIoIapi>, String, Arc<Subscription>) {
    let sdk = sdk(emu);
    let subscription = sdk.conference().subscribe(listener);
    sdk.initialize(KEY.into(), SECRET.into()).await.unwrap();
    let info = ParticipantInfo {
        name: Some(name.into()),
        ..ParticipantInfo::default()
    };
    let id = sdk.session().open(Some(info)).await.unwrap().id;
    (sdk, id, subscription)
}

/// [`member_with`] a recording listener.
pub async fn member(emu: &Emulator, name: &str) -> (Arc<DolbyIoIapi>, String, Arc<Events>) {
    let events = Arc::new(Events::default());
    let (sdk, id, subscription) = member_with(emu, name, events.clone()).await;
    *events.subscription.lock().unwrap() = Some(subscription);
    (sdk, id, events)
}
