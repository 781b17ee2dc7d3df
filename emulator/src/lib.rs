//! A local stand-in for the Dolby.io Interactivity APIs platform.
//!
//! It speaks the client routes the SDK core uses, issues real HS256 JWTs with short,
//! configurable lifetimes, answers with the platform's error bodies and can inject
//! faults, so tests, benchmarks and demos run on 127.0.0.1 without Dolby's servers.
//! Conferences are signaling and state only (no media); their events reach clients over
//! the session WebSocket (`GET /v1/session/ws`).
//!
//! ```no_run
//! use iapi_emulator::{App, Emulator, EmulatorConfig};
//! let emu = Emulator::start(EmulatorConfig {
//!     apps: vec![App::new("key", "secret")],
//!     ..EmulatorConfig::default()
//! })
//! .unwrap();
//! println!("{}", emu.base_url());
//! ```

mod bearer;
mod cli;
mod clock;
mod conferences;
mod config;
mod emulator;
mod errors;
mod faults;
mod ids;
pub mod jwt;
mod routes;
mod server;
mod sessions;
mod state;

pub use cli::{parse_args, CliArgs, USAGE};
pub use config::{App, EmulatorConfig, DEFAULT_TOKEN_TTL};
pub use emulator::Emulator;
pub use faults::{Fault, Route};
