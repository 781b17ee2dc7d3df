//! The native module host: the `NativeDolbyIoIAPI` contract of src-js/NativeDolbyIoIAPI.ts,
//! implemented once for Android, iOS and Node. The shims only convert values and emit events.
//!
//! - `module`: `NativeModuleHost`, one method per spec method, plus `resume` and `shutdown`.
//! - `events`: the `NativeModuleEvents` foreign trait (the spec's events and the platform log
//!   writer) and the rules of
//!   emitting: nothing after shutdown, an undeliverable token request fails at once, only the
//!   local participant's permissions.
//! - `wire`: the spec's records, argument validation, and `native_error` (code, message,
//!   status, platformCode).

pub mod events;
pub mod module;
pub mod wire;
