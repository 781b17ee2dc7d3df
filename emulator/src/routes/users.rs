//! Session routes: `POST /v2/users/identify` (session open) and `POST /v1/users/logout`.

use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::AppState;
use crate::bearer::Bearer;
use crate::conferences::ParticipantInfo;
use crate::errors::ApiError;

/// Identify body; every field optional, and the body itself may be empty.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdentifyBody {
    external_id: Option<String>,
    name: Option<String>,
    avatar_url: Option<String>,
}

/// Opens a session: returns the participant (stable per `externalId`) and the event WebSocket URL,
/// and remembers the participant (with its info) so it may join conferences and open the WebSocket.
pub(super) async fn identify(
    State(shared): State<AppState>,
    Bearer(claims): Bearer,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body: IdentifyBody = super::parse_json(&body)?;
    let info = ParticipantInfo {
        name: body.name.clone(),
        external_id: body.external_id.clone(),
        avatar_url: body.avatar_url.clone(),
    };
    Ok(Json(json!({
        "id": shared.identify(&claims.jti, info),
        "externalId": body.external_id,
        "name": body.name,
        "avatarUrl": body.avatar_url,
        "wsUrl": shared.ws_url(),
    })))
}

/// Closes the session. The token stays valid: on the platform, logout ends the
/// session, not the app's credentials.
pub(super) async fn logout(Bearer(_claims): Bearer) -> Json<Value> {
    Json(json!({}))
}
