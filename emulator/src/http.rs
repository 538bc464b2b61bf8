//! Transport-neutral request and response, so the whole emulator is testable without sockets.

use emr_core::aws::skew::format_http_date;

#[derive(Clone, Debug, Default)]
pub struct Request {
    pub method: String,
    /// Raw path as sent (still percent-encoded).
    pub path: String,
    /// Raw query string without `?`.
    pub query: String,
    /// Lower-case names, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// What the server should do with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Respond {
        delay_ms: u64,
        response: Response,
    },
    /// Close the connection without answering (after `delay_ms`).
    Drop {
        delay_ms: u64,
    },
}

/// EMR's CORS answer, on preflights and on every response (errors included).
pub const EXPOSE_HEADERS: &str = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

pub fn add_common_headers(
    response: &mut Response,
    request: &Request,
    request_id: &str,
    server_now_ms: i64,
    // The page's origin, when it may read the answer.
    cors: Option<&str>,
) {
    if let Some(origin) = cors {
        response
            .headers
            .push(("access-control-allow-origin".into(), origin.into()));
        response.headers.push(("vary".into(), "Origin".into()));
        response.headers.push((
            "access-control-expose-headers".into(),
            EXPOSE_HEADERS.into(),
        ));
    }
    if cors.is_some() && request.method == "OPTIONS" {
        let requested = request
            .header("access-control-request-headers")
            .unwrap_or_default()
            .to_string();
        response
            .headers
            .push(("access-control-allow-headers".into(), requested));
        // EMR's endpoint answers POST; the S3 side (object paths) answers GET and HEAD.
        let methods = if request.path == "/" {
            "POST"
        } else {
            "GET, HEAD"
        };
        response
            .headers
            .push(("access-control-allow-methods".into(), methods.into()));
        response
            .headers
            .push(("access-control-max-age".into(), "172800".into()));
    }
    response
        .headers
        .push(("x-amzn-requestid".into(), request_id.into()));
    response
        .headers
        .push(("date".into(), format_http_date(server_now_ms)));
}
