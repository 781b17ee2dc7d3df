//! The core's log: what it decides (token plans and refreshes, the platform clock, the event
//! connection, resyncs, each HTTP request) through the `log` facade, forwarded to the hosts
//! that want it (JS's `onLog` and the platform log).
//!
//! One process-wide logger serves every host: each host has a [`LogSink`] with its own level;
//! the facade's global level is the most verbose of them, so with every sink at WARN (the
//! default) a `debug!` costs one comparison. Only the core's own records (`iapi_core::*`) are
//! taken; each is scrubbed once (`secrets::scrub`) before any sink sees it. A record written by
//! the work of one module (`runtime::current_instance`: its calls and every task they started)
//! goes to that module's sink only; one written outside any module's work goes to every sink. A sink queues at
//! most [`QUEUE`] records: when its host cannot keep up, new records are dropped and the next
//! one that fits says how many were lost. Logging never blocks the core.

use crate::sync::lock;
use log::{Level, LevelFilter, Log, Metadata, Record};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, Weak};

/// Records a sink holds before dropping new ones.
pub(crate) const QUEUE: usize = 512;
/// The level of a new sink.
pub(crate) const DEFAULT_LEVEL: LevelFilter = LevelFilter::Warn;

/// One log record as it leaves the core (already scrubbed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LogRecord {
    pub level: Level,
    /// The module that wrote it, e.g. `iapi_core::token::manager`.
    pub target: String,
    pub message: String,
    /// Device clock, unix ms.
    pub timestamp_ms: i64,
    /// Records dropped just before this one because the host did not keep up.
    pub dropped: u64,
}

/// The records one host receives.
pub(crate) struct LogSink {
    /// The module instance it serves (`runtime::as_instance`).
    id: u64,
    level: AtomicUsize,
    platform_log: AtomicBool,
    queue: Mutex<VecDeque<LogRecord>>,
    dropped: AtomicU64,
    ready: tokio::sync::Notify,
}

static SINKS: Mutex<Vec<Weak<LogSink>>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl LogSink {
    /// A sink at [`DEFAULT_LEVEL`], writing to the platform log, registered with the logger.
    pub fn register() -> Arc<Self> {
        INSTALL.call_once(|| {
            // Fails only when the process already has a logger (e.g. a Rust app embedding the
            // core): its own logger then receives the core's records.
            let _ = log::set_logger(&LOGGER);
        });
        let sink = Arc::new(Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            level: AtomicUsize::new(DEFAULT_LEVEL as usize),
            platform_log: AtomicBool::new(true),
            queue: Mutex::new(VecDeque::new()),
            dropped: AtomicU64::new(0),
            ready: tokio::sync::Notify::new(),
        });
        let mut sinks = lock(&SINKS);
        sinks.retain(|s| s.strong_count() > 0);
        sinks.push(Arc::downgrade(&sink));
        drop(sinks);
        update_max_level();
        sink
    }

    /// The module instance this sink serves: run its work with `runtime::as_instance(id, ..)`.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Records at `level` or more severe reach this sink from now on.
    pub fn set_level(&self, level: LevelFilter, platform_log: bool) {
        self.level.store(level as usize, Ordering::Relaxed);
        self.platform_log.store(platform_log, Ordering::Relaxed);
        update_max_level();
    }

    fn level(&self) -> LevelFilter {
        level_filter(self.level.load(Ordering::Relaxed))
    }

    /// Whether records also go to the platform log.
    pub fn platform_log(&self) -> bool {
        self.platform_log.load(Ordering::Relaxed)
    }

    fn push(&self, mut record: LogRecord) {
        let mut queue = lock(&self.queue);
        if queue.len() >= QUEUE {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        }
        record.dropped = self.dropped.swap(0, Ordering::Relaxed);
        queue.push_back(record);
        drop(queue);
        self.ready.notify_one();
    }

    /// Waits for records and hands each to `deliver`, in order, until the task is aborted.
    /// Drops that no later record reported yet are reported once the queue is empty.
    pub async fn forward(self: Arc<Self>, deliver: impl Fn(LogRecord)) {
        loop {
            self.ready.notified().await;
            loop {
                let next = {
                    let mut queue = lock(&self.queue);
                    queue.pop_front().or_else(|| self.drop_report())
                };
                let Some(record) = next else { break };
                deliver(record);
            }
        }
    }

    /// A record saying how many records were dropped since the last report, if any were.
    fn drop_report(&self) -> Option<LogRecord> {
        let dropped = self.dropped.swap(0, Ordering::Relaxed);
        (dropped > 0).then(|| LogRecord {
            level: Level::Warn,
            target: module_path!().to_string(),
            message: format!(
                "{dropped} log records were dropped: they were not consumed fast enough"
            ),
            timestamp_ms: crate::token::clock::device_now_ms(),
            dropped,
        })
    }
}

impl Drop for LogSink {
    fn drop(&mut self) {
        update_max_level();
    }
}

fn level_filter(n: usize) -> LevelFilter {
    LevelFilter::iter().nth(n).unwrap_or(LevelFilter::Off)
}

/// The live sinks. Every `Arc` upgraded under the list's lock leaves it in the returned `Vec`:
/// dropping one there could drop a sink's last reference (its host went away meanwhile), and
/// `LogSink::drop` takes the lock again (a deadlock).
fn live_sinks() -> Vec<Arc<LogSink>> {
    let sinks = lock(&SINKS);
    sinks.iter().filter_map(Weak::upgrade).collect()
}

/// The facade's level: the most verbose live sink's.
fn update_max_level() {
    let max = live_sinks()
        .iter()
        .map(|s| s.level())
        .max()
        .unwrap_or(LevelFilter::Off);
    log::set_max_level(max);
}

/// Parses a level name of the API (`ERROR`, `WARN`, `INFO`, `DEBUG`, `TRACE`, `OFF`).
pub(crate) fn parse_level(name: &str) -> Option<LevelFilter> {
    LevelFilter::iter().find(|l| l.as_str() == name)
}

struct CoreLogger;
static LOGGER: CoreLogger = CoreLogger;

impl Log for CoreLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target().starts_with("iapi_core") && metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let instance = crate::runtime::current_instance();
        let sinks: Vec<Arc<LogSink>> = live_sinks()
            .into_iter()
            .filter(|s| instance.is_none_or(|id| id == s.id) && record.level() <= s.level())
            .collect();
        if sinks.is_empty() {
            return;
        }
        let record = LogRecord {
            level: record.level(),
            target: record.target().to_string(),
            message: crate::secrets::scrub(&record.args().to_string()),
            timestamp_ms: crate::token::clock::device_now_ms(),
            dropped: 0,
        };
        for sink in sinks {
            sink.push(record.clone());
        }
    }

    fn flush(&self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A host dropped on one thread while a core thread reads the sink list: the reader may hold
    /// the last `Arc` of the sink for a moment, and dropping it runs `LogSink::drop`, which takes
    /// the list's lock again. Seen as a hang of the next `NativeModuleHost` constructor
    /// (ReleaseTest, 200 hosts released without shutdown).
    #[test]
    fn a_sink_released_while_the_list_is_read_deadlocks_nothing() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let stop = Arc::new(AtomicBool::new(false));
            let readers: Vec<_> = (0..2)
                .map(|_| {
                    let stop = stop.clone();
                    std::thread::spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            update_max_level();
                            log::error!(target: "iapi_core::logging::tests", "a record");
                        }
                    })
                })
                .collect();
            for _ in 0..20_000 {
                drop(LogSink::register());
            }
            stop.store(true, Ordering::Relaxed);
            for reader in readers {
                reader.join().unwrap();
            }
            done.send(()).unwrap();
        });
        // Not a time limit on the work (it takes well under a second): a deadlock never ends.
        assert!(
            finished
                .recv_timeout(std::time::Duration::from_secs(120))
                .is_ok(),
            "registering and dropping sinks while others read the list deadlocked"
        );
    }

    #[test]
    fn level_names_are_the_api_names() {
        assert_eq!(parse_level("WARN"), Some(LevelFilter::Warn));
        assert_eq!(parse_level("TRACE"), Some(LevelFilter::Trace));
        assert_eq!(parse_level("OFF"), Some(LevelFilter::Off));
        assert_eq!(parse_level("warn"), None);
        assert_eq!(
            level_filter(LevelFilter::Debug as usize),
            LevelFilter::Debug
        );
    }

    #[test]
    fn a_full_queue_drops_new_records_and_the_next_one_says_how_many() {
        let sink = LogSink::register();
        let record = |n: usize| LogRecord {
            level: Level::Warn,
            target: "iapi_core::test".into(),
            message: n.to_string(),
            timestamp_ms: 0,
            dropped: 0,
        };
        for n in 0..QUEUE + 3 {
            sink.push(record(n));
        }
        let first = lock(&sink.queue).pop_front().unwrap();
        assert_eq!(first.dropped, 0);
        sink.push(record(9999));
        let queue = lock(&sink.queue);
        assert_eq!(queue.len(), QUEUE);
        assert_eq!(queue.back().unwrap().dropped, 3);
    }
}
