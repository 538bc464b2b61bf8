//! What the preview shows and how it gets it: the target, the notebook read for it (one kept, the
//! summary and the preview share it), and the failure summary of a failed run. The views are in
//! the parent module.

use std::sync::Arc;

use emr_core::emr::links::S3Uri;
use emr_core::notebook::failure::{first_error, FirstError};
use emr_core::notebook::model::Notebook;
use emr_core::s3::notebook_beside;
use leptos::prelude::*;

use super::super::loaded::Loaded;
use crate::console::{Console, Origin};
use crate::net::Abort;
use crate::task::{Failure, Task};
use crate::ui::common::s3::read_notebook;

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
    /// The `.ipynb` being shown, read by its URI (an HTML output needs no read: it is framed).
    pub(super) notebook: Task<String, Arc<Notebook>>,
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
    }

    /// The notebook at `uri`, from the cache or from S3.
    async fn notebook_at(
        self,
        console: Console,
        origin: &Origin,
        uri: &S3Uri,
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
        let nb = read_notebook(console, origin, uri, abort).await?;
        self.cache.set_value(Some((key, nb.clone())));
        Ok(nb)
    }
}

impl Default for Preview {
    fn default() -> Self {
        Preview::new()
    }
}

/// Opens the preview of `target` (the buttons beside the S3 locations), read from where the
/// record came from.
pub fn open(console: Console, preview: Preview, origin: &Origin, target: Target) {
    let origin = origin.clone();
    preview.target.set(Some(target.clone()));
    if target.uri.is_html() {
        preview.notebook.reset();
        return;
    }
    let uri = target.uri;
    preview.notebook.load(
        uri.to_string(),
        "Reading the notebook",
        false,
        move |ctx| async move {
            preview
                .notebook_at(console, &origin, &uri, &ctx.abort)
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
    preview.summary.load(
        key,
        "Reading the output notebook",
        false,
        move |ctx| async move {
            match preview
                .notebook_at(console, &origin, &notebook_uri, &ctx.abort)
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
