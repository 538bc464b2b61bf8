//! EMR's error shapes (JSON 1.1) and S3's (XML), as the emulator answers them.

use serde_json::{json, Value};

use crate::auth::AuthError;
use crate::http::Response;

pub(crate) const JSON_11: &str = "application/x-amz-json-1.1";

/// An API error in AWS's JSON 1.1 shape.
pub(crate) struct ApiError {
    pub(crate) status: u16,
    pub(crate) code: String,
    /// `message` (coral service errors) or `Message` (errors modeled in EMR's API).
    pub(crate) modeled: bool,
    pub(crate) message: String,
    pub(crate) error_code: Option<String>,
}

pub(crate) fn invalid_request(message: impl Into<String>) -> ApiError {
    ApiError {
        status: 400,
        code: "InvalidRequestException".into(),
        modeled: true,
        message: message.into(),
        error_code: None,
    }
}

pub(crate) fn validation(member: &str) -> ApiError {
    ApiError {
        status: 400,
        code: "ValidationException".into(),
        modeled: false,
        message: format!("1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"),
        error_code: None,
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        ApiError {
            status: e.status,
            code: e.code.to_string(),
            modeled: false,
            message: e.message,
            error_code: None,
        }
    }
}

impl ApiError {
    pub(crate) fn response(&self) -> Response {
        // Coral-style errors come namespaced; modeled ones plain (both occur on the wire).
        let type_ = if self.modeled {
            self.code.clone()
        } else {
            format!("com.amazon.coral.service#{}", self.code)
        };
        let mut body = serde_json::Map::new();
        body.insert("__type".into(), json!(type_));
        body.insert(
            if self.modeled { "Message" } else { "message" }.into(),
            json!(self.message),
        );
        if let Some(c) = &self.error_code {
            body.insert("ErrorCode".into(), json!(c));
        }
        let error_type = if self.code == "ValidationException" {
            format!(
                "{}:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                self.code
            )
        } else {
            self.code.clone()
        };
        Response::new(self.status, JSON_11, Value::Object(body).to_string())
            .with_header("x-amzn-errortype", error_type)
    }
}

pub(crate) fn s3_error(status: u16, code: &str, message: &str, request_id: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{}</Message><RequestId>{request_id}</RequestId></Error>",
        message.replace('&', "&amp;").replace('<', "&lt;")
    );
    Response::new(status, "application/xml", body)
}
