//! What the token lifecycle is doing, as apps show it: the state of the access token (none,
//! valid until T, refreshing, expired) and the refresh that last changed it (what triggered it,
//! how it ended). The manager sets it; the host emits each change as `onTokenStateChange`.
//! Never the token's text: only times, names and error codes.

use crate::error::IapiError;

/// Why a refresh started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// `initialize*` with no usable token.
    Initialize,
    /// The proactive refresh at 1/2 of the time the token had left when received.
    HalfLife,
    /// The proactive refresh at 3/4 of that time.
    ThreeQuarters,
    /// The token expired.
    Expiry,
    /// A retry after a failed refresh at or after expiry.
    Retry,
    /// A call needed a token and held none that was valid.
    Call,
    /// The platform refused the token (401).
    Unauthorized,
    /// The app came back to the foreground and a planned refresh fell due meanwhile.
    Resume,
}

impl Trigger {
    pub fn name(self) -> &'static str {
        match self {
            Self::Initialize => "INITIALIZE",
            Self::HalfLife => "HALF_LIFE",
            Self::ThreeQuarters => "THREE_QUARTERS",
            Self::Expiry => "EXPIRY",
            Self::Retry => "RETRY",
            Self::Call => "CALL",
            Self::Unauthorized => "UNAUTHORIZED",
            Self::Resume => "RESUME",
        }
    }
}

/// How a refresh ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A token was received.
    Refreshed,
    /// No token: the provider failed, timed out or returned an unusable one.
    Failed(IapiError),
    /// A newer `initialize*` replaced the provider while it ran.
    Superseded,
}

/// A refresh: started (`outcome` `None`) or ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refresh {
    pub trigger: Trigger,
    pub outcome: Option<Outcome>,
}

/// The kind of state the access token is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum TokenStatus {
    /// No `initialize*` yet, or it gave no token.
    #[default]
    None,
    /// A token is held and valid until `expires_at_ms`.
    Valid,
    /// A refresh is running (a token may still be valid until `expires_at_ms`).
    Refreshing,
    /// The last token expired and no refresh is running.
    Expired,
}

impl TokenStatus {
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Valid => "VALID",
            Self::Refreshing => "REFRESHING",
            Self::Expired => "EXPIRED",
        }
    }
}

/// The access token's state (platform clock, unix ms).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct TokenState {
    pub status: TokenStatus,
    /// The `exp` of the token held, if any.
    pub expires_at_ms: Option<i64>,
    /// When the next proactive refresh (or retry) is planned.
    pub next_refresh_at_ms: Option<i64>,
    /// The refresh that made this state, if a refresh did.
    pub refresh: Option<Refresh>,
}

impl TokenState {
    /// This state as seen at `now_ms`: a valid token whose `exp` passed reads as expired.
    pub fn at(mut self, now_ms: i64) -> Self {
        if self.status == TokenStatus::Valid && self.expires_at_ms.is_some_and(|exp| exp < now_ms) {
            self.status = TokenStatus::Expired;
        }
        self
    }
}
