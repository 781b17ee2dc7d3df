//! `GET /v1/session/ws`: the session's event WebSocket.
//!
//! Authenticated like every platform route, with the access token in `?access_token=JWT`
//! (browsers cannot set headers on a WebSocket) or an `Authorization: Bearer` header.
//! The socket belongs to `?participantId=ID` when given (an identified participant), else to
//! the participant last identified with the same token. Server -> client only: client
//! messages are ignored (pings are answered).

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{close_code, CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Extension, RawQuery, State};
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::{AppState, CloseAfterHandshake};
use crate::bearer::bearer_token;
use crate::errors::ApiError;
use crate::sessions::SessionRx;

#[derive(Debug, Default, Deserialize)]
struct WsQuery {
    access_token: Option<String>,
    #[serde(rename = "participantId")]
    participant_id: Option<String>,
}

/// Checks the token and the participant, registers the session, then upgrades.
pub(super) async fn session(
    State(shared): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    close_at_once: Option<Extension<CloseAfterHandshake>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    if let Some(left) = shared.websockets_refused_for() {
        return Err(ApiError::unavailable(format!(
            "WebSocket handshakes are refused for another {} ms",
            left.as_millis()
        )));
    }
    let query: WsQuery = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|e| ApiError::bad_request(format!("invalid query: {e}")))?;
    // A header, when present, is the token (even if the query has another one).
    let token = match headers.get(AUTHORIZATION) {
        Some(value) => value.to_str().ok().and_then(bearer_token),
        None => query.access_token.as_deref().filter(|t| !t.is_empty()),
    }
    .ok_or_else(ApiError::invalid_token)?;
    let claims = shared
        .verify(token)
        .map_err(|_| ApiError::invalid_token())?;
    let participant_id = match query.participant_id {
        Some(id) if shared.identified(&id).is_some() => id,
        Some(id) => {
            return Err(ApiError::forbidden(format!(
                "Participant {id} is not identified (POST /v2/users/identify first)"
            )))
        }
        None => shared.participant_of_token(&claims.jti).ok_or_else(|| {
            ApiError::forbidden(
                "No participant for this token: identify with it first or pass participantId",
            )
        })?,
    };
    let upgrade = upgrade.map_err(|_| {
        ApiError::bad_request("expected a WebSocket handshake (GET with Upgrade: websocket)")
    })?;
    // Registered before the 101 goes out: no event can slip between handshake and registration.
    let (session_id, rx) = shared.sessions.register(&participant_id);
    Ok(upgrade.on_upgrade(move |mut socket| async move {
        if close_at_once.is_some() {
            // `Fault::CloseAfterHandshake`: a server restarting right after each handshake.
            let _ = socket
                .send(Message::Close(Some(CloseFrame {
                    code: close_code::RESTART,
                    reason: "service restart".into(),
                })))
                .await;
        } else {
            pump(socket, rx).await;
        }
        shared.sessions.unregister(&participant_id, session_id);
    }))
}

/// Writes queued events until the client closes or the session is dropped.
async fn pump(mut socket: WebSocket, rx: SessionRx) {
    let SessionRx {
        mut events,
        mut killed,
    } = rx;
    loop {
        tokio::select! {
            biased;
            // Dropped (`drop_all`): close the TCP connection at once, no close frame.
            _ = &mut killed => return,
            out = events.recv() => match out {
                Some(text) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                None => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) => {
                    // Flushes the close reply the library queued.
                    let _ = socket.send(Message::Close(None)).await;
                    return;
                }
                None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}
