//! Client-side reading of access tokens. Like the official SDKs we only read `exp` (and `iat` to
//! know the lifetime); the signature is the platform's business.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// What the core knows about an access token. `Debug` never prints the token itself.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    value: String,
    /// Expiry, unix milliseconds.
    pub exp_ms: i64,
    /// Issue time, unix milliseconds (falls back to the time we received it).
    pub iat_ms: i64,
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("value", &"<redacted>")
            .field("exp_ms", &self.exp_ms)
            .field("iat_ms", &self.iat_ms)
            .finish()
    }
}

#[derive(serde::Deserialize)]
struct Claims {
    exp: Option<serde_json::Value>,
    iat: Option<serde_json::Value>,
}

/// A JWT NumericDate (seconds, possibly fractional) in milliseconds.
fn as_ms(v: &serde_json::Value) -> Option<i64> {
    let secs = v.as_f64()?;
    secs.is_finite().then(|| (secs * 1000.0).round() as i64)
}

impl AccessToken {
    /// Decodes a JWT's `exp`/`iat`. `None` for anything that is not a JWT with a numeric `exp`.
    /// `now_ms` stands in for a missing `iat`.
    pub fn parse(value: &str, now_ms: i64) -> Option<Self> {
        let value = value.trim();
        let mut parts = value.split('.');
        let (_header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        let claims: Claims = serde_json::from_slice(&bytes).ok()?;
        let exp_ms = as_ms(claims.exp.as_ref()?)?;
        let iat_ms = claims
            .iat
            .as_ref()
            .and_then(as_ms)
            .filter(|iat| *iat < exp_ms)
            .unwrap_or(now_ms.min(exp_ms));
        Some(Self {
            value: value.to_string(),
            exp_ms,
            iat_ms,
        })
    }

    /// The token text, for the `Authorization` header only.
    pub fn secret(&self) -> &str {
        &self.value
    }

    /// The platform's `is_expired` rule, `exp - now < 0`, at millisecond precision.
    pub fn is_expired_at(&self, now_ms: i64) -> bool {
        self.exp_ms <= now_ms
    }

    /// Lifetime in milliseconds as issued (`exp - iat`).
    pub fn lifetime_ms(&self) -> i64 {
        self.exp_ms - self.iat_ms
    }
}

/// Wall-clock now in unix milliseconds (token `exp` is wall-clock time).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Replaces anything shaped like a JWT (three base64url segments joined by dots) with `<token>`,
/// so foreign error messages cannot leak tokens into ours.
pub fn redact(text: &str) -> String {
    let is_b64 = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '=';
    text.split_inclusive(|c: char| !(is_b64(c) || c == '.'))
        .map(|chunk| {
            let word = chunk.trim_end_matches(|c: char| !(is_b64(c) || c == '.'));
            let tail = &chunk[word.len()..];
            let segments: Vec<&str> = word.split('.').collect();
            if segments.len() == 3 && segments.iter().all(|s| s.len() >= 4) {
                format!("<token>{tail}")
            } else {
                chunk.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.c2lnbmF0dXJl",
            URL_SAFE_NO_PAD.encode(claims)
        )
    }

    #[test]
    fn reads_exp_and_iat() {
        let t = AccessToken::parse(&jwt(r#"{"exp":200,"iat":100}"#), 150_000).unwrap();
        assert_eq!((t.exp_ms, t.iat_ms), (200_000, 100_000));
        assert!(!t.is_expired_at(199_999));
        assert!(t.is_expired_at(200_000));
        assert_eq!(t.lifetime_ms(), 100_000);
    }

    #[test]
    fn iat_falls_back_to_now() {
        let t = AccessToken::parse(&jwt(r#"{"exp":200.5}"#), 150_000).unwrap();
        assert_eq!((t.exp_ms, t.iat_ms), (200_500, 150_000));
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "abc",
            "a.b",
            "a.b.c.d",
            &jwt(r#"{"sub":"x"}"#),
            &jwt("not json"),
            &jwt(r#"{"exp":"soon"}"#),
        ] {
            assert!(AccessToken::parse(bad, 0).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_token() {
        let raw = jwt(r#"{"exp":200}"#);
        let t = AccessToken::parse(&raw, 0).unwrap();
        assert!(!format!("{t:?}").contains(&raw));
    }

    #[test]
    fn redacts_tokens_in_text() {
        let raw = jwt(r#"{"exp":200}"#);
        assert_eq!(
            redact(&format!("bad token {raw}, sorry")),
            "bad token <token>, sorry"
        );
        assert_eq!(redact("version 1.2.3 failed"), "version 1.2.3 failed");
    }
}
