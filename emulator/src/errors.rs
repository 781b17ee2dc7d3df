//! The platform's JSON error body, `{"type":"ErrorResponse","error_code":..,"error_reason":..,"error_description":..}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answered as the platform's `ErrorResponse` JSON with an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status of the response.
    pub status: StatusCode,
    /// `error_code` field.
    pub code: u32,
    /// `error_reason` field.
    pub reason: &'static str,
    /// `error_description` field.
    pub description: String,
}

impl ApiError {
    fn new(
        status: StatusCode,
        code: u32,
        reason: &'static str,
        description: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code,
            reason,
            description: description.into(),
        }
    }

    /// 401, code 89: the exact body the platform sends for a missing, bad, expired or revoked token;
    /// client SDKs key their refresh-and-retry logic on it.
    pub fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            89,
            "Invalid_token",
            "Expired or invalid token",
        )
    }

    /// 401, code 1: bad or missing Basic credentials on the token endpoint.
    pub fn bad_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            1,
            "Unauthorized",
            "Bad consumer key or secret",
        )
    }

    /// 400, code 2: a request the route cannot make sense of.
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 2, "Bad_request", description)
    }

    /// 404, code 3: no such route.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, 3, "Not_found", "No such route")
    }

    /// 404, code 3, with what was not found (a conference, a participant).
    pub fn not_found_what(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, 3, "Not_found", description)
    }

    /// 403, code 5: the request is understood but not allowed (participant not identified,
    /// kicked, lacking the JOIN permission; WebSocket without a session).
    pub fn forbidden(description: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, 5, "Forbidden", description)
    }

    /// 409, code 6: the conference's state does not allow it (joining an ENDED conference).
    pub fn conflict(description: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, 6, "Conflict", description)
    }

    /// 503, code 7: the WebSocket handshake is refused for now (`/_control/ws/refuse`).
    pub fn unavailable(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            7,
            "Unavailable",
            description,
        )
    }

    /// 405, code 4: the route exists but not for this method.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            4,
            "Method_not_allowed",
            "Method not allowed",
        )
    }

    /// The body of a `Fault::Status` injection, with the injected status
    /// (an invalid status code falls back to 500).
    pub fn injected(status: u16) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Self::new(status, 0, "Injected", "injected fault")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "type": "ErrorResponse",
            "error_code": self.code,
            "error_reason": self.reason,
            "error_description": self.description,
        });
        (self.status, Json(body)).into_response()
    }
}
