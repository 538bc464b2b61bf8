//! The filter form: what ListNotebookExecutions is asked for. Enter in any field lists.

use emr_core::emr::list::{FilterDraft, FilterField};
use emr_core::emr::model::ExecutionStatus;
use leptos::prelude::*;

use super::actions::submit;
use super::state::ListState;
use crate::console::Console;

/// A labelled input bound to one member of the draft (plain `fn` accessors: one compiled copy).
#[component]
fn DraftField(
    field: FilterField,
    id: &'static str,
    label: &'static str,
    get: fn(&FilterDraft) -> &str,
    set: fn(&mut FilterDraft, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] describedby: Option<&'static str>,
) -> impl IntoView {
    let state = expect_context::<ListState>();
    view! {
        <div class="filter">
            <label for=id>{label}</label>
            <input id=id name=id type=kind autocomplete="off" spellcheck="false" placeholder=placeholder
                aria-describedby=describedby
                aria-invalid=move || state.invalid.with(|v| v.contains(&field)).then_some("true")
                prop:value=move || state.draft.with(|d| get(d).to_string())
                on:input:target=move |ev| state.draft.update(|d| set(d, ev.target().value()))/>
        </div>
    }
}

#[component]
pub fn Filters() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(console, state);
    };
    let statuses = ExecutionStatus::ALL
        .iter()
        .map(|s| view! { <option value=s.as_api()>{s.label()}</option> })
        .collect_view();
    let no_from = move || state.draft.with(|d| d.from.trim().is_empty());

    view! {
        <form class="filters" novalidate on:submit=on_submit aria-label="Filter executions">
            <div class="filter">
                <label for="filter-status">"Status"</label>
                <select id="filter-status" name="status"
                    aria-invalid=move || state.invalid.with(|v| v.contains(&FilterField::Status)).then_some("true")
                    prop:value=move || state.draft.with(|d| d.status.clone())
                    on:change:target=move |ev| state.draft.update(|d| d.status = ev.target().value())>
                    <option value="">"All statuses"</option>
                    {statuses}
                </select>
            </div>
            <DraftField field=FilterField::From id="filter-from" label="From" kind="datetime-local"
                describedby="window-note" get=|d| &d.from set=|d, v| d.from = v/>
            <DraftField field=FilterField::To id="filter-to" label="To" kind="datetime-local"
                get=|d| &d.to set=|d, v| d.to = v/>
            <DraftField field=FilterField::EditorId id="filter-editor" label="Editor ID" placeholder="e-…"
                get=|d| &d.editor_id set=|d, v| d.editor_id = v/>
            <DraftField field=FilterField::ClusterId id="filter-cluster" label="Cluster ID" placeholder="j-…"
                get=|d| &d.cluster_id set=|d, v| d.cluster_id = v/>
            <div class="filter filter--action">
                <button type="submit" class="primary">"List executions"</button>
            </div>
            <p id="window-note" class="hint filters__note">
                {move || if no_from() {
                    "From is empty: EMR then lists only executions started in the last 30 days. Times are in your browser's time zone."
                } else {
                    "Times are in your browser's time zone."
                }}
            </p>
        </form>
    }
}
