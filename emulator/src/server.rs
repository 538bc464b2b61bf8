//! The HTTP/1.1 server (hyper): moves bytes between sockets and [`Emulator::handle`].

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::emulator::{Config, Emulator};
use crate::http::{Reply, Request};

/// Largest request body accepted (EMR's inputs are a few KB at most).
const MAX_BODY: usize = 1 << 20;

/// A running emulator: its address and shared state (tests reach in to assert on it).
pub struct Running {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<Emulator>>,
    pub task: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Binds and serves until the task is dropped or aborted.
pub async fn start(bind: SocketAddr, config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(Mutex::new(Emulator::new(config)));
    let shared = state.clone();
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let state = shared.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| serve(state.clone(), req));
                // An Err from the service (a dropped-connection fault) closes the connection unanswered.
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(Running { addr, state, task })
}

#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

async fn serve(
    state: Arc<Mutex<Emulator>>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(b) => b.to_bytes().to_vec(),
        Err(_) => return Ok(plain(413, "request body too large")),
    };
    let mut headers = Vec::new();
    for (name, value) in parts.headers.iter() {
        headers.push((
            name.as_str().to_ascii_lowercase(),
            String::from_utf8_lossy(value.as_bytes()).into_owned(),
        ));
    }
    let request = Request {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers,
        body,
    };
    let reply = match state.lock() {
        Ok(mut emulator) => emulator.handle(&request),
        Err(_) => return Ok(plain(500, "emulator state poisoned")),
    };
    match reply {
        Reply::Drop { delay_ms } => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            Err(Dropped)
        }
        Reply::Respond { delay_ms, response } => {
            if delay_ms > 0 {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            }
            let mut builder = hyper::Response::builder().status(response.status);
            for (name, value) in &response.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            Ok(builder
                .body(Full::new(Bytes::from(response.body)))
                .unwrap_or_else(|_| plain(500, "bad response header")))
        }
    }
}

fn plain(status: u16, text: &'static str) -> hyper::Response<Full<Bytes>> {
    let mut r = hyper::Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *r.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    r
}
