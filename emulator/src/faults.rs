//! Fault injection and per-route request counting.
//!
//! Faults queue per route in injection order: the oldest fault applies to the
//! next request, a fault with `times: Some(n)` leaves the queue after n requests,
//! one with `times: None` stays until [`FaultTable::clear`]. That lets a test
//! script a sequence such as "drop once, then 503 twice, then serve".

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

/// A platform route that counts requests and can be faulted.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `POST /v1/oauth2/token`
    Token,
    /// `POST /v2/users/identify`
    Identify,
    /// `POST /v1/users/logout`
    Logout,
    /// `POST /v1/conferences/create`
    ConferenceCreate,
    /// `GET /v1/conferences/{id}`
    ConferenceFetch,
    /// `POST /v1/conferences/{id}/join`
    ConferenceJoin,
    /// `POST /v1/conferences/{id}/leave`
    ConferenceLeave,
    /// `POST /v1/conferences/{id}/kick/{participantId}`
    ConferenceKick,
    /// `POST /v1/conferences/{id}/permissions`
    ConferencePermissions,
    /// `POST /v1/conferences/{id}/mute`
    ConferenceMute,
    /// `GET /v1/session/ws` (the WebSocket handshake; a fault here fails or drops the handshake)
    SessionWs,
}

impl Route {
    /// Every route (the counters endpoint lists them sorted by name).
    pub const ALL: &'static [Route] = &[
        Route::Token,
        Route::Identify,
        Route::Logout,
        Route::ConferenceCreate,
        Route::ConferenceFetch,
        Route::ConferenceJoin,
        Route::ConferenceLeave,
        Route::ConferenceKick,
        Route::ConferencePermissions,
        Route::ConferenceMute,
        Route::SessionWs,
    ];

    /// The short name used by the control API (`token`, `identify`, `logout`,
    /// `conferenceCreate`, `conferenceFetch`, `conferenceJoin`, `conferenceLeave`,
    /// `conferenceKick`, `conferencePermissions`, `conferenceMute`, `ws`).
    pub fn name(self) -> &'static str {
        match self {
            Route::Token => "token",
            Route::Identify => "identify",
            Route::Logout => "logout",
            Route::ConferenceCreate => "conferenceCreate",
            Route::ConferenceFetch => "conferenceFetch",
            Route::ConferenceJoin => "conferenceJoin",
            Route::ConferenceLeave => "conferenceLeave",
            Route::ConferenceKick => "conferenceKick",
            Route::ConferencePermissions => "conferencePermissions",
            Route::ConferenceMute => "conferenceMute",
            Route::SessionWs => "ws",
        }
    }

    /// Inverse of [`Route::name`].
    pub fn from_name(name: &str) -> Option<Route> {
        Route::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// What to do to a request instead of (or before) serving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long, then serve normally.
    Latency(Duration),
    /// Answer this HTTP status with the injected-fault JSON error body.
    Status(u16),
    /// Close the TCP connection without sending any HTTP response.
    DropConnection,
    /// Serve normally, but with a `Date` header this many milliseconds from the emulator's
    /// clock (clamped to what the header can show: 1970..=9999): a proxy or edge node whose
    /// clock is wrong, for one response, while the platform's own clock stays right.
    DateOffset(i64),
    /// On the WebSocket route: complete the handshake (101), then close the socket at once with
    /// a close frame (1012, service restart), as a server that restarts and drops every socket
    /// right after its handshake. On other routes: serve normally.
    CloseAfterHandshake,
}

struct Armed {
    fault: Fault,
    remaining: Option<u32>,
}

/// Injected faults and request counters, shared by the server and the [`crate::Emulator`] handle.
#[derive(Default)]
pub struct FaultTable {
    queues: Mutex<HashMap<Route, VecDeque<Armed>>>,
    counts: Mutex<HashMap<Route, u64>>,
}

impl FaultTable {
    /// Queues `fault` for `route`; `times: None` keeps it until cleared. `Some(0)` is a no-op.
    pub fn inject(&self, route: Route, fault: Fault, times: Option<u32>) {
        if times == Some(0) {
            return;
        }
        let mut queues = self.queues.lock().unwrap();
        queues.entry(route).or_default().push_back(Armed {
            fault,
            remaining: times,
        });
    }

    /// Removes every queued fault on every route (counters are kept).
    pub fn clear(&self) {
        self.queues.lock().unwrap().clear();
    }

    /// Records one request on `route` and returns the fault it must suffer, if any.
    pub fn on_request(&self, route: Route) -> Option<Fault> {
        *self.counts.lock().unwrap().entry(route).or_default() += 1;
        let mut queues = self.queues.lock().unwrap();
        let queue = queues.get_mut(&route)?;
        let head = queue.front_mut()?;
        let fault = head.fault;
        if let Some(n) = head.remaining.as_mut() {
            *n -= 1;
            if *n == 0 {
                queue.pop_front();
            }
        }
        Some(fault)
    }

    /// Requests that reached `route` so far, faulted or failed ones included.
    pub fn count(&self, route: Route) -> u64 {
        self.counts
            .lock()
            .unwrap()
            .get(&route)
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_apply_in_order_and_expire() {
        let t = FaultTable::default();
        t.inject(Route::Token, Fault::DropConnection, Some(1));
        t.inject(Route::Token, Fault::Status(503), Some(2));
        assert_eq!(t.on_request(Route::Token), Some(Fault::DropConnection));
        assert_eq!(t.on_request(Route::Token), Some(Fault::Status(503)));
        assert_eq!(t.on_request(Route::Token), Some(Fault::Status(503)));
        assert_eq!(t.on_request(Route::Token), None);
        assert_eq!(t.on_request(Route::Logout), None);
        assert_eq!(t.count(Route::Token), 4);
        assert_eq!(t.count(Route::Identify), 0);
    }

    #[test]
    fn date_and_close_faults_queue_like_the_others() {
        let t = FaultTable::default();
        t.inject(Route::Logout, Fault::DateOffset(7_200_000), Some(1));
        t.inject(Route::SessionWs, Fault::CloseAfterHandshake, None);
        assert_eq!(
            t.on_request(Route::Logout),
            Some(Fault::DateOffset(7_200_000))
        );
        assert_eq!(t.on_request(Route::Logout), None);
        for _ in 0..3 {
            assert_eq!(
                t.on_request(Route::SessionWs),
                Some(Fault::CloseAfterHandshake)
            );
        }
    }

    #[test]
    fn unlimited_fault_stays_until_cleared() {
        let t = FaultTable::default();
        t.inject(Route::Identify, Fault::Status(500), None);
        for _ in 0..3 {
            assert_eq!(t.on_request(Route::Identify), Some(Fault::Status(500)));
        }
        t.clear();
        assert_eq!(t.on_request(Route::Identify), None);
    }
}
