//! What an AWS error response says: its code, message and class.
//!
//! The HTTP status of AWS errors varies (EMR answers `AccessDeniedException` with 400), so the
//! class is keyed on the code, with the status only as a fallback for codes we do not know.

use serde::Deserialize;

/// What kind of trouble an error is; decides the remedy shown and whether to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// The key or signature is not accepted (wrong key, wrong secret, missing auth).
    Auth,
    /// The session token has expired: fresh credentials are needed.
    ExpiredCredentials,
    /// Authenticated, but IAM does not allow the action.
    Permission,
    /// The signature's time is too far from the server's.
    Clock,
    /// Rate limited; retry with backoff.
    Throttling,
    /// AWS had a problem; retry with backoff.
    Server,
    /// The request itself is wrong (unknown id, bad parameter).
    ClientInput,
    /// No response reached the page (offline, DNS, CORS, connection reset).
    Network,
    /// A code this console does not know.
    Unknown,
}

impl ErrorClass {
    /// A stable name for the class (the alert's `data-error-class`).
    pub fn id(self) -> &'static str {
        match self {
            ErrorClass::Auth => "auth",
            ErrorClass::ExpiredCredentials => "expired-credentials",
            ErrorClass::Permission => "permission",
            ErrorClass::Clock => "clock",
            ErrorClass::Throttling => "throttling",
            ErrorClass::Server => "server",
            ErrorClass::ClientInput => "client-input",
            ErrorClass::Network => "network",
            ErrorClass::Unknown => "unknown",
        }
    }

    /// Standard-mode retry: throttling, server faults and requests that got no response.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorClass::Throttling | ErrorClass::Server | ErrorClass::Network
        )
    }
}

/// An error response from an AWS JSON service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    pub status: u16,
    /// Sanitized code (`com.amazon.coral.service#ExpiredTokenException` → `ExpiredTokenException`).
    pub code: String,
    pub message: Option<String>,
    /// The modeled `ErrorCode` member of `InvalidRequestException`.
    pub error_code: Option<String>,
    pub request_id: Option<String>,
    pub class: ErrorClass,
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(rename = "__type")]
    type_: Option<String>,
    code: Option<String>,
    message: Option<String>,
    #[serde(rename = "Message")]
    message_upper: Option<String>,
    #[serde(rename = "ErrorCode")]
    error_code: Option<String>,
}

/// Longest message kept: AWS messages are short; anything longer is not worth a screenful.
const MAX_MESSAGE: usize = 2_000;

impl ServiceError {
    /// Builds the error from a non-2xx response. `header` looks a response header up by
    /// lower-case name.
    pub fn from_response(
        status: u16,
        header: impl Fn(&str) -> Option<String>,
        body: &[u8],
    ) -> ServiceError {
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
        let raw_code = parsed
            .type_
            .filter(|c| !c.trim().is_empty())
            .or(parsed.code.filter(|c| !c.trim().is_empty()))
            .or_else(|| header("x-amzn-errortype").filter(|c| !c.trim().is_empty()));
        let code = raw_code
            .as_deref()
            .map(sanitize_code)
            .filter(|c| !c.is_empty());
        let message = parsed
            .message
            .or(parsed.message_upper)
            .or_else(|| header("x-amzn-errormessage"))
            .map(|m| crate::format::shorten(m.trim(), MAX_MESSAGE))
            .filter(|m| !m.is_empty());
        let class = match &code {
            Some(c) => classify(c, message.as_deref(), status),
            None => class_from_status(status),
        };
        ServiceError {
            status,
            code: code.unwrap_or_else(|| format!("HTTP {status}")),
            message,
            error_code: parsed
                .error_code
                .map(|c| sanitize_code(&c))
                .filter(|c| !c.is_empty()),
            request_id: header("x-amzn-requestid")
                .or_else(|| header("x-amz-request-id"))
                .map(|r| sanitize_code(&r))
                .filter(|r| !r.is_empty()),
            class,
        }
    }
}

/// Cut at the first `:`, keep what follows the last `#`, and keep only identifier characters so a
/// hostile or broken server cannot put markup or a wall of text where a code belongs.
pub fn sanitize_code(raw: &str) -> String {
    let before_colon = raw.split(':').next().unwrap_or_default();
    let after_hash = before_colon.rsplit('#').next().unwrap_or_default();
    after_hash
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(128)
        .collect()
}

const THROTTLING: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

const SERVER: &[&str] = &[
    "InternalServerError",
    "InternalServerException",
    "InternalFailure",
    "InternalError",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "RequestTimeout",
    "RequestTimeoutException",
];

const AUTH: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "IncompleteSignatureException",
    "IncompleteSignature",
    "MissingAuthenticationTokenException",
    "MissingAuthenticationToken",
    "InvalidAccessKeyId",
    "AuthFailure",
];

const EXPIRED: &[&str] = &[
    "ExpiredTokenException",
    "ExpiredToken",
    "TokenRefreshRequired",
];

const PERMISSION: &[&str] = &[
    "AccessDeniedException",
    "AccessDenied",
    "UnauthorizedOperation",
    "UnauthorizedException",
    "NotAuthorized",
];

const CLOCK: &[&str] = &[
    "RequestExpired",
    "RequestTimeTooSkewed",
    "RequestInTheFuture",
];

const CLIENT_INPUT: &[&str] = &[
    "InvalidRequestException",
    "ValidationException",
    "SerializationException",
    "UnknownOperationException",
    "InvalidParameterValue",
    "InvalidParameterException",
    "MissingParameter",
    "InvalidAction",
    "ResourceNotFoundException",
];

/// Class of a sanitized code. `message` tells the two `InvalidSignatureException`s apart.
pub fn classify(code: &str, message: Option<&str>, status: u16) -> ErrorClass {
    let is = |list: &[&str]| list.contains(&code);
    if code == "InvalidSignatureException" && message.is_some_and(is_clock_message) {
        ErrorClass::Clock
    } else if is(EXPIRED) {
        ErrorClass::ExpiredCredentials
    } else if is(AUTH) {
        ErrorClass::Auth
    } else if is(PERMISSION) {
        ErrorClass::Permission
    } else if is(CLOCK) {
        ErrorClass::Clock
    } else if is(THROTTLING) {
        ErrorClass::Throttling
    } else if is(SERVER) {
        ErrorClass::Server
    } else if is(CLIENT_INPUT) {
        ErrorClass::ClientInput
    } else if status >= 500 {
        // An unknown code on a 5xx is still a server fault, and retryable.
        ErrorClass::Server
    } else {
        ErrorClass::Unknown
    }
}

fn class_from_status(status: u16) -> ErrorClass {
    match status {
        429 => ErrorClass::Throttling,
        500..=599 => ErrorClass::Server,
        _ => ErrorClass::Unknown,
    }
}

/// AWS's clock messages: "Signature expired: …" and "Signature not yet current: …".
pub fn is_clock_message(message: &str) -> bool {
    message.starts_with("Signature expired") || message.starts_with("Signature not yet current")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_headers(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn sanitizes_codes() {
        assert_eq!(
            sanitize_code("com.amazon.coral.service#ExpiredTokenException"),
            "ExpiredTokenException"
        );
        assert_eq!(
            sanitize_code(
                "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "ValidationException"
        );
        assert_eq!(sanitize_code("aws.protocoltests#Foo:bar#Baz"), "Foo");
        assert_eq!(
            sanitize_code("<script>alert(1)</script>"),
            "scriptalert1script"
        );
        assert_eq!(
            sanitize_code("  ThrottlingException "),
            "ThrottlingException"
        );
    }

    #[test]
    fn code_sources_in_order() {
        let hdr = |n: &str| (n == "x-amzn-errortype").then(|| "HeaderCode:detail".to_string());
        let e =
            ServiceError::from_response(400, hdr, br#"{"__type":"A#TypeCode","code":"CodeCode"}"#);
        assert_eq!(e.code, "TypeCode");
        let e = ServiceError::from_response(400, hdr, br#"{"code":"CodeCode"}"#);
        assert_eq!(e.code, "CodeCode");
        let e = ServiceError::from_response(400, hdr, b"not json at all");
        assert_eq!(e.code, "HeaderCode");
        let e = ServiceError::from_response(503, no_headers, b"");
        assert_eq!((e.code.as_str(), e.class), ("HTTP 503", ErrorClass::Server));
        let e = ServiceError::from_response(403, no_headers, b"<html>Forbidden</html>");
        assert_eq!(
            (e.code.as_str(), e.class),
            ("HTTP 403", ErrorClass::Unknown)
        );
    }

    #[test]
    fn message_either_case_and_error_code_kept() {
        let e = ServiceError::from_response(
            400,
            |n| (n == "x-amzn-requestid").then(|| "6b2c-11".to_string()),
            br#"{"__type":"InvalidRequestException","ErrorCode":"NoSuchCluster","Message":"Cluster id 'j-NOPE' is not valid."}"#,
        );
        assert_eq!(e.class, ErrorClass::ClientInput);
        assert_eq!(
            e.message.as_deref(),
            Some("Cluster id 'j-NOPE' is not valid.")
        );
        assert_eq!(e.error_code.as_deref(), Some("NoSuchCluster"));
        assert_eq!(e.request_id.as_deref(), Some("6b2c-11"));
        let e = ServiceError::from_response(
            400,
            no_headers,
            br#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
        );
        assert_eq!(e.message.as_deref(), Some("Rate exceeded"));
    }

    #[test]
    fn every_reference_example_classifies() {
        let examples: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/data/error_responses.examples.json"
        ))
        .unwrap();
        let want = [
            (
                "InvalidRequestException (moto 5.2.5, same shape as EMR model)",
                ErrorClass::ClientInput,
            ),
            ("ExpiredTokenException", ErrorClass::ExpiredCredentials),
            (
                "ExpiredTokenException (namespaced variant)",
                ErrorClass::ExpiredCredentials,
            ),
            ("UnrecognizedClientException", ErrorClass::Auth),
            ("InvalidSignatureException (bad secret)", ErrorClass::Auth),
            (
                "InvalidSignatureException (clock behind)",
                ErrorClass::Clock,
            ),
            ("InvalidSignatureException (clock ahead)", ErrorClass::Clock),
            ("AccessDeniedException", ErrorClass::Permission),
            ("ThrottlingException", ErrorClass::Throttling),
            (
                "InternalServerError (modeled, no members)",
                ErrorClass::Server,
            ),
            (
                "InternalServerException (modeled fault)",
                ErrorClass::Server,
            ),
        ];
        for (name, class) in want {
            let body = serde_json::to_vec(&examples[name]["body"]).unwrap();
            let e = ServiceError::from_response(400, no_headers, &body);
            assert_eq!(e.class, class, "{name}");
            assert!(!e.code.contains('#'));
        }
    }

    #[test]
    fn every_listed_code_plain_namespaced_and_header_only() {
        let all: &[(&[&str], ErrorClass)] = &[
            (THROTTLING, ErrorClass::Throttling),
            (SERVER, ErrorClass::Server),
            (AUTH, ErrorClass::Auth),
            (EXPIRED, ErrorClass::ExpiredCredentials),
            (PERMISSION, ErrorClass::Permission),
            (CLOCK, ErrorClass::Clock),
            (CLIENT_INPUT, ErrorClass::ClientInput),
        ];
        for (codes, class) in all {
            for code in *codes {
                for body in [
                    format!(r#"{{"__type":"{code}"}}"#),
                    format!(r#"{{"__type":"com.amazon.coral.service#{code}"}}"#),
                    format!(r#"{{"code":"{code}"}}"#),
                ] {
                    let e = ServiceError::from_response(400, no_headers, body.as_bytes());
                    assert_eq!((e.code.as_str(), e.class), (*code, *class), "{body}");
                }
                let hdr =
                    |n: &str| (n == "x-amzn-errortype").then(|| format!("{code}:http://internal/"));
                let e = ServiceError::from_response(400, hdr, b"");
                assert_eq!(
                    (e.code.as_str(), e.class),
                    (*code, *class),
                    "header-only {code}"
                );
            }
        }
    }

    #[test]
    fn unknown_codes_stay_as_sent() {
        let e = ServiceError::from_response(400, no_headers, br#"{"__type":"BrandNewException"}"#);
        assert_eq!(
            (e.code.as_str(), e.class),
            ("BrandNewException", ErrorClass::Unknown)
        );
        let e = ServiceError::from_response(502, no_headers, br#"{"__type":"BrandNewException"}"#);
        assert_eq!(e.class, ErrorClass::Server);
    }

    #[test]
    fn retryable_classes() {
        assert!(ErrorClass::Throttling.is_retryable());
        assert!(ErrorClass::Server.is_retryable());
        assert!(ErrorClass::Network.is_retryable());
        for c in [
            ErrorClass::Auth,
            ErrorClass::ExpiredCredentials,
            ErrorClass::Permission,
            ErrorClass::ClientInput,
            ErrorClass::Clock,
            ErrorClass::Unknown,
        ] {
            assert!(!c.is_retryable());
        }
    }
}
