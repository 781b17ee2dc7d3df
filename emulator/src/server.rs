//! The accept loop. It is hand-written (instead of `axum::serve`) for one reason:
//! `Fault::DropConnection` must close a connection with no HTTP response at all, and
//! that needs a per-connection handle that a request handler can pull.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Notify};

/// Put into every request's extensions; pulling it aborts that request's TCP connection.
#[derive(Clone, Default)]
pub(crate) struct ConnKiller(Arc<Notify>);

impl ConnKiller {
    fn kill(&self) {
        // notify_one keeps a permit if the connection task is not waiting yet.
        self.0.notify_one();
    }
}

/// Aborts the connection carrying `req` and never returns: the connection task drops
/// this future together with the connection, so no response byte is written.
pub(crate) async fn drop_connection(req: Request<Body>) -> Response {
    // Take the killer out first: a `&Request` held across an await would make the future !Send.
    let killer = req.extensions().get::<ConnKiller>().cloned();
    drop(req);
    match killer {
        Some(killer) => {
            killer.kill();
            std::future::pending().await
        }
        // Only reachable if the router is served by something else than `serve`.
        None => crate::errors::ApiError::injected(500).into_response(),
    }
}

/// Serves `app` on `listener` until `shutdown` fires (or its sender is dropped).
pub(crate) async fn serve(listener: TcpListener, app: Router, mut shutdown: oneshot::Receiver<()>) {
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(err) => {
                    // Typically EMFILE under load: back off instead of spinning.
                    eprintln!("iapi-emulator: accept failed: {err}");
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        tokio::spawn(serve_connection(stream, app.clone()));
    }
}

async fn serve_connection(stream: TcpStream, app: Router) {
    // Small JSON exchanges: don't let Nagle add latency to benchmarks.
    let _ = stream.set_nodelay(true);
    let killer = ConnKiller::default();
    let per_request = killer.clone();
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(per_request.clone());
        tower::ServiceExt::oneshot(app.clone(), req.map(Body::new))
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        // The session WebSocket (to come) needs HTTP upgrades.
        .with_upgrades();
    tokio::select! {
        _ = conn => {}
        // Dropping `conn` here closes the socket mid-request: the client reads EOF, no response.
        _ = killer.0.notified() => {}
    }
}
