//! `NativeModuleHost`: the `NativeDolbyIoIAPI` contract (src-js/NativeDolbyIoIAPI.ts) fulfilled
//! once. A shim creates one per module instance, converts arguments and results, emits the
//! events it is handed and calls `shutdown` when its module goes away; it keeps no policy.

use super::events::{ConferenceEvents, EventGate, NativeModuleEvents, TokenRequests};
use super::wire::{
    NativeConference, NativeConferenceCreateOptions, NativeConferenceJoinOptions,
    NativeConnectionState, NativeLogRecord, NativeParticipant, NativeParticipantPermissions,
    NativeTokenState,
};
use crate::bridge::TokenRequestBridge;
use crate::conference::names::conference_status_name;
use crate::config::IapiConfig;
use crate::diagnostics::{measure_provider_round_trips, RoundTripStats};
use crate::error::IapiError;
use crate::logging::{parse_level, LogSink};
use crate::sdk::DolbyIoIapi;
use crate::session::ParticipantInfo;
use crate::subscription::Subscription;
use crate::sync::lock;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::AbortHandle;

/// How much longer than the core's own provider timeout (`callback_timeout_ms`, which fails the
/// call with TIMEOUT) a request waits in the bridge: the bridge's timeout is only a backstop.
const BRIDGE_TIMEOUT_MARGIN: Duration = Duration::from_secs(5);

/// The SDK and what is subscribed to it, created on the first call that needs it.
struct Live {
    sdk: Arc<DolbyIoIapi>,
    /// Conference events, connection and token states flow to the shim while these are held.
    _subscriptions: [Arc<Subscription>; 3],
}

/// One native module instance over the core: the spec's methods, its token request bridge and
/// its events. Every promise of the spec is an async method here; events go to the
/// `NativeModuleEvents` given at construction.
#[derive(uniffi::Object)]
pub struct NativeModuleHost {
    config: IapiConfig,
    gate: Arc<EventGate>,
    bridge: Arc<TokenRequestBridge>,
    /// Token requests flow to the shim's events while this is held (the gate stops them at
    /// shutdown).
    _requests: Arc<Subscription>,
    /// `Err` once `shutdown` ran or the configuration was refused.
    live: Mutex<Option<Result<Live, IapiError>>>,
    /// True once `shutdown` ran: running calls end with CANCELLED.
    stopped: watch::Sender<bool>,
    /// The core's log records for this module, at its level (`set_log_level`).
    log: Arc<LogSink>,
    /// The task that hands them to the shim.
    log_forwarder: AbortHandle,
}

impl Drop for NativeModuleHost {
    fn drop(&mut self) {
        self.log_forwarder.abort();
    }
}

#[uniffi::export]
impl NativeModuleHost {
    /// A host whose SDK uses `config` (created on the first call; a refused configuration
    /// rejects every call with its error) and whose events go to `events`.
    #[uniffi::constructor]
    pub fn new(config: IapiConfig, events: Arc<dyn NativeModuleEvents>) -> Arc<Self> {
        let gate = EventGate::new(events);
        let bridge = TokenRequestBridge::new(
            config
                .callback_timeout_ms
                .saturating_add(BRIDGE_TIMEOUT_MARGIN.as_millis() as u64),
        );
        let requests = bridge.subscribe(Arc::new(TokenRequests {
            gate: gate.clone(),
            bridge: Arc::downgrade(&bridge),
        }));
        let log = LogSink::register();
        let log_forwarder = crate::runtime::runtime()
            .spawn(log.clone().forward({
                let (gate, log) = (gate.clone(), Arc::downgrade(&log));
                move |record| {
                    let record = NativeLogRecord::from(record);
                    if log.upgrade().is_some_and(|log| log.platform_log()) {
                        gate.emit(|e| e.write_platform_log(record.clone()));
                    }
                    gate.emit(|e| e.on_log(record));
                }
            }))
            .abort_handle();
        Arc::new(Self {
            config,
            gate,
            bridge,
            _requests: requests,
            live: Mutex::new(None),
            stopped: watch::channel(false).0,
            log,
            log_forwarder,
        })
    }

    // Initialization and access tokens

    /// `initialize(consumerKey, consumerSecret)`.
    pub async fn initialize(
        &self,
        consumer_key: String,
        consumer_secret: String,
    ) -> Result<bool, IapiError> {
        self.call(|sdk| async move { sdk.initialize(consumer_key, consumer_secret).await })
            .await
    }

    /// `initializeToken(accessToken)`: the provider is this host's token request bridge, so each
    /// refresh is one `on_access_token_request` event answered by
    /// `resolve_access_token_request` / `reject_access_token_request`. Replacing the provider
    /// (any later `initialize*`) drops the old provider's pending requests: answers to them are
    /// ignored.
    pub async fn initialize_token(&self, access_token: Option<String>) -> Result<bool, IapiError> {
        let provider = self.bridge.clone().as_provider();
        self.call(|sdk| async move { sdk.initialize_token(access_token, provider).await })
            .await
    }

    /// JS's answer to request `request_id`; ignored when unknown, answered, timed out or cancelled.
    pub fn resolve_access_token_request(&self, request_id: String, access_token: String) {
        self.bridge.resolve(request_id, access_token);
    }

    /// JS's refusal of request `request_id`: that refresh fails with TOKEN_REFRESH_FAILED.
    pub fn reject_access_token_request(&self, request_id: String, reason: String) {
        self.bridge.reject(request_id, reason);
    }

    /// `getTokenState()`: the access token's state now (a valid token whose `exp` has passed
    /// reads as EXPIRED).
    pub async fn get_token_state(&self) -> Result<NativeTokenState, IapiError> {
        self.call(|sdk| async move { Ok(sdk.token_state().into()) })
            .await
    }

    // Logs

    /// `setLogLevel(level, platformLog)`: records at `level` ("ERROR", "WARN", "INFO", "DEBUG",
    /// "TRACE", or "OFF" for none; WARN until set) or more severe reach `on_log` and, when
    /// `platform_log`, the platform's log. Another name is INVALID_ARGUMENT (nothing changes).
    pub async fn set_log_level(&self, level: String, platform_log: bool) -> Result<(), IapiError> {
        let stopped = *self.stopped.borrow();
        if stopped {
            return Err(IapiError::cancelled("the module was shut down"));
        }
        let filter = parse_level(&level).ok_or_else(|| {
            IapiError::invalid_argument(format!(
                "level must be one of OFF, ERROR, WARN, INFO, DEBUG, TRACE (got {level:?})"
            ))
        })?;
        self.log.set_level(filter, platform_log);
        Ok(())
    }

    // Session

    /// `sessionOpen(info)`.
    pub async fn session_open(
        &self,
        info: Option<ParticipantInfo>,
    ) -> Result<NativeParticipant, IapiError> {
        self.call(|sdk| async move { sdk.session().open(info).await.map(Into::into) })
            .await
    }

    /// `sessionClose()`.
    pub async fn session_close(&self) -> Result<(), IapiError> {
        self.call(|sdk| async move { sdk.session().close().await })
            .await
    }

    /// `sessionIsOpen()`.
    pub async fn session_is_open(&self) -> Result<bool, IapiError> {
        self.call(|sdk| async move { Ok(sdk.session().is_open()) })
            .await
    }

    /// `sessionGetConnectionState()`: the state of the session's event connection now.
    pub async fn session_get_connection_state(&self) -> Result<NativeConnectionState, IapiError> {
        self.call(|sdk| async move { Ok(sdk.connection_state().get().into()) })
            .await
    }

    /// `sessionGetParticipant()`.
    pub async fn session_get_participant(&self) -> Result<NativeParticipant, IapiError> {
        self.call(|sdk| async move { sdk.session().participant().map(Into::into) })
            .await
    }

    // Conference

    /// `conferenceCreate(options)`.
    pub async fn conference_create(
        &self,
        options: Option<NativeConferenceCreateOptions>,
    ) -> Result<NativeConference, IapiError> {
        self.call(|sdk| async move {
            let options = options.map(TryInto::try_into).transpose()?;
            sdk.conference().create(options).await.map(Into::into)
        })
        .await
    }

    /// `conferenceFetch(conferenceId)`.
    pub async fn conference_fetch(
        &self,
        conference_id: String,
    ) -> Result<NativeConference, IapiError> {
        self.call(|sdk| async move { sdk.conference().fetch(conference_id).await.map(Into::into) })
            .await
    }

    /// `conferenceCurrent()`: `None` when in no conference.
    pub async fn conference_current(&self) -> Result<Option<NativeConference>, IapiError> {
        self.call(|sdk| async move { Ok(sdk.conference().current().await?.map(Into::into)) })
            .await
    }

    /// `conferenceJoin(conferenceId, options)`.
    pub async fn conference_join(
        &self,
        conference_id: String,
        options: Option<NativeConferenceJoinOptions>,
    ) -> Result<NativeConference, IapiError> {
        self.call(|sdk| async move {
            let options = options.map(TryInto::try_into).transpose()?;
            sdk.conference()
                .join(conference_id, options)
                .await
                .map(Into::into)
        })
        .await
    }

    /// `conferenceLeave({ leaveRoom })`: leaves the conference, then with `leave_room` also
    /// closes the session.
    pub async fn conference_leave(&self, leave_room: bool) -> Result<(), IapiError> {
        self.call(|sdk| async move {
            sdk.conference().leave().await?;
            if leave_room {
                sdk.session().close().await?;
            }
            Ok(())
        })
        .await
    }

    /// `conferenceGetParticipants(conferenceId)`.
    pub async fn conference_get_participants(
        &self,
        conference_id: String,
    ) -> Result<Vec<NativeParticipant>, IapiError> {
        self.call(|sdk| async move {
            let participants = sdk.conference().participants(conference_id).await?;
            Ok(participants.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// `conferenceGetParticipant(participantId)`.
    pub async fn conference_get_participant(
        &self,
        participant_id: String,
    ) -> Result<NativeParticipant, IapiError> {
        self.call(|sdk| async move {
            sdk.conference()
                .participant(participant_id)
                .await
                .map(Into::into)
        })
        .await
    }

    /// `conferenceGetStatus(conferenceId)`: a `ConferenceStatus` name.
    pub async fn conference_get_status(&self, conference_id: String) -> Result<String, IapiError> {
        self.call(|sdk| async move {
            sdk.conference()
                .status(conference_id)
                .await
                .map(conference_status_name)
        })
        .await
    }

    /// `conferenceKick(participantId)`.
    pub async fn conference_kick(&self, participant_id: String) -> Result<(), IapiError> {
        self.call(|sdk| async move { sdk.conference().kick(participant_id).await })
            .await
    }

    /// `conferenceMute(participantId, isMuted)`: the participant's new muted state.
    pub async fn conference_mute(
        &self,
        participant_id: String,
        is_muted: bool,
    ) -> Result<bool, IapiError> {
        self.call(|sdk| async move { sdk.conference().mute(participant_id, is_muted).await })
            .await
    }

    /// `conferenceIsMuted()`.
    pub async fn conference_is_muted(&self) -> Result<bool, IapiError> {
        self.call(|sdk| async move { sdk.conference().is_muted().await })
            .await
    }

    /// `conferenceUpdatePermissions(participantPermissions)`.
    pub async fn conference_update_permissions(
        &self,
        participant_permissions: Vec<NativeParticipantPermissions>,
    ) -> Result<(), IapiError> {
        self.call(|sdk| async move {
            let permissions = participant_permissions
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<Vec<_>, _>>()?;
            sdk.conference().update_permissions(permissions).await
        })
        .await
    }

    // Diagnostics

    /// For benchmarks, not in the spec: `iterations` token requests through this host's bridge,
    /// one after another, each emitted as `on_access_token_request` and answered with
    /// `resolve_access_token_request` (the path of every refresh), timed on the core's side.
    pub async fn measure_token_request_round_trips(
        &self,
        iterations: u32,
    ) -> Result<RoundTripStats, IapiError> {
        // Like every call: CANCELLED after `shutdown`.
        let work = measure_provider_round_trips(self.bridge.clone().as_provider(), iterations);
        self.until_stopped(Box::pin(work)).await
    }

    // Lifecycle

    /// The app came back to the foreground: the core re-evaluates the access token now (see
    /// `DolbyIoIapi.resume`). Does nothing before the first call or after `shutdown`.
    pub fn resume(&self) {
        if let Some(Ok(live)) = lock(&self.live).as_ref() {
            crate::runtime::with_instance(self.log.id(), || live.sdk.resume());
        }
    }

    /// The module is going away: no event is emitted after this returns, running calls reject
    /// with CANCELLED (`reason`), pending token requests fail with CANCELLED, later calls
    /// reject with CANCELLED, and the SDK is released (its session's socket closes).
    /// Idempotent.
    pub fn shutdown(&self, reason: String) {
        if *self.stopped.borrow() {
            return; // the first shutdown's reason stays
        }
        self.gate.close();
        self.log_forwarder.abort();
        // The shim's text reaches every CANCELLED message: scrubbed like all foreign text.
        let reason = crate::secrets::scrub(&reason);
        let cancelled = IapiError::cancelled(reason.clone());
        let live = lock(&self.live).replace(Err(cancelled));
        self.stopped.send_replace(true);
        self.bridge.cancel_all(reason);
        drop(live);
    }
}

/// Rust-only hooks for the core's own tests; not part of the FFI surface.
#[doc(hidden)]
impl NativeModuleHost {
    /// Stops the refresh timer as a sleeping phone does (see `DolbyIoIapi::pause_schedule_for_tests`).
    pub fn pause_schedule_for_tests(&self) {
        if let Ok(sdk) = self.sdk() {
            sdk.pause_schedule_for_tests();
        }
    }
}

impl NativeModuleHost {
    /// The SDK, created (and subscribed to) on first use.
    fn sdk(&self) -> Result<Arc<DolbyIoIapi>, IapiError> {
        let mut live = lock(&self.live);
        let live = live.get_or_insert_with(|| {
            let sdk = DolbyIoIapi::new(self.config.clone())?;
            let conference = sdk.conference().subscribe(Arc::new(ConferenceEvents {
                gate: self.gate.clone(),
                session: sdk.session(),
            }));
            let gate = self.gate.clone();
            let connection = sdk.connection_state().subscribe(move |state| {
                let state = NativeConnectionState::from(state.clone());
                gate.emit(|e| e.on_connection_state_change(state));
            });
            let gate = self.gate.clone();
            let tokens = sdk.token_feed().subscribe(move |state| {
                let state = NativeTokenState::from(state.clone());
                gate.emit(|e| e.on_token_state_change(state));
            });
            Ok(Live {
                sdk,
                _subscriptions: [conference, connection, tokens],
            })
        });
        live.as_ref().map(|l| l.sdk.clone()).map_err(Clone::clone)
    }

    /// Runs `work` with the SDK; `shutdown` ends it with CANCELLED (dropping it aborts the
    /// core's work). Arguments are checked inside `work`, so after `shutdown` every call is
    /// CANCELLED whatever its arguments.
    async fn call<T, F, Fut>(&self, work: F) -> Result<T, IapiError>
    where
        F: FnOnce(Arc<DolbyIoIapi>) -> Fut,
        Fut: Future<Output = Result<T, IapiError>> + Send + 'static,
    {
        self.until_stopped(Box::pin(work(self.sdk()?))).await
    }

    /// `work` as this module's work (what it logs, and the tasks it starts, reach this module
    /// only), unless `shutdown` ends it first. Generic only in `T`, so one copy per result type
    /// (the boxed future keeps the per-method code small: size matters on Android).
    async fn until_stopped<T>(
        &self,
        work: Pin<Box<dyn Future<Output = Result<T, IapiError>> + Send>>,
    ) -> Result<T, IapiError> {
        let mut stopped = self.stopped.subscribe();
        let work = crate::runtime::as_instance(self.log.id(), work);
        tokio::select! {
            biased;
            _ = stopped.wait_for(|stopped| *stopped) => Err(self.sdk().err().unwrap_or_else(||
                IapiError::cancelled("the module was shut down"))),
            result = work => result,
        }
    }
}
