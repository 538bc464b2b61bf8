//! The one edge to the browser: clock, randomness, timers and `fetch`.
//!
//! Everything else (signing, retries, clock skew, parsing, explanations) is `emr_core`; this module
//! only gives it the browser's senses. `SystemTime::now()` panics on wasm32, so the clock is
//! `Date.now()`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use emr_core::aws::call::{
    self, CallConfig, CallEvent, CallState, Edge, HttpResponse, Target, TransportError,
};
use emr_core::aws::signing::{JsonRequest, SignedRequest};
use emr_core::connection::Session;
use emr_core::emr::error::EmrError;
use emr_core::emr::model::NotebookExecution;
use emr_core::emr::operations::ParseError;
use emr_core::emr::operations::SIGNING_NAME;
use gloo_net::http::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// Milliseconds since the epoch by the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The browser time zone's offset from UTC at `ms`, in minutes east (DST-aware).
pub fn tz_offset_minutes(ms: i64) -> i32 {
    let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    -(d.get_timezone_offset() as i32)
}

/// Whether the tab is in the background (`document.visibilityState == "hidden"`).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// The window's vertical scroll position, and a way back to it.
pub fn scroll_y() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

pub fn scroll_to_y(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

/// What the browser lets this page do with notifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyPermission {
    Granted,
    Denied,
    /// Not decided yet: asking is possible.
    Default,
    /// No Notification API (or not in this context).
    Unsupported,
}

fn notification_api() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

pub fn notify_permission() -> NotifyPermission {
    if !notification_api() {
        return NotifyPermission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => NotifyPermission::Granted,
        web_sys::NotificationPermission::Denied => NotifyPermission::Denied,
        _ => NotifyPermission::Default,
    }
}

/// Asks for permission (only call this from a user's click: browsers require it).
pub async fn request_notify_permission() -> NotifyPermission {
    match notify_permission() {
        NotifyPermission::Default => {}
        decided => return decided,
    }
    match web_sys::Notification::request_permission() {
        Ok(promise) => {
            let _ = JsFuture::from(promise).await;
            notify_permission()
        }
        Err(_) => NotifyPermission::Unsupported,
    }
}

/// Shows a system notification; `false` when the browser would not.
pub fn notify(title: &str, body: &str) -> bool {
    if notify_permission() != NotifyPermission::Granted {
        return false;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag("emr-console");
    web_sys::Notification::new_with_options(title, &options).is_ok()
}

/// How an S3 GET ended, as far as the page may know.
pub enum GetOutcome {
    Response {
        status: u16,
        body: Vec<u8>,
    },
    /// No response the page may read: offline, or (far more often for S3) no CORS rule.
    Blocked,
    TimedOut,
}

/// GETs a presigned S3 URL (no credentials of the page's own go with it: the URL is the grant).
pub async fn get_object(url: &str, timeout_ms: u64) -> GetOutcome {
    let Ok(controller) = AbortController::new() else {
        return GetOutcome::Blocked;
    };
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let Some(window) = web_sys::window() else {
        return GetOutcome::Blocked;
    };
    let id = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            timer.as_ref().unchecked_ref(),
            timeout_ms.min(i32::MAX as u64) as i32,
        )
        .unwrap_or(0);
    let result = match Request::get(url)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await
    {
        Ok(r) => {
            let status = r.status();
            r.binary().await.map(|body| (status, body))
        }
        Err(e) => Err(e),
    };
    window.clear_timeout_with_handle(id);
    drop(timer);
    match result {
        Ok((status, body)) => GetOutcome::Response { status, body },
        Err(_) if timed_out.get() => GetOutcome::TimedOut,
        Err(_) => GetOutcome::Blocked,
    }
}

/// Loads `url` into a frame without writing it into the page: the frame's `src` stays
/// `about:blank`, so the presigned URL (which carries the session token) is in no attribute.
pub fn navigate_frame(frame: &web_sys::HtmlIFrameElement, url: &str) -> bool {
    frame
        .content_window()
        .is_some_and(|w| w.location().replace(url).is_ok())
}

/// `https://console.example.com`: this page's origin, for the CORS rule a bucket needs.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Scrolls the element with this id into view (smoothly, unless the user prefers less motion).
pub fn scroll_to_id(id: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    el.scroll_into_view();
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Sets the tab's title.
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.title() != title {
            d.set_title(title);
        }
    }
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u64) as i32,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Cancels the call it belongs to: aborts the fetch in flight and stops further attempts.
#[derive(Clone, Default)]
pub struct CancelHandle {
    cancelled: Rc<Cell<bool>>,
    controller: Rc<RefCell<Option<AbortController>>>,
}

impl CancelHandle {
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(c) = self.controller.borrow().as_ref() {
            c.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

/// The browser as the core's [`Edge`].
struct BrowserEdge<'a> {
    cancel: CancelHandle,
    on_event: &'a dyn Fn(CallEvent),
}

impl Edge for BrowserEdge<'_> {
    fn now_ms(&self) -> i64 {
        now_ms()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    async fn sleep(&self, ms: u64) {
        sleep(ms).await
    }

    async fn send(
        &self,
        request: SignedRequest,
        timeout_ms: u64,
    ) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new()
            .map_err(|_| TransportError::Network("AbortController unavailable".into()))?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::once(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let window =
            web_sys::window().ok_or_else(|| TransportError::Network("no window".into()))?;
        let timer_id = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                timer.as_ref().unchecked_ref(),
                timeout_ms.min(i32::MAX as u64) as i32,
            )
            .unwrap_or(0);
        *self.cancel.controller.borrow_mut() = Some(controller.clone());
        if self.cancel.is_cancelled() {
            window.clear_timeout_with_handle(timer_id);
            return Err(TransportError::Cancelled);
        }

        let mut builder = Request::post(&request.url).abort_signal(Some(&controller.signal()));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let result = match builder.body(request.body) {
            Ok(req) => req.send().await,
            Err(e) => Err(e),
        };
        window.clear_timeout_with_handle(timer_id);
        drop(timer);
        *self.cancel.controller.borrow_mut() = None;

        let response = match result {
            Ok(r) => r,
            Err(_) if timed_out.get() => return Err(TransportError::Timeout),
            Err(_) if self.cancel.is_cancelled() => return Err(TransportError::Cancelled),
            // The browser's text ("Failed to fetch") says nothing more; keep it for the record.
            Err(e) => return Err(TransportError::Network(e.to_string())),
        };
        let mut headers = Vec::new();
        for name in [
            "date",
            "x-amzn-requestid",
            "x-amzn-errortype",
            "x-amzn-errormessage",
            "content-type",
        ] {
            if let Some(v) = response.headers().get(name) {
                headers.push((name.to_string(), v));
            }
        }
        let body = response.binary().await.map_err(|e| {
            if timed_out.get() {
                TransportError::Timeout
            } else {
                TransportError::Network(e.to_string())
            }
        })?;
        Ok(HttpResponse {
            status: response.status(),
            headers,
            body,
        })
    }

    fn cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    fn report(&self, event: CallEvent) {
        (self.on_event)(event)
    }
}

/// What the `net` chunk hands back (see `crate::split`): the SDK loop with signing, so that
/// aws-sigv4 and the retry machinery load with the first call, not with the page; and the Describe
/// response's parser, for the describes the first load makes itself (watched executions).
#[derive(Clone, Copy)]
pub struct Net {
    pub call: CallFn,
    pub parse_describe: fn(&[u8]) -> Result<NotebookExecution, ParseError>,
}

/// [`Client::call`], behind a pointer.
pub type CallFn = for<'a> fn(
    &'a Client,
    &'a Session,
    &'a JsonRequest,
    CancelHandle,
    &'a dyn Fn(CallEvent),
) -> Reply<'a>;

/// A call's outcome, on its way: the response body or why there is none.
pub type Reply<'a> = Pin<Box<dyn Future<Output = Result<Vec<u8>, EmrError>> + 'a>>;

/// The `net` chunk's table.
pub const NET: Net = Net {
    call: |client, session, request, cancel, on_event| {
        Box::pin(client.call(session, request, cancel, on_event))
    },
    parse_describe: emr_core::emr::operations::parse_describe,
};

/// The page-long client: the learned clock offset and the retry quota.
#[derive(Clone, Default)]
pub struct Client {
    state: Rc<Cell<CallState>>,
    config: CallConfig,
}

impl Client {
    /// A client with other retry and timeout settings (tests use short timeouts).
    pub fn with_config(config: CallConfig) -> Client {
        Client {
            state: Rc::default(),
            config,
        }
    }

    /// The learned offset (server − browser), for signing presigned URLs with the same clock.
    pub fn clock_offset_ms(&self) -> i64 {
        self.state.get().clock_offset_ms
    }

    /// Calls EMR; events (attempts, retries, clock corrections) go to `on_event` as they happen.
    pub async fn call(
        &self,
        session: &Session,
        request: &JsonRequest,
        cancel: CancelHandle,
        on_event: &dyn Fn(CallEvent),
    ) -> Result<Vec<u8>, EmrError> {
        let edge = BrowserEdge { cancel, on_event };
        let mut state = self.state.get();
        let target = Target {
            endpoint: &session.endpoint,
            region: &session.region,
            signing_name: SIGNING_NAME,
            credentials: &session.credentials,
        };
        let result = call::call(&edge, &mut state, target, request, self.config).await;
        self.state.set(state);
        result.map(|r| r.body).map_err(EmrError::from)
    }
}
