//! `fetch`, once for the whole page: a timeout, a way to abort, and a cap on what is read into
//! memory. The transport to AWS and the reads from S3 both come through here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use super::clock::timeout_arg;

/// Aborts the fetches it was given (one or several at once) and every later one: a call, a run
/// of calls, or a search across regions is cancelled as one.
#[derive(Clone, Default)]
pub struct Abort {
    inner: Rc<AbortInner>,
}

#[derive(Default)]
struct AbortInner {
    aborted: Cell<bool>,
    controllers: RefCell<Vec<AbortController>>,
}

impl Abort {
    pub fn abort(&self) {
        self.inner.aborted.set(true);
        for c in self.inner.controllers.borrow_mut().drain(..) {
            c.abort();
        }
    }

    pub fn is_aborted(&self) -> bool {
        self.inner.aborted.get()
    }

    fn watch(&self, c: &AbortController) {
        self.inner.controllers.borrow_mut().push(c.clone());
    }

    fn forget(&self, c: &AbortController) {
        self.inner.controllers.borrow_mut().retain(|x| x != c);
    }
}

/// One request.
pub struct Request<'a> {
    pub post: bool,
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub body: Option<String>,
    /// The response headers the caller reads (lower case); the rest are not copied.
    pub read_headers: &'a [&'a str],
    /// Refuse to read a body larger than this (checked against `Content-Length` and while
    /// reading).
    pub max_bytes: Option<u64>,
    pub timeout_ms: u64,
}

/// A response that arrived whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Only the ones asked for, lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why no response arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The browser only says "Failed to fetch": offline, DNS, refused, or (for S3 far more often)
    /// no CORS rule for this page.
    Network(String),
    Timeout,
    Aborted,
    /// The body is larger than the cap; `bytes` is its size when the server said it.
    TooLarge {
        bytes: Option<u64>,
    },
}

/// Sends `request`; `abort` may cancel it meanwhile.
pub async fn fetch(request: Request<'_>, abort: &Abort) -> Result<Response, FetchError> {
    if abort.is_aborted() {
        return Err(FetchError::Aborted);
    }
    let controller = AbortController::new()
        .map_err(|_| FetchError::Network("AbortController unavailable".into()))?;
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer_id = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            timer.as_ref().unchecked_ref(),
            timeout_arg(request.timeout_ms),
        )
        .unwrap_or(0);
    abort.watch(&controller);
    let result = send(&request, &controller).await;
    window.clear_timeout_with_handle(timer_id);
    drop(timer);
    abort.forget(&controller);
    result.map_err(|e| match e {
        FetchError::Network(_) if timed_out.get() => FetchError::Timeout,
        FetchError::Network(_) if abort.is_aborted() => FetchError::Aborted,
        e => e,
    })
}

async fn send(request: &Request<'_>, controller: &AbortController) -> Result<Response, FetchError> {
    let signal = controller.signal();
    let mut builder = RequestBuilder::new(request.url)
        .method(if request.post {
            Method::POST
        } else {
            Method::GET
        })
        .abort_signal(Some(&signal));
    for (name, value) in request.headers {
        builder = builder.header(name, value);
    }
    let sent = match &request.body {
        Some(body) => builder.body(body.clone()).map_err(net)?.send().await,
        None => builder.send().await,
    };
    // The browser's text ("Failed to fetch") says nothing more; keep it for the record.
    let response = sent.map_err(net)?;
    let headers = request
        .read_headers
        .iter()
        .filter_map(|&name| Some((name.to_string(), response.headers().get(name)?)))
        .collect::<Vec<_>>();
    let body = match request.max_bytes {
        None => response.binary().await.map_err(net)?,
        Some(max) => {
            let declared = response
                .headers()
                .get("content-length")
                .and_then(|l| l.trim().parse::<u64>().ok());
            if declared.is_some_and(|n| n > max) {
                controller.abort();
                return Err(FetchError::TooLarge { bytes: declared });
            }
            match response.body() {
                Some(stream) => read_at_most(&stream, max, controller).await?,
                None => Vec::new(),
            }
        }
    };
    Ok(Response {
        status: response.status(),
        headers,
        body,
    })
}

fn net(e: impl std::fmt::Display) -> FetchError {
    FetchError::Network(e.to_string())
}

fn js_net(_: JsValue) -> FetchError {
    FetchError::Network("the response could not be read".into())
}

fn method(target: &JsValue, name: &str) -> Result<Function, FetchError> {
    Reflect::get(target, &JsValue::from_str(name))
        .map_err(js_net)?
        .dyn_into::<Function>()
        .map_err(js_net)
}

/// Reads a body stream chunk by chunk, stopping (and aborting the download) past `max` bytes.
async fn read_at_most(
    stream: &JsValue,
    max: u64,
    controller: &AbortController,
) -> Result<Vec<u8>, FetchError> {
    let reader = method(stream, "getReader")?.call0(stream).map_err(js_net)?;
    let read = method(&reader, "read")?;
    let mut body = Vec::new();
    loop {
        let promise: js_sys::Promise = read.call0(&reader).map_err(js_net)?.unchecked_into();
        let chunk = JsFuture::from(promise).await.map_err(js_net)?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true)
        {
            return Ok(body);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(js_net)?
            .unchecked_into();
        if body.len() as u64 + value.length() as u64 > max {
            controller.abort();
            return Err(FetchError::TooLarge { bytes: None });
        }
        let start = body.len();
        body.resize(start + value.length() as usize, 0);
        value.copy_to(&mut body[start..]);
    }
}
