//! Access tokens: who provides them (`provider`, `credentials`), when they are refreshed
//! (`manager` acts, `schedule` decides, `state` is what apps see), and on whose clock (`clock`: the platform's).

pub mod clock;
pub mod credentials;
pub mod manager;
pub mod provider;
pub mod schedule;
pub(crate) mod state;
