//! `initialize(key, secret)`: the core fetches its own tokens from the platform's token endpoint.

use super::clock::{device_now_ms, ClockSample, PlatformClock};
use super::provider::AccessTokenProvider;
use crate::error::IapiError;
use crate::http::platform_error;

/// Fetches client access tokens with the consumer key and secret (`POST /v1/oauth2/token`).
pub(crate) struct CredentialsProvider {
    pub http: reqwest::Client,
    pub token_url: url::Url,
    pub key: String,
    pub secret: String,
    /// The token endpoint's `Date` corrects the clock estimate before its token is judged.
    pub clock: std::sync::Arc<PlatformClock>,
}

impl std::fmt::Debug for CredentialsProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialsProvider")
            .field("token_url", &self.token_url.as_str())
            .field("key", &"<redacted>")
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
}

#[async_trait::async_trait]
impl AccessTokenProvider for CredentialsProvider {
    async fn refresh_access_token(&self, _is_expired: bool) -> Result<String, IapiError> {
        let sent = device_now_ms();
        let response = self
            .http
            .post(self.token_url.clone())
            .basic_auth(&self.key, Some(&self.secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await?;
        log::debug!(
            "POST {} -> {} in {} ms",
            self.token_url.path(),
            response.status().as_u16(),
            device_now_ms().saturating_sub(sent)
        );
        let sample = ClockSample::from_headers(response.headers(), sent, device_now_ms());
        // A reading in doubt is confirmed by the manager's next decision (it probes).
        let observe = |clock: &PlatformClock| {
            if let Some(sample) = sample {
                let _ = clock.observe(sample);
            }
        };
        match response.status().as_u16() {
            200..=299 => {
                let token = response.json::<TokenResponse>().await?.access_token;
                // The platform issued it just now: its `exp` is ahead of the platform's time,
                // whatever a `Date` says (learnt first, so a `Date` past it is dropped).
                if let Some(parsed) = crate::jwt::AccessToken::parse(&token) {
                    let _ = self.clock.accepted(parsed.exp_ms, sent);
                }
                observe(&self.clock);
                Ok(token)
            }
            401 | 403 => {
                observe(&self.clock);
                Err(IapiError::Unauthorized {
                    reason: "the platform rejected the consumer key or secret".into(),
                })
            }
            _ => {
                observe(&self.clock);
                Err(platform_error(response).await)
            }
        }
    }
}
