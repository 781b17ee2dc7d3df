//! The one Tokio runtime owned by the core. Foreign callers (Kotlin, Swift, Node) poll our futures
//! on their own executors; everything that needs Tokio (reqwest, timers) runs here instead, so any
//! foreign thread can call any method.

use crate::error::IapiError;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use tokio::task::JoinHandle;

tokio::task_local! {
    /// The module instance (`NativeModuleHost`) whose call started the running task: its log
    /// records go to that module only. Unset or `None` for work started outside a host.
    static INSTANCE: Option<u64>;
}

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

/// The module instance whose work is running, if any (see [`INSTANCE`]).
pub(crate) fn current_instance() -> Option<u64> {
    INSTANCE.try_with(|id| *id).ok().flatten()
}

/// `fut` as the work of module instance `id`: what it spawns (through [`spawn`]) is too.
pub(crate) async fn as_instance<F: Future>(id: u64, fut: F) -> F::Output {
    INSTANCE.scope(Some(id), fut).await
}

/// Runs `f` (synchronous work that may spawn) as the work of module instance `id`.
pub(crate) fn with_instance<R>(id: u64, f: impl FnOnce() -> R) -> R {
    INSTANCE.sync_scope(Some(id), f)
}

/// Spawns `fut` on the core runtime as the work of the current module instance, if any. Every
/// task of the core is spawned through here, so a refresh, a schedule or an event stream that a
/// host's call started logs to that host.
pub(crate) fn spawn<F>(fut: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    // One task type per output type, not one per future (or two, with and without an
    // instance): tokio's task machinery is generic over the spawned future, about 1 kB of code
    // per type and ABI (~70 types). The box costs one allocation beside the task's own.
    let fut: Pin<Box<dyn Future<Output = F::Output> + Send>> = Box::pin(fut);
    runtime().spawn(INSTANCE.scope(current_instance(), fut))
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
    let handle = spawn(fut);
    let _guard = AbortOnDrop(handle.abort_handle());
    match handle.await {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(IapiError::invalid_state(
            "internal error: the operation panicked",
        )),
        Err(_) => Err(IapiError::cancelled("the operation was cancelled")),
    }
}
