//! Stopping an execution: the confirmation (a modal `<dialog>`: Escape or Cancel closes it, only
//! Stop acts) and the one StopNotebookExecution it sends. Used by the detail and by list rows.

use emr_core::emr::model::NotebookExecutionId;
use emr_core::emr::operations::Operation;
use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::alert::Failure;
use crate::console::{failure, input_failure, Console, Origin};
use crate::net::{self, Abort};

/// What is about to be stopped, and where it lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopTarget {
    pub id: NotebookExecutionId,
    pub name: String,
    pub origin: Origin,
}

/// Sends StopNotebookExecution for `target` with the credentials in the panel now.
pub async fn stop(console: Console, target: &StopTarget) -> Result<(), Failure> {
    let session = console.session_for(&target.origin).map_err(input_failure)?;
    net::stop(&session, &target.id, &Abort::default())
        .await
        .map_err(|e| failure(&e, Operation::StopNotebookExecution, &session))
}
/// The confirmation: open while `target` is `Some`. Focus starts on Cancel (the safe choice) and
/// returns to where it was when the dialog closes.
#[component]
pub fn StopDialog(
    target: RwSignal<Option<StopTarget>>,
    #[prop(into)] on_confirm: Callback<StopTarget>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = target.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
                // The safe choice first, whenever the content arrives.
                request_animation_frame(move || {
                    if let Some(b) = dialog
                        .try_get_untracked()
                        .flatten()
                        .and_then(|d| d.query_selector("button.secondary").ok().flatten())
                    {
                        let _ = b.unchecked_ref::<web_sys::HtmlElement>().focus();
                    }
                });
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let confirm = move |_| {
        // Closed first: a second click can never send a second Stop.
        if let Some(t) = target.get_untracked() {
            target.set(None);
            on_confirm.run(t);
        }
    };
    // The content exists only while open: a closed dialog adds no heading to the page.
    let content = move || {
        target.get().map(|t| {
            view! {
                <h2 id="stop-title">"Stop this notebook execution?"</h2>
                <div id="stop-what">
                    <p>"Name: " <strong class="dialog__name">{t.name}</strong></p>
                    <p>"ID: " <code class="dialog__id">{t.id.to_string()}</code></p>
                    <p class="hint">"EMR stops the run on its cluster (Stop pending → Stopping → Stopped). It cannot be resumed; Run again starts a new one."</p>
                </div>
                <div class="actions">
                    <button type="button" class="danger" on:click=confirm>"Stop"</button>
                    <button type="button" class="secondary" autofocus on:click=move |_| target.set(None)>"Cancel"</button>
                </div>
            }
        })
    };
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby="stop-title" aria-describedby="stop-what"
            on:close=move |_| {
                // Escape closes it too. A close event that arrives after it reopened is stale.
                if dialog.get_untracked().is_some_and(|d| !d.open()) {
                    target.set(None);
                }
            }>
            {content}
        </dialog>
    }
}
