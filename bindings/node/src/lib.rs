//! Node host of `@dolbyio/react-native-iapi-sdk`: the `NativeDolbyIoIAPI` contract (stated in
//! `src-js/NativeDolbyIoIAPI.ts`) over the core's `NativeModuleHost`, for Node (the demo, the
//! end-to-end tests, app developers' tests against the emulator).
//!
//! It only converts, like the Kotlin and Swift shims: JS values to and from the host's records
//! with serde ([`Arg`], [`Reply`]), errors with `native_error`, and each host event to one call
//! of JS's `emit(name, payload)`. `src-js/node/NodeHost.ts` serves the spec's event emitters
//! from that. `index.d.ts` is generated from this file by napi-rs (`bash bindings/node/build.sh`).

use iapi_core::{
    check_config, config_for_base_url, default_config, native_error, AccessTokenRequest,
    IapiConfig, IapiError, NativeConference, NativeConferenceCreateOptions,
    NativeConferenceJoinOptions, NativeConferenceStatusChange, NativeConnectionState,
    NativeLogRecord, NativeModuleEvents, NativeModuleHost, NativeParticipant,
    NativeParticipantPermissions, NativeParticipantsChange, NativePermissionsChange,
    NativeTokenState, ParticipantInfo,
};
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

type CoreResult<T> = std::result::Result<T, IapiError>;

/// The spec's events, by name.
#[napi(string_enum = "camelCase")]
pub enum NativeEventName {
    OnAccessTokenRequest,
    OnConferenceStatusChange,
    OnParticipantsChange,
    OnPermissionsChange,
    OnConnectionStateChange,
    OnTokenStateChange,
    OnLog,
    /// Not a spec event: a log record for the console (`src-js/node/NodeHost.ts` writes it).
    WritePlatformLog,
}

/// JS's `emit(name, payload)`. Weak: an idle host does not keep Node running.
type Emit = ThreadsafeFunction<
    FnArgs<(NativeEventName, Value)>,
    (),
    FnArgs<(NativeEventName, Value)>,
    Status,
    false,
    true,
>;

/// The host's events, each emitted to JS by its spec name (never blocks the core thread).
struct Events(Emit);

impl Events {
    fn emit(&self, name: NativeEventName, payload: Value) -> CoreResult<()> {
        let args = FnArgs::from((name, payload));
        match self.0.call(args, ThreadsafeFunctionCallMode::NonBlocking) {
            Status::Ok => Ok(()),
            status => Err(IapiError::InvalidState {
                reason: format!("the event could not be queued to JS ({status})"),
            }),
        }
    }
}

impl NativeModuleEvents for Events {
    fn on_access_token_request(&self, request: AccessTokenRequest) -> CoreResult<()> {
        let payload = json!({ "requestId": request.request_id, "isExpired": request.is_expired });
        self.emit(NativeEventName::OnAccessTokenRequest, payload)
    }
    fn on_conference_status_change(&self, change: NativeConferenceStatusChange) -> CoreResult<()> {
        self.emit(NativeEventName::OnConferenceStatusChange, spec_json(change))
    }
    fn on_participants_change(&self, change: NativeParticipantsChange) -> CoreResult<()> {
        self.emit(NativeEventName::OnParticipantsChange, spec_json(change))
    }
    fn on_permissions_change(&self, change: NativePermissionsChange) -> CoreResult<()> {
        self.emit(NativeEventName::OnPermissionsChange, spec_json(change))
    }
    fn on_connection_state_change(&self, state: NativeConnectionState) -> CoreResult<()> {
        self.emit(NativeEventName::OnConnectionStateChange, spec_json(state))
    }
    fn on_token_state_change(&self, state: NativeTokenState) -> CoreResult<()> {
        self.emit(NativeEventName::OnTokenStateChange, spec_json(state))
    }
    fn on_log(&self, record: NativeLogRecord) -> CoreResult<()> {
        self.emit(NativeEventName::OnLog, spec_json(record))
    }
    fn write_platform_log(&self, record: NativeLogRecord) -> CoreResult<()> {
        self.emit(NativeEventName::WritePlatformLog, spec_json(record))
    }
}

/// A record as the spec's JSON. Optional keys are absent, never null: the wire records skip
/// them, and the nested `ParticipantInfo` (which serializes them as null) is cleaned here.
fn spec_json<T: Serialize>(value: T) -> Value {
    fn without_nulls(value: Value) -> Value {
        match value {
            Value::Object(map) => map
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
            Value::Array(items) => items.into_iter().map(without_nulls).collect(),
            other => other,
        }
    }
    without_nulls(serde_json::to_value(value).expect("the host's records serialize to JSON"))
}

/// A JS argument as a host record (serde). A value of the wrong shape becomes INVALID_ARGUMENT,
/// with which the call's promise rejects.
pub struct Arg<T>(CoreResult<T>);

impl<T: DeserializeOwned> FromNapiValue for Arg<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let value = unsafe { Unknown::from_napi_value(env, value)? };
        let converted = Env::from_raw(env).from_js_value(value);
        Ok(Self(converted.map_err(|e| IapiError::InvalidArgument {
            reason: e.reason,
        })))
    }
}

impl<T> TypeName for Arg<T> {
    fn type_name() -> &'static str {
        "Arg"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl<T> ValidateNapiValue for Arg<T> {}

/// A host call's outcome as its promise's settlement: the record as the spec's JSON, or a JS
/// `Error` as every platform rejects: `code` and `message` from `native_error`, and for SERVER
/// `userInfo: { status, platformCode? }`, where React Native puts a native rejection's userInfo
/// (src-js/nativeCall.ts reads it there on every host).
pub struct Reply<T>(CoreResult<T>);

/// The outcome of a spec method that resolves `void`.
type Done = Reply<Void>;

/// Resolves `undefined`, where `()` would serialize to null.
pub struct Void;

impl<T: Serialize> From<CoreResult<T>> for Reply<T> {
    fn from(outcome: CoreResult<T>) -> Self {
        Self(outcome)
    }
}

impl From<CoreResult<()>> for Done {
    fn from(outcome: CoreResult<()>) -> Self {
        Self(outcome.map(|()| Void))
    }
}

impl<T: Serialize> ToNapiValue for Reply<T> {
    unsafe fn to_napi_value(env: sys::napi_env, reply: Self) -> Result<sys::napi_value> {
        match reply.0 {
            Ok(value) => unsafe { Value::to_napi_value(env, spec_json(value)) },
            Err(e) => Err(js_error(&Env::from_raw(env), &e)),
        }
    }
}

impl ToNapiValue for Done {
    unsafe fn to_napi_value(env: sys::napi_env, reply: Self) -> Result<sys::napi_value> {
        match reply.0 {
            Ok(Void) => unsafe { <()>::to_napi_value(env, ()) },
            Err(e) => Err(js_error(&Env::from_raw(env), &e)),
        }
    }
}

/// See [`Reply`].
fn js_error(env: &Env, error: &IapiError) -> Error {
    let native = native_error(error);
    let js = JsError::from(Error::new(native.code, native.message)).into_unknown(*env);
    if let Some(status) = native.status {
        let user_info = json!({ "status": status, "platformCode": native.platform_code });
        // Best effort: without userInfo the error still has its code and message.
        let _ = Object::from_raw(env.raw(), js.raw()).set("userInfo", spec_json(user_info));
    }
    Error::from(js)
}

/// `conferenceLeave`'s argument (the host takes its `leaveRoom` alone).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeaveOptions {
    leave_room: Option<bool>,
}

/// Options of the constructor; absent fields come from `IAPI_BASE_URL` and
/// `IAPI_CALLBACK_TIMEOUT_MS`, else the production defaults.
#[napi(object)]
#[derive(Default)]
pub struct NodeHostConfig {
    /// Base URL of every platform host, e.g. the emulator's `http://127.0.0.1:PORT`.
    pub base_url: Option<String>,
    /// How long one refresh callback invocation may take, in ms (default 30000).
    pub callback_timeout_ms: Option<u32>,
}

/// The core configuration for `options` over the environment's and production defaults.
fn core_config(options: NodeHostConfig) -> CoreResult<IapiConfig> {
    let env_url = std::env::var("IAPI_BASE_URL").ok();
    let mut config = match options
        .base_url
        .or(env_url.filter(|u| !u.trim().is_empty()))
    {
        Some(url) => config_for_base_url(url),
        None => default_config(),
    };
    if let Some(ms) = options.callback_timeout_ms {
        config.callback_timeout_ms = ms.into();
    } else if let Ok(raw) = std::env::var("IAPI_CALLBACK_TIMEOUT_MS") {
        config.callback_timeout_ms =
            raw.trim().parse().map_err(|_| IapiError::InvalidArgument {
                reason: "IAPI_CALLBACK_TIMEOUT_MS must be a number of milliseconds".into(),
            })?;
    }
    // Refuse a bad configuration now (the host itself would only reject its calls).
    check_config(&config)?;
    Ok(config)
}

/// One native module instance: the spec's methods over the core's `NativeModuleHost`, whose
/// events go to `emit`. Each instance has its own SDK (token, session); `shutdown` ends it.
#[napi]
pub struct NodeHost(Arc<NativeModuleHost>);

#[napi]
impl NodeHost {
    /// Throws INVALID_ARGUMENT for a bad base URL (non-loopback `http`, malformed) or timeout.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "(event: NativeEventName, payload: object) => void")] emit: Emit,
        config: Option<NodeHostConfig>,
    ) -> Result<Self> {
        let config = core_config(config.unwrap_or_default()).map_err(|e| js_error(&env, &e))?;
        Ok(Self(NativeModuleHost::new(config, Arc::new(Events(emit)))))
    }

    #[napi(ts_return_type = "Promise<boolean>")]
    pub async fn initialize(&self, consumer_key: String, consumer_secret: String) -> Reply<bool> {
        self.0
            .initialize(consumer_key, consumer_secret)
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<boolean>")]
    pub async fn initialize_token(&self, access_token: Option<String>) -> Reply<bool> {
        self.0.initialize_token(access_token).await.into()
    }

    #[napi]
    pub fn resolve_access_token_request(&self, request_id: String, access_token: String) {
        self.0
            .resolve_access_token_request(request_id, access_token);
    }

    #[napi]
    pub fn reject_access_token_request(&self, request_id: String, reason: String) {
        self.0.reject_access_token_request(request_id, reason);
    }

    #[napi(ts_return_type = "Promise<NativeParticipant>")]
    pub async fn session_open(
        &self,
        #[napi(ts_arg_type = "NativeParticipantInfo")] info: Arg<Option<ParticipantInfo>>,
    ) -> Reply<NativeParticipant> {
        async { self.0.session_open(info.0?).await }.await.into()
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub async fn session_close(&self) -> Done {
        self.0.session_close().await.into()
    }

    #[napi(ts_return_type = "Promise<boolean>")]
    pub async fn session_is_open(&self) -> Reply<bool> {
        self.0.session_is_open().await.into()
    }

    #[napi(ts_return_type = "Promise<NativeParticipant>")]
    pub async fn session_get_participant(&self) -> Reply<NativeParticipant> {
        self.0.session_get_participant().await.into()
    }

    #[napi(ts_return_type = "Promise<NativeConnectionState>")]
    pub async fn session_get_connection_state(&self) -> Reply<NativeConnectionState> {
        self.0.session_get_connection_state().await.into()
    }

    #[napi(ts_return_type = "Promise<NativeTokenState>")]
    pub async fn get_token_state(&self) -> Reply<NativeTokenState> {
        self.0.get_token_state().await.into()
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub async fn set_log_level(
        &self,
        #[napi(ts_arg_type = "string")] level: Arg<String>,
        #[napi(ts_arg_type = "boolean")] platform_log: Arg<bool>,
    ) -> Done {
        async { self.0.set_log_level(level.0?, platform_log.0?).await }
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<NativeConference>")]
    pub async fn conference_create(
        &self,
        #[napi(ts_arg_type = "NativeConferenceCreateOptions")] options: Arg<
            Option<NativeConferenceCreateOptions>,
        >,
    ) -> Reply<NativeConference> {
        async { self.0.conference_create(options.0?).await }
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<NativeConference>")]
    pub async fn conference_fetch(&self, conference_id: String) -> Reply<NativeConference> {
        self.0.conference_fetch(conference_id).await.into()
    }

    /// Resolves null when the local participant is in no conference.
    #[napi(ts_return_type = "Promise<NativeConference | null>")]
    pub async fn conference_current(&self) -> Reply<Option<NativeConference>> {
        self.0.conference_current().await.into()
    }

    #[napi(ts_return_type = "Promise<NativeConference>")]
    pub async fn conference_join(
        &self,
        conference_id: String,
        #[napi(ts_arg_type = "NativeConferenceJoinOptions")] options: Arg<
            Option<NativeConferenceJoinOptions>,
        >,
    ) -> Reply<NativeConference> {
        async { self.0.conference_join(conference_id, options.0?).await }
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub async fn conference_leave(
        &self,
        #[napi(ts_arg_type = "NativeConferenceLeaveOptions")] options: Arg<Option<LeaveOptions>>,
    ) -> Done {
        let leave_room = |o: Option<LeaveOptions>| o.and_then(|o| o.leave_room).unwrap_or(false);
        async { self.0.conference_leave(leave_room(options.0?)).await }
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<NativeParticipant[]>")]
    pub async fn conference_get_participants(
        &self,
        conference_id: String,
    ) -> Reply<Vec<NativeParticipant>> {
        self.0
            .conference_get_participants(conference_id)
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<NativeParticipant>")]
    pub async fn conference_get_participant(
        &self,
        participant_id: String,
    ) -> Reply<NativeParticipant> {
        self.0
            .conference_get_participant(participant_id)
            .await
            .into()
    }

    /// Resolves a ConferenceStatus value.
    #[napi(ts_return_type = "Promise<string>")]
    pub async fn conference_get_status(&self, conference_id: String) -> Reply<String> {
        self.0.conference_get_status(conference_id).await.into()
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub async fn conference_kick(&self, participant_id: String) -> Done {
        self.0.conference_kick(participant_id).await.into()
    }

    #[napi(ts_return_type = "Promise<boolean>")]
    pub async fn conference_mute(&self, participant_id: String, is_muted: bool) -> Reply<bool> {
        self.0
            .conference_mute(participant_id, is_muted)
            .await
            .into()
    }

    #[napi(ts_return_type = "Promise<boolean>")]
    pub async fn conference_is_muted(&self) -> Reply<bool> {
        self.0.conference_is_muted().await.into()
    }

    #[napi(ts_return_type = "Promise<void>")]
    pub async fn conference_update_permissions(
        &self,
        #[napi(ts_arg_type = "NativeParticipantPermissions[]")] participant_permissions: Arg<
            Vec<NativeParticipantPermissions>,
        >,
    ) -> Done {
        let list = participant_permissions.0;
        async { self.0.conference_update_permissions(list?).await }
            .await
            .into()
    }

    /// The process came back to the foreground: the core re-evaluates the access token now.
    #[napi]
    pub fn resume(&self) {
        self.0.resume();
    }

    /// Ends this instance: no event after this returns, running and later calls reject with
    /// CANCELLED (`reason`), its session's socket closes. Idempotent.
    #[napi]
    pub fn shutdown(&self, reason: String) {
        self.0.shutdown(reason);
    }
}
