//! The loaded rows at a glance (counts, timeline, table, paging) and a row's stop confirmation,
//! with the calls that fill them: the list chunk, loaded with the first listing (`crate::split`).

use emr_core::connection::Session;
use emr_core::emr::list::ListFilters;
use emr_core::route::Place;
use leptos::prelude::*;

use super::load::{list, stop_row};
use super::refresh::refresh;
use super::summary::{Pager, Summary};
use super::table::Table;
use super::timeline::Timeline;
use super::ListState;
use crate::state::Console;
use crate::ui::common::stop::StopDialog;

/// What the list chunk hands back: its view and the calls the list's effects make.
#[derive(Clone, Copy)]
pub struct Chunk {
    pub results: fn() -> AnyView,
    /// Lists from the first page: a new listing for these filters.
    pub list: fn(Console, ListState, Session, ListFilters, Place),
    /// The first page again, merged in place.
    pub refresh: fn(Console, ListState),
}

pub const CHUNK: Chunk = Chunk {
    results: || view! { <Results/> }.into_any(),
    list,
    refresh,
};

#[component]
fn Results() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    // The loaded rows to show, filtered and sorted (no request). Running durations sort by the
    // time of the last change, not every tick.
    let shown = Memo::new(move |_| {
        state.loaded.with(|l| {
            l.as_ref()
                .map(|l| state.query.with(|q| l.listing.view(q, l.fetched_at)))
                .unwrap_or_default()
        })
    });
    // Pointing at or focusing an execution (a row, a bar) may open it: its page starts loading.
    view! {
        <div class="results" on:pointerover=|_| crate::split::detail::prefetch()
            on:focusin=|_| crate::split::detail::prefetch()>
            <Summary shown=shown/>
            <Timeline shown=shown/>
            <Table shown=shown scroll=state.table_scroll/>
            <Pager/>
        </div>
        <StopDialog target=state.stop_target on_confirm=move |t| stop_row(console, state, t)/>
    }
}
