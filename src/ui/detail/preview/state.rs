//! What the preview shows and how it gets it: the target, the notebook read for it (one kept, the
//! summary and the preview share it), and the failure summary of a failed run. The views are in
//! the parent module.

use std::sync::Arc;

use emr_core::emr::links::{account_of_arn, S3Uri};
use emr_core::notebook::failure::{first_error, FirstError};
use emr_core::notebook::html::inert;
use emr_core::notebook::model::Notebook;
use emr_core::s3::notebook_beside;
use leptos::prelude::*;

use super::super::loaded::Loaded;
use crate::console::{Console, Origin};
use crate::net::Abort;
use crate::task::{Failure, Task};
use crate::ui::common::s3::{read, read_notebook};

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

/// What the failure summary found in a failed run's notebook.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Summary {
    Found {
        error: FirstError,
        uri: S3Uri,
    },
    /// The notebook was read but holds no error output.
    NoError,
    /// An HTML output with no `.ipynb` beside it: the user may preview the HTML.
    OfferHtml(S3Uri),
}

#[derive(Clone, Copy)]
pub struct Preview {
    pub(super) target: RwSignal<Option<Target>>,
    /// The `.ipynb` being shown, read by its URI.
    pub(super) notebook: Task<String, Arc<Notebook>>,
    /// The HTML output being shown, read by its URI and made inert (shown with `srcdoc`).
    pub(super) html: Task<String, String>,
    /// Buckets the user chose to read although S3 did not confirm they are the execution's
    /// account's (this tab's memory only).
    trusted: RwSignal<Vec<String>>,
    /// For a failed run, by record and output URI: its first error.
    pub(super) summary: Task<(String, S3Uri), Summary>,
    /// "Read a failed run's output notebook for its error".
    pub auto: RwSignal<bool>,
    /// The last notebook read, by URI: the summary and the preview share it.
    cache: StoredValue<Option<(String, Arc<Notebook>)>>,
    /// The cell to scroll to once it is drawn.
    pub(super) scroll_to: RwSignal<Option<usize>>,
}

impl Preview {
    pub fn new() -> Preview {
        Preview {
            target: RwSignal::new(None),
            notebook: Task::new(),
            html: Task::new(),
            trusted: RwSignal::new(vec![]),
            summary: Task::new(),
            auto: RwSignal::new(true),
            cache: StoredValue::new(None),
            scroll_to: RwSignal::new(None),
        }
    }

    /// Another execution: nothing of the last one stays.
    pub fn reset(&self) {
        self.close();
        self.summary.reset();
        self.scroll_to.set(None);
    }

    pub(super) fn close(&self) {
        self.target.set(None);
        self.notebook.reset();
        self.html.reset();
    }

    /// Reads from `bucket` from now on without asking S3 whose it is (the user said so).
    pub(super) fn trust(&self, bucket: &str) {
        self.trusted.update(|t| {
            if !t.iter().any(|b| b == bucket) {
                t.push(bucket.to_string())
            }
        });
    }

    /// The account S3 must confirm owns `uri`'s bucket: the execution's, unless the user chose to
    /// read that bucket anyway.
    fn owner(&self, record_arn: Option<&str>, uri: &S3Uri) -> Option<String> {
        let trusted = self.trusted.with_untracked(|t| t.contains(&uri.bucket));
        record_arn
            .and_then(account_of_arn)
            .filter(|_| !trusted)
            .map(str::to_string)
    }

    /// The notebook at `uri`, from the cache or from S3.
    async fn notebook_at(
        self,
        console: Console,
        origin: &Origin,
        uri: &S3Uri,
        owner: Option<&str>,
        abort: &Abort,
    ) -> Result<Arc<Notebook>, Failure> {
        let key = uri.to_string();
        if let Some(nb) = self.cache.with_value(|c| {
            c.as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, nb)| nb.clone())
        }) {
            return Ok(nb);
        }
        let nb = read_notebook(console, origin, uri, owner, abort).await?;
        self.cache.set_value(Some((key, nb.clone())));
        Ok(nb)
    }
}

impl Default for Preview {
    fn default() -> Self {
        Preview::new()
    }
}

/// Opens the preview of `target` (the buttons beside the S3 locations) of the record `loaded`.
pub fn open(console: Console, preview: Preview, loaded: &Loaded, target: Target) {
    let origin = loaded.origin.clone();
    let owner = preview.owner(loaded.execution.arn.as_deref(), &target.uri);
    preview.target.set(Some(target.clone()));
    let uri = target.uri;
    if uri.is_html() {
        preview.notebook.reset();
        preview.html.load(
            uri.to_string(),
            "Reading the report",
            false,
            move |ctx| async move {
                let body = read(console, &origin, &uri, owner.as_deref(), &ctx.abort).await?;
                Ok(inert(&String::from_utf8_lossy(&body)))
            },
        );
        return;
    }
    preview.html.reset();
    preview.notebook.load(
        uri.to_string(),
        "Reading the notebook",
        false,
        move |ctx| async move {
            preview
                .notebook_at(console, &origin, &uri, owner.as_deref(), &ctx.abort)
                .await
        },
    );
}

/// For a failed run: the first error of its output notebook (or of the `.ipynb` beside an HTML
/// output), once per record.
pub fn summarize(console: Console, preview: Preview, loaded: &Loaded) {
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
    let key = (loaded.id.to_string(), output.clone());
    if !failing || !preview.auto.get_untracked() || preview.summary.is_for(&key) {
        return;
    }
    let html = output.is_html();
    let notebook_uri = if html {
        notebook_beside(&output)
    } else {
        Some(output.clone())
    };
    let Some(notebook_uri) = notebook_uri else {
        preview.summary.put(key, Summary::OfferHtml(output));
        return;
    };
    let origin = loaded.origin.clone();
    let owner = preview.owner(loaded.execution.arn.as_deref(), &notebook_uri);
    preview.summary.load(
        key,
        "Reading the output notebook",
        false,
        move |ctx| async move {
            match preview
                .notebook_at(
                    console,
                    &origin,
                    &notebook_uri,
                    owner.as_deref(),
                    &ctx.abort,
                )
                .await
            {
                Ok(nb) => Ok(match first_error(&nb) {
                    Some(error) => Summary::Found {
                        error,
                        uri: notebook_uri,
                    },
                    None => Summary::NoError,
                }),
                // No notebook beside the HTML: offer the HTML itself.
                Err(Failure::Call(e)) if html && e.code == "NoSuchKey" => {
                    Ok(Summary::OfferHtml(output))
                }
                Err(f) => Err(f),
            }
        },
    );
}
