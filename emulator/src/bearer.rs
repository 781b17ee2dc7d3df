//! The `Authorization: Bearer` check every platform route (identify, logout, the conference
//! routes; the session WebSocket uses its token parsing) shares, as an axum extractor so a handler cannot forget it.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::errors::ApiError;
use crate::jwt::Claims;
use crate::routes::AppState;

/// Claims of the request's valid access token. Rejects with the platform's 401
/// `Invalid_token` (code 89) body when the token is missing, malformed, forged,
/// expired or revoked — one answer for all, as the platform gives.
pub(crate) struct Bearer(pub Claims);

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .ok_or_else(ApiError::invalid_token)?;
        state
            .verify(token)
            .map(Bearer)
            .map_err(|_| ApiError::invalid_token())
    }
}

/// The token of a `Bearer <token>` header value; the scheme is case-insensitive (RFC 7235).
pub(crate) fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn parses_scheme_case_insensitively() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("abc"), None);
    }
}
