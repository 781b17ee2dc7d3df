//! The cost of logging when nothing happens, and when the shim cannot keep up. Each test file
//! is its own process: the core's logger is process-wide, so these run apart from the tests
//! that log at TRACE.

mod common;
use common::shim::{host_with, Event};
use common::*;
use iapi_core::{
    AccessTokenRequest, IapiError, NativeConferenceStatusChange, NativeConnectionState,
    NativeLogRecord, NativeModuleEvents, NativeModuleHost, NativeParticipantsChange,
    NativePermissionsChange, NativeTokenState,
};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test]
async fn an_open_idle_session_at_the_default_level_emits_nothing() {
    let emu = emulator();
    let (host, shim) = host_with(config(&emu));
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    host.session_open(None).await.unwrap();
    shim.wait("CONNECTED", |e| match e {
        Event::Connection(s) if s.state == "CONNECTED" => Some(()),
        _ => None,
    })
    .await;
    let before = shim.events().len();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        shim.events()[before..].len(),
        0,
        "{:?}",
        &shim.events()[before..]
    );
    assert!(shim.logs().is_empty(), "nothing at WARN: {:?}", shim.logs());
}

/// A shim whose log writer stalls until released; everything else is recorded at once.
#[derive(Default)]
struct StalledLogs {
    released: AtomicBool,
    logs: Mutex<Vec<NativeLogRecord>>,
    token_states: AtomicUsize,
}

impl NativeModuleEvents for StalledLogs {
    fn on_access_token_request(&self, _: AccessTokenRequest) -> Result<(), IapiError> {
        Ok(())
    }
    fn on_conference_status_change(
        &self,
        _: NativeConferenceStatusChange,
    ) -> Result<(), IapiError> {
        Ok(())
    }
    fn on_participants_change(&self, _: NativeParticipantsChange) -> Result<(), IapiError> {
        Ok(())
    }
    fn on_permissions_change(&self, _: NativePermissionsChange) -> Result<(), IapiError> {
        Ok(())
    }
    fn on_connection_state_change(&self, _: NativeConnectionState) -> Result<(), IapiError> {
        Ok(())
    }
    fn on_token_state_change(&self, _: NativeTokenState) -> Result<(), IapiError> {
        self.token_states.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
    fn on_log(&self, record: NativeLogRecord) -> Result<(), IapiError> {
        for _ in 0..1000 {
            if self.released.load(Ordering::SeqCst) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.logs.lock().unwrap().push(record);
        Ok(())
    }
    fn write_platform_log(&self, _: NativeLogRecord) -> Result<(), IapiError> {
        Ok(())
    }
}

#[tokio::test]
async fn a_shim_that_cannot_keep_up_loses_records_counted_never_calls_or_state_events() {
    let emu = emulator();
    let shim = Arc::new(StalledLogs::default());
    let host = NativeModuleHost::new(config(&emu), shim.clone());
    host.set_log_level("TRACE".into(), false).await.unwrap();
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    // 700 requests while the first record's delivery stalls: more than the queue holds.
    for _ in 0..700 {
        host.conference_create(None).await.unwrap();
    }
    let states_while_stalled = shim.token_states.load(Ordering::SeqCst);
    shim.released.store(true, Ordering::SeqCst);
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .unwrap();
    assert_eq!(
        shim.token_states.load(Ordering::SeqCst),
        states_while_stalled + 1
    );
    assert!(
        states_while_stalled >= 1,
        "state events flowed while logs stalled"
    );
    let mut dropped = 0.0;
    for _ in 0..500 {
        dropped = shim
            .logs
            .lock()
            .unwrap()
            .iter()
            .filter_map(|r| r.dropped)
            .sum::<f64>();
        if dropped > 0.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(dropped > 0.0, "a later record says how many were dropped");
    let delivered = shim.logs.lock().unwrap().len() as f64;
    assert!(delivered + dropped >= 700.0, "{delivered} + {dropped}");
}
