//! Reading objects from S3 in the page (presigned GETs through the one `fetch`), and what to tell
//! the user when a bucket refuses: the preview and the comparison of two runs read notebooks the
//! same way.

use std::sync::Arc;

use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::notebook::model::{parse, Notebook};
use emr_core::s3::{
    cors_cli, cors_rule_json, explain, fetch_blocked, fetch_timed_out, parse_error, PREVIEW_SECS,
};
use leptos::prelude::*;

use super::alert::{Failure, FailureAlert};
use super::copy::CopyButton;
use crate::console::{input_failure, Console, Origin};
use crate::edge::clock::now_ms;
use crate::edge::fetch::{fetch, Abort, FetchError, Request};
use crate::edge::page;
use crate::net;

/// How long a notebook may take to arrive before the page gives up on it.
const FETCH_TIMEOUT_MS: u64 = 60_000;

/// A presigned GET for `uri` with the credentials in the panel now and the clock the calls to
/// `origin` use.
pub fn presigned(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
    secs: u64,
) -> Result<String, Failure> {
    let credentials = console
        .form
        .with_untracked(|f| f.credentials_at(now_ms()))
        .map_err(input_failure)?;
    let at = now_ms() + net::clock_offset_ms(&origin.endpoint.origin());
    presigned_object_url(
        uri,
        &origin.region,
        origin.endpoint_override.as_ref(),
        &credentials,
        at,
        secs,
    )
    .map_err(|e| Failure::Input(vec![e.to_string()]))
}

/// Reads the object at `uri` (a notebook, an HTML output).
pub async fn read(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
    abort: &Abort,
) -> Result<Vec<u8>, Failure> {
    let url = presigned(console, origin, uri, PREVIEW_SECS)?;
    let got = fetch(
        Request {
            post: false,
            url: &url,
            headers: &[],
            body: None,
            read_headers: &[],
            max_bytes: None,
            timeout_ms: FETCH_TIMEOUT_MS,
        },
        abort,
    )
    .await;
    match got {
        Ok(r) if r.status == 200 => Ok(r.body),
        Ok(r) => Err(Failure::Call(explain(&parse_error(r.status, &r.body), uri))),
        Err(FetchError::Timeout) => Err(Failure::Call(fetch_timed_out(uri))),
        Err(_) => Err(Failure::Call(fetch_blocked(uri))),
    }
}

/// Reads and parses the `.ipynb` at `uri`.
pub async fn read_notebook(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
    abort: &Abort,
) -> Result<Arc<Notebook>, Failure> {
    let body = read(console, origin, uri, abort).await?;
    parse(&body)
        .map(Arc::new)
        .map_err(|e| Failure::Input(vec![e.to_string()]))
}

/// Whether the bucket's missing CORS rule is the likely cause (the page then shows the rule).
pub fn is_cors(failure: &Failure) -> bool {
    matches!(failure, Failure::Call(e) if e.code == "CORS")
}

/// The rule a bucket needs before this page may read from it, ready to copy.
#[component]
pub fn CorsHelp(bucket: String) -> impl IntoView {
    let origin = page::origin();
    let json = cors_rule_json(&origin);
    let cli = cors_cli(&bucket, &origin);
    view! {
        <div class="cors-help">
            <p>{format!("The CORS rule for {origin} (S3 console: bucket {bucket} → Permissions → Cross-origin resource sharing (CORS)):")}</p>
            <pre class="cors-help__rule">{json.clone()}</pre>
            <CopyButton text=json what="the CORS rule"/>
            <p>"Or with the AWS CLI (this replaces the bucket's CORS configuration: merge it with rules it already has):"</p>
            <pre class="cors-help__rule">{cli.clone()}</pre>
            <CopyButton text=cli what="the AWS CLI command"/>
        </div>
    }
}

/// A notebook that could not be read: the alert, and the CORS rule when that is the likely cause.
pub fn unreadable(failure: Failure, uri: &S3Uri) -> AnyView {
    let cors = is_cors(&failure).then(|| uri.bucket.clone());
    view! {
        <FailureAlert failure=failure/>
        {cors.map(|b| view! { <CorsHelp bucket=b/> })}
    }
    .into_any()
}
