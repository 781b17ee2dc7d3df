//! Conference routes: create, fetch, join, leave, kick, permissions, mute. All Bearer.
//! Each mutation answers the conference as it is afterwards and pushes its events to the
//! participants' WebSockets (see `crate::conferences` for the status semantics).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

use super::AppState;
use crate::bearer::Bearer;
use crate::conferences::{
    canonical_permissions, Change, ConferenceStore, CreateParams, ParticipantInfo, ParticipantType,
};
use crate::errors::ApiError;

/// Runs a mutation under the store's lock and dispatches its events before unlocking,
/// so concurrent changes reach every session in one order.
fn apply(
    shared: &AppState,
    change: impl FnOnce(&mut ConferenceStore) -> Result<Change, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let mut store = shared.conferences.lock().unwrap();
    let (answer, events) = change(&mut store)?;
    shared.sessions.dispatch(events);
    Ok(Json(answer))
}

/// The info of an identified participant, or 403.
fn identified(shared: &AppState, participant_id: &str) -> Result<ParticipantInfo, ApiError> {
    shared.identified(participant_id).ok_or_else(|| {
        ApiError::forbidden(format!(
            "Participant {participant_id} is not identified (POST /v2/users/identify first)"
        ))
    })
}

#[derive(Debug, Default, Deserialize)]
struct CreateBody {
    alias: Option<String>,
    params: Option<ParamsBody>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ParamsBody {
    dolby_voice: Option<bool>,
    live_recording: Option<bool>,
    ttl: Option<u64>,
    video_codec: Option<String>,
    rtcp_mode: Option<String>,
}

/// `{alias?, params?}` -> the conference; a live conference with the same alias is answered
/// with `isNew: false`. An empty alias counts as none.
pub(super) async fn create(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body: CreateBody = super::parse_json(&body)?;
    let p = body.params.unwrap_or_default();
    if let Some(codec) = &p.video_codec {
        if codec != "VP8" && codec != "H264" {
            return Err(ApiError::bad_request(format!(
                "params.videoCodec must be VP8 or H264, got {codec:?}"
            )));
        }
    }
    let params = CreateParams {
        dolby_voice: p.dolby_voice,
        live_recording: p.live_recording,
        ttl: p.ttl,
        video_codec: p.video_codec,
        rtcp_mode: p.rtcp_mode,
    };
    let alias = body.alias.filter(|a| !a.is_empty());
    let answer = shared.conferences.lock().unwrap().create(alias, params);
    Ok(Json(answer))
}

/// The conference, or 404.
pub(super) async fn fetch(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(shared.conferences.lock().unwrap().fetch(&id)?))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JoinBody {
    participant_id: String,
    participant_type: Option<String>,
}

/// `{participantId, participantType?}`: an identified participant joins (CONNECTED).
pub(super) async fn join(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body: JoinBody = super::parse_json(&body)?;
    let kind = match body.participant_type.as_deref() {
        None => ParticipantType::User,
        Some(text) => ParticipantType::parse(text).ok_or_else(|| {
            ApiError::bad_request(format!(
                "participantType must be USER or LISTENER, got {text:?}"
            ))
        })?,
    };
    let info = identified(&shared, &body.participant_id)?;
    apply(&shared, |store| {
        store.join(&id, &body.participant_id, info, kind)
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ParticipantBody {
    participant_id: String,
}

/// `{participantId}`: the participant LEFT; the last one to leave ENDS the conference.
pub(super) async fn leave(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body: ParticipantBody = super::parse_json(&body)?;
    apply(&shared, |store| store.leave(&id, &body.participant_id))
}

/// The participant is KICKED; 404 when it is not in the conference.
pub(super) async fn kick(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    Path((id, participant_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    apply(&shared, |store| store.kick(&id, &participant_id))
}

#[derive(Debug, Deserialize)]
struct PermissionsBody {
    permissions: Vec<PermissionsEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PermissionsEntry {
    participant_id: String,
    permissions: Vec<String>,
}

/// `{permissions: [{participantId, permissions: [..]}]}`: replaces each listed participant's
/// permissions. Unknown values -> 400; a participant never identified -> 404.
pub(super) async fn permissions(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body: PermissionsBody = super::parse_json(&body)?;
    let mut updates = Vec::with_capacity(body.permissions.len());
    for entry in body.permissions {
        let set = canonical_permissions(&entry.permissions)
            .map_err(|bad| ApiError::bad_request(format!("unknown permission {bad:?}")))?;
        if shared.identified(&entry.participant_id).is_none() {
            return Err(ApiError::not_found_what(format!(
                "No participant {}",
                entry.participant_id
            )));
        }
        updates.push((entry.participant_id, set));
    }
    apply(&shared, |store| store.set_permissions(&id, updates))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MuteBody {
    participant_id: String,
    is_muted: bool,
}

/// `{participantId, isMuted}`: stored, shown as `isMuted` in participant payloads.
pub(super) async fn mute(
    State(shared): State<AppState>,
    Bearer(_claims): Bearer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body: MuteBody = super::parse_json(&body)?;
    apply(&shared, |store| {
        store.mute(&id, &body.participant_id, body.is_muted)
    })
}
