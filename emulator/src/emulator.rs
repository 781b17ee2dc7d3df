//! [`Emulator`]: a running instance, owned by a test, a benchmark or the CLI.

use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::config::EmulatorConfig;
use crate::faults::{Fault, Route};
use crate::routes;
use crate::server;
use crate::state::Shared;

/// A running emulator on 127.0.0.1. Stops serving when shut down or dropped.
pub struct Emulator {
    shared: Arc<Shared>,
    port: u16,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Binds synchronously (so the port is taken when this returns), then serves on its
    /// OWN tokio runtime in a background thread, so it works from a plain `#[test]`, from
    /// `#[tokio::test]` and next to any other runtime.
    pub fn start(config: EmulatorConfig) -> io::Result<Emulator> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared::new(&config, port));
        let app = routes::router(shared.clone());
        // Built here so a failure surfaces as an error; dropped only on the background
        // thread, because dropping a runtime inside another runtime's context panics.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("iapi-emulator-worker")
            .enable_all()
            .build()?;
        let (stop, stopped) = oneshot::channel();
        let expiry = Arc::downgrade(&shared);
        let thread = std::thread::Builder::new()
            .name("iapi-emulator".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::spawn(Shared::expire_conferences(expiry));
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => server::serve(listener, app, stopped).await,
                        Err(err) => eprintln!("iapi-emulator: cannot register listener: {err}"),
                    }
                });
                // Cancels in-flight connections (e.g. ones sleeping on a latency fault).
                runtime.shutdown_timeout(Duration::from_secs(1));
            })?;
        Ok(Emulator {
            shared,
            port,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The bound port (the real one when the config asked for 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A token signed by this instance for `app_key` (need not be a configured app), issued
    /// at the emulator's now ([`Emulator::now_ms`], shifted by the clock offset) and valid for
    /// `ttl_secs`; 0 or negative gives an already expired token.
    pub fn mint_token(&self, app_key: &str, ttl_secs: i64) -> String {
        self.shared.mint(app_key, ttl_secs)
    }

    /// The emulator's current time, unix milliseconds: the system clock shifted by
    /// [`Emulator::clock_offset_ms`]. Token `iat`/`exp`, expiry checks and `Date` headers use it.
    pub fn now_ms(&self) -> i64 {
        self.shared.clock.now_ms()
    }

    /// How far the emulator's clock is from the system clock, milliseconds (positive: ahead).
    /// Starts at [`crate::EmulatorConfig::clock_offset_ms`].
    pub fn clock_offset_ms(&self) -> i64 {
        self.shared.clock.offset_ms()
    }

    /// Moves the emulator's clock to `offset_ms` from the system clock, for every later
    /// request and minted token (tokens already issued keep their `iat`/`exp`).
    pub fn set_clock_offset_ms(&self, offset_ms: i64) {
        self.shared.clock.set_offset_ms(offset_ms);
    }

    /// Makes identify (session open) answer with `url` as the event WebSocket URL instead of the
    /// emulator's own (`None` restores it): for tests of a client's handling of an insecure or
    /// unreachable event URL.
    pub fn set_ws_url(&self, url: Option<String>) {
        self.shared.set_ws_url_override(url);
    }

    /// Makes every later request carrying `token` fail with 401 `Invalid_token`.
    pub fn revoke_token(&self, token: &str) {
        self.shared.revoke(token);
    }

    /// Queues `fault` for the next `times` requests of `route` (`None`: until
    /// [`Emulator::clear_faults`]). Faults on one route apply in injection order.
    pub fn inject_fault(&self, route: Route, fault: Fault, times: Option<u32>) {
        self.shared.faults.inject(route, fault, times);
    }

    /// Removes every injected fault.
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Requests that reached `route` so far, failed and faulted ones included.
    pub fn request_count(&self, route: Route) -> u64 {
        self.shared.faults.count(route)
    }

    /// Drops every open event WebSocket at once, without a close frame (as a network loss
    /// would); returns how many were open. Clients may reconnect right away.
    pub fn drop_websockets(&self) -> usize {
        self.shared.sessions.drop_all()
    }

    /// Refuses every event WebSocket handshake for `duration` from now (503, code 7
    /// `Unavailable`), replacing any earlier refusal (`Duration::ZERO` ends it). Open sockets
    /// stay open: call [`Emulator::drop_websockets`] after this to make a gap that outlasts the
    /// clients' reconnect backoff.
    pub fn refuse_websockets(&self, duration: Duration) {
        self.shared.refuse_websockets(duration);
    }

    /// Event WebSockets currently open.
    pub fn websocket_count(&self) -> usize {
        self.shared.sessions.open_count()
    }

    /// Stops serving and joins the server thread (dropping does the same).
    pub fn shutdown(self) {}
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("port", &self.port)
            .field("clock_offset_ms", &self.clock_offset_ms())
            .finish()
    }
}
