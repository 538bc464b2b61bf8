//! Every way a console action can fail, and what to tell the user about it.

use std::fmt;

use super::operations::{Operation, ParseError};
use crate::aws::call::CallError;
use crate::aws::error::{ErrorClass, ServiceError};
use crate::aws::signing::SigningError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmrError {
    /// AWS answered with an error.
    Service(ServiceError),
    /// No response: the browser hides why.
    Network(String),
    Timeout {
        after_ms: u64,
    },
    Cancelled,
    Signing(SigningError),
    /// A 2xx whose body is not EMR's JSON.
    InvalidResponse(ParseError),
    /// The page's own code for the call could not be fetched (it loads on first use): nothing
    /// was signed or sent.
    ConsoleUnavailable,
}

/// Why a part of the console is missing, and what to do: for [`EmrError::ConsoleUnavailable`]
/// and for a view whose code could not be loaded.
pub const UNAVAILABLE_MEANING: &str =
    "Part of this console could not be loaded from the server that hosts it, so nothing was sent to AWS.";
pub const UNAVAILABLE_REMEDY: &str = "Check your connection and try again. If the console was updated since you opened this page, reload it.";

impl From<CallError> for EmrError {
    fn from(e: CallError) -> Self {
        match e {
            CallError::Service(s) => EmrError::Service(s),
            CallError::Network(m) => EmrError::Network(m),
            CallError::Timeout { after_ms } => EmrError::Timeout { after_ms },
            CallError::Cancelled => EmrError::Cancelled,
            CallError::Signing(s) => EmrError::Signing(s),
        }
    }
}

impl EmrError {
    pub fn class(&self) -> ErrorClass {
        match self {
            EmrError::Service(e) => e.class,
            EmrError::Network(_) | EmrError::Timeout { .. } | EmrError::ConsoleUnavailable => {
                ErrorClass::Network
            }
            EmrError::Cancelled | EmrError::Signing(_) | EmrError::InvalidResponse(_) => {
                ErrorClass::Unknown
            }
        }
    }
}

/// What the alert shows: the code as AWS sent it (sanitized), what it means, what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub code: String,
    pub class: ErrorClass,
    pub meaning: String,
    pub remedy: String,
    /// AWS's own message, shown verbatim as text.
    pub message: Option<String>,
    pub error_code: Option<String>,
    pub request_id: Option<String>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {}", self.code, self.meaning, self.remedy)
    }
}

/// Context that makes remedies concrete.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub operation: Operation,
    /// `scheme://host[:port]` that was called.
    pub endpoint: &'a str,
    pub region: &'a str,
}

/// The explanation of [`EmrError::ConsoleUnavailable`], which needs no context (and, on its own,
/// none of the other explanations' texts).
pub fn unavailable() -> Explanation {
    Explanation {
        code: "ConsoleUnavailable".to_string(),
        class: ErrorClass::Network,
        meaning: UNAVAILABLE_MEANING.to_string(),
        remedy: UNAVAILABLE_REMEDY.to_string(),
        message: None,
        error_code: None,
        request_id: None,
    }
}

pub fn explain(error: &EmrError, cx: Context<'_>) -> Explanation {
    let plain = |code: &str, class, meaning: String, remedy: String| Explanation {
        code: code.to_string(),
        class,
        meaning,
        remedy,
        message: None,
        error_code: None,
        request_id: None,
    };
    match error {
        EmrError::Service(e) => {
            let (meaning, remedy) = service_text(e, cx);
            Explanation {
                code: e.code.clone(),
                class: e.class,
                meaning,
                remedy,
                message: e.message.clone(),
                error_code: e.error_code.clone(),
                request_id: e.request_id.clone(),
            }
        }
        EmrError::Network(_) => plain(
            "NetworkError",
            ErrorClass::Network,
            format!("No response arrived from {}. The browser does not tell web pages why a request failed, so the exact reason is hidden here.", cx.endpoint),
            "Likely causes: you are offline or behind a VPN or proxy that blocks it; the region or Endpoint URL is wrong, so nothing answers there; or the endpoint does not allow requests from this page (CORS). The browser's developer tools (Network and Console tabs) show which.".to_string(),
        ),
        EmrError::Timeout { after_ms } => plain(
            "Timeout",
            ErrorClass::Network,
            format!("{} did not answer within {} seconds.", cx.endpoint, after_ms / 1000),
            "Check your connection and the Endpoint URL, then try again.".to_string(),
        ),
        EmrError::Cancelled => plain(
            "Cancelled",
            ErrorClass::Unknown,
            "You cancelled the request.".to_string(),
            "Press Describe to try again.".to_string(),
        ),
        EmrError::Signing(e) => plain(
            "SigningError",
            ErrorClass::Auth,
            e.to_string(),
            "Copy the credentials again; they must be plain ASCII without spaces.".to_string(),
        ),
        EmrError::InvalidResponse(e) => plain(
            "InvalidResponse",
            ErrorClass::Unknown,
            e.to_string(),
            format!("Check that the Endpoint URL ({}) is an EMR endpoint and not another service or a proxy's error page.", cx.endpoint),
        ),
        EmrError::ConsoleUnavailable => unavailable(),
    }
}

fn service_text(e: &ServiceError, cx: Context<'_>) -> (String, String) {
    let action = cx.operation.iam_action();
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    match (e.class, e.code.as_str()) {
        (ErrorClass::ExpiredCredentials, _) => s(
            "Your temporary credentials have expired.",
            "Get fresh credentials (aws sts …, aws configure export-credentials, or the IAM Identity Center portal) and paste them; the region, endpoint and ID stay as they are.",
        ),
        (ErrorClass::Auth, "UnrecognizedClientException" | "InvalidClientTokenId" | "InvalidAccessKeyId") => s(
            "AWS does not recognise this access key ID or session token.",
            "Check that the access key ID and session token come from the same, current set of credentials, and that they are for this partition (AWS, China or GovCloud).",
        ),
        (ErrorClass::Auth, "InvalidSignatureException" | "SignatureDoesNotMatch") => s(
            "The signature does not match: AWS computed a different one with the secret it holds.",
            "Copy the secret access key again (it belongs to this access key ID); check that a proxy in front of the Endpoint URL does not change the request.",
        ),
        (ErrorClass::Auth, "MissingAuthenticationTokenException" | "MissingAuthenticationToken") => s(
            "The request reached the endpoint without a valid signature.",
            "Check the Endpoint URL: this error also means the address does not belong to EMR.",
        ),
        (ErrorClass::Auth, _) => s(
            "AWS did not accept the request's authentication.",
            "Paste a fresh, complete set of credentials (access key ID, secret access key, session token).",
        ),
        (ErrorClass::Permission, _) if cx.operation == Operation::StartNotebookExecution => (
            "You are signed in, but IAM does not allow starting notebook executions.".to_string(),
            format!("Ask for the IAM permission {action} for the role or user these credentials belong to. Starting also needs iam:PassRole on the service role (and on the execution role, if one is given), so that EMR may act as it."),
        ),
        (ErrorClass::Permission, _) => (
            "You are signed in, but IAM does not allow this action.".to_string(),
            format!("Ask for the IAM permission {action} on this notebook execution (or on *) for the role or user these credentials belong to."),
        ),
        (ErrorClass::Clock, _) => s(
            "Your computer's clock is too far from AWS's (more than 15 minutes), so the signature is refused.",
            "Set your computer's clock automatically (network time), then try again.",
        ),
        (ErrorClass::Throttling, _) => s(
            "AWS is limiting the rate of requests from your account (Rate exceeded).",
            "Wait a few seconds and try again; other tools polling EMR in the same account share this limit.",
        ),
        (ErrorClass::Server, _) => (
            "AWS had an internal problem answering.".to_string(),
            format!("Try again in a moment; if it persists, check the AWS Health Dashboard for EMR in {} and quote the request ID to AWS Support.", cx.region),
        ),
        (ErrorClass::ClientInput, _) => match cx.operation {
            Operation::DescribeNotebookExecution => s(
                "EMR refused the request as invalid; most often no notebook execution with this ID exists in this account and region.",
                "Check the notebook execution ID (it looks like ex-…) and that the region is the one where it ran.",
            ),
            Operation::StopNotebookExecution => s(
                "EMR refused to stop it. A notebook execution can be stopped only while it is START_PENDING, STARTING or RUNNING; it has most likely moved on since the page last looked.",
                "The execution is described again below: it shows where it stands now.",
            ),
            Operation::StartNotebookExecution => s(
                "EMR refused to start it: one of the values it was given is not valid (an unknown cluster or editor, a notebook that is not there, a role it cannot use).",
                "AWS's message below names the value; correct it in the form and press Start execution again.",
            ),
            Operation::ListNotebookExecutions => s(
                "EMR refused the list request as invalid.",
                "Check the filters (AWS's message below says which one), or press List executions to start again from the first page.",
            ),
            Operation::ListClusters => s(
                "EMR refused the request for clusters as invalid.",
                "Type the cluster ID (j-…) instead; the form still checks it when you leave the field.",
            ),
            Operation::DescribeCluster => s(
                "EMR refused to describe that cluster; most often no cluster with this ID exists in this account and region.",
                "Check the cluster ID (it looks like j-…) and that the region is the one where the cluster runs.",
            ),
        },
        (ErrorClass::Network | ErrorClass::Unknown, _) => s(
            "AWS returned an error this console does not know.",
            "AWS's message below may say more; quote the code and request ID when asking for help.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx() -> Context<'static> {
        Context {
            operation: Operation::DescribeNotebookExecution,
            endpoint: "https://elasticmapreduce.us-east-1.amazonaws.com",
            region: "us-east-1",
        }
    }

    fn service(code: &str, message: &str) -> EmrError {
        EmrError::Service(ServiceError::from_response(
            400,
            |_| None,
            format!(r#"{{"__type":"com.amazon.coral.service#{code}","message":"{message}"}}"#)
                .as_bytes(),
        ))
    }

    #[test]
    fn access_denied_names_the_iam_action() {
        let e = explain(
            &service("AccessDeniedException", "User: x is not authorized"),
            cx(),
        );
        assert_eq!(e.code, "AccessDeniedException");
        assert!(e
            .remedy
            .contains("elasticmapreduce:DescribeNotebookExecution"));
        assert_eq!(e.message.as_deref(), Some("User: x is not authorized"));
    }

    #[test]
    fn expired_token_asks_for_fresh_credentials() {
        let e = explain(
            &service(
                "ExpiredTokenException",
                "The security token included in the request is expired",
            ),
            cx(),
        );
        assert_eq!(e.code, "ExpiredTokenException");
        assert_eq!(e.class, ErrorClass::ExpiredCredentials);
        assert!(e.remedy.contains("fresh credentials"));
    }

    #[test]
    fn missing_console_code_says_nothing_was_sent_and_to_reload() {
        let e = explain(&EmrError::ConsoleUnavailable, cx());
        assert_eq!(e.code, "ConsoleUnavailable");
        assert_eq!(e.class, ErrorClass::Network);
        assert!(e.meaning.contains("nothing was sent"));
        assert!(e.remedy.contains("reload"));
        assert!(e.request_id.is_none());
    }

    #[test]
    fn network_errors_say_the_reason_is_hidden() {
        let e = explain(
            &EmrError::Network("TypeError: Failed to fetch".into()),
            cx(),
        );
        assert_eq!(e.code, "NetworkError");
        assert!(e.meaning.contains("does not tell web pages why"));
        for cause in ["offline", "Endpoint URL", "CORS"] {
            assert!(e.remedy.contains(cause), "{cause}");
        }
    }

    #[test]
    fn stop_and_start_say_what_is_special_about_them() {
        let stop = Context {
            operation: Operation::StopNotebookExecution,
            ..cx()
        };
        let e = explain(
            &service("InvalidRequestException", "cannot be stopped"),
            stop,
        );
        assert!(e
            .meaning
            .contains("only while it is START_PENDING, STARTING or RUNNING"));
        let e = explain(&service("AccessDeniedException", "no"), stop);
        assert!(e.remedy.contains("elasticmapreduce:StopNotebookExecution"));
        let start = Context {
            operation: Operation::StartNotebookExecution,
            ..cx()
        };
        let e = explain(&service("AccessDeniedException", "no"), start);
        assert!(
            e.remedy.contains("elasticmapreduce:StartNotebookExecution")
                && e.remedy.contains("iam:PassRole on the service role")
        );
        let list = Context {
            operation: Operation::ListNotebookExecutions,
            ..cx()
        };
        assert!(explain(&service("AccessDeniedException", "no"), list)
            .remedy
            .contains("elasticmapreduce:ListNotebookExecutions"));
    }

    #[test]
    fn every_class_has_a_specific_text() {
        let mut seen = std::collections::HashSet::new();
        for code in [
            "ExpiredTokenException",
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "MissingAuthenticationTokenException",
            "IncompleteSignatureException",
            "AccessDeniedException",
            "RequestExpired",
            "ThrottlingException",
            "InternalServerError",
            "InvalidRequestException",
            "SomethingNew",
        ] {
            let e = explain(&service(code, "m"), cx());
            assert!(seen.insert(e.meaning.clone()), "{code} shares its text");
            assert_eq!(e.code, code);
        }
    }
}
