//! Node host of `@dolbyio/react-native-iapi-sdk`: the `NativeDolbyIoIAPI` contract
//! (`src-js/NativeDolbyIoIAPI.ts`) over `iapi-core`, for Node (demo, end-to-end tests, app
//! developers' tests against the emulator).
//!
//! A thin shim, like the Kotlin and Swift modules: it converts types and forwards. The token
//! lifecycle (single flight, proactive refresh, `isExpired`, timeouts) lives in the core; the
//! request/answer correlation of the refresh callback lives in the core's `TokenRequestBridge`.
//! `src-js/node/NodeHost.ts` maps the spec onto these functions (and adds the event emitters).
//! Conference enums cross as the platform's strings through the core's `*_name` /
//! `*_from_name` functions. Conference events: while JS has a conference-event subscriber,
//! a core `ConferenceEventListener` forwards each event to JS through one weak
//! `ThreadsafeFunction` as a [`NativeConferenceEvent`] (`NodeHost.ts` splits it into the
//! spec's three emitters); permission updates of other participants are not forwarded.
//!
//! One SDK instance per process (the RN module is a singleton too). It is created on first use
//! from `IAPI_BASE_URL` / `IAPI_CALLBACK_TIMEOUT_MS` (production defaults otherwise), or by
//! `configure`.

use iapi_core::{
    conference_permission_from_name, conference_permission_name, conference_status_name,
    config_for_base_url, default_config, participant_status_name, participant_type_from_name,
    participant_type_name, AccessTokenRequest, Conference, ConferenceCreateOptions,
    ConferenceEvent, ConferenceEventListener, ConferenceJoinOptions, ConferenceParameters,
    ConferenceParticipant, DolbyIoIapi, IapiConfig, IapiError, Participant, ParticipantInfo,
    ParticipantPermissions, TokenRequestBridge, TokenRequestListener,
};
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// `onAccessTokenRequest` payload.
#[napi(object)]
pub struct NativeAccessTokenRequest {
    pub request_id: String,
    pub is_expired: bool,
}

/// `NativeParticipantInfo`: optional keys are absent, never null.
#[napi(object)]
#[derive(Default)]
pub struct NativeParticipantInfo {
    pub name: Option<String>,
    pub external_id: Option<String>,
    pub avatar_url: Option<String>,
}

/// `NativeParticipant`: a session's participant has no `status` / `type` (absent); a
/// conference's participant has both (ParticipantStatus / ParticipantType values).
#[napi(object)]
pub struct NativeParticipant {
    pub id: String,
    pub info: NativeParticipantInfo,
    pub status: Option<String>,
    #[napi(js_name = "type")]
    pub participant_type: Option<String>,
}

/// `NativeConference` (`status`: a ConferenceStatus value).
#[napi(object)]
pub struct NativeConference {
    pub id: String,
    pub alias: Option<String>,
    pub is_new: Option<bool>,
    pub participants: Vec<NativeParticipant>,
    pub status: String,
}

/// `NativeConferenceParameters`.
#[napi(object)]
pub struct NativeConferenceParameters {
    pub dolby_voice: Option<bool>,
    pub live_recording: Option<bool>,
    pub ttl: Option<f64>,
    pub video_codec: Option<String>,
    pub rtcp_mode: Option<String>,
}

/// `NativeConferenceCreateOptions`.
#[napi(object)]
pub struct NativeConferenceCreateOptions {
    pub alias: Option<String>,
    pub params: Option<NativeConferenceParameters>,
}

/// `NativeConferenceJoinOptions` (`conferenceAccessToken` goes to the core, which refuses it
/// with `INVALID_ARGUMENT`: not supported).
#[napi(object)]
pub struct NativeConferenceJoinOptions {
    pub conference_access_token: Option<String>,
    pub participant_type: Option<String>,
}

/// `NativeConferenceLeaveOptions`.
#[napi(object)]
pub struct NativeConferenceLeaveOptions {
    pub leave_room: Option<bool>,
}

/// One entry of `conferenceUpdatePermissions` (`permissions`: ConferencePermission values).
#[napi(object)]
pub struct NativeParticipantPermissions {
    pub participant_id: String,
    pub permissions: Vec<String>,
}

/// Options of `configure`; absent fields keep the production defaults.
#[napi(object)]
pub struct NodeHostConfig {
    /// Base URL of every platform host, e.g. the emulator's `http://127.0.0.1:PORT`.
    pub base_url: Option<String>,
    /// How long one refresh callback invocation may take (default 30000).
    pub callback_timeout_ms: Option<u32>,
}

/// The JS side of `onAccessTokenRequest`. Weak: an idle subscription does not keep Node running.
type RequestCallback =
    ThreadsafeFunction<NativeAccessTokenRequest, (), NativeAccessTokenRequest, Status, false, true>;

struct JsListener(RequestCallback);

impl TokenRequestListener for JsListener {
    fn on_access_token_request(&self, request: AccessTokenRequest) {
        // Emit and return; an undeliverable request (Node shutting down) times out in the bridge.
        let _ = self.0.call(
            NativeAccessTokenRequest {
                request_id: request.request_id,
                is_expired: request.is_expired,
            },
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    }
}

/// One conference event for JS. `kind` says which spec event it is and which keys are set:
/// `"status"` (`status`), `"participants"` (`participant`, `event`: ADDED / UPDATED /
/// REMOVED), `"permissions"` (`permissions`, the local participant's own).
#[napi(object)]
pub struct NativeConferenceEvent {
    pub kind: String,
    pub conference_id: String,
    pub status: Option<String>,
    pub participant: Option<NativeParticipant>,
    pub event: Option<String>,
    pub permissions: Option<Vec<String>>,
}

/// The JS side of the conference events. Weak, like the token request one.
type ConferenceCallback =
    ThreadsafeFunction<NativeConferenceEvent, (), NativeConferenceEvent, Status, false, true>;

/// The core listener of one SDK instance: converts and emits (never blocks the core thread).
struct JsConferenceListener {
    callback: Arc<ConferenceCallback>,
    sdk: Weak<DolbyIoIapi>,
}

impl JsConferenceListener {
    /// Whether `participant_id` is the local participant (the open session's).
    fn is_local(&self, participant_id: &str) -> bool {
        self.sdk
            .upgrade()
            .and_then(|sdk| sdk.session().participant().ok())
            .is_some_and(|me| me.id == participant_id)
    }
}

fn participants_event(
    conference_id: String,
    participant: ConferenceParticipant,
    event: &str,
) -> NativeConferenceEvent {
    NativeConferenceEvent {
        kind: "participants".into(),
        conference_id,
        status: None,
        participant: Some(to_native_participant(participant)),
        event: Some(event.into()),
        permissions: None,
    }
}

impl ConferenceEventListener for JsConferenceListener {
    fn on_conference_event(&self, event: ConferenceEvent) {
        let native = match event {
            ConferenceEvent::ParticipantAdded {
                conference_id,
                participant,
            } => participants_event(conference_id, participant, "ADDED"),
            ConferenceEvent::ParticipantUpdated {
                conference_id,
                participant,
            } => participants_event(conference_id, participant, "UPDATED"),
            ConferenceEvent::ParticipantRemoved {
                conference_id,
                participant,
            } => participants_event(conference_id, participant, "REMOVED"),
            ConferenceEvent::StatusChanged {
                conference_id,
                status,
            } => NativeConferenceEvent {
                kind: "status".into(),
                conference_id,
                status: Some(conference_status_name(status)),
                participant: None,
                event: None,
                permissions: None,
            },
            ConferenceEvent::PermissionsUpdated {
                conference_id,
                participant_id,
                permissions,
            } => {
                // The spec's payload has no participant id: only the local participant's own.
                if !self.is_local(&participant_id) {
                    return;
                }
                NativeConferenceEvent {
                    kind: "permissions".into(),
                    conference_id,
                    status: None,
                    participant: None,
                    event: None,
                    permissions: Some(
                        permissions
                            .into_iter()
                            .map(conference_permission_name)
                            .collect(),
                    ),
                }
            }
        };
        // Emit and return; an undeliverable event (Node shutting down) is dropped.
        let _ = self
            .callback
            .call(native, ThreadsafeFunctionCallMode::NonBlocking);
    }
}

/// The core listener for `sdk`, when JS has a conference-event receiver.
fn conference_listener(
    callback: Option<&Arc<ConferenceCallback>>,
    sdk: &Arc<DolbyIoIapi>,
) -> Option<Arc<dyn ConferenceEventListener>> {
    callback.map(|callback| {
        Arc::new(JsConferenceListener {
            callback: callback.clone(),
            sdk: Arc::downgrade(sdk),
        }) as Arc<dyn ConferenceEventListener>
    })
}

struct Instance {
    sdk: Arc<DolbyIoIapi>,
    bridge: Arc<TokenRequestBridge>,
}

#[derive(Default)]
struct Host {
    instance: Option<Instance>,
    /// Attached while JS has an `onAccessTokenRequest` subscription.
    listener: Option<Arc<dyn TokenRequestListener>>,
    /// Attached while JS has a conference-event subscription.
    conference_callback: Option<Arc<ConferenceCallback>>,
}

static HOST: Mutex<Host> = Mutex::new(Host {
    instance: None,
    listener: None,
    conference_callback: None,
});

fn host() -> MutexGuard<'static, Host> {
    HOST.lock().unwrap_or_else(|e| e.into_inner())
}

fn env_config() -> std::result::Result<IapiConfig, IapiError> {
    let mut config = match std::env::var("IAPI_BASE_URL") {
        Ok(url) if !url.trim().is_empty() => config_for_base_url(url),
        _ => default_config(),
    };
    if let Ok(raw) = std::env::var("IAPI_CALLBACK_TIMEOUT_MS") {
        config.callback_timeout_ms =
            raw.trim().parse().map_err(|_| IapiError::InvalidArgument {
                reason: "IAPI_CALLBACK_TIMEOUT_MS must be a number of milliseconds".into(),
            })?;
    }
    Ok(config)
}

fn new_instance(config: IapiConfig, host: &Host) -> std::result::Result<Instance, IapiError> {
    let bridge = TokenRequestBridge::new(config.callback_timeout_ms);
    let sdk = DolbyIoIapi::new(config)?;
    bridge.set_listener(host.listener.clone());
    sdk.conference()
        .set_listener(conference_listener(host.conference_callback.as_ref(), &sdk));
    Ok(Instance { sdk, bridge })
}

/// The instance, created from the environment on first use.
fn instance() -> std::result::Result<(Arc<DolbyIoIapi>, Arc<TokenRequestBridge>), IapiError> {
    let mut host = host();
    if host.instance.is_none() {
        let created = new_instance(env_config()?, &host)?;
        host.instance = Some(created);
    }
    let i = host.instance.as_ref().expect("just created");
    Ok((i.sdk.clone(), i.bridge.clone()))
}

/// A JS `Error` whose `code` is the core's code and whose message is its Display. A `Server`
/// error also has `userInfo` `{ status, platformCode? }` (the platform's HTTP status and
/// `error_code`), where React Native puts a native rejection's userInfo: the JS mapping
/// (src-js/nativeCall.ts) reads it the same way on every host.
fn js_error(env: &Env, error: &IapiError) -> Error {
    let js = JsError::from(Error::new(error.code(), error.to_string())).into_unknown(*env);
    if let IapiError::Server { status, code, .. } = error {
        // Best effort: without userInfo the error still carries its code and message.
        let _ = Object::new(env).and_then(|mut info| {
            info.set("status", u32::from(*status))?;
            if let Some(code) = code {
                info.set("platformCode", *code)?;
            }
            Object::from_raw(env.raw(), js.raw()).set("userInfo", info)
        });
    }
    Error::from(js)
}

/// Runs a core future on the core's runtime and settles a JS promise with its outcome.
fn promise<'env, T, V, F, C>(env: &'env Env, fut: F, convert: C) -> Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    V: ToNapiValue,
    F: Future<Output = std::result::Result<T, IapiError>> + Send + 'static,
    C: FnOnce(T) -> V + 'static,
{
    env.spawn_future_with_callback(async move { Ok(fut.await) }, move |env, outcome| {
        outcome.map(convert).map_err(|e| js_error(env, &e))
    })
}

/// A promise already rejected with `error`.
fn rejected<'env, V: ToNapiValue + Send + 'static>(
    env: &'env Env,
    error: IapiError,
) -> Result<PromiseRaw<'env, V>> {
    promise(env, async move { Err::<V, _>(error) }, |v| v)
}

fn to_native_info(info: ParticipantInfo) -> NativeParticipantInfo {
    NativeParticipantInfo {
        name: info.name,
        external_id: info.external_id,
        avatar_url: info.avatar_url,
    }
}

fn to_native(p: Participant) -> NativeParticipant {
    NativeParticipant {
        id: p.id,
        info: to_native_info(p.info),
        status: None,
        participant_type: None,
    }
}

fn to_native_participant(p: ConferenceParticipant) -> NativeParticipant {
    NativeParticipant {
        id: p.id,
        info: to_native_info(p.info),
        status: Some(participant_status_name(p.status)),
        participant_type: Some(participant_type_name(p.participant_type)),
    }
}

fn to_native_conference(c: Conference) -> NativeConference {
    NativeConference {
        id: c.id,
        alias: c.alias,
        is_new: Some(c.is_new),
        participants: c
            .participants
            .into_iter()
            .map(to_native_participant)
            .collect(),
        status: conference_status_name(c.status),
    }
}

fn create_options(
    options: Option<NativeConferenceCreateOptions>,
) -> std::result::Result<Option<ConferenceCreateOptions>, IapiError> {
    let Some(options) = options else {
        return Ok(None);
    };
    let params = match options.params {
        None => None,
        Some(p) => {
            let ttl = match p.ttl {
                None => None,
                Some(t)
                    if t.is_finite() && t >= 0.0 && t.fract() == 0.0 && t <= u64::MAX as f64 =>
                {
                    Some(t as u64)
                }
                Some(_) => {
                    return Err(IapiError::InvalidArgument {
                        reason: "params.ttl must be a non-negative whole number of seconds".into(),
                    })
                }
            };
            Some(ConferenceParameters {
                dolby_voice: p.dolby_voice,
                live_recording: p.live_recording,
                ttl,
                video_codec: p.video_codec,
                rtcp_mode: p.rtcp_mode,
            })
        }
    };
    Ok(Some(ConferenceCreateOptions {
        alias: options.alias,
        params,
    }))
}

fn join_options(
    options: Option<NativeConferenceJoinOptions>,
) -> std::result::Result<Option<ConferenceJoinOptions>, IapiError> {
    let Some(options) = options else {
        return Ok(None);
    };
    let participant_type = options
        .participant_type
        .map(participant_type_from_name)
        .transpose()?;
    Ok(Some(ConferenceJoinOptions {
        participant_type,
        conference_access_token: options.conference_access_token,
    }))
}

fn permissions(
    list: Vec<NativeParticipantPermissions>,
) -> std::result::Result<Vec<ParticipantPermissions>, IapiError> {
    list.into_iter()
        .map(|entry| {
            Ok(ParticipantPermissions {
                participant_id: entry.participant_id,
                permissions: entry
                    .permissions
                    .into_iter()
                    .map(conference_permission_from_name)
                    .collect::<std::result::Result<_, _>>()?,
            })
        })
        .collect()
}

/// The instance's SDK, or a rejected promise.
macro_rules! sdk_or_reject {
    ($env:expr) => {
        match instance() {
            Ok((sdk, _)) => sdk,
            Err(e) => return rejected($env, e),
        }
    };
}

/// Replaces the SDK instance with one for `config` (base URL, callback timeout); fields left out
/// keep the environment's / production values. Call it before `initialize*`: the old instance,
/// its token and its session are dropped.
#[napi]
pub fn configure(env: Env, config: NodeHostConfig) -> Result<()> {
    let result = (|| {
        let mut core_config = env_config()?;
        if let Some(url) = config.base_url {
            let url_config = config_for_base_url(url);
            core_config.auth_base_url = url_config.auth_base_url;
            core_config.api_base_url = url_config.api_base_url;
        }
        if let Some(ms) = config.callback_timeout_ms {
            core_config.callback_timeout_ms = ms.into();
        }
        let mut host = host();
        let created = new_instance(core_config, &host)?;
        if let Some(old) = host.instance.replace(created) {
            old.bridge.set_listener(None);
            old.sdk.conference().set_listener(None);
        }
        Ok(())
    })();
    result.map_err(|e: IapiError| js_error(&env, &e))
}

/// Attaches (a function) or detaches (null) the JS receiver of access token requests. The JS
/// wrapper attaches it while `onAccessTokenRequest` has subscribers, so requests are emitted only
/// then; the bridge holds requests made meanwhile until one attaches (or they time out).
#[napi]
pub fn set_access_token_request_listener(
    env: Env,
    callback: Option<RequestCallback>,
) -> Result<()> {
    let listener = callback.map(|f| Arc::new(JsListener(f)) as Arc<dyn TokenRequestListener>);
    let bridge = {
        let mut host = host();
        host.listener = listener.clone();
        host.instance.as_ref().map(|i| i.bridge.clone())
    };
    // Outside the host lock: attaching delivers held requests synchronously.
    match bridge {
        Some(bridge) => bridge.set_listener(listener),
        None => {
            // No instance yet: create it now (it picks up the listener).
            instance().map_err(|e| js_error(&env, &e))?;
        }
    }
    Ok(())
}

/// Attaches (a function) or detaches (null) the JS receiver of conference events. The JS
/// wrapper attaches it while any of `onConferenceStatusChange`, `onParticipantsChange`,
/// `onPermissionsChange` has subscribers; events arriving while detached are not kept.
#[napi]
pub fn set_conference_event_listener(env: Env, callback: Option<ConferenceCallback>) -> Result<()> {
    let callback = callback.map(Arc::new);
    let sdk = {
        let mut host = host();
        host.conference_callback = callback.clone();
        host.instance.as_ref().map(|i| i.sdk.clone())
    };
    match sdk {
        Some(sdk) => sdk
            .conference()
            .set_listener(conference_listener(callback.as_ref(), &sdk)),
        None => {
            // No instance yet: create it now (it picks up the listener).
            instance().map_err(|e| js_error(&env, &e))?;
        }
    }
    Ok(())
}

#[napi]
pub fn initialize<'env>(
    env: &'env Env,
    consumer_key: String,
    consumer_secret: String,
) -> Result<PromiseRaw<'env, bool>> {
    match instance() {
        Ok((sdk, _)) => promise(
            env,
            async move { sdk.initialize(consumer_key, consumer_secret).await },
            |ok| ok,
        ),
        Err(e) => rejected(env, e),
    }
}

#[napi]
pub fn initialize_token<'env>(
    env: &'env Env,
    access_token: Option<String>,
) -> Result<PromiseRaw<'env, bool>> {
    match instance() {
        Ok((sdk, bridge)) => promise(
            env,
            async move {
                sdk.initialize_token(access_token, bridge.as_provider())
                    .await
            },
            |ok| ok,
        ),
        Err(e) => rejected(env, e),
    }
}

/// Answers request `request_id`; an unknown, answered, timed-out or cancelled id is ignored.
#[napi]
pub fn resolve_access_token_request(request_id: String, access_token: String) {
    if let Ok((_, bridge)) = instance() {
        bridge.resolve(request_id, access_token);
    }
}

/// Fails request `request_id` with `reason`; an unknown id is ignored.
#[napi]
pub fn reject_access_token_request(request_id: String, reason: String) {
    if let Ok((_, bridge)) = instance() {
        bridge.reject(request_id, reason);
    }
}

#[napi]
pub fn session_open<'env>(
    env: &'env Env,
    info: Option<NativeParticipantInfo>,
) -> Result<PromiseRaw<'env, NativeParticipant>> {
    let info = info.unwrap_or_default();
    let info = ParticipantInfo {
        name: info.name,
        external_id: info.external_id,
        avatar_url: info.avatar_url,
    };
    match instance() {
        Ok((sdk, _)) => promise(
            env,
            async move { sdk.session().open(Some(info)).await },
            to_native,
        ),
        Err(e) => rejected(env, e),
    }
}

#[napi]
pub fn session_close<'env>(env: &'env Env) -> Result<PromiseRaw<'env, ()>> {
    match instance() {
        Ok((sdk, _)) => promise(env, async move { sdk.session().close().await }, |()| ()),
        Err(e) => rejected(env, e),
    }
}

#[napi]
pub fn session_is_open<'env>(env: &'env Env) -> Result<PromiseRaw<'env, bool>> {
    match instance() {
        Ok((sdk, _)) => {
            let open = sdk.session().is_open();
            promise(env, async move { Ok(open) }, |open| open)
        }
        Err(e) => rejected(env, e),
    }
}

#[napi]
pub fn session_get_participant<'env>(
    env: &'env Env,
) -> Result<PromiseRaw<'env, NativeParticipant>> {
    match instance().and_then(|(sdk, _)| sdk.session().participant()) {
        Ok(participant) => promise(env, async move { Ok(participant) }, to_native),
        Err(e) => rejected(env, e),
    }
}

// Conference: thin forwards to `sdk.conference()`. Enum values cross as the platform's strings.

#[napi]
pub fn conference_create<'env>(
    env: &'env Env,
    options: Option<NativeConferenceCreateOptions>,
) -> Result<PromiseRaw<'env, NativeConference>> {
    let sdk = sdk_or_reject!(env);
    let options = match create_options(options) {
        Ok(options) => options,
        Err(e) => return rejected(env, e),
    };
    promise(
        env,
        async move { sdk.conference().create(options).await },
        to_native_conference,
    )
}

#[napi]
pub fn conference_fetch<'env>(
    env: &'env Env,
    conference_id: String,
) -> Result<PromiseRaw<'env, NativeConference>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().fetch(conference_id).await },
        to_native_conference,
    )
}

/// Resolves null when the local participant is in no conference.
#[napi]
pub fn conference_current<'env>(
    env: &'env Env,
) -> Result<PromiseRaw<'env, Option<NativeConference>>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().current().await },
        |current| current.map(to_native_conference),
    )
}

#[napi]
pub fn conference_join<'env>(
    env: &'env Env,
    conference_id: String,
    options: Option<NativeConferenceJoinOptions>,
) -> Result<PromiseRaw<'env, NativeConference>> {
    let sdk = sdk_or_reject!(env);
    let options = match join_options(options) {
        Ok(options) => options,
        Err(e) => return rejected(env, e),
    };
    promise(
        env,
        async move { sdk.conference().join(conference_id, options).await },
        to_native_conference,
    )
}

/// Leaves the current conference (`INVALID_STATE` when in none); `leaveRoom: true` then also
/// closes the session.
#[napi]
pub fn conference_leave<'env>(
    env: &'env Env,
    options: Option<NativeConferenceLeaveOptions>,
) -> Result<PromiseRaw<'env, ()>> {
    let sdk = sdk_or_reject!(env);
    let leave_room = options.and_then(|o| o.leave_room).unwrap_or(false);
    promise(
        env,
        async move {
            sdk.conference().leave().await?;
            if leave_room {
                sdk.session().close().await?;
            }
            Ok(())
        },
        |()| (),
    )
}

#[napi]
pub fn conference_get_participants<'env>(
    env: &'env Env,
    conference_id: String,
) -> Result<PromiseRaw<'env, Vec<NativeParticipant>>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().participants(conference_id).await },
        |list| list.into_iter().map(to_native_participant).collect(),
    )
}

#[napi]
pub fn conference_get_participant<'env>(
    env: &'env Env,
    participant_id: String,
) -> Result<PromiseRaw<'env, NativeParticipant>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().participant(participant_id).await },
        to_native_participant,
    )
}

/// Resolves a ConferenceStatus value.
#[napi]
pub fn conference_get_status<'env>(
    env: &'env Env,
    conference_id: String,
) -> Result<PromiseRaw<'env, String>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().status(conference_id).await },
        conference_status_name,
    )
}

#[napi]
pub fn conference_kick<'env>(
    env: &'env Env,
    participant_id: String,
) -> Result<PromiseRaw<'env, ()>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().kick(participant_id).await },
        |()| (),
    )
}

#[napi]
pub fn conference_mute<'env>(
    env: &'env Env,
    participant_id: String,
    is_muted: bool,
) -> Result<PromiseRaw<'env, bool>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().mute(participant_id, is_muted).await },
        |muted| muted,
    )
}

#[napi]
pub fn conference_is_muted<'env>(env: &'env Env) -> Result<PromiseRaw<'env, bool>> {
    let sdk = sdk_or_reject!(env);
    promise(
        env,
        async move { sdk.conference().is_muted().await },
        |muted| muted,
    )
}

/// Unknown permission strings reject with `INVALID_ARGUMENT` before any request.
#[napi]
pub fn conference_update_permissions<'env>(
    env: &'env Env,
    participant_permissions: Vec<NativeParticipantPermissions>,
) -> Result<PromiseRaw<'env, ()>> {
    let sdk = sdk_or_reject!(env);
    let list = match permissions(participant_permissions) {
        Ok(list) => list,
        Err(e) => return rejected(env, e),
    };
    promise(
        env,
        async move { sdk.conference().update_permissions(list).await },
        |()| (),
    )
}
