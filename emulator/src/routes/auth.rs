//! `POST /v1/oauth2/token`: client-credentials grant with HTTP Basic app credentials.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

use super::AppState;
use crate::errors::ApiError;
use crate::ids;

/// The platform's maximum token lifetime, seconds.
const MAX_EXPIRES_IN: i64 = 86_400;

/// Issues an access token to a configured app.
pub(super) async fn token(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let (key, secret) = basic_credentials(&headers).ok_or_else(ApiError::bad_credentials)?;
    let app = shared
        .find_app(&key, &secret)
        .ok_or_else(ApiError::bad_credentials)?;
    let params = TokenParams::parse(&headers, &body)?;
    match params.grant_type.as_deref() {
        Some("client_credentials") => {}
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unsupported grant_type {other:?}, expected client_credentials"
            )))
        }
        None => return Err(ApiError::bad_request("grant_type is required")),
    }
    let ttl = params
        .expires_in
        .map_or(shared.token_ttl_secs, |n| n.clamp(1, MAX_EXPIRES_IN));
    Ok(Json(json!({
        "token_type": "Bearer",
        "access_token": shared.mint(&app.key, ttl),
        "refresh_token": ids::random_hex(),
        "expires_in": ttl,
    })))
}

/// `(key, secret)` from `Authorization: Basic base64(key:secret)`.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (key, secret) = decoded.split_once(':')?;
    Some((key.to_owned(), secret.to_owned()))
}

/// The grant parameters, from a form-encoded or a JSON body.
#[derive(Debug, Default, PartialEq)]
struct TokenParams {
    grant_type: Option<String>,
    expires_in: Option<i64>,
}

impl TokenParams {
    /// JSON when the content type says so or the body looks like an object; form otherwise
    /// (the platform's documented encoding, and what clients send without a content type).
    fn parse(headers: &HeaderMap, body: &Bytes) -> Result<Self, ApiError> {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let looks_json = body.trim_ascii_start().first() == Some(&b'{');
        if content_type.contains("json") || looks_json {
            Self::from_json(body)
        } else {
            Self::from_form(body)
        }
    }

    fn from_json(body: &Bytes) -> Result<Self, ApiError> {
        let map: serde_json::Map<String, Value> = super::parse_json(body)?;
        let grant_type = match map.get("grant_type") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(ApiError::bad_request("grant_type must be a string")),
        };
        let expires_in = match map.get("expires_in") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(number_secs(n.as_i64(), n.as_f64())?),
            Some(Value::String(s)) => Some(parse_secs(s)?),
            Some(_) => return Err(bad_expires_in()),
        };
        Ok(TokenParams {
            grant_type,
            expires_in,
        })
    }

    fn from_form(body: &Bytes) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
            .map_err(|e| ApiError::bad_request(format!("invalid form body: {e}")))?;
        let mut params = TokenParams::default();
        for (name, value) in pairs {
            match name.as_str() {
                "grant_type" => params.grant_type = Some(value),
                "expires_in" if !value.trim().is_empty() => {
                    params.expires_in = Some(parse_secs(&value)?)
                }
                _ => {}
            }
        }
        Ok(params)
    }
}

fn parse_secs(text: &str) -> Result<i64, ApiError> {
    let text = text.trim();
    number_secs(text.parse().ok(), text.parse().ok())
}

/// Whole seconds from an integer or, failing that, a finite float (truncated).
fn number_secs(int: Option<i64>, float: Option<f64>) -> Result<i64, ApiError> {
    match (int, float) {
        (Some(n), _) => Ok(n),
        // `as` saturates, and clamping follows anyway.
        (None, Some(f)) if f.is_finite() => Ok(f as i64),
        _ => Err(bad_expires_in()),
    }
}

fn bad_expires_in() -> ApiError {
    ApiError::bad_request("expires_in must be a number of seconds")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn parse(content_type: Option<&str>, body: &str) -> Result<TokenParams, ApiError> {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(ct).unwrap());
        }
        TokenParams::parse(&headers, &Bytes::from(body.to_owned()))
    }

    #[test]
    fn reads_form_and_json() {
        let want = TokenParams {
            grant_type: Some("client_credentials".into()),
            expires_in: Some(60),
        };
        assert_eq!(
            parse(None, "grant_type=client_credentials&expires_in=60").unwrap(),
            want
        );
        assert_eq!(
            parse(
                Some("application/json"),
                r#"{"grant_type":"client_credentials","expires_in":"60"}"#
            )
            .unwrap(),
            want
        );
        assert_eq!(
            parse(
                None,
                r#"{"grant_type":"client_credentials","expires_in":60.5}"#
            )
            .unwrap(),
            want
        );
        assert_eq!(parse(None, "").unwrap(), TokenParams::default());
        assert!(parse(None, "grant_type=client_credentials&expires_in=soon").is_err());
        assert!(parse(Some("application/json"), "{").is_err());
    }

    #[test]
    fn reads_basic_credentials() {
        let mut headers = HeaderMap::new();
        let value = format!("Basic {}", STANDARD.encode("key:se:cret"));
        headers.insert(AUTHORIZATION, HeaderValue::from_str(&value).unwrap());
        assert_eq!(
            basic_credentials(&headers),
            Some(("key".into(), "se:cret".into()))
        );
    }
}
