//! The platform's clock, as the device sees it. Token `exp` is the platform's time, and device
//! clocks can be off by hours (users set them by hand), so every expiry decision uses this
//! estimate: the device clock plus an offset learnt from the `Date` header of the platform's
//! responses, the way the AWS SDKs correct clock skew.
//!
//! One response must not decide it: a proxy or a misconfigured edge node can send a wrong
//! `Date` (2 h ahead, year 9999, 1970). So:
//! - absurd readings are dropped (a `Date` outside 2015..2200, a round trip over 30 s);
//! - the estimate follows the largest group of recent readings that agree (within 2 s), ties
//!   going to the group nearest the current estimate; a reading alone moves it only within
//!   2 s of where it is. A reading that the chosen group does not back puts the estimate "in
//!   doubt": the token manager then asks the platform again (a probe) to confirm, so a device
//!   clock that really is off is corrected after two agreeing readings, and one wrong reading
//!   is outvoted;
//! - a token the platform has just accepted bounds the estimate from above (the platform's
//!   time was before its `exp` when the request was sent), so the estimate never makes such a
//!   token look expired; a `Date` beyond that bound contradicts the platform itself and is
//!   dropped like an absurd one.

use crate::sync::lock;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

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
/// Two readings agree when their windows of possible offsets come this close.
const AGREE_MS: i64 = 2_000;
/// How many recent readings vote.
const KEEP: usize = 7;
/// Readings older than this (device time) no longer vote.
const MAX_AGE_MS: i64 = 15 * 60_000;
/// A reading whose round trip took longer says too little to be kept.
const MAX_ROUND_TRIP_MS: i64 = 30_000;
/// The bound a token the platform accepted sets is trusted this long (device time: a user who
/// moves the device clock makes older bounds wrong).
const CEILING_AGE_MS: i64 = 5 * 60_000;
/// A `Date` outside [2015-01-01, 2200-01-01) is absurd: dropped.
const PLAUSIBLE_DATES_MS: std::ops::Range<i64> = 1_420_070_400_000..7_258_118_400_000;

/// One kept reading: the offsets it allows and when it was taken (device time).
#[derive(Clone, Copy, Debug)]
struct Reading {
    low: i64,
    high: i64,
    at_ms: i64,
}

impl Reading {
    /// How far apart two readings' windows are (0 when they overlap).
    fn gap(&self, other: &Reading) -> i64 {
        self.low
            .max(other.low)
            .saturating_sub(self.high.min(other.high))
            .max(0)
    }

    /// How far `offset` is from this reading's window.
    fn distance(&self, offset: i64) -> i64 {
        self.low
            .saturating_sub(offset)
            .max(offset.saturating_sub(self.high))
            .max(0)
    }
}

#[derive(Default)]
struct Estimator {
    readings: VecDeque<Reading>,
    /// Device time of the last reading the estimate agrees with, 0 before the first.
    agreed_at_ms: i64,
    /// A reading disagreed and nothing outvoted it yet: worth asking the platform again.
    in_doubt: bool,
    /// The largest offset a token the platform accepted allows, and when it was learnt.
    ceiling: Option<(i64, i64)>,
}

impl Estimator {
    /// The bound of the last accepted token, while it can be trusted.
    fn fresh_ceiling(&self) -> Option<i64> {
        let now = device_now_ms();
        self.ceiling
            .filter(|(_, at)| *at <= now && now.saturating_sub(*at) <= CEILING_AGE_MS)
            .map(|(bound, _)| bound)
    }
}

/// What one reading did to the estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Observed {
    /// How far the estimate moved, when that is significant (the schedule is re-planned).
    pub moved: Option<i64>,
    /// The reading disagrees with the estimate and nothing settled it: ask again.
    pub in_doubt: bool,
}

/// The estimated platform clock: `device_now + offset`.
#[derive(Default)]
pub(crate) struct PlatformClock {
    /// The estimate, read without locking on every expiry decision.
    offset_ms: AtomicI64,
    estimator: Mutex<Estimator>,
}

impl PlatformClock {
    /// The platform's time now, unix milliseconds (the device's until a `Date` was seen).
    pub fn now_ms(&self) -> i64 {
        device_now_ms().saturating_add(self.offset_ms())
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Whether the estimate has been confirmed by a platform response.
    pub fn is_synced(&self) -> bool {
        lock(&self.estimator).agreed_at_ms != 0
    }

    /// Whether the last reading disagreed and nothing settled it yet.
    pub fn in_doubt(&self) -> bool {
        lock(&self.estimator).in_doubt
    }

    /// Whether a reading agreeing with the estimate was taken within the last `window_ms` of
    /// device time.
    pub fn sampled_within(&self, window_ms: i64) -> bool {
        let agreed = lock(&self.estimator).agreed_at_ms;
        agreed != 0 && device_now_ms().saturating_sub(agreed) < window_ms
    }

    /// Learns from one reading (see the module's doc). The true offset lies in
    /// `[date - received, date + 1000 - sent]` (`Date` has whole seconds, truncated); within
    /// the agreeing group's windows the estimate moves the least it must, so a right device
    /// clock is never disturbed and readings refine each other.
    pub fn observe(&self, sample: ClockSample) -> Observed {
        let Some((low, high)) = offset_window(sample.date_ms, sample.sent_ms, sample.received_ms)
        else {
            return Observed::default();
        };
        if !PLAUSIBLE_DATES_MS.contains(&sample.date_ms)
            || sample.received_ms.saturating_sub(sample.sent_ms) > MAX_ROUND_TRIP_MS
        {
            log::debug!("dropped an absurd Date reading");
            return Observed::default();
        }
        let newest = Reading {
            low,
            high,
            at_ms: sample.received_ms,
        };
        let mut e = lock(&self.estimator);
        let ceiling = e.fresh_ceiling();
        if ceiling.is_some_and(|c| low > c.saturating_add(AGREE_MS)) {
            log::debug!("dropped a Date reading past the expiry of a token the platform accepted");
            return Observed::default();
        }
        let now = sample.received_ms;
        e.readings
            .retain(|r| r.at_ms <= now && now.saturating_sub(r.at_ms) <= MAX_AGE_MS);
        if e.readings.len() == KEEP {
            e.readings.pop_front();
        }
        e.readings.push_back(newest);
        let current = self.offset_ms();
        // The groups: each reading with those that agree with it. The largest wins; ties go
        // to the one nearest the current estimate, then to the newest.
        let group = |anchor: &Reading| -> Vec<Reading> {
            e.readings
                .iter()
                .filter(|r| r.gap(anchor) <= AGREE_MS)
                .copied()
                .collect()
        };
        let best = e
            .readings
            .iter()
            .enumerate()
            .map(|(i, anchor)| (group(anchor), anchor.distance(current), i))
            .max_by(|a, b| {
                (a.0.len(), std::cmp::Reverse(a.1), a.2).cmp(&(
                    b.0.len(),
                    std::cmp::Reverse(b.1),
                    b.2,
                ))
            })
            .map(|(g, distance, _)| (g, distance));
        let Some((members, distance)) = best else {
            return Observed::default();
        };
        if members.len() < 2 && distance > AGREE_MS {
            // One reading against the estimate: not enough to move it far.
            e.in_doubt = true;
            return Observed {
                moved: None,
                in_doubt: true,
            };
        }
        // The offsets every member allows (the anchor's alone when they barely overlap).
        let (mut lo, mut hi) = members.iter().fold((i64::MIN, i64::MAX), |(lo, hi), r| {
            (lo.max(r.low), hi.min(r.high))
        });
        if lo > hi {
            let anchor = members
                .iter()
                .min_by_key(|r| r.distance(current))
                .copied()
                .unwrap_or(newest);
            (lo, hi) = (anchor.low, anchor.high);
        }
        let mut next = current.clamp(lo, hi);
        if let Some(ceiling) = ceiling {
            next = next.min(ceiling);
        }
        let backed = members
            .iter()
            .any(|r| r.at_ms == newest.at_ms && r.low == newest.low);
        e.in_doubt = !backed;
        if backed {
            e.agreed_at_ms = now.max(1);
        }
        let moved = self.set(current, next);
        drop(e);
        Observed {
            moved,
            in_doubt: !backed,
        }
    }

    /// The platform accepted a token expiring at `exp_ms` for a request sent at device time
    /// `sent_ms`: its time was before `exp_ms` then, so the offset is at most `exp_ms - sent_ms`.
    /// Returns how far the estimate moved, when that is significant.
    pub fn accepted(&self, exp_ms: i64, sent_ms: i64) -> Option<i64> {
        let bound = exp_ms.saturating_sub(sent_ms);
        let mut e = lock(&self.estimator);
        match e.fresh_ceiling() {
            Some(old) if old <= bound => {}
            _ => e.ceiling = Some((bound, device_now_ms())),
        }
        let current = self.offset_ms();
        if current <= bound {
            return None;
        }
        log::info!("the platform accepted a token the clock estimate called expired; lowering it");
        let moved = self.set(current, bound);
        drop(e);
        moved
    }

    /// Stores `next` (from `current`; called with the estimator locked, so nothing else writes
    /// in between); the move when significant.
    fn set(&self, current: i64, next: i64) -> Option<i64> {
        self.offset_ms.store(next, Ordering::Relaxed);
        let moved = next.saturating_sub(current);
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

    /// A reading of a platform whose true time is `t` (ms), on a device `ahead_ms` ahead of
    /// it, with a 40 ms round trip; the platform's `Date` says `t + lie_ms` (truncated).
    fn reading(t: i64, ahead_ms: i64, lie_ms: i64) -> ClockSample {
        ClockSample {
            date_ms: (t + lie_ms).div_euclid(1000) * 1000,
            sent_ms: t - 20 + ahead_ms,
            received_ms: t + 20 + ahead_ms,
        }
    }

    /// 2026-12-02, unix ms.
    const T0: i64 = 1_796_177_782_000;
    const TWO_HOURS: i64 = 7_200_000;

    #[test]
    fn a_right_clock_is_not_moved() {
        let clock = PlatformClock::default();
        // Sent at .200 s, received at .300 s, the server said the whole second (truncated).
        let sample = ClockSample {
            date_ms: T0,
            sent_ms: T0 + 200,
            received_ms: T0 + 300,
        };
        assert_eq!(clock.observe(sample), Observed::default());
        assert_eq!(clock.offset_ms(), 0);
        assert!(clock.is_synced());
    }

    #[test]
    fn a_clock_two_hours_ahead_is_corrected_within_a_second_once_two_readings_agree() {
        let clock = PlatformClock::default();
        // The device says 7200 s more than the platform, whose true time is t.
        let first = clock.observe(reading(T0 + 250, TWO_HOURS, 0));
        assert!(first.in_doubt, "one reading alone does not move it far");
        assert_eq!(clock.offset_ms(), 0);
        for t in [T0 + 1_700, T0 + 3_050, T0 + 4_990] {
            clock.observe(reading(t, TWO_HOURS, 0));
        }
        assert!(
            (clock.offset_ms() + TWO_HOURS).abs() <= 1_000,
            "{}",
            clock.offset_ms()
        );
        assert!(!clock.in_doubt());
    }

    #[test]
    fn one_wrong_reading_cannot_move_the_estimate_far() {
        for lie in [TWO_HOURS, -TWO_HOURS, 30_000] {
            let clock = PlatformClock::default();
            clock.observe(reading(T0, 0, 0));
            let wrong = clock.observe(reading(T0 + 1_000, 0, lie));
            assert_eq!(wrong.moved, None, "{lie}");
            assert!(wrong.in_doubt, "{lie}: asks again");
            // The confirmation agrees with the first reading: settled, not moved.
            let confirmed = clock.observe(reading(T0 + 1_500, 0, 0));
            assert_eq!(confirmed, Observed::default(), "{lie}");
            assert!(
                clock.offset_ms().abs() <= 1_000,
                "{lie}: {}",
                clock.offset_ms()
            );
            // Still outvoted when it comes again.
            clock.observe(reading(T0 + 2_000, 0, lie));
            assert!(
                clock.offset_ms().abs() <= 1_000,
                "{lie}: {}",
                clock.offset_ms()
            );
        }
    }

    #[test]
    fn absurd_dates_are_dropped() {
        let clock = PlatformClock::default();
        clock.observe(reading(T0, 0, 0));
        for date_ms in [0, 253_402_300_799_000, -1] {
            let sample = ClockSample {
                date_ms,
                sent_ms: T0 + 1_000,
                received_ms: T0 + 1_040,
            };
            assert_eq!(clock.observe(sample), Observed::default());
        }
        let slow = ClockSample {
            date_ms: T0 + TWO_HOURS,
            sent_ms: T0,
            received_ms: T0 + 60_000,
        };
        assert_eq!(clock.observe(slow), Observed::default());
        assert_eq!(clock.offset_ms(), 0);
    }

    #[test]
    fn a_token_the_platform_accepted_bounds_the_estimate() {
        let clock = PlatformClock::default();
        // Every reading says the platform is 2 h ahead, but it accepts a token that expires
        // in 1 h on the device's clock: the estimate cannot call that token expired.
        let base = device_now_ms() - 3_000;
        for t in [base, base + 1_000] {
            clock.observe(reading(t, 0, TWO_HOURS));
        }
        assert!(clock.offset_ms() > TWO_HOURS - 1_000);
        let sent = device_now_ms();
        let exp = sent + 3_600_000;
        assert!(clock.accepted(exp, sent).is_some());
        assert!(clock.now_ms() <= exp, "not expired");
        // Later readings past the bound contradict the platform: dropped.
        assert_eq!(
            clock.observe(reading(base + 2_000, 0, TWO_HOURS)),
            Observed::default()
        );
        assert!(clock.offset_ms() <= 3_600_000);
    }
}
