//! Output (and input) notebooks in the page. HTML outputs load in a sandboxed frame through a
//! presigned GET that makes S3 say `text/html` (no CORS needed); `.ipynb` files are fetched and
//! drawn by the page. For a failed run, the first error is fetched on its own and shown up front.

pub mod notebook;

use std::sync::Arc;

use emr_core::emr::error::Explanation;
use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::notebook::failure::{first_error, FirstError};
use emr_core::notebook::model::{parse, Notebook};
use emr_core::s3::{
    cors_cli, cors_rule_json, explain, fetch_blocked, html_preview_url, notebook_beside,
    parse_error, PREVIEW_SECS,
};
use leptos::html::Iframe;
use leptos::prelude::*;

use self::notebook::NotebookView;
use super::{DetailState, Loaded};
use crate::client::{get_object, navigate_frame, now_ms, page_origin, scroll_to_id, GetOutcome};
use crate::state::{input_failure, Console, Origin};
use crate::ui::common::alert::{Failure, FailureAlert};
use crate::ui::common::copy::CopyButton;

/// Notebooks larger than this are not fetched (S3 answers, but a tab should not hold more).
const FETCH_TIMEOUT_MS: u64 = 60_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Output,
    Input,
}

impl Which {
    fn label(self) -> &'static str {
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

impl Target {
    fn is_html(&self) -> bool {
        let k = self.uri.key.to_ascii_lowercase();
        k.ends_with(".html") || k.ends_with(".htm")
    }
}

/// Why a notebook could not be read: the alert, and whether the bucket's CORS rule is the likely
/// cause (the page then shows the rule to add).
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub failure: Failure,
    pub cors_bucket: Option<String>,
}

#[derive(Clone)]
enum Content {
    Loading,
    Html,
    Notebook(Arc<Notebook>),
    Failed(Unreadable),
}

/// The failure summary for a failed run.
#[derive(Clone)]
enum Summary {
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
    target: RwSignal<Option<Target>>,
    content: RwSignal<Option<Content>>,
    summary: RwSignal<Summary>,
    /// "Load the output notebook of failed runs automatically".
    pub auto: RwSignal<bool>,
    /// The last notebook read, by URI: the summary and the preview share it.
    cache: StoredValue<Option<(String, Arc<Notebook>)>>,
    /// Which record the summary is for (a refresh of the same failed run does not fetch again).
    summarized: StoredValue<Option<String>>,
    /// The cell to scroll to once it is drawn.
    scroll_to: RwSignal<Option<usize>>,
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
        GetOutcome::TimedOut => Err(call(Failure::Call(Explanation {
            code: "Timeout".into(),
            class: emr_core::aws::error::ErrorClass::Network,
            meaning: format!("{uri} did not arrive within a minute."),
            remedy: "Check your connection, or Download it instead.".into(),
            message: None,
            error_code: None,
            request_id: None,
        }))),
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
    if target.is_html() {
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
    let html = output.key.ends_with(".html") || output.key.ends_with(".htm");
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

/// The rule a bucket needs before this page may read from it, ready to copy.
#[component]
fn CorsHelp(bucket: String) -> impl IntoView {
    let origin = page_origin();
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

fn unreadable(u: Unreadable) -> AnyView {
    view! {
        <FailureAlert failure=u.failure/>
        {u.cors_bucket.map(|b| view! { <CorsHelp bucket=b/> })}
    }
    .into_any()
}

/// The HTML output in a sandboxed frame: no scripts, no same-origin access, no forms, no popups.
#[component]
fn HtmlFrame(target: Target) -> impl IntoView {
    let console = expect_context::<Console>();
    let detail = expect_context::<DetailState>();
    let frame = NodeRef::<Iframe>::new();
    let problem = RwSignal::new(None::<Failure>);
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
        let Some(loaded) = detail.loaded() else {
            return;
        };
        let o = &loaded.origin;
        let credentials = match console.form.with_untracked(|f| f.credentials_at(now_ms())) {
            Ok(c) => c,
            Err(p) => return problem.set(Some(input_failure(p))),
        };
        let at = now_ms() + console.client().clock_offset_ms();
        match html_preview_url(
            &target.uri,
            &o.region,
            o.endpoint_override.as_ref(),
            &credentials,
            at,
        ) {
            Ok(url) if navigate_frame(&el, &url) => {}
            Ok(_) => problem.set(Some(Failure::Input(vec![
                "The browser would not load the preview frame; use Download instead.".into(),
            ]))),
            Err(e) => problem.set(Some(Failure::Input(vec![e.to_string()]))),
        }
    });
    view! {
        {move || problem.get().map(|f| view! { <FailureAlert failure=f/> })}
        <iframe node_ref=frame class="nb-frame" sandbox="" referrerpolicy="no-referrer" src="about:blank"
            title=format!("The {} (HTML), in a sandboxed frame", target.which.label())></iframe>
        <p class="hint">"Shown in a sandboxed frame: nothing in it can run, submit or reach this page."</p>
    }
}

/// The preview area under the record (when one is open).
#[component]
pub fn PreviewPanel() -> impl IntoView {
    let detail = expect_context::<DetailState>();
    let preview = detail.preview;
    // Once the wanted cell is drawn, scroll to it.
    Effect::new(move |_| {
        if let Some(i) = preview.scroll_to.get() {
            let id = format!("nb-cell-{i}");
            let drawn = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id))
                .is_some();
            if drawn {
                scroll_to_id(&id);
                preview.scroll_to.set(None);
            } else {
                request_animation_frame(move || preview.scroll_to.notify());
            }
        }
    });
    move || {
        let target = preview.target.get()?;
        let content = preview.content.get()?;
        let heading = format!(
            "Preview: {} ({})",
            target.which.label(),
            target.uri.file_name()
        );
        let body = match content {
            Content::Loading => {
                view! { <p class="progress-note" role="status">"Reading the notebook…"</p> }
                    .into_any()
            }
            Content::Html => view! { <HtmlFrame target=target.clone()/> }.into_any(),
            Content::Notebook(nb) => view! { <NotebookView notebook=nb/> }.into_any(),
            Content::Failed(u) => unreadable(u),
        };
        Some(view! {
            <section class="preview" aria-labelledby="preview-heading">
                <div class="preview__header">
                    <h3 id="preview-heading">{heading}</h3>
                    <button type="button" class="secondary" on:click=move |_| { preview.target.set(None); preview.content.set(None); }>"Close preview"</button>
                </div>
                {body}
            </section>
        })
    }
}

/// Why it failed, up front: the failing cell and the end of its traceback.
#[component]
pub fn FailureSummary() -> impl IntoView {
    let console = expect_context::<Console>();
    let detail = expect_context::<DetailState>();
    let preview = detail.preview;
    move || {
        match preview.summary.get() {
        Summary::None => None,
        Summary::Loading => Some(view! { <p class="failure-summary muted" role="status">"Reading the output notebook for the error…"</p> }.into_any()),
        Summary::NoError => Some(view! { <p class="failure-summary muted">"The output notebook holds no error output: the failure happened outside its cells."</p> }.into_any()),
        Summary::OfferHtml(uri) => Some(view! {
            <p class="failure-summary">
                "The output is HTML only (no notebook beside it to read the error from). "
                <button type="button" class="link-button" on:click=move |_| open(console, detail, Target { uri: uri.clone(), which: Which::Output })>"Preview output notebook"</button>
            </p>
        }.into_any()),
        Summary::Unreadable(u) => Some(view! {
            <div class="failure-summary">
                <p>"The output notebook could not be read here, so the error is not shown up front. The preview below explains why."</p>
                {unreadable(u)}
            </div>
        }.into_any()),
        Summary::Found { error, uri } => {
            let cell = error.cell;
            let show = move |_| {
                open(console, detail, Target { uri: uri.clone(), which: Which::Output });
                preview.scroll_to.set(Some(cell));
            };
            let more = (error.source_more > 0).then(|| format!("… {} more line{}", error.source_more, if error.source_more == 1 { "" } else { "s" }));
            Some(view! {
                <div class="failure-summary" role="group" aria-label="The error in the output notebook">
                    <p class="failure-summary__title">
                        <strong>{error.cell_label()}</strong> " raised " <code class="failure-summary__ename">{error.ename.clone()}</code>
                        ": " <span class="failure-summary__evalue">{error.evalue.clone()}</span>
                    </p>
                    <pre class="failure-summary__source">{error.source_head.join("\n")}{more.map(|m| format!("\n{m}"))}</pre>
                    <pre class="failure-summary__traceback">{error.traceback_tail.join("\n")}</pre>
                    <button type="button" class="link-button" on:click=show>{format!("Show {} in the notebook", error.cell_label())}</button>
                </div>
            }.into_any())
        }
    }
    }
}
