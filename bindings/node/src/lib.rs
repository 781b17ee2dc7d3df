//! Node host of `@dolbyio/react-native-iapi-sdk`: the `NativeDolbyIoIAPI` contract
//! (`src-js/NativeDolbyIoIAPI.ts`) over `iapi-core`, for Node (demo, end-to-end tests, app
//! developers' tests against the emulator).
//!
//! A thin shim, like the Kotlin and Swift modules: it converts types and forwards. The token
//! lifecycle (single flight, proactive refresh, `isExpired`, timeouts) lives in the core; the
//! request/answer correlation of the refresh callback lives in the core's `TokenRequestBridge`.
//! `bindings/node/index.js` wraps these functions into the spec's shape (event emitters,
//! conference methods).
//!
//! One SDK instance per process (the RN module is a singleton too). It is created on first use
//! from `IAPI_BASE_URL` / `IAPI_CALLBACK_TIMEOUT_MS` (production defaults otherwise), or by
//! `configure`.

use iapi_core::{
    config_for_base_url, default_config, AccessTokenRequest, DolbyIoIapi, IapiConfig, IapiError,
    Participant, ParticipantInfo, TokenRequestBridge, TokenRequestListener,
};
use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

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

/// `NativeParticipant` (the core has no status / type yet: absent).
#[napi(object)]
pub struct NativeParticipant {
    pub id: String,
    pub info: NativeParticipantInfo,
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

struct Instance {
    sdk: Arc<DolbyIoIapi>,
    bridge: Arc<TokenRequestBridge>,
}

#[derive(Default)]
struct Host {
    instance: Option<Instance>,
    /// Attached while JS has an `onAccessTokenRequest` subscription.
    listener: Option<Arc<dyn TokenRequestListener>>,
}

static HOST: Mutex<Host> = Mutex::new(Host {
    instance: None,
    listener: None,
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

/// A JS `Error` whose `code` is the core's code and whose message is its Display.
fn js_error(env: &Env, error: &IapiError) -> Error {
    let error = Error::new(error.code().to_string(), error.to_string());
    Error::from(JsError::from(error).into_unknown(*env))
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

fn to_native(p: Participant) -> NativeParticipant {
    NativeParticipant {
        id: p.id,
        info: NativeParticipantInfo {
            name: p.info.name,
            external_id: p.info.external_id,
            avatar_url: p.info.avatar_url,
        },
    }
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
