//! The one public error type. Variants are chosen by what a caller can act on; each has a stable
//! string code shared by Kotlin, Swift and JS (`error.code`). Messages never carry secrets or tokens.

/// An error from the IAPI SDK. `code()` gives the stable string used on every platform.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum IapiError {
    /// An argument was empty, malformed or out of range. Nothing was sent.
    #[error("invalid argument: {reason}")]
    InvalidArgument { reason: String },
    /// `initialize` or `initialize_token` has not succeeded yet.
    #[error("the SDK is not initialized: call initialize or initializeToken first")]
    NotInitialized,
    /// The call does not fit the current state (e.g. no open session).
    #[error("invalid state: {reason}")]
    InvalidState { reason: String },
    /// The platform refused the credentials or the token, also after one refresh.
    #[error("unauthorized: {reason}")]
    Unauthorized { reason: String },
    /// The access token provider failed, returned an unusable token, or its request was rejected.
    #[error("token refresh failed: {reason}")]
    TokenRefreshFailed { reason: String },
    /// An operation (HTTP request or token provider call) took longer than its configured limit.
    #[error("timed out: {what}")]
    Timeout { what: String },
    /// The platform could not be reached (connection refused, reset, DNS, TLS).
    #[error("network error: {reason}")]
    Network { reason: String },
    /// The platform answered with an error status.
    #[error("server error {status}: {reason}")]
    Server {
        status: u16,
        /// The platform's `error_code`, when its body had one.
        code: Option<i32>,
        reason: String,
    },
    /// The operation was cancelled, e.g. superseded by a newer `initialize*` or by shutdown.
    #[error("cancelled: {reason}")]
    Cancelled { reason: String },
}

/// Stable codes, identical in Kotlin, Swift and JS.
pub mod codes {
    pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";
    pub const NOT_INITIALIZED: &str = "NOT_INITIALIZED";
    pub const INVALID_STATE: &str = "INVALID_STATE";
    pub const UNAUTHORIZED: &str = "UNAUTHORIZED";
    pub const TOKEN_REFRESH_FAILED: &str = "TOKEN_REFRESH_FAILED";
    pub const TIMEOUT: &str = "TIMEOUT";
    pub const NETWORK: &str = "NETWORK";
    pub const SERVER: &str = "SERVER";
    pub const CANCELLED: &str = "CANCELLED";
}

impl IapiError {
    /// The stable string code of this error (`INVALID_ARGUMENT`, `UNAUTHORIZED`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidArgument { .. } => codes::INVALID_ARGUMENT,
            Self::NotInitialized => codes::NOT_INITIALIZED,
            Self::InvalidState { .. } => codes::INVALID_STATE,
            Self::Unauthorized { .. } => codes::UNAUTHORIZED,
            Self::TokenRefreshFailed { .. } => codes::TOKEN_REFRESH_FAILED,
            Self::Timeout { .. } => codes::TIMEOUT,
            Self::Network { .. } => codes::NETWORK,
            Self::Server { .. } => codes::SERVER,
            Self::Cancelled { .. } => codes::CANCELLED,
        }
    }

    /// The same error with every known secret, scheme credential and token-shaped text
    /// removed from its messages (`secrets::scrub`), for errors built from foreign or platform
    /// text.
    pub(crate) fn redacted(self) -> Self {
        use crate::secrets::scrub;
        match self {
            Self::InvalidArgument { reason } => Self::InvalidArgument {
                reason: scrub(&reason),
            },
            Self::InvalidState { reason } => Self::InvalidState {
                reason: scrub(&reason),
            },
            Self::Unauthorized { reason } => Self::Unauthorized {
                reason: scrub(&reason),
            },
            Self::TokenRefreshFailed { reason } => Self::TokenRefreshFailed {
                reason: scrub(&reason),
            },
            Self::Timeout { what } => Self::Timeout { what: scrub(&what) },
            Self::Network { reason } => Self::Network {
                reason: scrub(&reason),
            },
            Self::Server {
                status,
                code,
                reason,
            } => Self::Server {
                status,
                code,
                reason: scrub(&reason),
            },
            Self::Cancelled { reason } => Self::Cancelled {
                reason: scrub(&reason),
            },
            Self::NotInitialized => Self::NotInitialized,
        }
    }

    pub(crate) fn invalid_argument(reason: impl Into<String>) -> Self {
        Self::InvalidArgument {
            reason: reason.into(),
        }
    }
    pub(crate) fn invalid_state(reason: impl Into<String>) -> Self {
        Self::InvalidState {
            reason: reason.into(),
        }
    }
    pub(crate) fn refresh_failed(reason: impl Into<String>) -> Self {
        Self::TokenRefreshFailed {
            reason: reason.into(),
        }
    }
    pub(crate) fn cancelled(reason: impl Into<String>) -> Self {
        Self::Cancelled {
            reason: reason.into(),
        }
    }
}

/// The code of an error, for foreign callers (`IapiException.code` is not generated by uniffi).
#[uniffi::export]
pub fn error_code(error: &IapiError) -> String {
    error.code().to_string()
}

/// The readable message of an error (its `Display`), for foreign callers: uniffi's generated
/// exception messages only list fields. Never contains secrets or tokens.
#[uniffi::export]
pub fn error_message(error: &IapiError) -> String {
    error.to_string()
}

/// A foreign provider that throws something other than `IapiError` lands here: it is a failed
/// refresh, never a crash. The foreign message is scrubbed (`secrets::scrub`).
impl From<uniffi::UnexpectedUniFFICallbackError> for IapiError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::refresh_failed(format!(
            "the access token provider threw: {}",
            crate::secrets::scrub(&e.reason)
        ))
    }
}

impl From<reqwest::Error> for IapiError {
    fn from(e: reqwest::Error) -> Self {
        // reqwest's Display may include the URL; ours carry no credentials, but the body or
        // headers never reach these messages.
        if e.is_timeout() {
            Self::Timeout {
                what: "HTTP request".into(),
            }
        } else if e.is_decode() {
            Self::Server {
                status: 200,
                code: None,
                reason: "malformed response body".into(),
            }
        } else {
            Self::Network {
                reason: describe_transport(&e),
            }
        }
    }
}

/// A short, secret-free description of a transport failure.
fn describe_transport(e: &reqwest::Error) -> String {
    let kind = if e.is_connect() {
        "connection failed"
    } else if e.is_request() {
        "request failed"
    } else if e.is_body() {
        "body transfer failed"
    } else {
        "transport error"
    };
    match e.url() {
        Some(url) => crate::secrets::scrub(&format!(
            "{kind} ({}{})",
            url.host_str().unwrap_or(""),
            url.path()
        )),
        None => kind.to_string(),
    }
}
