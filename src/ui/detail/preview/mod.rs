//! Output (and input) notebooks in the page. HTML outputs load in a sandboxed frame through a
//! presigned GET that makes S3 say `text/html` (no CORS needed); `.ipynb` files are fetched and
//! drawn by the page. For a failed run, the first error is fetched on its own and shown up front.
//! `state` holds what is shown and fetches it; this module draws it.

pub mod state;

use emr_core::s3::html_preview_url;
use leptos::html::Iframe;
use leptos::prelude::*;

use self::state::{open, summarize, Summary, Target, Which};
use super::describe::download;
use super::state::DetailState;
use crate::console::{input_failure, Console};
use crate::edge::clock::now_ms;
use crate::edge::page;
use crate::net;
use crate::task::Busy;
use crate::ui::common::alert::{Failure, FailureAlert};
use crate::ui::common::notebook::NotebookView;
use crate::ui::common::s3::{is_cors, unreadable, CorsHelp, Remedies};

/// The HTML output in a sandboxed frame: no scripts, no same-origin access, no forms, no popups.
/// Read by the page (the bucket answers CORS) and made inert, it is the frame's `srcdoc`: it
/// inherits this page's Content-Security-Policy, so it reaches no other host. Without CORS the frame
/// loads it from S3 through a presigned GET instead (text/html forced), where it can.
#[component]
fn HtmlFrame(target: Target) -> impl IntoView {
    let detail = expect_context::<DetailState>();
    let html = detail.preview.html;
    let label = format!("The {} (HTML), in a sandboxed frame", target.which.label());
    let inert = move || {
        let doc = html.data.get()?;
        let frame = NodeRef::<Iframe>::new();
        // Given to the frame as a property: the report never passes through this page's parser.
        Effect::new(move |_| {
            if let Some(el) = frame.get() {
                el.set_srcdoc(&doc);
            }
        });
        Some(view! {
            <iframe node_ref=frame class="nb-frame" sandbox="" referrerpolicy="no-referrer" title=label.clone()></iframe>
            <p class="hint">"Shown in a sandboxed frame, read by this page: nothing in it can run, submit, reach this page or load anything from elsewhere. Its own styles do not apply either (this page's security policy allows none), so it looks plainer than designed: Download it to see it as its author made it."</p>
        })
    };
    let t = target.clone();
    move || {
        if html.busy.get() != Busy::Idle {
            return view! { <p class="progress-note" role="status">"Reading the report…"</p> }
                .into_any();
        }
        if html.data.with(Option::is_some) {
            return inert.clone()().into_any();
        }
        match html.error.get() {
            // The bucket lets the page navigate a frame to it, not read it.
            Some(f) if is_cors(&f) => view! { <PresignedFrame target=t.clone()/> }.into_any(),
            Some(f) => unreadable(f, &t.uri, remedies(detail, &t)),
            None => ().into_any(),
        }
    }
}

/// The fallback without CORS: the frame loads the presigned URL itself (still sandboxed), and the
/// report can then load from other hosts; the page says so.
#[component]
fn PresignedFrame(target: Target) -> impl IntoView {
    let console = expect_context::<Console>();
    let detail = expect_context::<DetailState>();
    let frame = NodeRef::<Iframe>::new();
    let problem = RwSignal::new(None::<Failure>);
    let bucket = target.uri.bucket.clone();
    let title = format!("The {} (HTML), in a sandboxed frame", target.which.label());
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
            title=title></iframe>
        <p class="hint">"Shown in a sandboxed frame loaded straight from S3 (this bucket has no CORS rule for this page, so the page cannot read it first): nothing in it can run, submit or reach this page, but it can load images, fonts and styles from other hosts, which then learn that it was opened. Add the bucket's CORS rule to have the page show it without that."</p>
        <CorsHelp bucket=bucket/>
    }
}

/// What the page offers when a read fails: reading the bucket anyway (it is not confirmed as the
/// account's), or the download (too large).
fn remedies(detail: DetailState, target: &Target) -> Remedies {
    let console = expect_context::<Console>();
    let preview = detail.preview;
    let (uri, which) = (target.uri.clone(), target.which);
    let again = {
        let uri = uri.clone();
        Callback::new(move |()| {
            preview.trust(&uri.bucket);
            if let Some(l) = detail.loaded() {
                open(
                    console,
                    preview,
                    &l,
                    Target {
                        uri: uri.clone(),
                        which,
                    },
                );
            }
        })
    };
    Remedies {
        read_anyway: Some(again),
        download: Some(Callback::new(move |()| {
            download(console, detail, uri.clone())
        })),
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
            unreadable(f, &target.uri, remedies(detail, &target))
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
                &l,
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
            // Reading anyway: the bucket is trusted for this tab and the summary asked again.
            let again = {
                let bucket = uri.bucket.clone();
                Callback::new(move |()| {
                    preview.trust(&bucket);
                    summary.reset();
                    if let Some(l) = detail.loaded() {
                        summarize(console, preview, &l);
                    }
                })
            };
            let uri_for_download = uri.clone();
            let remedies = Remedies {
                read_anyway: Some(again),
                download: Some(Callback::new(move |()| {
                    download(console, detail, uri_for_download.clone())
                })),
            };
            return Some(view! {
                <div class="failure-summary">
                    <p>"The output notebook could not be read here, so the error is not shown up front."</p>
                    {unreadable(f, &uri, remedies)}
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
            // A huge value or traceback is cut here, with the rest a click away.
            let all = RwSignal::new(false);
            let cut = error.evalue_head().is_some() || error.traceback_cut();
            let (evalue_head, evalue) = (error.evalue_head().unwrap_or_else(|| error.evalue.clone()), error.evalue.clone());
            let (tail, traceback) = (error.traceback_tail.join("\n"), error.traceback.join("\n"));
            let lines = error.traceback.len();
            Some(view! {
                <div class="failure-summary" role="group" aria-label="The error in the output notebook">
                    <p class="failure-summary__title">
                        <strong>{error.cell_label()}</strong> " raised " <code class="failure-summary__ename">{error.ename.clone()}</code>
                        ": " <span class="failure-summary__evalue">{move || if all.get() { evalue.clone() } else { evalue_head.clone() }}</span>
                    </p>
                    <pre class="failure-summary__source">{error.source_head.join("\n")}{more.map(|m| format!("\n{m}"))}</pre>
                    <pre class="failure-summary__traceback">{move || if all.get() { traceback.clone() } else { tail.clone() }}</pre>
                    {move || (cut && !all.get()).then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| all.set(true)>{format!("Show all of the error ({lines} traceback lines)")}</button>
                    })}
                    <button type="button" class="link-button" on:click=move |_| show(())>{format!("Show {} in the notebook", error.cell_label())}</button>
                </div>
            }.into_any())
        }
    }
    }
}
