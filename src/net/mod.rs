//! The one way a request reaches AWS: [`call`] signs a JSON request for a session, sends it
//! through the SDK loop (retries, clock skew, timeouts, cancellation) and hands back the body or
//! the classified error. The typed helpers below ([`describe`], [`list`], [`start`], [`stop`],
//! [`list_clusters`], [`describe_cluster`]) are that call plus the response's parser.
//!
//! The implementation (aws-sigv4, the loop, every response parser, the long error texts) is the
//! `net` chunk, declared in [`chunk`]: it arrives with the first call, or earlier when the user
//! shows the intent ([`prefetch`]). Until then the first load carries none of it; a chunk that
//! cannot be fetched makes every call [`EmrError::ConsoleUnavailable`].
//!
//! What the page as a whole must hear from any call (a corrected clock, expired credentials)
//! reaches whoever called [`listen`].

pub mod chunk;
pub mod transport;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use emr_core::aws::call::CallEvent;
use emr_core::aws::error::ErrorClass;
use emr_core::aws::signing::JsonRequest;
use emr_core::connection::Session;
use emr_core::emr::cluster::{Cluster, ListClustersOutput};
use emr_core::emr::error::{unavailable, Context, EmrError, Explanation};
use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::operations::{
    ListNotebookExecutionsInput, ListNotebookExecutionsOutput, ParseError,
    StartNotebookExecutionInput,
};

pub use crate::edge::fetch::Abort;

/// What the page hears from a call, whichever view made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// Signing had to correct the browser's clock by this much (server − browser).
    ClockCorrected { offset_ms: i64 },
    /// AWS said the credentials have expired: stop signing with them.
    Expired,
}

type Listener = Rc<dyn Fn(Heard)>;

thread_local! {
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// Who hears what calls teach the page (the console, once).
pub fn listen(f: impl Fn(Heard) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(f)));
}

fn tell(heard: Heard) {
    if let Some(f) = LISTENER.with(|l| l.borrow().clone()) {
        f(heard);
    }
}

/// A call's outcome, on its way.
pub type Reply<'a> = Pin<Box<dyn Future<Output = Result<Vec<u8>, EmrError>> + 'a>>;

/// An operation with its input, for the chunk to write as JSON (the first load writes no JSON).
#[derive(Clone, Copy, Debug)]
pub enum Op<'a> {
    Describe(&'a NotebookExecutionId),
    List(&'a ListNotebookExecutionsInput),
    Start(&'a StartNotebookExecutionInput),
    Stop(&'a NotebookExecutionId),
    /// A page of the clusters that can take a notebook (after this marker).
    ListClusters(Option<&'a str>),
    DescribeCluster(&'a str),
}

/// What the `net` chunk installs: the call, the requests' writer and the parsers of what it
/// brings back.
#[derive(Clone, Copy)]
pub struct Net {
    pub call:
        for<'a> fn(&'a Session, &'a JsonRequest, &'a Abort, &'a dyn Fn(CallEvent)) -> Reply<'a>,
    pub request: fn(Op<'_>) -> JsonRequest,
    /// The clock offset learned from `origin`'s responses (0 until one was learned).
    pub clock_offset_ms: fn(&str) -> i64,
    pub parse_describe: Parser<NotebookExecution>,
    pub parse_list: Parser<ListNotebookExecutionsOutput>,
    pub parse_start: Parser<NotebookExecutionId>,
    pub parse_stop: Parser<()>,
    pub parse_clusters: Parser<ListClustersOutput>,
    pub parse_cluster: Parser<Cluster>,
    /// What an error means and what to do about it.
    pub explain: fn(&EmrError, Context<'_>) -> Explanation,
}

/// Starts fetching the call code because a call is near (credentials were entered, a view that
/// calls opened).
pub fn prefetch() {
    chunk::net::prefetch();
}

async fn net() -> Result<Net, EmrError> {
    chunk::net::load()
        .await
        .map_err(|_| EmrError::ConsoleUnavailable)
}

/// One call: the response body, or why there is none. `on_event` hears each attempt and retry.
pub async fn call(
    session: &Session,
    request: &JsonRequest,
    abort: &Abort,
    on_event: &dyn Fn(CallEvent),
) -> Result<Vec<u8>, EmrError> {
    let net = net().await?;
    let on_event = |event: CallEvent| {
        if let CallEvent::ClockCorrected { offset_ms } = event {
            tell(Heard::ClockCorrected { offset_ms });
        }
        on_event(event);
    };
    let result = (net.call)(session, request, abort, &on_event).await;
    if matches!(&result, Err(e) if e.class() == ErrorClass::ExpiredCredentials) {
        tell(Heard::Expired);
    }
    result
}

/// A response's parser.
pub type Parser<T> = fn(&[u8]) -> Result<T, ParseError>;

async fn parsed<T>(
    session: &Session,
    op: Op<'_>,
    abort: &Abort,
    on_event: &dyn Fn(CallEvent),
    parse: fn(&Net) -> Parser<T>,
) -> Result<T, EmrError> {
    let net = net().await?;
    let body = call(session, &(net.request)(op), abort, on_event).await?;
    parse(&net)(&body).map_err(EmrError::InvalidResponse)
}

/// DescribeNotebookExecution.
pub async fn describe(
    session: &Session,
    id: &NotebookExecutionId,
    abort: &Abort,
    on_event: &dyn Fn(CallEvent),
) -> Result<NotebookExecution, EmrError> {
    parsed(session, Op::Describe(id), abort, on_event, |n| {
        n.parse_describe
    })
    .await
}

/// One page of ListNotebookExecutions.
pub async fn list(
    session: &Session,
    input: &ListNotebookExecutionsInput,
    abort: &Abort,
    on_event: &dyn Fn(CallEvent),
) -> Result<ListNotebookExecutionsOutput, EmrError> {
    parsed(session, Op::List(input), abort, on_event, |n| n.parse_list).await
}

/// StartNotebookExecution: the new execution's id.
pub async fn start(
    session: &Session,
    input: &StartNotebookExecutionInput,
    abort: &Abort,
) -> Result<NotebookExecutionId, EmrError> {
    parsed(session, Op::Start(input), abort, &|_| {}, |n| n.parse_start).await
}

/// StopNotebookExecution.
pub async fn stop(
    session: &Session,
    id: &NotebookExecutionId,
    abort: &Abort,
) -> Result<(), EmrError> {
    parsed(session, Op::Stop(id), abort, &|_| {}, |n| n.parse_stop).await
}

/// One page of ListClusters (the states a notebook can start on).
pub async fn list_clusters(
    session: &Session,
    marker: Option<&str>,
    abort: &Abort,
    on_event: &dyn Fn(CallEvent),
) -> Result<ListClustersOutput, EmrError> {
    parsed(session, Op::ListClusters(marker), abort, on_event, |n| {
        n.parse_clusters
    })
    .await
}

/// DescribeCluster.
pub async fn describe_cluster(
    session: &Session,
    id: &str,
    abort: &Abort,
) -> Result<Cluster, EmrError> {
    parsed(session, Op::DescribeCluster(id), abort, &|_| {}, |n| {
        n.parse_cluster
    })
    .await
}

/// What `error` means for this operation at this place. Without the chunk no call was made, so
/// the only error there can be is that the chunk is missing.
pub fn explain(error: &EmrError, cx: Context<'_>) -> Explanation {
    match chunk::net::now() {
        Some(net) if *error != EmrError::ConsoleUnavailable => (net.explain)(error, cx),
        _ => unavailable(),
    }
}

/// The clock offset learned from this endpoint origin's answers, for presigning a URL with the
/// same clock the calls use.
pub fn clock_offset_ms(origin: &str) -> i64 {
    chunk::net::now().map_or(0, |net| (net.clock_offset_ms)(origin))
}
