//! SDK configuration: where the platform is and how long to wait for it.

use crate::error::IapiError;
use std::time::Duration;

/// Production host of the Dolby.io Interactivity APIs (token, identify, conferences).
pub const PRODUCTION_BASE_URL: &str = "https://session.voxeet.com";

/// Configuration of a [`crate::DolbyIoIapi`] instance. Every field has a production default.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IapiConfig {
    /// Base URL of the authentication host (`/v1/oauth2/token`). Must be https unless loopback.
    #[uniffi(default = "https://session.voxeet.com")]
    pub auth_base_url: String,
    /// Base URL of the API host (sessions, conferences). Must be https unless loopback.
    #[uniffi(default = "https://session.voxeet.com")]
    pub api_base_url: String,
    /// How long one access token provider (refresh callback) invocation may take.
    #[uniffi(default = 30000)]
    pub callback_timeout_ms: u64,
    /// TCP + TLS connect timeout of HTTP requests.
    #[uniffi(default = 10000)]
    pub connect_timeout_ms: u64,
    /// Whole-request timeout of HTTP requests.
    #[uniffi(default = 30000)]
    pub request_timeout_ms: u64,
}

impl Default for IapiConfig {
    fn default() -> Self {
        Self {
            auth_base_url: PRODUCTION_BASE_URL.into(),
            api_base_url: PRODUCTION_BASE_URL.into(),
            callback_timeout_ms: 30_000,
            connect_timeout_ms: 10_000,
            request_timeout_ms: 30_000,
        }
    }
}

/// A checked configuration, as the core uses it.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub auth_base: url::Url,
    pub api_base: url::Url,
    pub callback_timeout: Duration,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

impl IapiConfig {
    pub(crate) fn validate(&self) -> Result<Settings, IapiError> {
        let ms = |name: &str, v: u64| {
            if v == 0 || v > 600_000 {
                Err(IapiError::invalid_argument(format!(
                    "{name} must be within 1..=600000 ms"
                )))
            } else {
                Ok(Duration::from_millis(v))
            }
        };
        Ok(Settings {
            auth_base: base_url("auth_base_url", &self.auth_base_url)?,
            api_base: base_url("api_base_url", &self.api_base_url)?,
            callback_timeout: ms("callback_timeout_ms", self.callback_timeout_ms)?,
            connect_timeout: ms("connect_timeout_ms", self.connect_timeout_ms)?,
            request_timeout: ms("request_timeout_ms", self.request_timeout_ms)?,
        })
    }
}

/// Whether a URL's host is this device (`None`: no host). Plain http and ws go only there.
fn is_loopback(url: &url::Url) -> Option<bool> {
    Some(match url.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    })
}

/// Why a URL the core would send secrets to is refused.
enum UrlProblem {
    NotUrl(url::ParseError),
    NoHost,
    /// The plain scheme to a host that is not this device.
    PlainToRemote,
    Scheme(String),
    Credentials,
}

/// The one rule for every URL that carries secrets (base URLs get the token or key and secret,
/// the event URL the token in its query): the `secure` scheme, or the `plain` one only to a
/// loopback host (the emulator), and no credentials embedded in the URL.
fn secret_safe_url(raw: &str, secure: &str, plain: &str) -> Result<url::Url, UrlProblem> {
    let url = url::Url::parse(raw.trim()).map_err(UrlProblem::NotUrl)?;
    let loopback = is_loopback(&url).ok_or(UrlProblem::NoHost)?;
    match url.scheme() {
        s if s == secure => {}
        s if s == plain && loopback => {}
        s if s == plain => return Err(UrlProblem::PlainToRemote),
        other => return Err(UrlProblem::Scheme(other.to_string())),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlProblem::Credentials);
    }
    Ok(url)
}

/// The session WebSocket URL from the platform's identify answer. The access token travels in
/// its query, so it must be `wss://` (plain `ws://` only to a loopback host: the emulator) and
/// carry no credentials of its own.
pub(crate) fn event_url(raw: &str) -> Result<url::Url, IapiError> {
    secret_safe_url(raw, "wss", "ws").map_err(|problem| IapiError::Network {
        reason: format!(
            "refused the platform's event WebSocket URL: {}",
            match problem {
                UrlProblem::NotUrl(_) => "not a URL",
                UrlProblem::NoHost => "no host",
                UrlProblem::PlainToRemote => "plain ws:// to a non-loopback host",
                UrlProblem::Scheme(_) => "not a ws:// or wss:// URL",
                UrlProblem::Credentials => "it embeds credentials",
            }
        ),
    })
}

/// Parses a base URL; plain http is allowed only for loopback hosts (the local emulator).
fn base_url(name: &str, raw: &str) -> Result<url::Url, IapiError> {
    let mut url = secret_safe_url(raw, "https", "http").map_err(|problem| {
        IapiError::invalid_argument(match problem {
            UrlProblem::NotUrl(e) => format!("{name} is not a URL: {e}"),
            UrlProblem::NoHost => format!("{name} has no host"),
            UrlProblem::PlainToRemote => format!("{name} must use https for a non-loopback host"),
            UrlProblem::Scheme(other) => format!("{name} has unsupported scheme {other}"),
            UrlProblem::Credentials => format!("{name} must not embed credentials"),
        })
    })?;
    // A trailing slash makes `join("v1/...")` keep any path prefix.
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url)
}

/// Checks `config` as `DolbyIoIapi::new` and `NativeModuleHost` would (URLs, timeouts), for a
/// host that must refuse a bad one at once (the Node host's `configure`). Rust only.
pub fn check_config(config: &IapiConfig) -> Result<(), IapiError> {
    config.validate().map(drop)
}

/// The production configuration.
#[uniffi::export]
pub fn default_config() -> IapiConfig {
    IapiConfig::default()
}

/// A configuration pointing every host at `base_url` (e.g. the local emulator), other fields default.
#[uniffi::export]
pub fn config_for_base_url(base_url: String) -> IapiConfig {
    IapiConfig {
        auth_base_url: base_url.clone(),
        api_base_url: base_url,
        ..IapiConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_defaults_validate() {
        let s = IapiConfig::default().validate().unwrap();
        assert_eq!(s.auth_base.as_str(), "https://session.voxeet.com/");
        assert_eq!(s.callback_timeout, Duration::from_secs(30));
    }

    #[test]
    fn http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
            "https://example.com/base",
        ] {
            config_for_base_url(ok.into()).validate().unwrap();
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "nonsense",
            "https://u:p@example.com",
        ] {
            let err = config_for_base_url(bad.into()).validate().unwrap_err();
            assert_eq!(err.code(), "INVALID_ARGUMENT", "{bad}");
        }
    }

    #[test]
    fn event_urls_are_wss_or_loopback_ws() {
        for ok in [
            "wss://events.example.com/ws",
            "ws://127.0.0.1:9/ws",
            "ws://localhost/ws",
            "ws://[::1]/ws",
        ] {
            assert!(event_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ws://events.example.com/ws",
            "http://127.0.0.1/ws",
            "https://events.example.com/ws",
            "wss://user:pw@events.example.com/ws",
            "not a url",
        ] {
            let err = event_url(bad).unwrap_err();
            assert_eq!(err.code(), "NETWORK", "{bad}");
        }
    }

    #[test]
    fn keeps_path_prefix() {
        let s = config_for_base_url("https://example.com/api".into())
            .validate()
            .unwrap();
        assert_eq!(
            s.api_base.join("v1/users/logout").unwrap().as_str(),
            "https://example.com/api/v1/users/logout"
        );
    }

    #[test]
    fn timeouts_in_range() {
        let c = IapiConfig {
            callback_timeout_ms: 0,
            ..IapiConfig::default()
        };
        assert_eq!(c.validate().unwrap_err().code(), "INVALID_ARGUMENT");
    }
}
