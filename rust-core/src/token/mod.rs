//! Access tokens: who provides them (`provider`, `credentials`), and when they are refreshed
//! (`manager`, `schedule`).

pub mod clock;
pub mod credentials;
pub mod manager;
pub mod provider;
pub mod schedule;
