//! The platform's clock, as the device sees it. Token `exp` is the platform's time, and device
//! clocks can be off by hours (users set them by hand), so every expiry decision uses this
//! estimate: the device clock plus an offset learnt from the `Date` header of the platform's
//! responses, the way the AWS SDKs correct clock skew.

use std::sync::atomic::{AtomicI64, Ordering};

/// The device's wall clock, unix milliseconds.
pub(crate) fn device_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// An offset moves the schedule only when it changes by more than this: `Date` has whole
/// seconds, so smaller moves are noise.
const SIGNIFICANT_MS: i64 = 1_000;

/// The estimated platform clock: `device_now + offset`.
#[derive(Default)]
pub(crate) struct PlatformClock {
    offset_ms: AtomicI64,
    /// Device time of the last sample, 0 before the first (to know whether asking again is worth
    /// a request).
    last_sample_ms: AtomicI64,
}

impl PlatformClock {
    /// The platform's time now, unix milliseconds (the device's until a `Date` was seen).
    pub fn now_ms(&self) -> i64 {
        device_now_ms().saturating_add(self.offset_ms())
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Whether any platform response has been seen.
    pub fn is_synced(&self) -> bool {
        self.last_sample_ms.load(Ordering::Relaxed) != 0
    }

    /// Whether a sample was taken within the last `window_ms` of device time.
    pub fn sampled_within(&self, window_ms: i64) -> bool {
        self.is_synced()
            && device_now_ms().saturating_sub(self.last_sample_ms.load(Ordering::Relaxed))
                < window_ms
    }

    /// Learns from one sample. The true offset lies in `[date - received, date + 1000 - sent]`
    /// (`Date` has whole seconds, truncated); the estimate moves the least it must to be in that
    /// window, so a right device clock is never disturbed and samples refine each other.
    /// Returns how far the estimate moved when that is significant (the schedule is re-planned).
    pub fn observe(&self, sample: ClockSample) -> Option<i64> {
        self.last_sample_ms
            .store(sample.received_ms, Ordering::Relaxed);
        let window = offset_window(sample.date_ms, sample.sent_ms, sample.received_ms)?;
        let mut moved = 0;
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |current| {
                let next = current.clamp(window.0, window.1);
                moved = next - current;
                Some(next)
            });
        (moved.abs() > SIGNIFICANT_MS).then_some(moved)
    }
}

/// One reading of the platform's clock: its `Date` (unix ms, whole seconds) and when the request
/// was sent and its answer received (device clock, unix ms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockSample {
    pub date_ms: i64,
    pub sent_ms: i64,
    pub received_ms: i64,
}

impl ClockSample {
    /// The sample a response gives, if it has a valid `Date` header.
    pub fn from_headers(
        headers: &reqwest::header::HeaderMap,
        sent_ms: i64,
        received_ms: i64,
    ) -> Option<Self> {
        let date_ms = parse_http_date(headers.get(reqwest::header::DATE)?.to_str().ok()?)?;
        Some(Self {
            date_ms,
            sent_ms,
            received_ms,
        })
    }
}

/// The window of offsets consistent with one sample; `None` for a nonsensical sample.
pub fn offset_window(date_ms: i64, sent_ms: i64, received_ms: i64) -> Option<(i64, i64)> {
    if received_ms < sent_ms {
        return None; // the device clock jumped back mid-request: no information
    }
    let low = date_ms.checked_sub(received_ms)?;
    let high = date_ms.checked_add(1_000)?.checked_sub(sent_ms)?;
    Some((low, high))
}

/// Parses an HTTP `Date` in the IMF-fixdate form every server sends (RFC 9110 section 5.6.7:
/// `Sun, 06 Nov 1994 08:49:37 GMT`) into unix milliseconds. `None` for anything else.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    if b.len() != 29 || &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = std::str::from_utf8(b.get(r)?).ok()?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == &b[8..11])? as i64 + 1;
    let (day, year) = (num(5..7)?, num(12..16)?);
    let (hour, min, sec) = (num(17..19)?, num(20..22)?, num(23..25)?);
    let separators = [b[7], b[11], b[16], b[19], b[22]];
    if separators != [b' ', b' ', b' ', b':', b':']
        || !(1..=31).contains(&day)
        || hour > 23
        || min > 59
        || sec > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((((days * 24 + hour) * 60 + min) * 60 + sec) * 1000)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Wed, 02 Dec 2026 02:16:22 GMT"),
            Some(1_796_177_782_000)
        );
        for bad in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT ",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Xyz 1994 08:49:37 GMT",
            "Sun, +6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_right_clock_is_not_moved() {
        let clock = PlatformClock::default();
        // Sent at 10.200 s, received at 10.300 s, the server said 10 s (truncated).
        let sample = ClockSample {
            date_ms: 10_000,
            sent_ms: 10_200,
            received_ms: 10_300,
        };
        assert_eq!(clock.observe(sample), None);
        assert_eq!(clock.offset_ms(), 0);
        assert!(clock.is_synced());
    }

    #[test]
    fn a_clock_two_hours_ahead_is_corrected_within_a_second() {
        let clock = PlatformClock::default();
        let ahead = 7_200_000;
        // The device says 7200 s more than the platform, whose true time is t.
        for t in [100_250i64, 101_700, 103_050, 104_990] {
            let date = t / 1000 * 1000;
            clock.observe(ClockSample {
                date_ms: date,
                sent_ms: t - 20 + ahead,
                received_ms: t + 20 + ahead,
            });
        }
        assert!(
            (clock.offset_ms() + ahead).abs() <= 1_000,
            "{}",
            clock.offset_ms()
        );
    }
}
