//! Run again: the start form (`crate::ui::common::start`) pre-filled from the described record.
//! Describe returns neither the relative path nor the service role: what the last start of the
//! same notebook from this tab used is filled in, and each field says where its value came from.

use emr_core::emr::history::NotebookKey;
use emr_core::emr::model::NotebookExecution;
use emr_core::emr::start::StartDraft;
use leptos::prelude::*;

use super::loaded::Loaded;
use crate::console::remember::{self, StartMemory};
use crate::ui::common::start::{memory_note, StartForm, StartFormView};

/// The form's values for running `record` again, and what was remembered for its notebook.
pub fn prefilled(record: &NotebookExecution) -> (StartDraft, Option<StartMemory>) {
    let mut draft = StartDraft::from_record(record);
    let memory = NotebookKey::of_record(record).and_then(|k| remember::start_memory(&k.id()));
    if let Some(m) = &memory {
        if draft.input_notebook.is_empty() {
            draft.relative_path = m.relative_path.clone();
        }
        if !m.service_role.is_empty() {
            draft.service_role = m.service_role.clone();
        }
    }
    (draft, memory)
}

/// Opens the form on `loaded`, pre-filled.
pub fn open(form: StartForm, loaded: &Loaded, open: RwSignal<bool>) {
    let (draft, _) = prefilled(&loaded.execution);
    form.reset(draft, Some(loaded.origin.clone()));
    open.set(true);
}

#[component]
pub fn RunAgainForm(
    form: StartForm,
    /// The record it runs again.
    loaded: Loaded,
    /// Whether the form is open (Cancel and a start close it).
    open: RwSignal<bool>,
) -> impl IntoView {
    let (_, memory) = prefilled(&loaded.execution);
    let s3 = loaded.execution.notebook_s3_location.is_some();
    let relative = (!s3).then(|| memory_note(&memory, true));
    let role = memory_note(&memory, false);
    let close = Callback::new(move |()| open.set(false));
    view! {
        <StartFormView form=form class="run-again" heading_id="run-again-heading" heading="Run again"
            intro="A new execution with these values. Describe does not return the relative path or the service role: check them."
            place=Signal::stored(loaded.place.clone()) cancel=close done=close
            relative_note=Signal::stored(relative.flatten()) role_note=Signal::stored(role) focus=true/>
    }
}
