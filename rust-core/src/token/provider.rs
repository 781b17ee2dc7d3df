//! The access token provider: the foreign refresh callback as Rust sees it.

use crate::error::IapiError;

/// Supplies fresh access tokens. Implemented by the app (through the Kotlin/Swift shims, or the
/// core's [`crate::TokenRequestBridge`] for JS) and by the core itself for `initialize(key, secret)`.
///
/// `is_expired` tells whether the previous token had expired (`exp - now < 0`) at the time of the
/// call, or there was no usable previous token. Either way the provider returns a new token.
#[async_trait::async_trait]
pub trait AccessTokenProvider: Send + Sync {
    /// Returns a new access token (a JWT). Throwing or returning an empty or non-JWT value is a
    /// failed refresh; the core keeps a still-valid token and retries later.
    async fn refresh_access_token(&self, is_expired: bool) -> Result<String, IapiError>;
}
