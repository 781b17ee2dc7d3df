//! The one Tokio runtime owned by the core. Foreign callers (Kotlin, Swift, Node) poll our futures
//! on their own executors; everything that needs Tokio (reqwest, timers) runs here instead, so any
//! foreign thread can call any method.

use crate::error::IapiError;
use std::future::Future;
use std::sync::OnceLock;

pub(crate) fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("iapi-core")
            .enable_all()
            .build()
            .expect("the IAPI core cannot start its Tokio runtime")
    })
}

/// Runs `fut` on the core runtime and awaits it from any executor. Dropping the returned future
/// (a cancelled Kotlin coroutine or Swift task) aborts the work.
pub(crate) async fn run<T, F>(fut: F) -> Result<T, IapiError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, IapiError>> + Send + 'static,
{
    struct AbortOnDrop(tokio::task::AbortHandle);
    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            self.0.abort();
        }
    }
    let handle = runtime().spawn(fut);
    let _guard = AbortOnDrop(handle.abort_handle());
    match handle.await {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(IapiError::invalid_state(
            "internal error: the operation panicked",
        )),
        Err(_) => Err(IapiError::cancelled("the operation was cancelled")),
    }
}
