//! The conference service: models (`models`) and the REST client (`client`). Events over the
//! session WebSocket come with the conference issue's next step.

pub mod client;
pub mod models;
pub mod names;
