//! HTTP to the platform: one reqwest client (rustls + ring, webpki roots), authenticated calls
//! with the current token, and the single refresh-and-retry on a 401.

use crate::config::Settings;
use crate::error::IapiError;
use crate::jwt::AccessToken;
use crate::token::clock::{device_now_ms, ClockSample};
use crate::token::manager::{ClockProbe, TokenManager, Want};
use futures::FutureExt;
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The TLS configuration of every connection (HTTP and WebSocket): rustls with the `ring`
/// provider (cross-compiles to Android and iOS with fewer C dependencies than aws-lc-rs) and the
/// Mozilla roots from `webpki-roots` (self-contained; the platform verifier would need JNI setup
/// from the Android shim).
pub(crate) fn tls_config() -> Result<rustls::ClientConfig, IapiError> {
    let provider = Arc::new(rustls::crypto::CryptoProvider {
        key_provider: &NoPrivateKeys,
        ..rustls::crypto::ring::default_provider()
    });
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| IapiError::invalid_state(format!("TLS setup failed: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The core never presents a client certificate (`with_no_client_auth`), so it loads no private
/// key: with this key provider instead of ring's, ring's RSA, ECDSA and Ed25519 signing code is
/// left out of the shipped library. Verifying the server is unchanged.
#[derive(Debug)]
struct NoPrivateKeys;

impl rustls::crypto::KeyProvider for NoPrivateKeys {
    fn load_private_key(
        &self,
        _key: rustls::pki_types::PrivateKeyDer<'static>,
    ) -> Result<Arc<dyn rustls::sign::SigningKey>, rustls::Error> {
        Err(rustls::Error::General(
            "the core presents no client certificate".into(),
        ))
    }
}

/// Builds the shared HTTP client.
pub(crate) fn client(
    settings: &Settings,
    tls: rustls::ClientConfig,
) -> Result<reqwest::Client, IapiError> {
    reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .user_agent(concat!("dolbyio-iapi-core/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| IapiError::invalid_state(format!("HTTP client setup failed: {e}")))
}

/// How the core asks the platform for its time: any answer of the API host carries a `Date`
/// (even a 404 for its root), so one bounded GET of the base URL is enough.
pub(crate) fn clock_probe(http: reqwest::Client, base: url::Url) -> ClockProbe {
    Box::new(move || {
        let (http, base) = (http.clone(), base.clone());
        async move {
            let sent = device_now_ms();
            let response = http
                .get(base)
                .timeout(std::time::Duration::from_secs(5))
                .send()
                .await
                .ok()?;
            ClockSample::from_headers(response.headers(), sent, device_now_ms())
        }
        .boxed()
    })
}

/// The platform's error body: `{"type":"ErrorResponse","error_code":89,"error_reason":...,"error_description":...}`.
#[derive(serde::Deserialize, Default)]
struct ErrorBody {
    error_code: Option<i32>,
    error_reason: Option<String>,
    error_description: Option<String>,
}

/// Turns a non-success response into `IapiError::Server` with the platform's code and reason
/// (scrubbed: a proxy or endpoint that echoes the request puts its `Authorization` there).
pub(crate) async fn platform_error(response: reqwest::Response) -> IapiError {
    let status = response.status();
    let body: ErrorBody = response.json().await.unwrap_or_default();
    let reason = match (body.error_reason, body.error_description) {
        (Some(r), Some(d)) => format!("{r}: {d}"),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => status.canonical_reason().unwrap_or("error").to_string(),
    };
    IapiError::Server {
        status: status.as_u16(),
        code: body.error_code,
        reason: crate::secrets::scrub(&reason),
    }
}

/// Authenticated JSON calls to the API host.
pub(crate) struct Api {
    pub http: reqwest::Client,
    pub base: url::Url,
    pub tokens: Arc<TokenManager>,
}

enum Attempt {
    Done(reqwest::Response),
    TokenRejected,
}

impl Api {
    /// Sends `method path` with a JSON body and decodes a JSON answer. A 401 refreshes the token
    /// once (single-flight with every other caller) and retries once; a second 401 is `Unauthorized`.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<T, IapiError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| IapiError::invalid_argument(format!("bad path {path}: {e}")))?;
        let token = self.tokens.acquire(Want::Valid).await?;
        let response = match self.attempt(&method, &url, body, &token).await? {
            Attempt::Done(response) => response,
            Attempt::TokenRejected => {
                let fresh = self.tokens.acquire(Want::Replacing(&token)).await?;
                match self.attempt(&method, &url, body, &fresh).await? {
                    Attempt::Done(response) => response,
                    Attempt::TokenRejected => {
                        return Err(IapiError::Unauthorized {
                            reason: "the platform rejected the access token, also after a refresh"
                                .into(),
                        })
                    }
                }
            }
        };
        if !response.status().is_success() {
            return Err(platform_error(response).await);
        }
        Ok(response.json::<T>().await?)
    }

    async fn attempt(
        &self,
        method: &Method,
        url: &url::Url,
        body: Option<&serde_json::Value>,
        token: &AccessToken,
    ) -> Result<Attempt, IapiError> {
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .bearer_auth(token.secret());
        if let Some(body) = body {
            request = request.json(body);
        }
        let sent = device_now_ms();
        let response = request.send().await;
        let elapsed = device_now_ms().saturating_sub(sent);
        let response = match response {
            Ok(response) => response,
            Err(e) => {
                log::debug!("{method} {} failed after {elapsed} ms", url.path());
                return Err(e.into());
            }
        };
        log::debug!(
            "{method} {} -> {} in {elapsed} ms",
            url.path(),
            response.status().as_u16()
        );
        let rejected = response.status() == reqwest::StatusCode::UNAUTHORIZED;
        if response.status().is_success() {
            // Served: the token was valid on the platform's clock when this was sent (known
            // before the `Date` is read, so a `Date` that contradicts it is dropped). Not for
            // other statuses: a gateway may answer 5xx without the platform seeing the token.
            self.tokens.accepted(token, sent);
        }
        if let Some(sample) = ClockSample::from_headers(response.headers(), sent, device_now_ms()) {
            self.tokens.observe(sample);
        }
        Ok(if rejected {
            Attempt::TokenRejected
        } else {
            Attempt::Done(response)
        })
    }
}
