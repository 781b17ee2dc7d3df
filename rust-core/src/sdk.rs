//! `DolbyIoIapi`: the SDK object the platform shims hold (`DolbyIoIAPI` in JS).

use crate::conference::client::ConferenceClient;
use crate::conference::connection::ConnectionState;
use crate::conference::service::ConferenceService;
use crate::config::IapiConfig;
use crate::core::Core;
use crate::error::IapiError;
use crate::feed::{StateFeed, Versioned};
use crate::http::{self, Api};
use crate::runtime::run;
use crate::session::{SessionClient, SessionState};
use crate::token::clock::PlatformClock;
use crate::token::credentials::CredentialsProvider;
use crate::token::manager::TokenManager;
use crate::token::provider::AccessTokenProvider;
use crate::token::state::TokenState;
use std::sync::Arc;

/// One instance of the IAPI SDK: its configuration, token lifecycle and services.
pub struct DolbyIoIapi {
    core: Arc<Core>,
    session: Arc<SessionClient>,
    conference: Arc<ConferenceClient>,
    /// The state of the session's event connection (set by the conference service's stream).
    connection: Arc<StateFeed<ConnectionState>>,
}

impl DolbyIoIapi {
    /// Creates an SDK instance. Fails with `InvalidArgument` for a bad configuration (e.g. a
    /// non-loopback http URL).
    pub fn new(config: IapiConfig) -> Result<Arc<Self>, IapiError> {
        let settings = config.validate()?;
        let tls = http::tls_config()?;
        let client = http::client(&settings, tls.clone())?;
        let api = Api {
            http: client.clone(),
            base: settings.api_base.clone(),
            tokens: TokenManager::new(
                settings.callback_timeout,
                Arc::new(PlatformClock::default()),
                http::clock_probe(client, settings.api_base.clone()),
            ),
        };
        let core = Arc::new(Core {
            settings,
            api,
            tls: Arc::new(tls),
        });
        let session = Arc::new(SessionState::default());
        let conference = ConferenceService::new(core.clone(), session.clone());
        Ok(Arc::new(Self {
            connection: conference.connection().clone(),
            session: SessionClient::new(core.clone(), session, conference.clone()),
            conference: ConferenceClient::new(conference),
            core,
        }))
    }

    /// Initializes with the consumer key and secret: the core fetches a token now and refreshes it
    /// on its own. Replaces any earlier `initialize*`. Blank inputs give `InvalidArgument` with no
    /// network call; a rejected key or secret gives `Unauthorized`.
    pub async fn initialize(
        &self,
        consumer_key: String,
        consumer_secret: String,
    ) -> Result<bool, IapiError> {
        if consumer_key.trim().is_empty() {
            return Err(IapiError::invalid_argument("consumerKey must not be empty"));
        }
        if consumer_secret.trim().is_empty() {
            return Err(IapiError::invalid_argument(
                "consumerSecret must not be empty",
            ));
        }
        let token_url = self
            .core
            .settings
            .auth_base
            .join("v1/oauth2/token")
            .map_err(|e| IapiError::invalid_argument(e.to_string()))?;
        let (key, secret) = (consumer_key.trim(), consumer_secret.trim());
        // Scrubbed from every log record and message from now on, in each form they travel in.
        crate::secrets::remember(key);
        crate::secrets::remember(secret);
        crate::secrets::remember(&base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{key}:{secret}"),
        ));
        let provider = Arc::new(CredentialsProvider {
            http: self.core.api.http.clone(),
            token_url,
            key: key.to_string(),
            secret: secret.to_string(),
            clock: self.core.tokens().clock.clone(),
        });
        self.install(provider, None).await
    }

    /// Initializes with an access token from the app's backend and a provider that returns new
    /// ones. A null, undecodable or expired token makes the core call `provider(true)` before this
    /// resolves; a valid one is used until its proactive refresh at 1/2 and 3/4 of the time it had
    /// left when received and at expiry. Replaces any earlier provider: the old one is never called
    /// again.
    ///
    /// Of overlapping `initialize*` calls, the last one to start wins, whatever order they
    /// finish in: an earlier call still waiting (for the platform's clock or its first refresh)
    /// when a later one starts installs nothing, never calls its provider again, and rejects
    /// with `Cancelled` ("superseded by a newer initialize call").
    pub async fn initialize_token(
        &self,
        access_token: Option<String>,
        provider: Arc<dyn AccessTokenProvider>,
    ) -> Result<bool, IapiError> {
        self.install(provider, access_token).await
    }

    /// Re-evaluates the access token at once. Call it when the app returns to the foreground:
    /// timers stop while a phone sleeps, so a refresh that fell due meanwhile happens now (with
    /// `is_expired` as of now) instead of delaying the first call that needs a token. Does
    /// nothing before `initialize*`.
    pub fn resume(&self) {
        self.core.tokens().resume();
    }

    /// The session service.
    pub fn session(&self) -> Arc<SessionClient> {
        self.session.clone()
    }

    /// The conference service.
    pub fn conference(&self) -> Arc<ConferenceClient> {
        self.conference.clone()
    }
}

impl DolbyIoIapi {
    async fn install(
        &self,
        provider: Arc<dyn AccessTokenProvider>,
        token: Option<String>,
    ) -> Result<bool, IapiError> {
        let core = self.core.clone();
        run(async move { core.tokens().install(provider, token).await.map(|()| true) }).await
    }
}

/// What the host emits (not part of the FFI surface).
impl DolbyIoIapi {
    /// The state of the session's event connection.
    pub(crate) fn connection_state(&self) -> &Arc<StateFeed<ConnectionState>> {
        &self.connection
    }

    /// The access token's state feed.
    pub(crate) fn token_feed(&self) -> &Arc<StateFeed<TokenState>> {
        &self.core.tokens().feed
    }

    /// The access token's state now.
    pub(crate) fn token_state(&self) -> Versioned<TokenState> {
        self.core.tokens().state()
    }
}

/// Rust-only hooks for the core's own tests and benchmarks; not part of the FFI surface.
#[doc(hidden)]
impl DolbyIoIapi {
    /// Stops the refresh timer as a sleeping phone does, keeping the plan; `resume` restarts it.
    pub fn pause_schedule_for_tests(&self) {
        self.core.tokens().pause();
    }

    /// One authenticated JSON call through the token lifecycle (e.g. `POST v1/users/logout`).
    pub async fn raw_call(
        &self,
        method: &str,
        path: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, IapiError> {
        let method = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|e| IapiError::invalid_argument(e.to_string()))?;
        let (core, path) = (self.core.clone(), path.to_string());
        run(async move { core.api.call(method, &path, Some(&body)).await }).await
    }
}
