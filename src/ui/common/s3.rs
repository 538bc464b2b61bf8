//! Reading objects from S3 in the page (presigned GETs through the one `fetch`), and what to tell
//! the user when a bucket refuses: the preview and the comparison of two runs read notebooks the
//! same way.

use std::sync::Arc;

use emr_core::emr::links::{presign_object, GetOptions, S3Uri};
use emr_core::notebook::model::{parse, Notebook};
use emr_core::s3::{
    cors_cli, cors_rule_json, explain, fetch_blocked, fetch_timed_out, not_owned, parse_error,
    too_large, MAX_READ_BYTES, NOT_OWNED, PREVIEW_SECS,
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
/// `origin` use, asking S3 for what `options` says.
pub fn presigned(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
    secs: u64,
    options: GetOptions<'_>,
) -> Result<String, Failure> {
    let credentials = console
        .form
        .with_untracked(|f| f.credentials_at(now_ms()))
        .map_err(input_failure)?;
    let at = now_ms() + net::clock_offset_ms(&origin.endpoint.origin());
    presign_object(
        uri,
        &origin.region,
        origin.endpoint_override.as_ref(),
        &credentials,
        at,
        secs,
        options,
    )
    .map_err(|e| Failure::Input(vec![e.to_string()]))
}

/// Reads the object at `uri` (a notebook, an HTML output), at most [`MAX_READ_BYTES`] of it.
/// With `owner` (the execution's account) S3 is asked to refuse a bucket of any other account:
/// a record can name any bucket, and the page reads failed runs' outputs without a click.
pub async fn read(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
    owner: Option<&str>,
    abort: &Abort,
) -> Result<Vec<u8>, Failure> {
    let options = GetOptions {
        expected_owner: owner,
        ..Default::default()
    };
    let url = presigned(console, origin, uri, PREVIEW_SECS, options)?;
    let headers: Vec<(String, String)> = options
        .headers()
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
    let got = fetch(
        Request {
            post: false,
            url: &url,
            headers: &headers,
            body: None,
            read_headers: &[],
            max_bytes: Some(MAX_READ_BYTES),
            timeout_ms: FETCH_TIMEOUT_MS,
        },
        abort,
    )
    .await;
    match got {
        Ok(r) if r.status == 200 => Ok(r.body),
        Ok(r) => {
            let e = parse_error(r.status, &r.body);
            Err(Failure::Call(match owner {
                Some(account) if e.code == "AccessDenied" => not_owned(uri, account, e.request_id),
                _ => explain(&e, uri),
            }))
        }
        Err(FetchError::Timeout) => Err(Failure::Call(fetch_timed_out(uri))),
        Err(FetchError::TooLarge { bytes }) => Err(Failure::Call(too_large(uri, bytes))),
        Err(_) => Err(Failure::Call(fetch_blocked(uri))),
    }
}

/// Reads and parses the `.ipynb` at `uri`.
pub async fn read_notebook(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
    owner: Option<&str>,
    abort: &Abort,
) -> Result<Arc<Notebook>, Failure> {
    let body = read(console, origin, uri, owner, abort).await?;
    parse(&body)
        .map(Arc::new)
        .map_err(|e| Failure::Input(vec![e.to_string()]))
}

/// Whether S3 would not confirm the bucket is the execution's account's (the page then asks
/// before reading it anyway).
pub fn is_not_owned(failure: &Failure) -> bool {
    matches!(failure, Failure::Call(e) if e.error_code.as_deref() == Some(NOT_OWNED))
}

/// Whether the object is too large to read here (the page then offers the download).
pub fn is_too_large(failure: &Failure) -> bool {
    matches!(failure, Failure::Call(e) if e.code == "TooLarge")
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

/// What the page can do about an object it could not read.
#[derive(Clone, Copy, Default)]
pub struct Remedies {
    /// Read a bucket S3 did not confirm as the execution's account's anyway (the user's choice).
    pub read_anyway: Option<Callback<()>>,
    /// Download it instead (too large to read here).
    pub download: Option<Callback<()>>,
}

/// An object that could not be read: the alert, the CORS rule when that is the likely cause,
/// and the way on the failure allows.
pub fn unreadable(failure: Failure, uri: &S3Uri, remedies: Remedies) -> AnyView {
    let cors = is_cors(&failure).then(|| uri.bucket.clone());
    let anyway = remedies.read_anyway.filter(|_| is_not_owned(&failure));
    let download = remedies.download.filter(|_| is_too_large(&failure));
    let bucket = uri.bucket.clone();
    view! {
        <FailureAlert failure=failure>
            {anyway.map(|f| view! {
                <button type="button" class="secondary" on:click=move |_| f.run(())>{format!("Read from {bucket} anyway")}</button>
            })}
            {download.map(|f| view! {
                <button type="button" class="secondary" on:click=move |_| f.run(())>"Download"</button>
            })}
        </FailureAlert>
        {cors.map(|b| view! { <CorsHelp bucket=b/> })}
    }
    .into_any()
}
