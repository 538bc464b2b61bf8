//! What can be done with the execution on screen: stop it (while it can be stopped), run it again,
//! and be told when it ends.

use emr_core::emr::history::{group, NotebookKey};
use emr_core::route::{Route, View, LAST_SUCCESS};
use leptos::prelude::*;

use super::state::{DetailState, Loaded};
use crate::console::executions::Executions;
use crate::console::Console;
use crate::ui::common::start::{CopyAs, StartForm};
use crate::ui::common::stop::{stop, StopTarget};

/// Stops after the confirmation, then shows the new state at once (and the refusal, if EMR said
/// no: the record is described again either way).
pub fn confirmed_stop(console: Console, state: DetailState, target: StopTarget) {
    state.action_problem.set(None);
    let task = state.task;
    task.progress.set(Some("Stopping…".into()));
    leptos::task::spawn_local(async move {
        let outcome = stop(console, &target).await;
        task.progress.set(match &outcome {
            Ok(()) => Some("Stop requested.".into()),
            Err(_) => None,
        });
        if let Err(f) = outcome {
            state.action_problem.set(Some(f));
        }
        task.refresh_now();
    });
}

#[component]
pub fn Actions(loaded: Loaded) -> impl IntoView {
    let state = expect_context::<DetailState>();
    let watcher = expect_context::<Console>().watcher;
    let record = loaded.execution.clone();
    let status = record.status.clone();
    let stoppable = status.as_ref().is_some_and(|s| s.is_stoppable());
    let terminal = status.as_ref().is_some_and(|s| s.is_terminal());
    let name = record
        .notebook_execution_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| loaded.id.to_string());
    let id = loaded.id.clone();
    let watched = {
        let id = id.clone();
        Memo::new(move |_| watcher.is_watched(id.as_str()))
    };
    let target = StopTarget {
        id: id.clone(),
        name: name.clone(),
        origin: loaded.origin.clone(),
    };
    let open_stop = move |_| state.stop_target.set(Some(target.clone()));
    let open_run_again = {
        let loaded = loaded.clone();
        move |_| super::run_again::open(state.run_again, &loaded, state.run_again_open)
    };
    // The same start as code: what Run again would send, as it is pre-filled now.
    let sendable = {
        let (draft, _) = super::run_again::prefilled(&record);
        Signal::stored(StartForm::sendable_for(&draft, &loaded.origin))
    };
    let toggle = {
        let (id, name, origin, record) = (
            id.clone(),
            name.clone(),
            loaded.origin.clone(),
            record.clone(),
        );
        move |on: bool| {
            if on {
                watcher.watch(id.clone(), name.clone(), origin.clone(), Some(&record));
            } else {
                watcher.unwatch(id.as_str());
            }
        }
    };
    let show_notify = move || !terminal || watched.get();
    // The last run of the same notebook that finished before this one: among the loaded runs if
    // it is there, else the comparison pages back for it (and says so if there is none).
    let console = expect_context::<Console>();
    let compare = NotebookKey::of_summary(&record.summary()).map(|key| {
        let before = record.start_time.map(|t| t.millis());
        let this = id.to_string();
        let found = use_context::<Executions>().and_then(|e| {
            e.0.data.with_untracked(|l| {
                let l = l.as_ref()?;
                group(l.listing.rows().iter().map(|r| &r.summary))
                    .into_iter()
                    .find(|n| n.key == key)?
                    .last_success_before(before, &this)
                    .map(|r| r.id.clone())
            })
        });
        let a = found.unwrap_or_else(|| LAST_SUCCESS.to_string());
        move |_| {
            console.go(Route {
                place: console.place(),
                view: View::Compare {
                    a: a.clone(),
                    b: this.clone(),
                },
            })
        }
    });
    view! {
        <div class="record-actions">
            {stoppable.then(|| view! { <button type="button" class="danger" on:click=open_stop>"Stop execution"</button> })}
            <button type="button" class="secondary" aria-expanded=move || if state.run_again_open.get() { "true" } else { "false" }
                on:click=open_run_again>"Run again"</button>
            {compare.map(|go| view! { <button type="button" class="secondary" on:click=go>"Compare with last success"</button> })}
            <CopyAs input=sendable id="record-copy"/>
            {move || show_notify().then(|| {
                let toggle = toggle.clone();
                view! {
                    <span class="check">
                        <input id="notify-end" type="checkbox" prop:checked=move || watched.get()
                            on:change:target=move |ev| toggle(ev.target().checked())/>
                        <label for="notify-end">"Notify me when it ends"</label>
                    </span>
                }
            })}
        </div>
        {move || watched.get().then(|| watcher.blocked.get()).flatten().map(|b| view! { <p class="note" role="status">{b}</p> })}
    }
}
