//! HS256 JSON Web Tokens, hand-rolled so the emulator controls every byte it signs.
//!
//! Each emulator instance signs with its own random secret, so tokens from one
//! instance are forgeries to another, just like tokens from a different platform.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::ids;

type HmacSha256 = Hmac<Sha256>;

/// The fixed header; pre-encoded because it never changes.
const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Claims carried by emulator access tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Expiry, unix seconds. A token is invalid once `exp <= now`.
    pub exp: i64,
    /// Issue time, unix seconds; `exp - iat` is exactly the requested lifetime.
    pub iat: i64,
    /// The app key the token was issued to.
    pub sub: String,
    /// Unique token id, so two tokens minted in the same second differ (and can be revoked one by one).
    pub jti: String,
}

/// Why a token was refused. Callers map all of these to the same platform error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts, or a part does not decode to the expected JSON.
    Malformed,
    /// The signature does not match this instance's secret.
    BadSignature,
    /// `exp <= now`.
    Expired,
    /// Revoked through the emulator's control API (never returned by [`Signer::verify`]).
    Revoked,
}

/// Mints and verifies tokens with one instance-wide secret.
pub struct Signer {
    secret: [u8; 32],
}

impl Signer {
    /// A signer with a fresh random secret.
    pub fn random() -> Self {
        Signer {
            secret: ids::random_bytes(),
        }
    }

    /// Mints a token for `sub` issued at `now` (unix seconds, the emulator's clock) and valid
    /// for `ttl_secs` (0 or negative: already expired).
    pub fn mint(&self, sub: &str, ttl_secs: i64, now: i64) -> String {
        let iat = now;
        let claims = Claims {
            exp: iat.saturating_add(ttl_secs),
            iat,
            sub: sub.to_owned(),
            jti: ids::random_hex(),
        };
        self.encode(&claims)
    }

    /// Signs arbitrary claims (used by `mint`, and by tests that need exact values).
    pub fn encode(&self, claims: &Claims) -> String {
        let payload = serde_json::to_vec(claims).expect("claims serialize");
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(HEADER_JSON),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let sig = self.mac(signing_input.as_bytes()).finalize().into_bytes();
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig))
    }

    /// Checks shape, signature and expiry (against `now`, unix seconds of the emulator's
    /// clock), in that order, and returns the claims.
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let (signing_input, sig_b64) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
        let (header_b64, payload_b64) =
            signing_input.split_once('.').ok_or(TokenError::Malformed)?;
        let sig = URL_SAFE_NO_PAD
            .decode(sig_b64)
            .map_err(|_| TokenError::Malformed)?;
        // verify_slice compares in constant time.
        self.mac(signing_input.as_bytes())
            .verify_slice(&sig)
            .map_err(|_| TokenError::BadSignature)?;
        let header: serde_json::Value = decode_json(header_b64)?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
            return Err(TokenError::Malformed);
        }
        let claims: Claims = decode_json(payload_b64)?;
        if claims.exp <= now {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }

    fn mac(&self, data: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(data);
        mac
    }
}

/// Reads the claims of a token WITHOUT checking its signature or expiry
/// (for revocation by id, and for tests inspecting `exp`/`iat`).
pub fn decode_unverified(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    decode_json(payload).ok()
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, TokenError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| TokenError::Malformed)
}

/// The SYSTEM clock's unix time in whole seconds. The emulator itself never uses it: its clock
/// may be shifted (`EmulatorConfig::clock_offset_ms`); use `Emulator::now_ms` for that one.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_exact_lifetime() {
        let s = Signer::random();
        let now = now_unix();
        let t = s.mint("app", 120, now);
        let c = s.verify(&t, now).unwrap();
        assert_eq!(c.sub, "app");
        assert_eq!((c.iat, c.exp), (now, now + 120));
        assert_ne!(t, s.mint("app", 120, now), "jti makes tokens unique");
        assert_eq!(s.verify(&t, now + 119).unwrap(), c);
        assert_eq!(s.verify(&t, now + 120), Err(TokenError::Expired));
    }

    #[test]
    fn rejects_expired_forged_and_foreign() {
        let s = Signer::random();
        let now = now_unix();
        assert_eq!(
            s.verify(&s.mint("a", 0, now), now),
            Err(TokenError::Expired)
        );
        assert_eq!(
            s.verify(&s.mint("a", -1, now), now),
            Err(TokenError::Expired)
        );
        let other = Signer::random().mint("a", 60, now);
        assert_eq!(s.verify(&other, now), Err(TokenError::BadSignature));
        assert_eq!(s.verify("nope", now), Err(TokenError::Malformed));
        assert_eq!(s.verify("a.b.c", now), Err(TokenError::Malformed));
    }
}
