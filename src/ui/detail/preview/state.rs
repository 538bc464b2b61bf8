//! What the preview shows and how it gets it: the target, the fetched notebook (one cached), the
//! failure summary, and the reads from S3 behind them. The views are in the parent module.

use std::sync::Arc;

use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::notebook::failure::{first_error, FirstError};
use emr_core::notebook::model::{parse, Notebook};
use emr_core::s3::{
    explain, fetch_blocked, fetch_timed_out, notebook_beside, parse_error, PREVIEW_SECS,
};
use leptos::prelude::*;

use super::super::{DetailState, Loaded};
use crate::client::{get_object, now_ms, GetOutcome};
use crate::state::{input_failure, Console, Origin};
use crate::ui::common::alert::Failure;

/// How long a notebook may take to arrive before the page gives up on it.
const FETCH_TIMEOUT_MS: u64 = 60_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Output,
    Input,
}

impl Which {
    pub(super) fn label(self) -> &'static str {
        match self {
            Which::Output => "output notebook",
            Which::Input => "input notebook",
        }
    }
}

/// What is being previewed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub uri: S3Uri,
    pub which: Which,
}

/// Why a notebook could not be read: the alert, and whether the bucket's CORS rule is the likely
/// cause (the page then shows the rule to add).
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub failure: Failure,
    pub cors_bucket: Option<String>,
}

#[derive(Clone)]
pub(super) enum Content {
    Loading,
    Html,
    Notebook(Arc<Notebook>),
    Failed(Unreadable),
}

/// The failure summary for a failed run.
#[derive(Clone)]
pub(super) enum Summary {
    None,
    Loading,
    Found {
        error: FirstError,
        uri: S3Uri,
    },
    /// The notebook was read but holds no error output.
    NoError,
    /// An HTML output with no `.ipynb` beside it: the user may preview the HTML.
    OfferHtml(S3Uri),
    Unreadable(Unreadable),
}

#[derive(Clone, Copy)]
pub struct Preview {
    pub(super) target: RwSignal<Option<Target>>,
    pub(super) content: RwSignal<Option<Content>>,
    pub(super) summary: RwSignal<Summary>,
    /// "Load the output notebook of failed runs automatically".
    pub auto: RwSignal<bool>,
    /// The last notebook read, by URI: the summary and the preview share it.
    cache: StoredValue<Option<(String, Arc<Notebook>)>>,
    /// Which record the summary is for (a refresh of the same failed run does not fetch again).
    summarized: StoredValue<Option<String>>,
    /// The cell to scroll to once it is drawn.
    pub(super) scroll_to: RwSignal<Option<usize>>,
}

impl Preview {
    pub fn new() -> Preview {
        Preview {
            target: RwSignal::new(None),
            content: RwSignal::new(None),
            summary: RwSignal::new(Summary::None),
            auto: RwSignal::new(true),
            cache: StoredValue::new(None),
            summarized: StoredValue::new(None),
            scroll_to: RwSignal::new(None),
        }
    }

    /// Another execution: nothing of the last one stays.
    pub fn reset(&self) {
        self.target.set(None);
        self.content.set(None);
        self.summary.set(Summary::None);
        self.summarized.set_value(None);
        self.scroll_to.set(None);
    }
}

impl Default for Preview {
    fn default() -> Self {
        Preview::new()
    }
}

/// Reads and parses an `.ipynb` at `uri` with the credentials in the panel now.
async fn read_notebook(
    console: Console,
    origin: &Origin,
    uri: &S3Uri,
) -> Result<Arc<Notebook>, Unreadable> {
    let call = |failure| Unreadable {
        failure,
        cors_bucket: None,
    };
    let credentials = console
        .form
        .with_untracked(|f| f.credentials_at(now_ms()))
        .map_err(|p| call(input_failure(p)))?;
    let at = now_ms() + console.client().clock_offset_ms();
    let url = presigned_object_url(
        uri,
        &origin.region,
        origin.endpoint_override.as_ref(),
        &credentials,
        at,
        PREVIEW_SECS,
    )
    .map_err(|e| call(Failure::Input(vec![e.to_string()])))?;
    match get_object(&url, FETCH_TIMEOUT_MS).await {
        GetOutcome::Response { status: 200, body } => parse(&body)
            .map(Arc::new)
            .map_err(|e| call(Failure::Input(vec![e.to_string()]))),
        GetOutcome::Response { status, body } => Err(call(Failure::Call(explain(
            &parse_error(status, &body),
            uri,
        )))),
        GetOutcome::Blocked => Err(Unreadable {
            failure: Failure::Call(fetch_blocked(uri)),
            cors_bucket: Some(uri.bucket.clone()),
        }),
        GetOutcome::TimedOut => Err(call(Failure::Call(fetch_timed_out(uri)))),
    }
}

/// The notebook at `uri`, from the cache or from S3.
async fn notebook_at(
    console: Console,
    preview: Preview,
    origin: &Origin,
    uri: &S3Uri,
) -> Result<Arc<Notebook>, Unreadable> {
    let key = uri.to_string();
    if let Some(nb) = preview.cache.with_value(|c| {
        c.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, nb)| nb.clone())
    }) {
        return Ok(nb);
    }
    let nb = read_notebook(console, origin, uri).await?;
    preview.cache.set_value(Some((key, nb.clone())));
    Ok(nb)
}

/// Opens the preview of `target` (the buttons beside the S3 locations).
pub fn open(console: Console, detail: DetailState, target: Target) {
    let Some(loaded) = detail.loaded() else {
        return;
    };
    let preview = detail.preview;
    preview.target.set(Some(target.clone()));
    if target.uri.is_html() {
        preview.content.set(Some(Content::Html));
        return;
    }
    preview.content.set(Some(Content::Loading));
    leptos::task::spawn_local(async move {
        let result = notebook_at(console, preview, &loaded.origin, &target.uri).await;
        // Only if the user did not close it or open another meanwhile.
        if preview
            .target
            .with_untracked(|t| t.as_ref() == Some(&target))
        {
            preview.content.set(Some(match result {
                Ok(nb) => Content::Notebook(nb),
                Err(u) => Content::Failed(u),
            }));
        }
    });
}

/// For a failed run: the first error of its output notebook (or of the `.ipynb` beside an HTML
/// output), once per record.
pub fn summarize(console: Console, detail: DetailState, loaded: &Loaded) {
    let preview = detail.preview;
    let failing = loaded
        .execution
        .status
        .as_ref()
        .is_some_and(|s| s.is_failure());
    let Some(output) = loaded
        .execution
        .output_notebook_uri
        .as_deref()
        .and_then(S3Uri::parse)
        .filter(|u| u.is_object())
    else {
        return;
    };
    let key = format!("{}|{}", loaded.id, output);
    if !failing
        || !preview.auto.get_untracked()
        || preview.summarized.get_value().as_deref() == Some(&key)
    {
        return;
    }
    preview.summarized.set_value(Some(key.clone()));
    let html = output.is_html();
    let notebook_uri = if html {
        notebook_beside(&output)
    } else {
        Some(output.clone())
    };
    let Some(notebook_uri) = notebook_uri else {
        preview.summary.set(Summary::OfferHtml(output));
        return;
    };
    preview.summary.set(Summary::Loading);
    let origin = loaded.origin.clone();
    leptos::task::spawn_local(async move {
        let result = notebook_at(console, preview, &origin, &notebook_uri).await;
        if preview.summarized.get_value().as_deref() != Some(&key) {
            return;
        }
        preview.summary.set(match result {
            Ok(nb) => match first_error(&nb) {
                Some(error) => Summary::Found {
                    error,
                    uri: notebook_uri,
                },
                None => Summary::NoError,
            },
            // No notebook beside the HTML: offer the HTML itself.
            Err(u) if html && matches!(&u.failure, Failure::Call(e) if e.code == "NoSuchKey") => {
                Summary::OfferHtml(output)
            }
            Err(u) => Summary::Unreadable(u),
        });
    });
}
