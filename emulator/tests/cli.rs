//! The `iapi-emulator` binary: listening line first, request log, clean exit on SIGTERM/SIGINT.

mod common;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn spawn(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iapi-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    (child, first)
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

/// Waits up to 10 s for exit; kills and fails on timeout.
fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("emulator did not exit on signal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn prints_listening_line_first_serves_and_exits_on_sigterm() {
    let (mut child, first) = spawn(&[
        "--port",
        "0",
        "--app",
        "cli-key:cli-secret",
        "--token-ttl",
        "77",
    ]);
    let base = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    let port: u16 = base
        .strip_prefix("http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(port, 0);

    let resp = common::client()
        .post(format!("{base}/v1/oauth2/token"))
        .basic_auth("cli-key", Some("cli-secret"))
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["expires_in"], 77);
    let token = body["access_token"].as_str().unwrap().to_owned();

    signal(&child, "-TERM");
    assert!(wait_exit(&mut child).success());
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("POST /v1/oauth2/token 200"), "log: {log}");
    assert!(!log.contains(&token), "the log must never contain tokens");
    assert!(
        !log.contains("cli-secret"),
        "the log must never contain secrets"
    );
}

#[test]
fn exits_cleanly_on_sigint() {
    let (mut child, first) = spawn(&["--app", "k:s"]);
    assert!(
        first.starts_with("listening on http://127.0.0.1:"),
        "{first:?}"
    );
    signal(&child, "-INT");
    assert!(wait_exit(&mut child).success());
}

#[test]
fn bad_arguments_exit_with_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_iapi-emulator"))
        .args(["--app", "no-colon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
}

#[tokio::test]
async fn clock_offset_shifts_tokens_and_the_date_header() {
    let (mut child, first) = spawn(&["--app", "k:s", "--clock-offset", "-7200.5"]);
    let base = first
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    let resp = common::client()
        .post(format!("{base}/v1/oauth2/token"))
        .basic_auth("k", Some("s"))
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let system_now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let date = resp.headers()["date"].to_str().unwrap().to_owned();
    let date = httpdate::parse_http_date(&date)
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!((date - (system_now - 7200.5)).abs() <= 2.0, "Date {date}");
    let body: serde_json::Value = resp.json().await.unwrap();
    let iat = common::claims(body["access_token"].as_str().unwrap())["iat"]
        .as_f64()
        .unwrap();
    assert!((iat - (system_now - 7200.5)).abs() <= 2.0, "iat {iat}");
    signal(&child, "-TERM");
    assert!(wait_exit(&mut child).success());
}
