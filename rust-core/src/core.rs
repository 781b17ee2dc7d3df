//! The infrastructure every service of one SDK instance shares: the configuration, the
//! authenticated HTTP client with the token lifecycle, and TLS. Each service keeps its own state
//! (`session::SessionState`, `conference::service::ConferenceService`).

use crate::config::Settings;
use crate::http::Api;
use crate::token::manager::TokenManager;
use std::sync::Arc;

pub(crate) struct Core {
    pub settings: Settings,
    pub api: Api,
    /// TLS for HTTP and WebSocket connections.
    pub tls: Arc<rustls::ClientConfig>,
}

impl Core {
    pub fn tokens(&self) -> &TokenManager {
        &self.api.tokens
    }
}
