//! The emulator's clock: the system clock shifted by a signed offset, to stand for a platform
//! whose clock differs from the device's (or, seen from the device, a device clock that is off).
//!
//! Every time-based decision of the emulator goes through [`Clock::now_ms`]: token `iat`/`exp`,
//! the expiry check of every authenticated route and of the WebSocket handshake, and the `Date`
//! header of every response.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Largest `Date` the header can show (9999-12-31T23:59:59Z); `httpdate` formats 4-digit years only.
const MAX_HTTP_DATE_SECS: u64 = 253_402_300_799;

/// System time plus a signed offset in milliseconds; the offset may change at run time.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn new(offset_ms: i64) -> Self {
        Clock {
            offset_ms: AtomicI64::new(offset_ms),
        }
    }

    /// The offset from the system clock, milliseconds (positive: the emulator is ahead).
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn set_offset_ms(&self, offset_ms: i64) {
        self.offset_ms.store(offset_ms, Ordering::Relaxed);
    }

    /// The emulator's current time, unix milliseconds. THE one source of "now".
    pub fn now_ms(&self) -> i64 {
        system_now_ms().saturating_add(self.offset_ms())
    }

    /// The emulator's current time, whole unix seconds (rounded down), as JWT claims use.
    pub fn now_unix(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    /// The `Date` header text (an RFC 7231 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`)
    /// `shift_ms` from the emulator's current time (0, or a `Fault::DateOffset`).
    pub fn http_date_shifted(&self, shift_ms: i64) -> String {
        http_date_of_unix(self.now_ms().saturating_add(shift_ms).div_euclid(1000))
    }
}

/// The system clock, unix milliseconds.
fn system_now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// IMF-fixdate of unix seconds, clamped to what the format can show (1970..=9999).
fn http_date_of_unix(secs: i64) -> String {
    let secs = u64::try_from(secs).unwrap_or(0).min(MAX_HTTP_DATE_SECS);
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_imf_fixdate() {
        assert_eq!(
            http_date_of_unix(784_111_777),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        assert_eq!(http_date_of_unix(-5), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date_of_unix(i64::MAX), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn shifts_by_the_offset() {
        let clock = Clock::new(-7_200_000);
        let delta = system_now_ms() - clock.now_ms();
        assert!((7_200_000..7_201_000).contains(&delta), "{delta}");
        clock.set_offset_ms(1_500);
        assert_eq!(clock.offset_ms(), 1_500);
        let delta = clock.now_ms() - system_now_ms();
        assert!((500..=1_500).contains(&delta), "{delta}");
        assert_eq!(Clock::new(i64::MAX).now_ms(), i64::MAX);
    }
}
