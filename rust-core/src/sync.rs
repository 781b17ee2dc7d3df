//! Lock helpers shared by every module.

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, recovering from poisoning: a panic in a listener or provider (caught where it
/// happens) must not wedge the SDK, and no state here is left half-written by a panic.
pub(crate) fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
