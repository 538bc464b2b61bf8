//! The search, family and sort the list shows: kept in the fragment, applied without a request.

use emr_core::emr::list::ViewQuery;
use emr_core::route::View;
use leptos::prelude::*;

use super::state::ListState;
use crate::console::{Console, History};

/// Writes the search, family and sort into the fragment (no history entry, no request).
pub fn show(console: Console, state: ListState, query: ViewQuery) {
    state.query.set(query.clone());
    let mut route = console.route.get_untracked();
    if let View::List(l) = &mut route.view {
        l.query = query;
        console.list_route.set(l.clone());
        console.navigate(route, History::Replace);
    }
}
