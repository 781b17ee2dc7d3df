//! Router assembly and the cross-cutting layers: request log, per-route counting and faults.

mod auth;
mod conferences;
mod control;
mod users;
mod ws;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header::DATE;
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::de::DeserializeOwned;

use crate::errors::ApiError;
use crate::faults::{Fault, Route};
use crate::server;
use crate::state::Shared;

/// Router state: the instance's shared state.
pub(crate) type AppState = Arc<Shared>;

/// All routes of one emulator instance.
pub(crate) fn router(shared: AppState) -> Router {
    let platform = |route: Route, handler: MethodRouter<AppState>| {
        // route_layer: only matched methods are counted and faulted, a 405 is not.
        handler.route_layer(middleware::from_fn_with_state(
            Gate {
                shared: shared.clone(),
                route,
            },
            gate,
        ))
    };
    let router = Router::new()
        .route(
            "/v1/oauth2/token",
            platform(Route::Token, post(auth::token)),
        )
        .route(
            "/v2/users/identify",
            platform(Route::Identify, post(users::identify)),
        )
        .route(
            "/v1/users/logout",
            platform(Route::Logout, post(users::logout)),
        )
        .route(
            "/v1/conferences/create",
            platform(Route::ConferenceCreate, post(conferences::create)),
        )
        .route(
            "/v1/conferences/{id}",
            platform(Route::ConferenceFetch, get(conferences::fetch)),
        )
        .route(
            "/v1/conferences/{id}/join",
            platform(Route::ConferenceJoin, post(conferences::join)),
        )
        .route(
            "/v1/conferences/{id}/leave",
            platform(Route::ConferenceLeave, post(conferences::leave)),
        )
        .route(
            "/v1/conferences/{id}/kick/{participant_id}",
            platform(Route::ConferenceKick, post(conferences::kick)),
        )
        .route(
            "/v1/conferences/{id}/permissions",
            platform(Route::ConferencePermissions, post(conferences::permissions)),
        )
        .route(
            "/v1/conferences/{id}/mute",
            platform(Route::ConferenceMute, post(conferences::mute)),
        )
        .route(
            "/v1/session/ws",
            platform(Route::SessionWs, get(ws::session)),
        )
        .nest("/_control", control::router())
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(shared.clone());
    let router = if log_enabled() {
        router.layer(middleware::from_fn(log_request))
    } else {
        router
    };
    // Outermost, so every answer gets it: routes, faults, 404/405 fallbacks, control, the 101.
    router.layer(middleware::from_fn_with_state(shared, date_header))
}

/// A response extension: its `Date` is shifted this many ms (`Fault::DateOffset`).
#[derive(Clone, Copy)]
struct DateShift(i64);

/// A request extension: the WebSocket closes right after its handshake
/// (`Fault::CloseAfterHandshake`).
#[derive(Clone, Copy)]
pub(crate) struct CloseAfterHandshake;

/// Sets `Date` from the emulator's (possibly shifted) clock, moved by a `Fault::DateOffset` when
/// the route's gate applied one. hyper adds a `Date` from the system clock only when the
/// response has none, so this one wins.
async fn date_header(State(shared): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let shift = response.extensions().get::<DateShift>().map_or(0, |s| s.0);
    if let Ok(value) = HeaderValue::from_str(&shared.clock.http_date_shifted(shift)) {
        response.headers_mut().insert(DATE, value);
    }
    response
}

/// `IAPI_EMULATOR_QUIET` (any non-empty value) silences the request log, e.g. for benchmarks.
fn log_enabled() -> bool {
    std::env::var_os("IAPI_EMULATOR_QUIET").is_none_or(|v| v.is_empty())
}

/// One stderr line per request: method, path, status. Never headers or bodies,
/// which carry credentials and tokens.
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    eprintln!("{method} {path} {}", response.status().as_u16());
    response
}

#[derive(Clone)]
struct Gate {
    shared: AppState,
    route: Route,
}

/// Counts the request, then applies the route's next injected fault, if any.
async fn gate(State(gate): State<Gate>, mut req: Request, next: Next) -> Response {
    match gate.shared.faults.on_request(gate.route) {
        Some(Fault::DateOffset(shift)) => {
            let mut response = next.run(req).await;
            response.extensions_mut().insert(DateShift(shift));
            response
        }
        Some(Fault::CloseAfterHandshake) => {
            req.extensions_mut().insert(CloseAfterHandshake);
            next.run(req).await
        }
        None => next.run(req).await,
        Some(Fault::Latency(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(req).await
        }
        Some(Fault::Status(status)) => ApiError::injected(status).into_response(),
        Some(Fault::DropConnection) => {
            // The log layer never sees a response for this one, so say it here.
            if log_enabled() {
                eprintln!("{} {} dropped", req.method(), req.uri().path());
            }
            server::drop_connection(req).await
        }
    }
}

/// Parses a JSON request body; an empty body reads as `{}` so all-optional bodies may be omitted.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(text)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}
