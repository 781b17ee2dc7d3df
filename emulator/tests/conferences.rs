//! Conference routes and the session WebSocket, over real sockets.

mod common;

use std::time::Duration;

use common::*;
use futures_util::{SinkExt, StreamExt};
use iapi_emulator::{Emulator, Fault, Route};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

const WAIT: Duration = Duration::from_secs(5);

async fn call(
    emu: &Emulator,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = client().request(method, format!("{}{path}", emu.base_url()));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

async fn post(emu: &Emulator, path: &str, token: &str, body: Value) -> (u16, Value) {
    call(emu, reqwest::Method::POST, path, Some(token), Some(body)).await
}

async fn fetch(emu: &Emulator, token: &str, id: &str) -> (u16, Value) {
    call(
        emu,
        reqwest::Method::GET,
        &format!("/v1/conferences/{id}"),
        Some(token),
        None,
    )
    .await
}

/// Identifies a participant; returns its id and the wsUrl.
async fn identify(emu: &Emulator, token: &str, external_id: &str, name: &str) -> (String, String) {
    let (status, body) = post(
        emu,
        "/v2/users/identify",
        token,
        json!({"externalId": external_id, "name": name}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    (
        body["id"].as_str().unwrap().to_owned(),
        body["wsUrl"].as_str().unwrap().to_owned(),
    )
}

/// Opens the WebSocket at `url` with optional query and Bearer header.
async fn ws_connect(url: &str, query: &str, bearer: Option<&str>) -> Result<Ws, WsError> {
    let full = if query.is_empty() {
        url.to_owned()
    } else {
        format!("{url}?{query}")
    };
    let mut req = full.into_client_request().unwrap();
    if let Some(token) = bearer {
        req.headers_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
    }
    tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(req))
        .await
        .expect("handshake in time")
        .map(|(ws, _)| ws)
}

/// The HTTP status and JSON body of a refused handshake.
async fn ws_refused(url: &str, query: &str, bearer: Option<&str>) -> (u16, Value) {
    match ws_connect(url, query, bearer).await {
        Err(WsError::Http(resp)) => {
            let body = resp.body().clone().unwrap_or_default();
            (
                resp.status().as_u16(),
                serde_json::from_slice(&body).unwrap_or(Value::Null),
            )
        }
        Err(other) => panic!("expected an HTTP refusal, got {other:?}"),
        Ok(_) => panic!("expected a refusal, the handshake succeeded"),
    }
}

/// The next event matching `pred`, skipping others.
async fn next_event(ws: &mut Ws, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next())
            .await
            .unwrap_or_else(|_| panic!("no {what} event in time"))
            .unwrap_or_else(|| panic!("socket closed while waiting for {what}"))
            .unwrap();
        if let Message::Text(text) = msg {
            let event: Value = serde_json::from_str(text.as_str()).unwrap();
            if pred(&event) {
                return event;
            }
        }
    }
}

/// Asserts no event matching `pred` arrives within a short while.
async fn no_event(ws: &mut Ws, what: &str, pred: impl Fn(&Value) -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(300);
    while let Ok(Some(Ok(msg))) = tokio::time::timeout_at(deadline, ws.next()).await {
        if let Message::Text(text) = msg {
            let event: Value = serde_json::from_str(text.as_str()).unwrap();
            assert!(!pred(&event), "unexpected {what}: {event}");
        }
    }
}

/// Reads until the socket ends (events written before a drop may still arrive; a dropped
/// socket ends without a close frame).
async fn socket_ends(ws: &mut Ws) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, ws.next())
            .await
            .expect("socket ends in time")
        {
            Some(Ok(Message::Text(_))) => continue,
            Some(Ok(Message::Close(_))) => panic!("a drop sends no close frame"),
            Some(Ok(_)) => continue,
            None | Some(Err(_)) => return,
        }
    }
}

fn is(kind: &'static str, participant: &str) -> impl Fn(&Value) -> bool {
    let participant = participant.to_owned();
    move |e: &Value| e["type"] == kind && e["participant"]["id"] == participant.as_str()
}

fn participant<'a>(conference: &'a Value, id: &str) -> &'a Value {
    conference["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no participant {id} in {conference}"))
}

fn not_found_shape(body: &Value) {
    assert_eq!(body["type"], "ErrorResponse", "{body}");
    assert_eq!(body["error_reason"], "Not_found", "{body}");
    assert!(body["error_code"].is_u64(), "{body}");
    assert!(body["error_description"].is_string(), "{body}");
}

#[tokio::test]
async fn two_participants_share_a_conference() {
    let emu = start();
    let token_a = emu.mint_token(KEY, 600);
    let token_b = emu.mint_token(KEY, 600);
    let (a, ws_url) = identify(&emu, &token_a, "ext-a", "Ada").await;
    let (b, _) = identify(&emu, &token_b, "ext-b", "Bob").await;
    assert_eq!(
        ws_url,
        format!("ws://127.0.0.1:{}/v1/session/ws", emu.port())
    );
    // A: token in the query, participant from the token; B: Bearer header + participantId.
    let mut ws_a = ws_connect(&ws_url, &format!("access_token={token_a}"), None)
        .await
        .unwrap();
    let mut ws_b = ws_connect(&ws_url, &format!("participantId={b}"), Some(&token_b))
        .await
        .unwrap();
    assert_eq!(emu.websocket_count(), 2);

    // Create, and the same alias again.
    let (status, conf) = post(
        &emu,
        "/v1/conferences/create",
        &token_a,
        json!({"alias": "standup", "params": {"dolbyVoice": true, "liveRecording": false, "videoCodec": "H264", "rtcpMode": "average"}}),
    )
    .await;
    assert_eq!(status, 200, "{conf}");
    let id = conf["id"].as_str().unwrap().to_owned();
    assert_eq!(
        conf,
        json!({"id": id, "alias": "standup", "isNew": true, "status": "CREATED", "participants": []})
    );
    let (status, again) = post(
        &emu,
        "/v1/conferences/create",
        &token_b,
        json!({"alias": "standup"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(again["id"], id.as_str());
    assert_eq!(again["isNew"], false);
    let (_, other) = post(&emu, "/v1/conferences/create", &token_b, json!({})).await;
    assert_ne!(
        other["id"],
        id.as_str(),
        "no alias: always a new conference"
    );
    assert_eq!(other["alias"], Value::Null);

    let (status, fetched) = fetch(&emu, &token_b, &id).await;
    assert_eq!(status, 200);
    assert_eq!(fetched["isNew"], false);
    assert_eq!(fetched["status"], "CREATED");

    // A joins: its own participantAdded, then the conference is JOINED.
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token_a,
        json!({"participantId": a}),
    )
    .await;
    assert_eq!(status, 200, "{conf}");
    assert_eq!(conf["status"], "JOINED");
    let pa = participant(&conf, &a);
    assert_eq!(pa["status"], "CONNECTED");
    assert_eq!(pa["type"], "USER");
    assert_eq!(pa["isMuted"], false);
    assert_eq!(
        pa["info"],
        json!({"name": "Ada", "externalId": "ext-a", "avatarUrl": null})
    );
    next_event(
        &mut ws_a,
        "own participantAdded",
        is("participantAdded", &a),
    )
    .await;
    let status_event = next_event(&mut ws_a, "conferenceStatus", |e| {
        e["type"] == "conferenceStatus"
    })
    .await;
    assert_eq!(
        status_event,
        json!({"type": "conferenceStatus", "conferenceId": id, "status": "JOINED"})
    );

    // B joins as a LISTENER: each side sees B's participantAdded.
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token_b,
        json!({"participantId": b, "participantType": "LISTENER"}),
    )
    .await;
    assert_eq!(status, 200, "{conf}");
    assert_eq!(conf["participants"].as_array().unwrap().len(), 2);
    let added = next_event(
        &mut ws_a,
        "B's participantAdded",
        is("participantAdded", &b),
    )
    .await;
    assert_eq!(added["conferenceId"], id.as_str());
    assert_eq!(added["participant"]["info"]["name"], "Bob");
    assert_eq!(added["participant"]["status"], "CONNECTED");
    assert_eq!(added["participant"]["type"], "LISTENER");
    next_event(
        &mut ws_b,
        "own participantAdded",
        is("participantAdded", &b),
    )
    .await;
    // B joining again changes nothing and sends nothing.
    let (status, _) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token_b,
        json!({"participantId": b, "participantType": "LISTENER"}),
    )
    .await;
    assert_eq!(status, 200);

    // A mutes B: A's socket sees it, and so does a fetch.
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/mute"),
        &token_a,
        json!({"participantId": b, "isMuted": true}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(participant(&conf, &b)["isMuted"], true);
    let muted = next_event(&mut ws_a, "mute", is("participantUpdated", &b)).await;
    assert_eq!(muted["participant"]["isMuted"], true);
    let (_, fetched) = fetch(&emu, &token_a, &id).await;
    assert_eq!(participant(&fetched, &b)["isMuted"], true);
    assert_eq!(participant(&fetched, &a)["isMuted"], false);

    // Permissions: B sees A's update; the payload lists them canonically.
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/permissions"),
        &token_a,
        json!({"permissions": [{"participantId": a, "permissions": ["SEND_AUDIO", "JOIN", "KICK"]}]}),
    )
    .await;
    assert_eq!(status, 200, "{conf}");
    assert_eq!(
        participant(&conf, &a)["permissions"],
        json!(["JOIN", "SEND_AUDIO", "KICK"])
    );
    let perms = next_event(&mut ws_b, "permissionsUpdated", |e| {
        e["type"] == "permissionsUpdated"
    })
    .await;
    assert_eq!(
        perms,
        json!({"type": "permissionsUpdated", "conferenceId": id, "participantId": a, "permissions": ["JOIN", "SEND_AUDIO", "KICK"]})
    );
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{id}/permissions"),
        &token_a,
        json!({"permissions": [{"participantId": a, "permissions": ["JOIN", "FLY"]}]}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error_reason"], "Bad_request");

    // A kicks B: B gets its own participantUpdated KICKED, A sees it too.
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/kick/{b}"),
        &token_a,
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(participant(&conf, &b)["status"], "KICKED");
    assert_eq!(conf["status"], "JOINED", "A is still there");
    let kicked = next_event(&mut ws_b, "own kick", is("participantUpdated", &b)).await;
    assert_eq!(kicked["participant"]["status"], "KICKED");
    let seen = next_event(&mut ws_a, "B's kick", |e| {
        e["type"] == "participantUpdated" && e["participant"]["status"] == "KICKED"
    })
    .await;
    assert_eq!(seen["participant"]["id"], b.as_str());
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token_b,
        json!({"participantId": b}),
    )
    .await;
    assert_eq!(status, 403, "kicked may not rejoin: {body}");
    assert_eq!(body["type"], "ErrorResponse");

    // A, the last connected participant, leaves: LEFT, then ENDED.
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/leave"),
        &token_a,
        json!({"participantId": a}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(participant(&conf, &a)["status"], "LEFT");
    assert_eq!(conf["status"], "ENDED");
    let removed = next_event(&mut ws_a, "own leave", is("participantRemoved", &a)).await;
    assert_eq!(removed["participant"]["status"], "LEFT");
    let ended = next_event(&mut ws_a, "ENDED", |e| e["type"] == "conferenceStatus").await;
    assert_eq!(ended["status"], "ENDED");
    // B, kicked, is not in the conference's audience any more.
    no_event(&mut ws_b, "event after kick", |e| {
        e["type"] == "participantRemoved" || e["type"] == "conferenceStatus"
    })
    .await;
    let (_, fetched) = fetch(&emu, &token_b, &id).await;
    assert_eq!(fetched["status"], "ENDED");

    // An ENDED conference cannot be joined; its alias now makes a new conference.
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token_a,
        json!({"participantId": a}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    let (_, fresh) = post(
        &emu,
        "/v1/conferences/create",
        &token_a,
        json!({"alias": "standup"}),
    )
    .await;
    assert_ne!(fresh["id"], id.as_str());
    assert_eq!(fresh["isNew"], true);
    assert_eq!(fresh["status"], "CREATED");

    assert_eq!(emu.request_count(Route::ConferenceCreate), 4);
    assert_eq!(emu.request_count(Route::ConferenceJoin), 5);
    assert_eq!(emu.request_count(Route::SessionWs), 2);
    ws_a.close(None).await.unwrap();
}

#[tokio::test]
async fn leaving_participant_is_seen_by_the_other_and_can_rejoin() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, ws_url) = identify(&emu, &token, "x-a", "A").await;
    let (b, _) = identify(&emu, &token, "x-b", "B").await;
    let mut ws_a = ws_connect(
        &ws_url,
        &format!("access_token={token}&participantId={a}"),
        None,
    )
    .await
    .unwrap();
    let (_, conf) = post(&emu, "/v1/conferences/create", &token, json!({})).await;
    let id = conf["id"].as_str().unwrap().to_owned();
    for p in [&a, &b] {
        let (status, _) = post(
            &emu,
            &format!("/v1/conferences/{id}/join"),
            &token,
            json!({"participantId": p}),
        )
        .await;
        assert_eq!(status, 200);
    }
    let (_, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/leave"),
        &token,
        json!({"participantId": b}),
    )
    .await;
    assert_eq!(conf["status"], "JOINED");
    let removed = next_event(&mut ws_a, "B left", is("participantRemoved", &b)).await;
    assert_eq!(removed["participant"]["status"], "LEFT");
    let (status, conf) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token,
        json!({"participantId": b}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(participant(&conf, &b)["status"], "CONNECTED");
    let back = next_event(&mut ws_a, "B back", is("participantUpdated", &b)).await;
    assert_eq!(back["participant"]["status"], "CONNECTED");
}

#[tokio::test]
async fn unknown_ids_and_bad_bodies() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, _) = identify(&emu, &token, "u-a", "A").await;
    let missing = "00000000-0000-4000-8000-000000000000";

    let (status, body) = fetch(&emu, &token, missing).await;
    assert_eq!(status, 404);
    not_found_shape(&body);
    for path in ["join", "leave", "mute"] {
        let (status, body) = post(
            &emu,
            &format!("/v1/conferences/{missing}/{path}"),
            &token,
            json!({"participantId": a, "isMuted": true}),
        )
        .await;
        assert_eq!(status, 404, "{path}: {body}");
        not_found_shape(&body);
    }
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{missing}/kick/{a}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
    not_found_shape(&body);

    let (_, conf) = post(&emu, "/v1/conferences/create", &token, json!({})).await;
    let id = conf["id"].as_str().unwrap().to_owned();
    // Participants not in the conference.
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{id}/kick/{missing}"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
    not_found_shape(&body);
    for path in ["leave", "mute"] {
        let (status, body) = post(
            &emu,
            &format!("/v1/conferences/{id}/{path}"),
            &token,
            json!({"participantId": a, "isMuted": false}),
        )
        .await;
        assert_eq!(status, 404, "{path}: {body}");
        not_found_shape(&body);
    }
    // Never identified: cannot join (403), cannot get permissions (404).
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token,
        json!({"participantId": missing}),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error_reason"], "Forbidden");
    let (status, body) = post(
        &emu,
        &format!("/v1/conferences/{id}/permissions"),
        &token,
        json!({"permissions": [{"participantId": missing, "permissions": ["JOIN"]}]}),
    )
    .await;
    assert_eq!(status, 404);
    not_found_shape(&body);
    // Permissions without JOIN keep a participant out.
    let (status, _) = post(
        &emu,
        &format!("/v1/conferences/{id}/permissions"),
        &token,
        json!({"permissions": [{"participantId": a, "permissions": ["SEND_AUDIO"]}]}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token,
        json!({"participantId": a}),
    )
    .await;
    assert_eq!(status, 403);

    // Bad bodies.
    for (path, body) in [
        (
            "join",
            json!({"participantId": a, "participantType": "user"}),
        ),
        ("join", json!({})),
        ("leave", json!({})),
        ("mute", json!({"participantId": a})),
        ("mute", json!({"participantId": a, "isMuted": "yes"})),
        (
            "permissions",
            json!({"permissions": [{"participantId": a, "permissions": ["join"]}]}),
        ),
        ("permissions", json!({})),
    ] {
        let (status, resp) = post(
            &emu,
            &format!("/v1/conferences/{id}/{path}"),
            &token,
            body.clone(),
        )
        .await;
        assert_eq!(status, 400, "{path} {body}: {resp}");
        assert_eq!(resp["error_reason"], "Bad_request");
    }
    let (status, _) = post(
        &emu,
        "/v1/conferences/create",
        &token,
        json!({"params": {"videoCodec": "AV1"}}),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = post(
        &emu,
        "/v1/conferences/create",
        &token,
        json!({"params": {"ttl": "long"}}),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn conference_routes_need_a_valid_token() {
    let emu = start();
    let good = emu.mint_token(KEY, 600);
    let (_, conf) = post(&emu, "/v1/conferences/create", &good, json!({})).await;
    let id = conf["id"].as_str().unwrap();
    let expired = emu.mint_token(KEY, -1);
    let revoked = emu.mint_token(KEY, 600);
    emu.revoke_token(&revoked);
    let routes = [
        (reqwest::Method::POST, "/v1/conferences/create".to_owned()),
        (reqwest::Method::GET, format!("/v1/conferences/{id}")),
        (reqwest::Method::POST, format!("/v1/conferences/{id}/join")),
        (reqwest::Method::POST, format!("/v1/conferences/{id}/leave")),
        (
            reqwest::Method::POST,
            format!("/v1/conferences/{id}/kick/x"),
        ),
        (
            reqwest::Method::POST,
            format!("/v1/conferences/{id}/permissions"),
        ),
        (reqwest::Method::POST, format!("/v1/conferences/{id}/mute")),
    ];
    for (method, path) in routes {
        for token in [None, Some("garbage"), Some(&*expired), Some(&*revoked)] {
            let body = (method == reqwest::Method::POST).then(|| json!({}));
            let (status, resp) = call(&emu, method.clone(), &path, token, body).await;
            assert_eq!(status, 401, "{method} {path}");
            assert_eq!(resp, invalid_token_body(), "{method} {path}");
        }
    }
}

#[tokio::test]
async fn websocket_refuses_bad_tokens_and_unknown_participants() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, url) = identify(&emu, &token, "w-a", "A").await;
    let expired = emu.mint_token(KEY, -1);
    let revoked = emu.mint_token(KEY, 600);
    emu.revoke_token(&revoked);
    let foreign = {
        let other = start();
        other.mint_token(KEY, 600)
    };
    for (query, bearer, what) in [
        (String::new(), None, "no token"),
        ("access_token=garbage".to_owned(), None, "garbage"),
        (format!("access_token={expired}"), None, "expired"),
        (format!("access_token={revoked}"), None, "revoked"),
        (format!("access_token={foreign}"), None, "foreign"),
        (
            format!("participantId={a}"),
            Some(&*expired),
            "expired header",
        ),
        (
            format!("access_token={token}"),
            Some("garbage"),
            "bad header wins",
        ),
    ] {
        let (status, body) = ws_refused(&url, &query, bearer).await;
        assert_eq!(status, 401, "{what}");
        assert_eq!(body, invalid_token_body(), "{what}");
    }
    // A valid token that never identified anyone, and no participantId.
    let fresh = emu.mint_token(KEY, 600);
    let (status, body) = ws_refused(&url, &format!("access_token={fresh}"), None).await;
    assert_eq!(status, 403);
    assert_eq!(body["error_reason"], "Forbidden");
    let (status, _) = ws_refused(&url, "participantId=nobody", Some(&fresh)).await;
    assert_eq!(status, 403);
    // The fresh token works with an identified participantId.
    ws_connect(
        &url,
        &format!("access_token={fresh}&participantId={a}"),
        None,
    )
    .await
    .unwrap();
    // A plain GET (no upgrade) with a good token.
    let (status, body) = call(
        &emu,
        reqwest::Method::GET,
        "/v1/session/ws",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["type"], "ErrorResponse");
    // A fault on the handshake.
    emu.inject_fault(Route::SessionWs, Fault::Status(503), Some(1));
    let (status, body) = ws_refused(&url, &format!("access_token={token}"), None).await;
    assert_eq!((status, body), (503, injected_body()));
}

#[tokio::test]
async fn websocket_drop_control_closes_every_socket() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, url) = identify(&emu, &token, "d-a", "A").await;
    let (b, _) = identify(&emu, &token, "d-b", "B").await;
    let mut sockets = Vec::new();
    for p in [&a, &b] {
        sockets.push(
            ws_connect(
                &url,
                &format!("access_token={token}&participantId={p}"),
                None,
            )
            .await
            .unwrap(),
        );
    }
    let (status, open) = call(&emu, reqwest::Method::GET, "/_control/ws", None, None).await;
    assert_eq!((status, open), (200, json!({"open": 2})));
    let (status, dropped) =
        call(&emu, reqwest::Method::POST, "/_control/ws/drop", None, None).await;
    assert_eq!((status, dropped), (200, json!({"dropped": 2})));
    for mut ws in sockets {
        socket_ends(&mut ws).await;
    }
    assert_eq!(emu.websocket_count(), 0);

    // Reconnecting works and gets events again; the Rust method drops too.
    let mut ws_a = ws_connect(
        &url,
        &format!("access_token={token}&participantId={a}"),
        None,
    )
    .await
    .unwrap();
    let (_, conf) = post(&emu, "/v1/conferences/create", &token, json!({})).await;
    let id = conf["id"].as_str().unwrap().to_owned();
    post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token,
        json!({"participantId": a}),
    )
    .await;
    next_event(&mut ws_a, "after reconnect", is("participantAdded", &a)).await;
    assert_eq!(emu.drop_websockets(), 1);
    socket_ends(&mut ws_a).await;
    // A client close unregisters the session.
    let mut ws = ws_connect(
        &url,
        &format!("access_token={token}&participantId={b}"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(emu.websocket_count(), 1);
    ws.send(Message::Close(None)).await.unwrap();
    let deadline = tokio::time::Instant::now() + WAIT;
    while emu.websocket_count() != 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "session unregistered"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn websocket_refuse_control_refuses_handshakes_for_a_while() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, url) = identify(&emu, &token, "r-a", "A").await;
    let query = format!("access_token={token}&participantId={a}");
    let mut open = ws_connect(&url, &query, None).await.unwrap();

    // Rust API: refuse, then drop: the open socket goes, new handshakes get 503 code 7.
    emu.refuse_websockets(Duration::from_millis(600));
    assert_eq!(
        emu.websocket_count(),
        1,
        "refusing leaves open sockets alone"
    );
    assert_eq!(emu.drop_websockets(), 1);
    socket_ends(&mut open).await;
    let (status, body) = ws_refused(&url, &query, None).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error_code"], 7);
    assert_eq!(body["error_reason"], "Unavailable");
    // After the duration, handshakes work again (polled: the wait is the control's own).
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut back = loop {
        match ws_connect(&url, &query, None).await {
            Ok(ws) => break ws,
            Err(WsError::Http(resp)) if resp.status() == 503 => {
                assert!(tokio::time::Instant::now() < deadline, "still refused");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    };
    assert_eq!(emu.websocket_count(), 1);

    // HTTP control: refuse and drop in one call; a zero duration ends the refusal.
    let (status, answer) = call(
        &emu,
        reqwest::Method::POST,
        "/_control/ws/refuse",
        None,
        Some(json!({"durationMs": 60_000, "drop": true})),
    )
    .await;
    assert_eq!((status, answer), (200, json!({"dropped": 1})));
    socket_ends(&mut back).await;
    assert_eq!(ws_refused(&url, &query, None).await.0, 503);
    let (status, answer) = call(
        &emu,
        reqwest::Method::POST,
        "/_control/ws/refuse",
        None,
        Some(json!({"durationMs": 0})),
    )
    .await;
    assert_eq!((status, answer), (200, json!({"dropped": 0})));
    ws_connect(&url, &query, None).await.unwrap();
    let (status, _) = call(
        &emu,
        reqwest::Method::POST,
        "/_control/ws/refuse",
        None,
        Some(json!({"durationMs": -1})),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn ttl_conference_is_destroyed_after_being_empty_that_long() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, url) = identify(&emu, &token, "t-a", "A").await;
    let mut ws_a = ws_connect(
        &url,
        &format!("access_token={token}&participantId={a}"),
        None,
    )
    .await
    .unwrap();
    let (_, conf) = post(
        &emu,
        "/v1/conferences/create",
        &token,
        json!({"alias": "ttl", "params": {"ttl": 1}}),
    )
    .await;
    let id = conf["id"].as_str().unwrap().to_owned();
    post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token,
        json!({"participantId": a}),
    )
    .await;
    let (_, left) = post(
        &emu,
        &format!("/v1/conferences/{id}/leave"),
        &token,
        json!({"participantId": a}),
    )
    .await;
    assert_eq!(
        left["status"], "ENDED",
        "a ttl conference ends as any other, then is destroyed"
    );
    next_event(&mut ws_a, "removed", is("participantRemoved", &a)).await;
    next_event(&mut ws_a, "ENDED", |e| e["status"] == "ENDED").await;
    // The ttl is real time: wait for the event (no wall-clock assertion beyond "it comes").
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let destroyed = loop {
        let msg = tokio::time::timeout_at(deadline, ws_a.next())
            .await
            .expect("DESTROYED in time")
            .unwrap()
            .unwrap();
        if let Message::Text(text) = msg {
            let event: Value = serde_json::from_str(text.as_str()).unwrap();
            if event["type"] == "conferenceStatus" {
                break event;
            }
        }
    };
    assert_eq!(
        destroyed,
        json!({"type": "conferenceStatus", "conferenceId": id, "status": "DESTROYED"})
    );
    let (status, fetched) = fetch(&emu, &token, &id).await;
    assert_eq!((status, &fetched["status"]), (200, &json!("DESTROYED")));
    let (status, _) = post(
        &emu,
        &format!("/v1/conferences/{id}/join"),
        &token,
        json!({"participantId": a}),
    )
    .await;
    assert_eq!(status, 409);
    let (_, fresh) = post(
        &emu,
        "/v1/conferences/create",
        &token,
        json!({"alias": "ttl"}),
    )
    .await;
    assert_eq!(fresh["isNew"], true, "the alias is free again");

    // Never joined: destroyed after the ttl too; a join before that keeps it alive.
    let (_, never) = post(
        &emu,
        "/v1/conferences/create",
        &token,
        json!({"params": {"ttl": 1}}),
    )
    .await;
    let never = never["id"].as_str().unwrap().to_owned();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while fetch(&emu, &token, &never).await.1["status"] != "DESTROYED" {
        assert!(
            tokio::time::Instant::now() < deadline,
            "not destroyed in time"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn close_after_handshake_fault_completes_each_handshake_then_closes_with_1012() {
    let emu = start();
    let token = emu.mint_token(KEY, 600);
    let (a, url) = identify(&emu, &token, "cah-a", "A").await;
    let query = format!("access_token={token}&participantId={a}");
    // Through the control API, as Kotlin, Swift and Node tests inject it.
    let (status, _) = call(
        &emu,
        reqwest::Method::POST,
        "/_control/faults",
        None,
        Some(json!({"route": "ws", "kind": "closeAfterHandshake", "times": 2})),
    )
    .await;
    assert_eq!(status, 200);
    for _ in 0..2 {
        let mut ws = ws_connect(&url, &query, None)
            .await
            .expect("the handshake succeeds");
        let first = tokio::time::timeout(WAIT, ws.next()).await.unwrap();
        match first {
            Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1012),
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
    // Used up: the third socket stays open.
    let _ws = ws_connect(&url, &query, None).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(emu.websocket_count(), 1);
    assert_eq!(emu.request_count(Route::SessionWs), 3);
}
