//! The error classifier: any status, headers and body → a code, a class and an explanation.
#![no_main]

use emr_core::aws::error::ServiceError;
use emr_core::emr::error::{explain, Context, EmrError};
use emr_core::emr::operations::Operation;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]);
    // The next bytes up to a NUL are the X-Amzn-ErrorType header; the rest is the body.
    let rest = &data[2..];
    let split = rest.iter().position(|b| *b == 0).unwrap_or(0);
    let header = String::from_utf8_lossy(&rest[..split]).into_owned();
    let body = &rest[(split + 1).min(rest.len())..];
    let e = ServiceError::from_response(status, |n| (n == "x-amzn-errortype" || n == "x-amzn-requestid").then(|| header.clone()), body);
    assert!(!e.code.is_empty());
    let _ = e.class.is_retryable();
    let text = explain(&EmrError::Service(e.clone()), Context { operation: Operation::DescribeNotebookExecution, endpoint: "https://x", region: "us-east-1" });
    assert_eq!(text.code, e.code);
    if let Some(m) = &e.message {
        let _ = emr_core::aws::skew::server_time_from_message(m);
    }
    let _ = emr_core::aws::skew::parse_http_date(&header);
    let _ = emr_core::aws::skew::parse_amz_date(&header);
});
