//! `/_control/*`: lets tests in other languages, which run the emulator as a subprocess,
//! do what Rust tests do through [`crate::Emulator`]. Unauthenticated on purpose: the
//! emulator only ever binds 127.0.0.1. Not counted, never faulted.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::AppState;
use crate::errors::ApiError;
use crate::faults::{Fault, Route};

/// The control routes, relative to `/_control`.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/mint", post(mint))
        .route("/revoke", post(revoke))
        .route("/faults", post(inject).delete(clear))
        .route("/counters", get(counters))
        .route("/ws", get(ws_sessions))
        .route("/ws/drop", post(ws_drop))
        .route("/ws/refuse", post(ws_refuse))
        .route("/clock", get(clock).post(set_clock))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MintBody {
    app_key: String,
    /// Defaults to the configured token lifetime.
    ttl_secs: Option<i64>,
}

/// `{"appKey":..,"ttlSecs":..}` -> `{"accessToken":..}`; any lifetime, negative included.
async fn mint(State(shared): State<AppState>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body: MintBody = super::parse_json(&body)?;
    let ttl = body.ttl_secs.unwrap_or(shared.token_ttl_secs);
    Ok(Json(
        json!({ "accessToken": shared.mint(&body.app_key, ttl) }),
    ))
}

#[derive(Deserialize)]
struct RevokeBody {
    token: String,
}

/// `{"token":..}` -> `{}`; later requests with that token get the 401 `Invalid_token`.
async fn revoke(State(shared): State<AppState>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body: RevokeBody = super::parse_json(&body)?;
    shared.revoke(&body.token);
    Ok(Json(json!({})))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FaultBody {
    route: String,
    kind: String,
    latency_ms: Option<u64>,
    status: Option<u16>,
    /// For `date`: how far the `Date` header is moved from the emulator's clock.
    date_offset_ms: Option<i64>,
    /// Absent or null: until cleared.
    times: Option<u32>,
}

/// `{"route":"token|identify|logout|conference*|ws","kind":"latency|status|drop|date|closeAfterHandshake","latencyMs":..,"status":..,"dateOffsetMs":..,"times":..}` -> `{}`.
/// `date` serves normally with a `Date` header `dateOffsetMs` from the emulator's clock;
/// `closeAfterHandshake` (route `ws`) completes the WebSocket handshake and closes at once.
async fn inject(State(shared): State<AppState>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body: FaultBody = super::parse_json(&body)?;
    let route = Route::from_name(&body.route)
        .ok_or_else(|| ApiError::bad_request(format!("unknown route {:?}", body.route)))?;
    let fault = match (body.kind.as_str(), body.latency_ms, body.status) {
        ("latency", Some(ms), _) => Fault::Latency(Duration::from_millis(ms)),
        ("status", _, Some(status)) if (100..=999).contains(&status) => Fault::Status(status),
        ("drop", _, _) => Fault::DropConnection,
        ("closeAfterHandshake", _, _) => Fault::CloseAfterHandshake,
        ("date", _, _) => Fault::DateOffset(
            body.date_offset_ms
                .ok_or_else(|| ApiError::bad_request("date needs dateOffsetMs"))?,
        ),
        ("latency", None, _) => return Err(ApiError::bad_request("latency needs latencyMs")),
        ("status", _, _) => return Err(ApiError::bad_request("status needs status (100..=999)")),
        (other, _, _) => return Err(ApiError::bad_request(format!("unknown kind {other:?}"))),
    };
    shared.faults.inject(route, fault, body.times);
    Ok(Json(json!({})))
}

/// Removes all injected faults -> `{}`.
async fn clear(State(shared): State<AppState>) -> Json<Value> {
    shared.faults.clear();
    Json(json!({}))
}

/// `{"token":n,"identify":n,"logout":n,"conferenceCreate":n,..,"ws":n}`: requests that
/// reached each platform route.
async fn counters(State(shared): State<AppState>) -> Json<Value> {
    let counts: Map<String, Value> = Route::ALL
        .iter()
        .map(|&r| (r.name().to_owned(), json!(shared.faults.count(r))))
        .collect();
    Json(Value::Object(counts))
}

/// `{"open":n}`: event WebSockets currently open.
async fn ws_sessions(State(shared): State<AppState>) -> Json<Value> {
    Json(json!({ "open": shared.sessions.open_count() }))
}

/// Drops every event WebSocket at once (no close frame) -> `{"dropped":n}`.
async fn ws_drop(State(shared): State<AppState>) -> Json<Value> {
    Json(json!({ "dropped": shared.sessions.drop_all() }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefuseBody {
    duration_ms: u64,
    /// Also drop the open sockets (as `/ws/drop`), after the refusal is in place.
    #[serde(default)]
    drop: bool,
}

/// `{"durationMs":n,"drop"?:bool}` -> `{"dropped":n}`: refuses event WebSocket handshakes
/// (503) for that long; with `drop`, also drops every open socket.
async fn ws_refuse(State(shared): State<AppState>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body: RefuseBody = super::parse_json(&body)?;
    shared.refuse_websockets(Duration::from_millis(body.duration_ms));
    let dropped = if body.drop {
        shared.sessions.drop_all()
    } else {
        0
    };
    Ok(Json(json!({ "dropped": dropped })))
}

/// `{"offsetMs":n,"nowMs":n}`: the clock offset and the emulator's now (unix ms).
async fn clock(State(shared): State<AppState>) -> Json<Value> {
    Json(json!({
        "offsetMs": shared.clock.offset_ms(),
        "nowMs": shared.clock.now_ms(),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClockBody {
    offset_ms: i64,
}

/// `{"offsetMs":n}` -> `{"offsetMs":n,"nowMs":n}`: moves the emulator's clock for every later
/// request and token.
async fn set_clock(State(shared): State<AppState>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body: ClockBody = super::parse_json(&body)?;
    shared.clock.set_offset_ms(body.offset_ms);
    Ok(clock(State(shared)).await)
}
