//! Output (and input) notebooks in the page. HTML outputs load in a sandboxed frame through a
//! presigned GET that makes S3 say `text/html` (no CORS needed); `.ipynb` files are fetched and
//! drawn by the page. For a failed run, the first error is fetched on its own and shown up front.
//! `state` holds what is shown and fetches it; this module draws it.

pub mod state;

use emr_core::s3::html_preview_url;
use leptos::html::Iframe;
use leptos::prelude::*;

use self::state::{open, Summary, Target, Which};
use super::state::DetailState;
use crate::console::{input_failure, Console};
use crate::edge::clock::now_ms;
use crate::edge::page;
use crate::net;
use crate::task::Busy;
use crate::ui::common::alert::{Failure, FailureAlert};
use crate::ui::common::notebook::NotebookView;
use crate::ui::common::s3::unreadable;

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
        let at = now_ms() + net::clock_offset_ms(&o.endpoint.origin());
        match html_preview_url(
            &target.uri,
            &o.region,
            o.endpoint_override.as_ref(),
            &credentials,
            at,
        ) {
            Ok(url) if page::navigate_frame(&el, &url) => {}
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
    let notebook = preview.notebook;
    // Once the wanted cell is drawn, scroll to it.
    Effect::new(move |_| {
        if let Some(i) = preview.scroll_to.get() {
            let id = format!("nb-cell-{i}");
            if page::has_id(&id) {
                page::scroll_to_id(&id);
                preview.scroll_to.set(None);
            } else {
                request_animation_frame(move || preview.scroll_to.notify());
            }
        }
    });
    move || {
        let target = preview.target.get()?;
        let heading = format!(
            "Preview: {} ({})",
            target.which.label(),
            target.uri.file_name()
        );
        let body = if target.uri.is_html() {
            view! { <HtmlFrame target=target.clone()/> }.into_any()
        } else if notebook.busy.get() != Busy::Idle {
            view! { <p class="progress-note" role="status">"Reading the notebook…"</p> }.into_any()
        } else if let Some(nb) = notebook.data.get() {
            view! { <NotebookView notebook=nb/> }.into_any()
        } else {
            let f = notebook.error.get()?;
            unreadable(f, &target.uri)
        };
        Some(view! {
            <section class="preview" aria-labelledby="preview-heading">
                <div class="preview__header">
                    <h3 id="preview-heading">{heading}</h3>
                    <button type="button" class="secondary" on:click=move |_| preview.close()>"Close preview"</button>
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
    let summary = preview.summary;
    let open_output = move |uri| {
        if let Some(l) = detail.loaded() {
            open(
                console,
                preview,
                &l.origin,
                Target {
                    uri,
                    which: Which::Output,
                },
            );
        }
    };
    move || {
        if summary.busy.get() != Busy::Idle {
            return Some(view! { <p class="failure-summary muted" role="status">"Reading the output notebook for the error…"</p> }.into_any());
        }
        if let Some(f) = summary.error.get() {
            let (_, uri) = summary.subject.get()?;
            return Some(view! {
                <div class="failure-summary">
                    <p>"The output notebook could not be read here, so the error is not shown up front. The preview below explains why."</p>
                    {unreadable(f, &uri)}
                </div>
            }.into_any());
        }
        match summary.data.get()? {
        Summary::NoError => Some(view! { <p class="failure-summary muted">"The output notebook holds no error output: the failure happened outside its cells."</p> }.into_any()),
        Summary::OfferHtml(uri) => Some(view! {
            <p class="failure-summary">
                "The output is HTML only (no notebook beside it to read the error from). "
                <button type="button" class="link-button" on:click=move |_| open_output(uri.clone())>"Preview output notebook"</button>
            </p>
        }.into_any()),
        Summary::Found { error, uri } => {
            let cell = error.cell;
            let show = move |_| {
                open_output(uri.clone());
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
                    <button type="button" class="link-button" on:click=move |_| show(())>{format!("Show {} in the notebook", error.cell_label())}</button>
                </div>
            }.into_any())
        }
    }
    }
}
