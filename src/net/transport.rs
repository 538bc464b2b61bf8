//! The implementation the `net` chunk installs: the core's SDK loop over the browser's `fetch`,
//! with what outlives a call (the clock offset and the retry quota) kept per endpoint origin, so
//! that one endpoint's clock never skews another's signatures or presigned URLs.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use emr_core::aws::call::{
    self, CallConfig, CallEvent, CallState, Edge, HttpResponse, Target, TransportError,
};
use emr_core::aws::signing::{JsonRequest, SignedRequest};
use emr_core::connection::Session;
use emr_core::emr::cluster;
use emr_core::emr::error::{explain, EmrError};
use emr_core::emr::operations::{
    describe_request, list_request, parse_describe, parse_list, parse_start, parse_stop,
    start_request, stop_request, SIGNING_NAME,
};

use super::{Abort, Net, Op};
use crate::edge::clock::{now_ms, sleep};
use crate::edge::fetch::{fetch, FetchError, Request};

/// The response headers the SDK loop reads.
const READ_HEADERS: [&str; 5] = [
    "date",
    "x-amzn-requestid",
    "x-amzn-errortype",
    "x-amzn-errormessage",
    "content-type",
];

/// The browser as the core's [`Edge`].
struct BrowserEdge<'a> {
    abort: &'a Abort,
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
        let sent = fetch(
            Request {
                post: true,
                url: &request.url,
                headers: &request.headers,
                body: Some(request.body),
                read_headers: &READ_HEADERS,
                max_bytes: None,
                timeout_ms,
            },
            self.abort,
        )
        .await;
        match sent {
            Ok(r) => Ok(HttpResponse {
                status: r.status,
                headers: r.headers,
                body: r.body,
            }),
            Err(FetchError::Timeout) => Err(TransportError::Timeout),
            Err(FetchError::Aborted) => Err(TransportError::Cancelled),
            Err(FetchError::Network(m)) => Err(TransportError::Network(m)),
            Err(FetchError::TooLarge { .. }) => Err(TransportError::Network("too large".into())),
        }
    }

    fn cancelled(&self) -> bool {
        self.abort.is_aborted()
    }

    fn report(&self, event: CallEvent) {
        (self.on_event)(event)
    }
}

/// What outlives single calls, per endpoint origin: the learned clock offset and the retry quota.
#[derive(Clone, Default)]
pub struct Client {
    states: Rc<RefCell<BTreeMap<String, CallState>>>,
    config: CallConfig,
}

impl Client {
    /// A client with other retry and timeout settings (tests use short timeouts).
    pub fn with_config(config: CallConfig) -> Client {
        Client {
            states: Rc::default(),
            config,
        }
    }

    /// The offset (server − browser) learned from this endpoint origin's answers.
    pub fn clock_offset_ms(&self, origin: &str) -> i64 {
        self.states
            .borrow()
            .get(origin)
            .map_or(0, |s| s.clock_offset_ms)
    }

    /// Calls AWS; events (attempts, retries, clock corrections) go to `on_event` as they happen.
    pub async fn call(
        &self,
        session: &Session,
        request: &JsonRequest,
        abort: &Abort,
        on_event: &dyn Fn(CallEvent),
    ) -> Result<Vec<u8>, EmrError> {
        let edge = BrowserEdge { abort, on_event };
        let origin = session.endpoint.origin();
        let mut state = self
            .states
            .borrow()
            .get(&origin)
            .copied()
            .unwrap_or_default();
        let target = Target {
            endpoint: &session.endpoint,
            region: &session.region,
            signing_name: SIGNING_NAME,
            credentials: &session.credentials,
        };
        let result = call::call(&edge, &mut state, target, request, self.config).await;
        self.states.borrow_mut().insert(origin, state);
        result.map(|r| r.body).map_err(EmrError::from)
    }
}

thread_local! {
    /// The page's client.
    static CLIENT: Client = Client::default();
}

fn client() -> Client {
    CLIENT.with(Client::clone)
}

fn request(op: Op<'_>) -> JsonRequest {
    match op {
        Op::Describe(id) => describe_request(id),
        Op::List(input) => list_request(input),
        Op::Start(input) => start_request(input),
        Op::Stop(id) => stop_request(id),
        Op::ListClusters(marker) => cluster::list_request(marker),
        Op::DescribeCluster(id) => cluster::describe_request(id),
    }
}

/// The `net` chunk's table.
pub const NET: Net = Net {
    call: |session, request, abort, on_event| {
        Box::pin(async move { client().call(session, request, abort, on_event).await })
    },
    request,
    clock_offset_ms: |origin| client().clock_offset_ms(origin),
    parse_describe,
    parse_list,
    parse_start,
    parse_stop,
    parse_clusters: cluster::parse_list,
    parse_cluster: cluster::parse_describe,
    explain,
};
