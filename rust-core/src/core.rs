//! The shared state behind one SDK instance and its sub-clients.

use crate::config::Settings;
use crate::http::Api;
use crate::session::OpenSession;
use crate::token::manager::TokenManager;
use std::sync::Mutex;

pub(crate) struct Core {
    pub settings: Settings,
    pub api: Api,
    pub session: Mutex<Option<OpenSession>>,
    /// Id of the conference the local participant joined, if any.
    pub conference: Mutex<Option<String>>,
}

impl Core {
    pub fn tokens(&self) -> &TokenManager {
        &self.api.tokens
    }
}
