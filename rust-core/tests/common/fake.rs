//! A minimal HTTP server on 127.0.0.1 for what the emulator cannot do: answer slowly where no
//! route can be faulted (the clock probe), or echo the request's headers into an error body.
//! One request per connection (`Connection: close`); the answer is the handler's.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A request as the fake server read it.
pub struct Request {
    pub method: String,
    pub path: String,
    /// The header lines, as sent (`Name: value`).
    pub headers: Vec<String>,
}

/// What the fake server answers.
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// Waited before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }
}

/// A running fake server; stops with the test's runtime.
pub struct FakeServer {
    pub base_url: String,
    requests: Arc<AtomicUsize>,
}

impl FakeServer {
    /// Serves every request with `handler`; each answer has a `Date` of the device's clock.
    pub async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let handler = Arc::new(handler);
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let (handler, counter) = (handler.clone(), counter.clone());
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut socket).await else {
                        return;
                    };
                    counter.fetch_add(1, Ordering::SeqCst);
                    let reply = handler(&request);
                    tokio::time::sleep(reply.delay).await;
                    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
                    let head = format!(
                        "HTTP/1.1 {} X\r\nDate: {date}\r\nContent-Type: application/json\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n",
                        reply.status,
                        reply.body.len()
                    );
                    let _ = socket.write_all(head.as_bytes()).await;
                    let _ = socket.write_all(reply.body.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { base_url, requests }
    }

    /// Requests served so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Reads one request's head and body (by `Content-Length`).
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Request> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<String> = lines.map(str::to_string).collect();
    let length = headers
        .iter()
        .find_map(|h| {
            let (name, value) = h.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + 4 + length {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    Some(Request {
        method,
        path,
        headers,
    })
}
