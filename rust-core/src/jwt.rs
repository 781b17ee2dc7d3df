//! Client-side reading of access tokens. Like the official SDKs we read only `exp`; the signature
//! is the platform's business, and `iat` is not used (refreshes are planned from the time a token
//! is received, as the Web SDK does), so a wild `iat` cannot disturb anything.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// What the core knows about an access token. Two tokens are equal when their text is; `Debug`
/// never prints the text.
#[derive(Clone)]
pub struct AccessToken {
    value: String,
    /// Expiry, unix milliseconds on the platform's clock (the token's `exp`).
    pub exp_ms: i64,
}

impl PartialEq for AccessToken {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl Eq for AccessToken {}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("value", &"<redacted>")
            .field("exp_ms", &self.exp_ms)
            .finish()
    }
}

#[derive(serde::Deserialize)]
struct Claims {
    exp: Option<serde_json::Value>,
}

/// A JWT NumericDate (seconds, possibly fractional) in milliseconds; out-of-range values
/// saturate (float-to-int casts do), so no arithmetic on them can overflow a checked op.
fn as_ms(v: &serde_json::Value) -> Option<i64> {
    let secs = v.as_f64()?;
    secs.is_finite().then(|| (secs * 1000.0).round() as i64)
}

impl AccessToken {
    /// Decodes a JWT's `exp`. `None` for anything that is not a JWT with a numeric `exp`: three
    /// parts of base64url characters only (a NUL, a space or a line break inside would make the
    /// text unusable in an `Authorization` header even when its payload still decodes), a
    /// header that is a JSON object and a payload with a numeric `exp`.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        let mut parts = value.split('.');
        let (header, payload, sig) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let base64url = |part: &str| {
            part.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if header.is_empty()
            || payload.is_empty()
            || ![header, payload, sig].iter().all(|p| base64url(p))
        {
            return None;
        }
        let header = URL_SAFE_NO_PAD.decode(header).ok()?;
        serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&header).ok()?;
        let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
        let claims: Claims = serde_json::from_slice(&bytes).ok()?;
        let exp_ms = as_ms(claims.exp.as_ref()?)?;
        Some(Self {
            value: value.to_string(),
            exp_ms,
        })
    }

    /// The token text, for the `Authorization` header only.
    pub fn secret(&self) -> &str {
        &self.value
    }

    /// The platform's rule, `exp - now < 0` (the Web SDK's and the reference docs'), at
    /// millisecond precision; `now_ms` is the platform's clock.
    pub fn is_expired_at(&self, now_ms: i64) -> bool {
        self.exp_ms < now_ms
    }
}

/// Replaces anything shaped like a token with `<token>`, so foreign error messages cannot leak
/// tokens into ours. A candidate is a run of base64url characters and dots (dots at its ends
/// are punctuation, e.g. a sentence's period); it is a token when it has a dot-separated segment
/// that holds a base64url JSON object (`eyJ...`, every JWT header and payload) and has 12 or more
/// characters, or three segments of four or more characters (opaque three-part tokens).
pub fn redact(text: &str) -> String {
    let in_run = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(in_run) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !in_run(c)).unwrap_or(rest.len());
        let run = &rest[..end];
        let core = run.trim_matches('.');
        let lead = run.len() - run.trim_start_matches('.').len();
        if looks_like_token(core) {
            out.push_str(&run[..lead]);
            out.push_str("<token>");
            out.push_str(&run[lead + core.len()..]);
        } else {
            out.push_str(run);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn looks_like_token(run: &str) -> bool {
    let segments: Vec<&str> = run.split('.').collect();
    segments.len() >= 2
        && (segments.iter().any(|s| s.len() >= 12 && s.contains("eyJ"))
            || (segments.len() == 3 && segments.iter().all(|s| s.len() >= 4)))
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
    fn reads_exp() {
        let t = AccessToken::parse(&jwt(r#"{"exp":200,"iat":100}"#)).unwrap();
        assert_eq!(t.exp_ms, 200_000);
        assert!(!t.is_expired_at(199_999));
        assert!(!t.is_expired_at(200_000), "exp - now = 0 is not expired");
        assert!(t.is_expired_at(200_001));
        let t = AccessToken::parse(&jwt(r#"{"exp":200.5}"#)).unwrap();
        assert_eq!(t.exp_ms, 200_500);
    }

    #[test]
    fn wild_iat_and_exp_do_not_overflow() {
        for claims in [
            r#"{"exp":200,"iat":-9e18}"#,
            r#"{"exp":200,"iat":1e300}"#,
            r#"{"exp":1e300}"#,
            r#"{"exp":-1e300}"#,
        ] {
            let t = AccessToken::parse(&jwt(claims)).unwrap();
            let _ = t.is_expired_at(i64::MIN);
            let _ = t.is_expired_at(i64::MAX);
        }
    }

    #[test]
    fn equality_is_the_text() {
        let raw = jwt(r#"{"exp":200}"#);
        assert_eq!(AccessToken::parse(&raw), AccessToken::parse(&raw));
        assert_ne!(
            AccessToken::parse(&raw),
            AccessToken::parse(&jwt(r#"{"exp":200,"n":1}"#))
        );
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
            // Not three base64url parts, though the payload decodes.
            &format!("{}\0", jwt(r#"{"exp":200}"#)),
            &jwt(r#"{"exp":200}"#).replacen('.', ". ", 1),
            &format!("e30.{}", jwt(r#"{"exp":200}"#).split('.').nth(1).unwrap()),
            &format!(
                "bm90IGpzb24.{}.c2ln",
                URL_SAFE_NO_PAD.encode(r#"{"exp":200}"#)
            ),
            &format!("{}=", jwt(r#"{"exp":200}"#)),
        ] {
            assert!(AccessToken::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_token() {
        let raw = jwt(r#"{"exp":200}"#);
        let t = AccessToken::parse(&raw).unwrap();
        assert!(!format!("{t:?}").contains(&raw));
    }

    #[test]
    fn redacts_tokens_in_text() {
        let raw = jwt(r#"{"exp":200}"#);
        assert_eq!(
            redact(&format!("bad token {raw}, sorry")),
            "bad token <token>, sorry"
        );
        assert_eq!(
            redact(&format!("invalid token {raw}.")),
            "invalid token <token>."
        );
        assert_eq!(redact(&format!("x.{raw}...")), "<token>...");
        assert_eq!(redact(&format!("...{raw}")), "...<token>");
        assert_eq!(redact("version 1.2.3 failed."), "version 1.2.3 failed.");
        assert_eq!(
            redact("connect to session.voxeet.com failed"),
            "connect to session.voxeet.com failed"
        );
    }
}
