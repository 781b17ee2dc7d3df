//! Rust core of `@dolbyio/react-native-iapi-sdk`: the Dolby.io Interactivity APIs client that the
//! Kotlin, Swift and Node shims expose. See rust-core/README.md for a map of the files.

uniffi::setup_scaffolding!();

mod bridge;
mod conference;
mod config;
mod core;
mod diagnostics;
mod error;
mod feed;
mod host;
mod http;
mod jwt;
mod logging;
mod runtime;
mod sdk;
mod secrets;
mod session;
mod subscription;
mod sync;
mod token;

pub use bridge::{AccessTokenRequest, TokenRequestBridge, TokenRequestListener};
pub use conference::client::ConferenceClient;
pub use conference::events::{ConferenceEvent, ConferenceEventListener};
pub use conference::models::*;
pub use conference::names::*;
pub use config::{
    check_config, config_for_base_url, default_config, IapiConfig, PRODUCTION_BASE_URL,
};
pub use diagnostics::{measure_provider_round_trips, RoundTripStats};
pub use error::{codes, error_code, error_message, IapiError};
pub use host::events::NativeModuleEvents;
pub use host::module::NativeModuleHost;
pub use host::wire::*;
pub use sdk::DolbyIoIapi;
pub use session::{Participant, ParticipantInfo, SessionClient};
pub use subscription::Subscription;
pub use token::provider::AccessTokenProvider;

/// The refresh schedule's pure decisions and the clock-skew arithmetic, for the fleet simulation
/// benchmark and property tests. Not part of the FFI surface.
#[doc(hidden)]
pub mod internals {
    pub use crate::jwt::{redact, AccessToken};
    pub use crate::token::clock::{offset_window, parse_http_date};
    pub use crate::token::schedule;
}
