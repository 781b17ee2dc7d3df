//! The conference service: its API (`client`), its state and operations (`service`), the
//! events of the session WebSocket (`events`, `resync`, its transport `socket`) and its state (`connection`), its models (`models`) and their enums'
//! platform names (`names`).

pub mod client;
pub(crate) mod connection;
pub mod events;
pub mod models;
pub mod names;
pub(crate) mod resync;
pub(crate) mod service;
pub(crate) mod socket;
