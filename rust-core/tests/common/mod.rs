//! Shared helpers of the core's integration tests: an emulator per test and scripted providers.
#![allow(dead_code)]

pub mod conference;
pub mod fake;
pub mod shim;

use async_trait::async_trait;
use iapi_core::{config_for_base_url, AccessTokenProvider, DolbyIoIapi, IapiConfig, IapiError};
use iapi_emulator::{App, Emulator, EmulatorConfig};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const KEY: &str = "app-key";
pub const SECRET: &str = "app-secret-value";

pub fn emulator() -> Arc<Emulator> {
    emulator_with_ttl(3600)
}

/// An emulator whose token endpoint issues tokens of `ttl_secs` by default.
pub fn emulator_with_ttl(ttl_secs: u64) -> Arc<Emulator> {
    let config = EmulatorConfig {
        apps: vec![App::new(KEY, SECRET)],
        token_ttl: Duration::from_secs(ttl_secs),
        ..EmulatorConfig::default()
    };
    Arc::new(Emulator::start(config).expect("emulator starts"))
}

pub fn config(emu: &Emulator) -> IapiConfig {
    config_for_base_url(emu.base_url())
}

pub fn sdk(emu: &Emulator) -> Arc<DolbyIoIapi> {
    DolbyIoIapi::new(config(emu)).unwrap()
}

pub fn sdk_with(emu: &Emulator, edit: impl FnOnce(&mut IapiConfig)) -> Arc<DolbyIoIapi> {
    let mut c = config(emu);
    edit(&mut c);
    DolbyIoIapi::new(c).unwrap()
}

type Behaviour = dyn Fn(usize, bool) -> Pin<Box<dyn Future<Output = Result<String, IapiError>> + Send>>
    + Send
    + Sync;

/// A provider whose answer is scripted per call; records every call's time and `is_expired`.
pub struct Scripted {
    behaviour: Box<Behaviour>,
    calls: Mutex<Vec<(Instant, bool)>>,
}

impl Scripted {
    pub fn new<F, Fut>(f: F) -> Arc<Self>
    where
        F: Fn(usize, bool) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<String, IapiError>> + Send + 'static,
    {
        Arc::new(Self {
            behaviour: Box::new(move |n, e| Box::pin(f(n, e))),
            calls: Mutex::default(),
        })
    }

    /// Mints a fresh token of `ttl` seconds on every call.
    pub fn minting(emu: &Arc<Emulator>, ttl: i64) -> Arc<Self> {
        let emu = emu.clone();
        Self::new(move |_, _| {
            let t = emu.mint_token(KEY, ttl);
            async move { Ok(t) }
        })
    }

    /// Fails on every call.
    pub fn failing() -> Arc<Self> {
        Self::new(|_, _| async {
            Err(IapiError::TokenRefreshFailed {
                reason: "backend down".into(),
            })
        })
    }

    pub fn count(&self) -> usize {
        self.calls.lock().unwrap().len()
    }

    pub fn expired_flags(&self) -> Vec<bool> {
        self.calls.lock().unwrap().iter().map(|c| c.1).collect()
    }

    /// Call times in ms since `start`, with their `is_expired`.
    pub fn timeline(&self, start: Instant) -> Vec<(u128, bool)> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .map(|(t, e)| (t.duration_since(start).as_millis(), *e))
            .collect()
    }

    pub fn as_provider(self: &Arc<Self>) -> Arc<dyn AccessTokenProvider> {
        self.clone()
    }
}

#[async_trait]
impl AccessTokenProvider for Scripted {
    async fn refresh_access_token(&self, is_expired: bool) -> Result<String, IapiError> {
        let n = {
            let mut calls = self.calls.lock().unwrap();
            calls.push((Instant::now(), is_expired));
            calls.len() - 1
        };
        (self.behaviour)(n, is_expired).await
    }
}

/// Sleeps until just after a wall-clock second boundary, so a token minted now (whole-second
/// `iat`/`exp`) has its full lifetime ahead and milestone timings are exact.
pub async fn align_to_second() {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        % 1000;
    tokio::time::sleep(Duration::from_millis((1000 - ms as u64) + 5)).await;
}

/// An authenticated round trip through the core (logout is idempotent on the emulator).
pub async fn call(sdk: &DolbyIoIapi) -> Result<serde_json::Value, IapiError> {
    sdk.raw_call("POST", "v1/users/logout", serde_json::json!({}))
        .await
}

/// `n` authenticated calls at once; every one must succeed.
pub async fn concurrent_calls(sdk: &Arc<DolbyIoIapi>, n: usize) {
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let sdk = sdk.clone();
            tokio::spawn(async move { call(&sdk).await })
        })
        .collect();
    for c in calls {
        c.await.unwrap().unwrap();
    }
}

/// The device's wall clock, unix milliseconds.
pub fn wall_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}
