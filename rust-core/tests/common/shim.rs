//! A recording stand-in for a shim's `NativeModuleEvents`: what a shim would emit to JS (and
//! write to the platform log), in order.

use iapi_core::{
    AccessTokenRequest, IapiConfig, IapiError, NativeConferenceStatusChange, NativeConnectionState,
    NativeLogRecord, NativeModuleEvents, NativeModuleHost, NativeParticipantsChange,
    NativePermissionsChange, NativeTokenState,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone)]
pub enum Event {
    Request(AccessTokenRequest),
    Status(NativeConferenceStatusChange),
    Participants(NativeParticipantsChange),
    Permissions(NativePermissionsChange),
    Connection(NativeConnectionState),
    Token(NativeTokenState),
    Log(NativeLogRecord),
    PlatformLog(NativeLogRecord),
}

/// `refuse` makes every emit fail as a shim whose JS side is gone does.
#[derive(Default)]
pub struct Shim {
    seen: Mutex<Vec<Event>>,
    pub refuse: AtomicBool,
}

impl Shim {
    fn emit(&self, event: Event) -> Result<(), IapiError> {
        if self.refuse.load(Ordering::SeqCst) {
            return Err(IapiError::InvalidState {
                reason: "no JS listener".into(),
            });
        }
        self.seen.lock().unwrap().push(event);
        Ok(())
    }

    pub fn events(&self) -> Vec<Event> {
        self.seen.lock().unwrap().clone()
    }

    /// Waits (up to 5 s) for an event `pick` accepts.
    pub async fn wait<T>(&self, what: &str, pick: impl Fn(&Event) -> Option<T>) -> T {
        self.wait_for(what, Duration::from_secs(5), pick).await
    }

    pub async fn wait_for<T>(
        &self,
        what: &str,
        limit: Duration,
        pick: impl Fn(&Event) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(found) = self.events().iter().find_map(&pick) {
                return found;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("no {what}; got {:?}", self.events());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    pub async fn request(&self) -> AccessTokenRequest {
        self.wait("token request", |e| match e {
            Event::Request(r) => Some(r.clone()),
            _ => None,
        })
        .await
    }

    /// The connection states emitted so far.
    pub fn connection_states(&self) -> Vec<NativeConnectionState> {
        self.events()
            .into_iter()
            .filter_map(|e| match e {
                Event::Connection(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// The token states emitted so far.
    pub fn token_states(&self) -> Vec<NativeTokenState> {
        self.events()
            .into_iter()
            .filter_map(|e| match e {
                Event::Token(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// The log records emitted to JS so far.
    pub fn logs(&self) -> Vec<NativeLogRecord> {
        self.events()
            .into_iter()
            .filter_map(|e| match e {
                Event::Log(r) => Some(r),
                _ => None,
            })
            .collect()
    }
}

impl NativeModuleEvents for Shim {
    fn on_access_token_request(&self, request: AccessTokenRequest) -> Result<(), IapiError> {
        self.emit(Event::Request(request))
    }
    fn on_conference_status_change(
        &self,
        change: NativeConferenceStatusChange,
    ) -> Result<(), IapiError> {
        self.emit(Event::Status(change))
    }
    fn on_participants_change(&self, change: NativeParticipantsChange) -> Result<(), IapiError> {
        self.emit(Event::Participants(change))
    }
    fn on_permissions_change(&self, change: NativePermissionsChange) -> Result<(), IapiError> {
        self.emit(Event::Permissions(change))
    }
    fn on_connection_state_change(&self, state: NativeConnectionState) -> Result<(), IapiError> {
        self.emit(Event::Connection(state))
    }
    fn on_token_state_change(&self, state: NativeTokenState) -> Result<(), IapiError> {
        self.emit(Event::Token(state))
    }
    fn on_log(&self, record: NativeLogRecord) -> Result<(), IapiError> {
        self.emit(Event::Log(record))
    }
    fn write_platform_log(&self, record: NativeLogRecord) -> Result<(), IapiError> {
        self.emit(Event::PlatformLog(record))
    }
}

pub fn host_with(config: IapiConfig) -> (Arc<NativeModuleHost>, Arc<Shim>) {
    let shim = Arc::new(Shim::default());
    (NativeModuleHost::new(config, shim.clone()), shim)
}
