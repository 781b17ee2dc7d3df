//! Emulator configuration: which port to bind, which apps may fetch tokens, default token lifetime.

use std::time::Duration;

/// Default access-token lifetime, matching the platform's default (3600 s).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(3600);

/// An application's consumer key and secret, as accepted by `POST /v1/oauth2/token`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    /// Consumer key (also the `sub` claim of tokens issued to this app).
    pub key: String,
    /// Consumer secret.
    pub secret: String,
}

impl App {
    /// Builds an app from a key and a secret.
    pub fn new(key: impl Into<String>, secret: impl Into<String>) -> Self {
        App {
            key: key.into(),
            secret: secret.into(),
        }
    }

    /// Parses the CLI form `KEY:SECRET`; the secret may itself contain `:`,
    /// only the first colon separates (same rule as HTTP Basic credentials).
    pub fn parse(spec: &str) -> Result<App, String> {
        match spec.split_once(':') {
            Some((key, secret)) if !key.is_empty() && !secret.is_empty() => {
                Ok(App::new(key, secret))
            }
            _ => Err(format!("expected KEY:SECRET, got {spec:?}")),
        }
    }
}

/// How to run an [`crate::Emulator`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmulatorConfig {
    /// TCP port on 127.0.0.1; 0 picks a free port.
    pub port: u16,
    /// Apps whose credentials the token endpoint accepts.
    pub apps: Vec<App>,
    /// Lifetime of tokens issued when the client does not ask for `expires_in`.
    pub token_ttl: Duration,
    /// Shift of the emulator's clock from the system clock, milliseconds (positive: ahead,
    /// negative: behind). Token `iat`/`exp`, expiry checks and the `Date` header of every
    /// response use the shifted clock, so the emulator stands for a platform whose clock
    /// differs from the device's (a device clock that is off). 0 by default.
    pub clock_offset_ms: i64,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            port: 0,
            apps: Vec::new(),
            token_ttl: DEFAULT_TOKEN_TTL,
            clock_offset_ms: 0,
        }
    }
}
