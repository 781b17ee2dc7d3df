//! The conference service: models (`models`, `names`), the REST client (`client`) and the
//! events of the session WebSocket (`events`).

pub mod client;
pub mod events;
pub mod models;
pub mod names;
pub(crate) mod resync;
