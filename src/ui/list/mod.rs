//! The executions list: filters → ListNotebookExecutions, pages on demand, a gentle refresh while
//! anything runs, and the loaded rows seen at a glance (counts, timeline, table).

mod filters;
mod load;
mod refresh;
mod results;
mod state;
mod summary;
mod table;
mod timeline;

use emr_core::emr::list::FilterDraft;
use emr_core::route::{Route, View};
use leptos::prelude::*;

use self::filters::Filters;
pub use self::load::{load_more, show, submit};
use self::refresh::schedule_refresh;
pub use self::results::{Chunk, CHUNK};
pub use self::state::{Busy, ListState, Loaded};
use super::boot::{Slice, Turn};
use super::common::alert::FailureAlert;
use super::common::fields::Check;
use super::common::focus::focus_row_or;
use super::common::lazy::{Lazy, Loader};
use crate::client::{scroll_to_y, scroll_y, tz_offset_minutes};
use crate::split;
use crate::state::{input_failure, unavailable, Channel, Console};

/// The results' view, loaded with the list chunk.
const RESULTS: Loader = Loader {
    now: || split::list::now().map(|c| c.results),
    load: || Box::pin(async { split::list::load().await.map(|c| c.results) }),
};

/// Runs `then` with the list chunk, loading it first (and the signing code beside it) when this
/// is the first listing. A newer listing or Cancel meanwhile supersedes it.
fn with_chunk(state: ListState, then: impl FnOnce(Chunk) + 'static) {
    if let Some(chunk) = split::list::now() {
        return then(chunk);
    }
    state.channel.with_value(Channel::cancel);
    let generation = state.channel.with_value(Channel::current);
    state.busy.set(Busy::Listing);
    state.error.set(None);
    state.progress.set(Some("Listing…".into()));
    split::net::prefetch();
    leptos::task::spawn_local(async move {
        let loaded = split::list::load().await;
        if !state.channel.with_value(|c| c.is_current(generation)) {
            return;
        }
        match loaded {
            Ok(chunk) => then(chunk),
            Err(_) => {
                state.busy.set(Busy::Idle);
                state.progress.set(None);
                state.error.set(Some(unavailable()));
            }
        }
    });
}

#[component]
pub fn ListView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();

    // Arriving at the list (or pressing List executions) lists, unless these filters are loaded.
    Effect::new(move |_| {
        let again = console.list_again.get();
        let Route { place, view } = console.route.get();
        let View::List(route) = view else {
            return;
        };
        console.list_route.set(route.clone());
        if state.query.get_untracked() != route.query {
            state.query.set(route.query.clone());
        }
        let forced = state.handled_again.get_value() != again;
        state.handled_again.set_value(again);
        let shown = state.loaded.with_untracked(|l| {
            l.as_ref()
                .is_some_and(|l| l.filters == route.filters && l.place == place)
        });
        if !forced && (shown || state.busy.get_untracked() == Busy::Listing) {
            return;
        }
        if state
            .draft
            .with_untracked(|d| d.validate(tz_offset_minutes).ok())
            != Some(route.filters.clone())
        {
            state
                .draft
                .set(FilterDraft::from_filters(&route.filters, tz_offset_minutes));
        }
        if !forced && !console.form.with_untracked(|f| f.has_credentials()) {
            state.hint.set(Some(
                "Paste or type your credentials, then press List executions.".into(),
            ));
            return;
        }
        match console.session() {
            Ok(session) => with_chunk(state, move |chunk| {
                (chunk.list)(console, state, session, route.filters, place)
            }),
            Err(problems) => {
                state.channel.with_value(Channel::cancel);
                state.busy.set(Busy::Idle);
                state.progress.set(None);
                state.error.set(Some(input_failure(problems)));
            }
        }
    });

    // While anything listed runs, the first page again every 30 s (later after throttling); a
    // hidden tab waits and refreshes as soon as it is shown.
    Effect::new(move |_| {
        let Some(generation) = state.refresh_due.get() else {
            return;
        };
        if !console.visible.get()
            || !state.auto_refresh.get()
            || !state
                .refresh_channel
                .with_value(|c| c.is_current(generation))
        {
            return;
        }
        state.refresh_due.set(None);
        // Rows are there, so their chunk is too.
        if let Some(chunk) = split::list::now() {
            (chunk.refresh)(console, state);
        }
    });
    Effect::new(move |was_on: Option<bool>| {
        let on = state.auto_refresh.get();
        if on
            && was_on == Some(false)
            && state
                .loaded
                .with_untracked(|l| l.as_ref().is_some_and(|l| l.listing.any_active()))
        {
            schedule_refresh(state);
        }
        on
    });

    // Back from an execution: the same scroll positions, and focus on the row that was opened.
    let table_scroll = state.table_scroll;
    if console.focus_heading.get_value() {
        console.focus_heading.set_value(false);
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

    let cancel = move |_| {
        state.channel.with_value(Channel::cancel);
        state.busy.set(Busy::Idle);
        state.progress.set(Some("Cancelled.".into()));
    };
    let busy = move || state.busy.get() != Busy::Idle;
    let busy = Memo::new(move |_| busy());
    // The rows' views are built once per listing, not on every update of it.
    let has_rows = Memo::new(move |_| state.loaded.with(Option::is_some));

    view! {
        <section class="view view--list" aria-labelledby="list-heading">
            <h2 id="list-heading" class="view-heading" tabindex="-1">"Executions"</h2>
            <Slice turn=Turn::Filters><Filters/></Slice>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || state.progress.get()}</p>
                {move || busy.get().then(|| view! { <button type="button" class="secondary" on:click=cancel>"Cancel"</button> })}
            </div>
            {move || state.hint.get().map(|h| view! { <p class="hint">{h}</p> })}
            {move || state.error.get().map(|f| view! { <FailureAlert failure=f/> })}
            {move || has_rows.get().then(|| view! { <Lazy loader=RESULTS/> })}
            <div class="checks">
                <Check value=state.auto_refresh id="list-auto-refresh" label="Refresh every 30 s while executions run"/>
            </div>
            {move || state.note.get().map(|n| view! { <p class="note" role="status">{n}</p> })}
        </section>
    }
}
