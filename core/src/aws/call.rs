//! One AWS JSON call the way an SDK makes it: sign with the corrected clock, send, classify,
//! retry with backoff, correct clock skew once.
//!
//! The browser (or a test) comes in through [`Edge`]: clock, randomness, sleep, transport,
//! cancellation and progress reports. The loop itself is pure and runs natively in tests.

use std::fmt;
use std::future::Future;

use super::credentials::Credentials;
use super::endpoint::Endpoint;
use super::error::{ErrorClass, ServiceError};
use super::region::Region;
use super::retry::{RetryPolicy, RetryQuota};
use super::signing::{sign_json_request, JsonRequest, SignedRequest, SigningError};
use super::skew::{learn_offset, parse_http_date, server_time_from_message};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        super::signing::find_header(&self.headers, name)
    }
}

/// The transport's failures: no HTTP response reached us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The browser only says "Failed to fetch": offline, DNS, refused, CORS.
    Network(String),
    Timeout,
    Cancelled,
}

/// What the caller sees while a call is under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallEvent {
    Sending {
        attempt: u32,
        max_attempts: u32,
    },
    Retrying {
        next_attempt: u32,
        max_attempts: u32,
        delay_ms: u64,
        reason: String,
    },
    ClockCorrected {
        offset_ms: i64,
    },
}

/// The seam to the outside world.
pub trait Edge {
    fn now_ms(&self) -> i64;
    /// Uniform in [0, 1), for backoff jitter.
    fn random(&self) -> f64;
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    fn send(
        &self,
        request: SignedRequest,
        timeout_ms: u64,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;
    fn cancelled(&self) -> bool;
    fn report(&self, event: CallEvent);
}

/// Where and as whom to call.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    pub endpoint: &'a Endpoint,
    pub region: &'a Region,
    pub signing_name: &'a str,
    pub credentials: &'a Credentials,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallConfig {
    pub retry: RetryPolicy,
    pub timeout_ms: u64,
}

impl Default for CallConfig {
    fn default() -> Self {
        CallConfig {
            retry: RetryPolicy::default(),
            timeout_ms: 15_000,
        }
    }
}

/// What outlives a single call: the learned clock offset and the retry quota.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallState {
    /// server − browser, in milliseconds.
    pub clock_offset_ms: i64,
    pub quota: RetryQuota,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    Service(ServiceError),
    Network(String),
    Timeout { after_ms: u64 },
    Cancelled,
    Signing(SigningError),
}

impl CallError {
    pub fn class(&self) -> ErrorClass {
        match self {
            CallError::Service(e) => e.class,
            CallError::Network(_) | CallError::Timeout { .. } => ErrorClass::Network,
            CallError::Cancelled | CallError::Signing(_) => ErrorClass::Unknown,
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Service(e) => {
                write!(f, "{}: {}", e.code, e.message.as_deref().unwrap_or(""))
            }
            CallError::Network(m) => write!(f, "network error: {m}"),
            CallError::Timeout { after_ms } => {
                write!(f, "no response within {} s", after_ms / 1000)
            }
            CallError::Cancelled => f.write_str("cancelled"),
            CallError::Signing(e) => e.fmt(f),
        }
    }
}

/// Sends `request` to `target`, retrying and correcting the clock as the standard mode does.
pub async fn call<E: Edge>(
    edge: &E,
    state: &mut CallState,
    target: Target<'_>,
    request: &JsonRequest,
    config: CallConfig,
) -> Result<HttpResponse, CallError> {
    let max = config.retry.max_attempts;
    let mut attempt = 0u32;
    let mut spent = 0u32;
    let mut skew_retry_used = false;
    loop {
        if edge.cancelled() {
            return Err(CallError::Cancelled);
        }
        attempt += 1;
        edge.report(CallEvent::Sending {
            attempt,
            max_attempts: max,
        });
        let signed = sign_json_request(
            request,
            target.endpoint,
            target.region,
            target.signing_name,
            target.credentials,
            edge.now_ms() + state.clock_offset_ms,
        )
        .map_err(CallError::Signing)?;
        let error = match edge.send(signed, config.timeout_ms).await {
            Ok(response) => {
                let mut corrected = false;
                if let Some(server) = response.header("date").and_then(parse_http_date) {
                    corrected |= adopt_offset(edge, state, server);
                }
                if (200..300).contains(&response.status) {
                    state.quota.on_success(spent);
                    return Ok(response);
                }
                let err = ServiceError::from_response(
                    response.status,
                    |n| response.header(n).map(str::to_string),
                    &response.body,
                );
                if err.class == ErrorClass::Clock {
                    if let Some(server) = err.message.as_deref().and_then(server_time_from_message)
                    {
                        corrected |= adopt_offset(edge, state, server);
                    }
                    if corrected && !skew_retry_used {
                        // One more try with the corrected clock; it does not count as a retry.
                        skew_retry_used = true;
                        attempt -= 1;
                        continue;
                    }
                }
                CallError::Service(err)
            }
            Err(TransportError::Cancelled) => return Err(CallError::Cancelled),
            Err(TransportError::Timeout) => CallError::Timeout {
                after_ms: config.timeout_ms,
            },
            Err(TransportError::Network(m)) => CallError::Network(m),
        };
        if !config.retry.should_retry(error.class(), attempt) {
            return Err(error);
        }
        let Some(cost) = state
            .quota
            .acquire(matches!(error, CallError::Timeout { .. }))
        else {
            return Err(error);
        };
        spent += cost;
        let delay_ms = config.retry.backoff_ms(attempt, edge.random());
        edge.report(CallEvent::Retrying {
            next_attempt: attempt + 1,
            max_attempts: max,
            delay_ms,
            reason: match &error {
                CallError::Service(e) => e.code.clone(),
                CallError::Timeout { .. } => "no response (timeout)".into(),
                _ => "no response (network error)".into(),
            },
        });
        edge.sleep(delay_ms).await;
    }
}

fn adopt_offset<E: Edge>(edge: &E, state: &mut CallState, server_ms: i64) -> bool {
    match learn_offset(server_ms, edge.now_ms(), state.clock_offset_ms) {
        Some(offset) => {
            state.clock_offset_ms = offset;
            edge.report(CallEvent::ClockCorrected { offset_ms: offset });
            true
        }
        None => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::aws::endpoint::parse_override;
    use crate::aws::skew::{format_amz_date, format_http_date};
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Drives a future whose awaits are all immediately ready (the fake edge never blocks).
    pub fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    pub struct FakeEdge {
        pub now: Cell<i64>,
        pub responses: RefCell<VecDeque<Result<HttpResponse, TransportError>>>,
        pub sent: RefCell<Vec<SignedRequest>>,
        pub slept: RefCell<Vec<u64>>,
        pub events: RefCell<Vec<CallEvent>>,
        pub cancel_after_sends: Cell<Option<usize>>,
    }

    impl FakeEdge {
        pub fn new(responses: Vec<Result<HttpResponse, TransportError>>) -> FakeEdge {
            FakeEdge {
                now: Cell::new(1_795_631_913_000),
                responses: RefCell::new(responses.into()),
                sent: RefCell::new(vec![]),
                slept: RefCell::new(vec![]),
                events: RefCell::new(vec![]),
                cancel_after_sends: Cell::new(None),
            }
        }
    }

    impl Edge for FakeEdge {
        fn now_ms(&self) -> i64 {
            self.now.get()
        }
        fn random(&self) -> f64 {
            0.5
        }
        async fn sleep(&self, ms: u64) {
            self.slept.borrow_mut().push(ms);
            self.now.set(self.now.get() + ms as i64);
        }
        async fn send(
            &self,
            request: SignedRequest,
            _timeout_ms: u64,
        ) -> Result<HttpResponse, TransportError> {
            self.sent.borrow_mut().push(request);
            self.responses
                .borrow_mut()
                .pop_front()
                .expect("a scripted response")
        }
        fn cancelled(&self) -> bool {
            self.cancel_after_sends
                .get()
                .is_some_and(|n| self.sent.borrow().len() >= n)
        }
        fn report(&self, event: CallEvent) {
            self.events.borrow_mut().push(event);
        }
    }

    pub fn ok(body: &str) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse {
            status: 200,
            headers: vec![],
            body: body.as_bytes().to_vec(),
        })
    }

    pub fn err(status: u16, code: &str, message: &str) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse {
            status,
            headers: vec![("x-amzn-requestid".into(), "req-1".into())],
            body: format!(r#"{{"__type":"{code}","message":"{message}"}}"#).into_bytes(),
        })
    }

    fn run(edge: &FakeEdge, state: &mut CallState) -> Result<HttpResponse, CallError> {
        let endpoint = parse_override("http://127.0.0.1:9100").unwrap();
        let region = Region::parse("us-east-1").unwrap();
        let creds = Credentials::new("ASIAIOSFODNN7EXAMPLE", "secret", "token").unwrap();
        let target = Target {
            endpoint: &endpoint,
            region: &region,
            signing_name: "elasticmapreduce",
            credentials: &creds,
        };
        let req = JsonRequest {
            target: "ElasticMapReduce.DescribeNotebookExecution".into(),
            body: "{}".into(),
        };
        block_on(call(edge, state, target, &req, CallConfig::default()))
    }

    #[test]
    fn throttled_twice_then_success() {
        let edge = FakeEdge::new(vec![
            err(400, "ThrottlingException", "Rate exceeded"),
            err(400, "ThrottlingException", "Rate exceeded"),
            ok("{}"),
        ]);
        let mut state = CallState::default();
        assert!(run(&edge, &mut state).is_ok());
        assert_eq!(edge.sent.borrow().len(), 3);
        assert_eq!(*edge.slept.borrow(), vec![500, 1000]);
        assert!(edge.events.borrow().contains(&CallEvent::Retrying {
            next_attempt: 2,
            max_attempts: 3,
            delay_ms: 500,
            reason: "ThrottlingException".into()
        }));
        // Retries took 10 tokens and the success gave them back.
        assert_eq!(state.quota.available(), 500);
    }

    #[test]
    fn always_5xx_gives_up_after_three_attempts() {
        let edge = FakeEdge::new(vec![
            err(500, "InternalServerError", ""),
            err(503, "ServiceUnavailable", ""),
            err(500, "InternalServerException", "boom"),
            ok("{}"),
        ]);
        let mut state = CallState::default();
        let e = run(&edge, &mut state).unwrap_err();
        assert!(matches!(&e, CallError::Service(s) if s.code == "InternalServerException"));
        assert_eq!(edge.sent.borrow().len(), 3);
        assert_eq!(state.quota.available(), 490);
    }

    #[test]
    fn never_retries_auth_permission_or_input() {
        for code in [
            "UnrecognizedClientException",
            "AccessDeniedException",
            "InvalidRequestException",
            "ExpiredTokenException",
        ] {
            let edge = FakeEdge::new(vec![err(400, code, "no"), ok("{}")]);
            let e = run(&edge, &mut CallState::default()).unwrap_err();
            assert!(matches!(e, CallError::Service(_)));
            assert_eq!(edge.sent.borrow().len(), 1, "{code}");
        }
    }

    #[test]
    fn network_errors_and_timeouts_are_retried() {
        let edge = FakeEdge::new(vec![
            Err(TransportError::Network("Failed to fetch".into())),
            Err(TransportError::Timeout),
            ok("{}"),
        ]);
        let mut state = CallState::default();
        assert!(run(&edge, &mut state).is_ok());
        assert_eq!(edge.sent.borrow().len(), 3);
        let edge = FakeEdge::new(vec![
            Err(TransportError::Timeout),
            Err(TransportError::Timeout),
            Err(TransportError::Timeout),
        ]);
        assert_eq!(
            run(&edge, &mut CallState::default()),
            Err(CallError::Timeout { after_ms: 15_000 })
        );
    }

    #[test]
    fn an_empty_quota_stops_retries() {
        let edge = FakeEdge::new(vec![err(503, "ServiceUnavailable", ""), ok("{}")]);
        let mut state = CallState::default();
        while state.quota.acquire(false).is_some() {}
        assert!(run(&edge, &mut state).is_err());
        assert_eq!(edge.sent.borrow().len(), 1);
    }

    fn clock_error(kind: &str, server_ms: i64) -> Result<HttpResponse, TransportError> {
        let server = format_amz_date(server_ms);
        let msg = if kind == "expired" {
            format!("Signature expired: 20000101T000000Z is now earlier than 20000101T000000Z ({server} - 15 min.)")
        } else {
            format!("Signature not yet current: 20000101T000000Z is still later than 20000101T000000Z ({server} + 15 min.)")
        };
        err(400, "InvalidSignatureException", &msg)
    }

    #[test]
    fn server_clock_40_minutes_ahead_is_corrected_once() {
        let edge = FakeEdge::new(vec![]);
        let server = edge.now.get() + 40 * 60_000;
        edge.responses
            .borrow_mut()
            .extend([clock_error("expired", server), ok("{}")]);
        let mut state = CallState::default();
        assert!(run(&edge, &mut state).is_ok());
        assert_eq!(state.clock_offset_ms, 40 * 60_000);
        let sent = edge.sent.borrow();
        assert_eq!(
            sent[1].header("x-amz-date").unwrap(),
            format_amz_date(server)
        );
        assert!(edge.events.borrow().contains(&CallEvent::ClockCorrected {
            offset_ms: 40 * 60_000
        }));
        assert!(edge.slept.borrow().is_empty());
    }

    #[test]
    fn server_clock_40_minutes_behind_from_the_date_header() {
        let edge = FakeEdge::new(vec![]);
        let server = edge.now.get() - 40 * 60_000;
        let mut first = clock_error("not-yet", server).unwrap();
        first
            .headers
            .push(("date".into(), format_http_date(server)));
        edge.responses.borrow_mut().extend([Ok(first), ok("{}")]);
        let mut state = CallState::default();
        assert!(run(&edge, &mut state).is_ok());
        assert_eq!(state.clock_offset_ms, -40 * 60_000);
        // The next call signs with the learned offset straight away.
        edge.responses.borrow_mut().push_back(ok("{}"));
        run(&edge, &mut state).unwrap();
        assert_eq!(
            edge.sent
                .borrow()
                .last()
                .unwrap()
                .header("x-amz-date")
                .unwrap(),
            format_amz_date(edge.now.get() - 40 * 60_000)
        );
    }

    #[test]
    fn a_clock_error_that_persists_is_reported_not_looped() {
        let edge = FakeEdge::new(vec![]);
        let server = edge.now.get() + 40 * 60_000;
        edge.responses.borrow_mut().extend([
            clock_error("expired", server),
            clock_error("expired", server + 60 * 60_000),
            ok("{}"),
        ]);
        let e = run(&edge, &mut CallState::default()).unwrap_err();
        assert_eq!(e.class(), ErrorClass::Clock);
        assert_eq!(edge.sent.borrow().len(), 2);
    }

    #[test]
    fn cancel_stops_between_attempts() {
        let edge = FakeEdge::new(vec![err(503, "ServiceUnavailable", ""), ok("{}")]);
        edge.cancel_after_sends.set(Some(1));
        assert_eq!(
            run(&edge, &mut CallState::default()),
            Err(CallError::Cancelled)
        );
        assert_eq!(edge.sent.borrow().len(), 1);
        let edge = FakeEdge::new(vec![Err(TransportError::Cancelled)]);
        assert_eq!(
            run(&edge, &mut CallState::default()),
            Err(CallError::Cancelled)
        );
    }
}
