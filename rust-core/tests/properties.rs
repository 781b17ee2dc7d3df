//! Property tests (bounded case counts, so CI stays fast): token decoding, redaction and the
//! parsing of platform responses never panic on arbitrary input, never echo a token, and agree
//! with a reference where one exists.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use iapi_core::internals::schedule::{next_attempt, Jitter, Plan, Progress};
use iapi_core::internals::{offset_window, parse_http_date, redact, AccessToken};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Claims with wild numbers (huge, negative, fractional, non-finite as JSON cannot carry them).
fn number() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::String("soon".into())),
        Just(serde_json::Value::Null),
    ]
}

fn jwt_with(claims: &serde_json::Value, signature: &[u8]) -> String {
    format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.{}",
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decoding_arbitrary_text_never_panics(text in any::<String>(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = AccessToken::parse(&text);
        let as_payload = format!("a.{}.b", URL_SAFE_NO_PAD.encode(&bytes));
        let _ = AccessToken::parse(&as_payload);
    }

    #[test]
    fn arbitrary_claims_decode_without_panic_and_never_show_in_debug(
        exp in number(), iat in number(), now in any::<i64>(),
        signature in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let token = jwt_with(&serde_json::json!({ "exp": exp, "iat": iat }), &signature);
        if let Some(t) = AccessToken::parse(&token) {
            let _ = t.is_expired_at(now);
            let shown = format!("{t:?}");
            prop_assert!(!shown.contains(&token));
            // Every plan and next attempt of any token, at any time, is computed without panic.
            let mut rng = fastrand::Rng::with_seed(now as u64);
            let plan = Plan::new(now, t.exp_ms, Jitter::On, &mut rng);
            let mut progress = Progress::default();
            for _ in 0..5 {
                let at = next_attempt(&plan, &progress, Jitter::On, &mut rng);
                progress.attempted(at);
            }
        }
    }

    #[test]
    fn a_token_anywhere_in_a_message_is_redacted(
        claims in proptest::collection::btree_map("[a-z]{1,8}", number(), 0..4),
        exp in any::<u32>(),
        signature in proptest::collection::vec(any::<u8>(), 1..64),
        before in ".{0,40}", after in ".{0,40}",
    ) {
        let mut claims = serde_json::Map::from_iter(claims);
        claims.insert("exp".into(), exp.into());
        let token = jwt_with(&serde_json::Value::Object(claims), &signature);
        let message = format!("{before}{token}{after}");
        let redacted = redact(&message);
        prop_assert!(!redacted.contains(&token), "{redacted}");
        // The payload (the claims) never survives either.
        let payload = token.split('.').nth(1).unwrap();
        prop_assert!(!redacted.contains(payload), "{redacted}");
    }

    #[test]
    fn redaction_of_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = redact(&text);
    }

    #[test]
    fn http_dates_parse_like_the_reference(secs in 0u64..253_402_300_799) {
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let text = httpdate::fmt_http_date(time);
        prop_assert_eq!(parse_http_date(&text), Some(secs as i64 * 1000));
    }

    #[test]
    fn arbitrary_date_headers_never_panic(text in any::<String>(), ascii in "[ -~]{0,40}") {
        let _ = parse_http_date(&text);
        let _ = parse_http_date(&ascii);
    }

    #[test]
    fn clock_samples_never_overflow(date in any::<i64>(), sent in any::<i64>(), received in any::<i64>()) {
        if let Some((low, high)) = offset_window(date, sent, received) {
            prop_assert!(low <= high);
        }
    }
}
