//! A real signed fetch from headless Chromium to a local endpoint (the emulator started by
//! scripts/test on EMR_TEST_ENDPOINT): signing with the browser clock, CORS, parsing, errors.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use emr_console::net::transport::Client;
use emr_console::net::Abort;
use emr_core::aws::credentials::Credentials;
use emr_core::aws::endpoint::parse_override;
use emr_core::aws::error::ErrorClass;
use emr_core::aws::region::Region;
use emr_core::connection::Session;
use emr_core::demo;
use emr_core::emr::error::EmrError;
use emr_core::emr::model::{ExecutionStatus, NotebookExecutionId};
use emr_core::emr::operations::{describe_request, parse_describe};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn session(secret: &str) -> Session {
    let endpoint = parse_override(ENDPOINT).unwrap();
    Session {
        credentials: Credentials::new(demo::ACCESS_KEY_ID, secret, demo::SESSION_TOKEN).unwrap(),
        region: Region::parse("us-east-1").unwrap(),
        endpoint: endpoint.clone(),
        endpoint_override: Some(endpoint),
    }
}

/// Describes `id` with the demo identity signed with `secret`.
async fn describe_with(client: Client, secret: &str, id: &str) -> Result<Vec<u8>, EmrError> {
    let id = NotebookExecutionId::parse(id).unwrap();
    client
        .call(
            &session(secret),
            &describe_request(&id),
            &Abort::default(),
            &|_| {},
        )
        .await
}

#[wasm_bindgen_test]
async fn signed_describe_succeeds_across_origins() {
    let body = describe_with(
        Client::default(),
        demo::SECRET_ACCESS_KEY,
        demo::RUNNING_EXECUTION_ID,
    )
    .await
    .expect("the emulator accepts the browser's signature");
    let e = parse_describe(&body).unwrap();
    assert_eq!(
        e.notebook_execution_id.as_deref(),
        Some(demo::RUNNING_EXECUTION_ID)
    );
    assert_eq!(e.status, Some(ExecutionStatus::Running));
}

#[wasm_bindgen_test]
async fn a_wrong_secret_is_an_invalid_signature_with_code_and_request_id() {
    let err = describe_with(
        Client::default(),
        "not/the/secret",
        demo::RUNNING_EXECUTION_ID,
    )
    .await
    .unwrap_err();
    match err {
        EmrError::Service(e) => {
            assert_eq!(e.code, "InvalidSignatureException");
            assert_eq!(e.class, ErrorClass::Auth);
            assert!(
                e.request_id.is_some(),
                "x-amzn-RequestId is exposed to the page"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn nothing_listening_is_a_network_error() {
    let mut s = session(demo::SECRET_ACCESS_KEY);
    // Port 9 (discard) has no listener here: the browser only says "Failed to fetch".
    s.endpoint = parse_override("http://127.0.0.1:9").unwrap();
    let id = NotebookExecutionId::parse("ex-X").unwrap();
    let events = std::cell::RefCell::new(vec![]);
    let err = Client::default()
        .call(&s, &describe_request(&id), &Abort::default(), &|e| {
            events.borrow_mut().push(e)
        })
        .await
        .unwrap_err();
    assert!(matches!(err, EmrError::Network(_)), "{err:?}");
    // Retried as the standard mode does: three attempts in all.
    let sends = events
        .borrow()
        .iter()
        .filter(|e| matches!(e, emr_core::aws::call::CallEvent::Sending { .. }))
        .count();
    assert_eq!(sends, 3);
}

#[wasm_bindgen_test]
async fn cancel_aborts_the_fetch() {
    let cancel = Abort::default();
    let c2 = cancel.clone();
    let id = NotebookExecutionId::parse(demo::RUNNING_EXECUTION_ID).unwrap();
    let s = session(demo::SECRET_ACCESS_KEY);
    let client = Client::default();
    let request = describe_request(&id);
    // Cancelled as soon as the first attempt starts.
    let on_event = move |_| c2.abort();
    let result = client.call(&s, &request, &cancel, &on_event).await;
    assert_eq!(result.unwrap_err(), EmrError::Cancelled);
}

/// The emulator is started with `--fault latency,ms=3000,id=ex-SLOWTIMEOUTTEST` (scripts/test).
#[wasm_bindgen_test]
async fn a_per_request_timeout_aborts_the_fetch() {
    use emr_core::aws::call::CallConfig;
    use emr_core::aws::retry::RetryPolicy;
    let config = CallConfig {
        retry: RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        },
        timeout_ms: 300,
    };
    let started = js_sys::Date::now();
    let err = describe_with(
        Client::with_config(config),
        demo::SECRET_ACCESS_KEY,
        "ex-SLOWTIMEOUTTEST",
    )
    .await
    .unwrap_err();
    assert_eq!(err, EmrError::Timeout { after_ms: 300 });
    assert!(
        js_sys::Date::now() - started < 2_500.0,
        "aborted, not waited out"
    );
}

/// A read capped below the body's size stops, whether or not the server said the size: a
/// `data:` URL says none, so this is the cap while reading.
#[wasm_bindgen_test]
async fn a_body_larger_than_the_cap_is_not_read() {
    use emr_console::edge::fetch::{fetch, FetchError, Request};
    let url = format!("data:text/plain,{}", "a".repeat(5_000));
    let get = |max| Request {
        post: false,
        url: &url,
        headers: &[],
        body: None,
        read_headers: &[],
        max_bytes: Some(max),
        timeout_ms: 5_000,
    };
    let got = fetch(get(1_000), &Abort::default()).await;
    assert_eq!(got.unwrap_err(), FetchError::TooLarge { bytes: None });
    let got = fetch(get(10_000), &Abort::default()).await.unwrap();
    assert_eq!(got.body.len(), 5_000);
}
