//! The words for failures and notices every view shows the same way.

use emr_core::connection::{Problem, Session};
use emr_core::emr::error::{unavailable as unavailable_explanation, Context, EmrError};
use emr_core::emr::operations::Operation;

use crate::net;
use crate::task::Failure;

/// The alert for a failed call, in the words of the operation that failed.
pub fn failure(error: &EmrError, operation: Operation, session: &Session) -> Failure {
    let endpoint = session.endpoint.origin();
    let cx = Context {
        operation,
        endpoint: &endpoint,
        region: session.region.name(),
    };
    Failure::Call(net::explain(error, cx))
}

/// The alert for a part of the console that could not be loaded (see `crate::edge::split`).
pub fn unavailable() -> Failure {
    Failure::Call(unavailable_explanation())
}

/// Problems as the alert lists them.
pub fn input_failure(problems: Vec<Problem>) -> Failure {
    Failure::Input(problems.into_iter().map(|p| p.message).collect())
}

/// What to tell the user when signing had to correct their clock.
pub fn clock_notice(offset_ms: i64) -> Option<String> {
    if offset_ms == 0 {
        return None;
    }
    let minutes = (offset_ms.abs() + 30_000) / 60_000;
    let direction = if offset_ms > 0 { "behind" } else { "ahead of" };
    Some(format!(
        "Your computer's clock is about {minutes} minutes {direction} AWS's. Requests are signed with the corrected time; setting your clock automatically fixes this for good."
    ))
}
