//! Access tokens: who provides them (`provider`, `credentials`), and when they are refreshed
//! (`manager`, `schedule`).

pub mod credentials;
pub mod manager;
pub mod provider;
mod schedule;
