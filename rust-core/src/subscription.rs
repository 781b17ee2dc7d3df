//! Listener registrations that end when their handle is dropped (as matrix-sdk-ffi's
//! `TaskHandle`): no shim keeps attached flags or detaches by hand.

use crate::sync::lock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

/// A listener's registration. Dropping it, or calling `cancel`, removes the listener; a newer
/// subscription on the same source replaces this one (then dropping this one does nothing).
pub struct Subscription {
    cancel: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

impl Subscription {
    /// Removes the listener now (idempotent). No call to it starts after this returns; one that
    /// is running may finish.
    pub fn cancel(&self) {
        if let Some(cancel) = lock(&self.cancel).take() {
            cancel();
        }
    }
}

impl Subscription {
    pub(crate) fn new(cancel: impl FnOnce() + Send + 'static) -> Arc<Self> {
        Arc::new(Self {
            cancel: Mutex::new(Some(Box::new(cancel))),
        })
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// One listener at a time, replaced by each `subscribe`.
pub(crate) struct ListenerSlot<L: ?Sized> {
    current: Mutex<Option<(u64, Arc<L>)>>,
    next_id: AtomicU64,
}

impl<L: ?Sized> Default for ListenerSlot<L> {
    fn default() -> Self {
        Self {
            current: Mutex::new(None),
            next_id: AtomicU64::new(1),
        }
    }
}

impl<L: ?Sized + Send + Sync + 'static> ListenerSlot<L> {
    /// The current listener, to call outside any lock.
    pub fn get(&self) -> Option<Arc<L>> {
        lock(&self.current).as_ref().map(|(_, l)| l.clone())
    }

    /// Makes `listener` the current one until its subscription ends.
    pub fn subscribe(self: &Arc<Self>, listener: Arc<L>) -> Arc<Subscription> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        *lock(&self.current) = Some((id, listener));
        let slot: Weak<Self> = Arc::downgrade(self);
        Subscription::new(move || {
            if let Some(slot) = slot.upgrade() {
                let mut current = lock(&slot.current);
                if current.as_ref().is_some_and(|(i, _)| *i == id) {
                    *current = None;
                }
            }
        })
    }
}
