//! The loaded rows at a glance (counts, timeline, table, paging) and a row's stop confirmation:
//! the list chunk's view.

use leptos::prelude::*;

use super::load::stop_row;
use super::state::ListState;
use super::summary::{Pager, Summary};
use super::table::Table;
use super::timeline::Timeline;
use crate::console::Console;
use crate::ui::common::lazy::Prefetch;
use crate::ui::common::stop::StopDialog;

#[component]
pub(super) fn Results() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let loaded = state.task.data;
    // The loaded rows to show, filtered and sorted (no request). Running durations sort by the
    // time of the last change, not every tick.
    let shown = Memo::new(move |_| {
        loaded.with(|l| {
            l.as_ref()
                .map(|l| state.query.with(|q| l.listing.view(q, l.fetched_at)))
                .unwrap_or_default()
        })
    });
    // Pointing at or focusing an execution (a row, a bar) may open it: its page starts loading.
    let detail = Prefetch::get().detail;
    view! {
        <div class="results" on:pointerover=move |_| detail() on:focusin=move |_| detail()>
            <Summary shown=shown/>
            <Timeline shown=shown/>
            <Table shown=shown scroll=state.table_scroll/>
            <Pager/>
        </div>
        <StopDialog target=state.stop_target on_confirm=move |t| stop_row(console, state, t)/>
    }
}
