//! A state that others watch: the current value with a sequence number, and listeners that get
//! every change, in order, each once. Used for the connection state and the token state.
//!
//! Listeners are called while the feed is locked, so two changes never reach a listener out of
//! order and none is dropped; a listener must return quickly and must not read the feed it is
//! called from (the host's listeners only hand the value to the shim).

use crate::subscription::Subscription;
use crate::sync::lock;
use std::sync::{Arc, Mutex, Weak};

/// A value and the sequence number of the change that made it (0: never changed). The sequence
/// grows with each change, so a reader that got a snapshot and events can keep the newest.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Versioned<T> {
    pub value: T,
    pub sequence: u64,
}

type Listener<T> = Arc<dyn Fn(&Versioned<T>) + Send + Sync>;

struct Inner<T> {
    current: Versioned<T>,
    listeners: Vec<(u64, Listener<T>)>,
    next_id: u64,
}

pub(crate) struct StateFeed<T> {
    inner: Mutex<Inner<T>>,
}

impl<T: Clone + PartialEq + Send + 'static> StateFeed<T> {
    pub fn new(initial: T) -> Arc<Self> {
        Arc::new(Self {
            inner: Mutex::new(Inner {
                current: Versioned {
                    value: initial,
                    sequence: 0,
                },
                listeners: Vec::new(),
                next_id: 1,
            }),
        })
    }

    /// The current value and its sequence number.
    pub fn get(&self) -> Versioned<T> {
        lock(&self.inner).current.clone()
    }

    /// Sets the value and tells every listener; a value equal to the current one changes nothing.
    pub fn set(&self, value: T) {
        self.update(|_| Some(value));
    }

    /// Sets the value `change` makes of the current one (`None`: no change), atomically.
    pub fn update(&self, change: impl FnOnce(&T) -> Option<T>) {
        let mut inner = lock(&self.inner);
        let Some(value) = change(&inner.current.value) else {
            return;
        };
        if value == inner.current.value {
            return;
        }
        inner.current = Versioned {
            value,
            sequence: inner.current.sequence + 1,
        };
        for (_, listener) in &inner.listeners {
            // A panicking Rust listener is reported by the panic hook; the others still hear.
            let _ =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| listener(&inner.current)));
        }
    }

    /// Calls `listener` with every later change until the subscription ends.
    pub fn subscribe(
        self: &Arc<Self>,
        listener: impl Fn(&Versioned<T>) + Send + Sync + 'static,
    ) -> Arc<Subscription> {
        let mut inner = lock(&self.inner);
        let id = inner.next_id;
        inner.next_id += 1;
        inner.listeners.push((id, Arc::new(listener)));
        let feed: Weak<Self> = Arc::downgrade(self);
        Subscription::new(move || {
            if let Some(feed) = feed.upgrade() {
                lock(&feed.inner).listeners.retain(|(i, _)| *i != id);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listeners_get_each_change_once_in_order_until_unsubscribed() {
        let feed = StateFeed::new(0);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sub = {
            let seen = seen.clone();
            feed.subscribe(move |v| lock(&seen).push((v.value, v.sequence)))
        };
        feed.set(1);
        feed.set(1);
        feed.update(|v| Some(v + 1));
        feed.update(|_| None);
        assert_eq!(
            feed.get(),
            Versioned {
                value: 2,
                sequence: 2
            }
        );
        drop(sub);
        feed.set(3);
        assert_eq!(*lock(&seen), vec![(1, 1), (2, 2)]);
    }
}
