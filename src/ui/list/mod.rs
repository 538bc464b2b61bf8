//! The executions list: filters → ListNotebookExecutions, pages on demand, a gentle refresh while
//! anything runs, and the loaded rows seen at a glance (counts, timeline, table). The filters are
//! in the first load; the results and the calls are the list chunk (`chunk`).

mod actions;
pub mod chunk;
mod filters;
mod load;
mod query;
mod results;
mod state;
mod summary;
mod table;
mod timeline;

pub use self::actions::submit;
pub use self::query::show;
pub use self::state::{ListState, Loaded};

use emr_core::emr::list::FilterDraft;
use emr_core::emr::start::link::StartLink;
use emr_core::route::{NotebooksRoute, Route, View};
use leptos::prelude::*;

use self::actions::list;
use self::filters::Filters;
use self::state::delay;
use super::common::alert::FailureAlert;
use super::common::arrive::follow_route;
use super::common::boot::{Slice, Turn};
use super::common::fields::Check;
use super::common::focus::focus_row_or;
use super::common::lazy::{Lazy, Loader, Prefetch};
use crate::console::{unavailable, Console};
use crate::edge::clock::tz_offset_minutes;
use crate::edge::page::{scroll_to_y, scroll_y};
use crate::task::{Busy, Failure, Hidden, Refresh};

/// The results' view, loaded with the list chunk.
const RESULTS: Loader = Loader {
    now: || chunk::list::now().map(|c| c.results),
    load: || Box::pin(async { chunk::list::load().await.map(|c| c.results) }),
};

/// Opens the New execution form, empty, at the panel's place.
fn new_execution(console: Console) {
    console.go(Route {
        place: console.place(),
        view: View::Start(StartLink::default()),
    });
}

/// Starts fetching the results' code (credentials entered: a listing is near).
pub fn prefetch() {
    chunk::list::prefetch();
}

/// The quiet line about the refresh: why it failed and when it tries again, or why it stopped.
fn refresh_note(refresh: &Refresh) -> Option<String> {
    match refresh {
        Refresh::Retrying { failure, in_ms } => Some(format!(
            "The last refresh failed ({}); trying again in {} s.",
            failure.short(),
            in_ms / 1000
        )),
        Refresh::Stopped(f @ Failure::Input(_)) => {
            Some(format!("Automatic refresh stopped: {}", f.short()))
        }
        Refresh::Stopped(f) => Some(format!(
            "Automatic refresh stopped: {}. Press List executions to try again.",
            f.short()
        )),
        Refresh::Off | Refresh::Planned => None,
    }
}

#[component]
pub fn ListView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let task = state.task;
    // Rows are there when a refresh is due, so their chunk is too.
    task.planned(
        Hidden::Pause,
        delay,
        move |loaded, ctx| match chunk::list::now() {
            Some(c) => (c.refresh)(console, state.note, loaded, ctx),
            None => Box::pin(async { Err(unavailable()) }),
        },
    )
    .on_screen();

    // Arriving at the list lists, unless these filters are shown; List executions lists again.
    follow_route(
        console,
        task,
        move |route| {
            let View::List(l) = &route.view else {
                return None;
            };
            console.list_route.set(l.clone());
            if state.query.get_untracked() != l.query {
                state.query.set(l.query.clone());
            }
            Some((l.filters.clone(), route.place.clone()))
        },
        move |(filters, place), forced| {
            if state
                .draft
                .with_untracked(|d| d.validate(tz_offset_minutes).ok())
                .as_ref()
                != Some(&filters)
            {
                state
                    .draft
                    .set(FilterDraft::from_filters(&filters, tz_offset_minutes));
            }
            if !forced && !console.form.with_untracked(|f| f.has_credentials()) {
                state.hint.set(Some(
                    "Paste or type your credentials, then press List executions.".into(),
                ));
                return;
            }
            list(console, state, filters, place);
        },
    );

    // Back from an execution: the same scroll positions, and focus on the row that was opened.
    let table_scroll = state.table_scroll;
    if console.take_focus() {
        focus_row_or(state.opened.get_value(), "#list-heading".into());
    }
    request_animation_frame(move || {
        let (window_y, table_y) = state.scroll.get_value();
        if window_y > 0.0 {
            scroll_to_y(window_y);
        }
        if let Some(el) = table_scroll.try_get_untracked().flatten() {
            el.set_scroll_top(table_y as i32);
        }
    });
    on_cleanup(move || {
        let table_y = table_scroll.get_untracked().map_or(0, |el| el.scroll_top());
        state.scroll.set_value((scroll_y(), table_y as f64));
    });

    // The same executions, grouped by notebook: the same filters, at the same place.
    let prefetch = Prefetch::get();
    let notebooks_href = move || {
        let filters = console.list_route.with(|l| l.filters.clone());
        let view = View::Notebooks(NotebooksRoute {
            filters,
            ..Default::default()
        });
        format!(
            "#{}",
            Route {
                place: console.place(),
                view
            }
            .to_fragment()
        )
    };
    let busy = Memo::new(move |_| task.busy.get() != Busy::Idle);
    // The rows' views are built once per listing, not on every update of it.
    let has_rows = Memo::new(move |_| task.data.with(Option::is_some));
    let note = move || {
        let refresh = task.refresh.with(refresh_note);
        refresh.or_else(|| state.note.get())
    };

    view! {
        <section class="view view--list" aria-labelledby="list-heading">
            <div class="view-title">
                <h2 id="list-heading" class="view-heading" tabindex="-1">"Executions"</h2>
                <a class="view-link" href=notebooks_href on:pointerover=move |_| (prefetch.notebooks)()
                    on:focus=move |_| (prefetch.notebooks)()>"Notebooks"</a>
                <button type="button" class="secondary view-action" on:pointerover=move |_| (prefetch.start)()
                    on:focus=move |_| (prefetch.start)() on:click=move |_| new_execution(console)>"New execution"</button>
            </div>
            <Slice turn=Turn::Filters><Filters/></Slice>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || task.progress.get()}</p>
                {move || busy.get().then(|| view! { <button type="button" class="secondary" on:click=move |_| task.cancel()>"Cancel"</button> })}
            </div>
            {move || state.hint.get().map(|h| view! { <p class="hint">{h}</p> })}
            {move || task.error.get().map(|f| view! { <FailureAlert failure=f/> })}
            {move || has_rows.get().then(|| view! { <Lazy loader=RESULTS/> })}
            <div class="checks">
                <Check value=task.auto id="list-auto-refresh" label="Refresh every 30 s while executions run"/>
            </div>
            {move || note().map(|n| view! { <p class="note" role="status">{n}</p> })}
        </section>
    }
}
