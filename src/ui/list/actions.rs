//! What the user asks of the list from the first load: list these filters, submit the filter
//! form (the list chunk loads on the way).

use emr_core::emr::list::ListFilters;
use emr_core::route::{ListRoute, Place, Route, View};
use leptos::prelude::*;

use super::chunk;
use super::state::ListState;
use crate::console::{input_failure, unavailable, Console};
use crate::edge::clock::tz_offset_minutes;
use crate::task::Failure;

/// Lists from the first page for `filters` at `place`. `keep`: the same listing again (its rows
/// stay on screen meanwhile).
pub(super) fn list(console: Console, state: ListState, filters: ListFilters, place: Place) {
    let session = match console.session() {
        Ok(s) => s,
        Err(problems) => return state.task.fail(input_failure(problems)),
    };
    state.note.set(None);
    state.hint.set(None);
    let subject = (filters.clone(), place.clone());
    let keep = state.task.is_for(&subject);
    // The signing code loads beside the list's (this is the first listing, or it is there).
    crate::net::prefetch();
    state
        .task
        .load(subject, "Listing", keep, move |ctx| async move {
            let chunk = chunk::list::load().await.map_err(|_| unavailable())?;
            (chunk.first)(session, filters, place, ctx).await
        });
}

/// Validates the filter form and lists (the `List executions` button, Enter in a filter).
pub fn submit(console: Console, state: ListState) {
    match state
        .draft
        .with_untracked(|d| d.validate(tz_offset_minutes))
    {
        Ok(filters) => {
            state.invalid.set(vec![]);
            let route = ListRoute {
                filters,
                query: state.query.get_untracked(),
            };
            console.list_route.set(route.clone());
            console.go(Route {
                place: console.place(),
                view: View::List(route),
            });
            console.reload.notify();
        }
        Err(problems) => {
            state
                .invalid
                .set(problems.iter().map(|p| p.field).collect());
            state.task.error.set(Some(Failure::Input(
                problems.into_iter().map(|p| p.message).collect(),
            )));
        }
    }
}
