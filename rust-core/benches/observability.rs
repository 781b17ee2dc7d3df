//! The cost of being observable: core-thread wakeups of an open, idle session at the default
//! log level (target: none), and log records per second at TRACE with the call rate at TRACE
//! against WARN. Prints numbers, asserts nothing.
//! Run: `cargo bench -p iapi-core --bench observability`.
//!
//! Wakeups are the context switches (voluntary + involuntary) of the core's runtime threads
//! (named `iapi-core`), read from /proc/self/task/*/status; the emulator runs in this process
//! on threads of its own, which are not counted.

use iapi_core::{
    config_for_base_url, AccessTokenRequest, IapiError, NativeConferenceStatusChange,
    NativeConnectionState, NativeLogRecord, NativeModuleEvents, NativeModuleHost,
    NativeParticipantsChange, NativePermissionsChange, NativeTokenState,
};
use iapi_emulator::{App, Emulator, EmulatorConfig};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const KEY: &str = "observability";
const IDLE: Duration = Duration::from_secs(5);
const CALLS: u64 = 1_000;

/// Counts what a shim would emit.
#[derive(Default)]
struct Counting {
    records: AtomicU64,
    events: AtomicU64,
}

impl Counting {
    fn event(&self) -> Result<(), IapiError> {
        self.events.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

impl NativeModuleEvents for Counting {
    fn on_access_token_request(&self, _: AccessTokenRequest) -> Result<(), IapiError> {
        self.event()
    }
    fn on_conference_status_change(
        &self,
        _: NativeConferenceStatusChange,
    ) -> Result<(), IapiError> {
        self.event()
    }
    fn on_participants_change(&self, _: NativeParticipantsChange) -> Result<(), IapiError> {
        self.event()
    }
    fn on_permissions_change(&self, _: NativePermissionsChange) -> Result<(), IapiError> {
        self.event()
    }
    fn on_connection_state_change(&self, _: NativeConnectionState) -> Result<(), IapiError> {
        self.event()
    }
    fn on_token_state_change(&self, _: NativeTokenState) -> Result<(), IapiError> {
        self.event()
    }
    fn on_log(&self, _: NativeLogRecord) -> Result<(), IapiError> {
        self.records.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn write_platform_log(&self, _: NativeLogRecord) -> Result<(), IapiError> {
        Ok(())
    }
}

/// Context switches of the core's runtime threads so far.
fn core_thread_switches() -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|t| {
            std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.trim() == "iapi-core")
        })
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

async fn calls_per_second(host: &NativeModuleHost) -> f64 {
    let start = Instant::now();
    for _ in 0..CALLS {
        host.conference_create(None).await.expect("create");
    }
    CALLS as f64 / start.elapsed().as_secs_f64()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // The emulator's request log would drown the figures.
    std::env::set_var("IAPI_EMULATOR_QUIET", "1");
    let emu = Arc::new(
        Emulator::start(EmulatorConfig {
            apps: vec![App::new(KEY, "observability-secret")],
            ..EmulatorConfig::default()
        })
        .expect("emulator"),
    );
    let config = config_for_base_url(emu.base_url());

    // Idle: a session open, its event connection up, nothing happening, the default level.
    let shim = Arc::new(Counting::default());
    let host = NativeModuleHost::new(config.clone(), shim.clone());
    host.initialize_token(Some(emu.mint_token(KEY, 3600)))
        .await
        .expect("initialize");
    host.session_open(None).await.expect("open");
    while host
        .session_get_connection_state()
        .await
        .expect("state")
        .state
        != "CONNECTED"
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (switches, events, records) = (
        core_thread_switches(),
        shim.events.load(Ordering::Relaxed),
        shim.records.load(Ordering::Relaxed),
    );
    tokio::time::sleep(IDLE).await;
    println!(
        "bench idle-session secs={} core_thread_wakeups={} events={} log_records={}",
        IDLE.as_secs(),
        core_thread_switches() - switches,
        shim.events.load(Ordering::Relaxed) - events,
        shim.records.load(Ordering::Relaxed) - records,
    );

    // Calls at WARN, then at TRACE (every request logged, forwarded to the shim), after a
    // warm-up (connection pool, allocator).
    calls_per_second(&host).await;
    let warn = calls_per_second(&host).await;
    host.set_log_level("TRACE".into(), true)
        .await
        .expect("level");
    let before = shim.records.load(Ordering::Relaxed);
    let start = Instant::now();
    let trace = calls_per_second(&host).await;
    // Let the forwarder drain what the calls queued.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let records = shim.records.load(Ordering::Relaxed) - before;
    println!(
        "bench trace-logging calls={CALLS} records={records} records_per_sec={:.0} calls_per_sec_warn={warn:.0} calls_per_sec_trace={trace:.0} ratio={:.2}",
        records as f64 / start.elapsed().as_secs_f64(),
        trace / warn,
    );
    host.shutdown("bench over".into());
}
