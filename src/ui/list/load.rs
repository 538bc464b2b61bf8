//! Listing: the first page for new filters, `Load more`, a row's stop, and the filter form's
//! submit; every page through the same SDK loop as Describe.

use emr_core::aws::signing::JsonRequest;
use emr_core::connection::Session;
use emr_core::emr::error::EmrError;
use emr_core::emr::list::{ListFilters, Listing, ViewQuery};
use emr_core::emr::operations::{
    list_request, parse_list, ListNotebookExecutionsOutput, Operation,
};
use emr_core::emr::watch::Backoff;
use emr_core::route::{ListRoute, Place, Route, View};
use leptos::prelude::*;

use super::super::common::alert::Failure;
use super::super::common::stop::{stop, StopTarget};
use super::refresh::schedule_refresh;
use super::state::{Busy, ListState, Loaded};
use crate::client::{now_ms, tz_offset_minutes, CancelHandle};
use crate::state::{failure, input_failure, progress_text, Channel, Console, History, Origin};

pub(super) fn parse_page(
    body: Result<Vec<u8>, EmrError>,
) -> Result<ListNotebookExecutionsOutput, EmrError> {
    body.and_then(|b| parse_list(&b).map_err(EmrError::InvalidResponse))
}

/// One page for the view's channel, its progress shown as `verb…` while it is the latest call;
/// `None` when a newer call superseded it (nothing of it may reach the page then).
async fn fetch_page(
    console: Console,
    state: ListState,
    session: &Session,
    request: &JsonRequest,
    verb: &'static str,
    generation: u64,
    cancel: CancelHandle,
) -> Option<Result<ListNotebookExecutionsOutput, EmrError>> {
    state.progress.set(Some(format!("{verb}…")));
    let channel = state.channel.get_value();
    let on_event = |event| {
        if let Some(text) = progress_text(verb, &event).filter(|_| channel.is_current(generation)) {
            state.progress.set(Some(text));
        }
    };
    let result = parse_page(console.call(session, request, cancel, &on_event).await);
    if !channel.is_current(generation) {
        return None;
    }
    state.busy.set(Busy::Idle);
    state.progress.set(None);
    Some(result)
}

/// Lists from the first page: a new listing for these filters.
pub(super) fn list(
    console: Console,
    state: ListState,
    session: Session,
    filters: ListFilters,
    place: Place,
) {
    state.refresh_channel.with_value(Channel::cancel);
    let (generation, cancel) = state.channel.with_value(Channel::start);
    let same = state.loaded.with_untracked(|l| {
        l.as_ref()
            .is_some_and(|l| l.filters == filters && l.place == place)
    });
    if !same {
        state.loaded.set(None);
    }
    state.busy.set(Busy::Listing);
    state.error.set(None);
    state.note.set(None);
    state.hint.set(None);
    leptos::task::spawn_local(async move {
        let request = list_request(&filters.input(None));
        let Some(result) = fetch_page(
            console, state, &session, &request, "Listing", generation, cancel,
        )
        .await
        else {
            return;
        };
        match result {
            Ok(page) => {
                state.backoff.update_value(Backoff::on_success);
                let loaded = Loaded {
                    listing: Listing::from_first_page(page),
                    filters,
                    place,
                    origin: Origin::of(&session),
                    fetched_at: now_ms(),
                };
                let active = loaded.listing.any_active();
                state.loaded.set(Some(loaded));
                if active {
                    schedule_refresh(state);
                }
            }
            Err(error) => {
                state.loaded.set(None);
                state.error.set(Some(failure(
                    &error,
                    Operation::ListNotebookExecutions,
                    &session,
                )));
            }
        }
    });
}

/// `Load more`: the next page for the same filters and marker; a failure keeps what is loaded.
pub fn load_more(console: Console, state: ListState) {
    let Some((origin, filters, marker)) = state.loaded.with_untracked(|l| {
        l.as_ref().and_then(|l| {
            l.listing
                .marker
                .clone()
                .map(|m| (l.origin.clone(), l.filters.clone(), m))
        })
    }) else {
        return;
    };
    let session = match console.session_for(&origin) {
        Ok(s) => s,
        Err(problems) => {
            state.error.set(Some(input_failure(problems)));
            return;
        }
    };
    let (generation, cancel) = state.channel.with_value(Channel::start);
    state.busy.set(Busy::LoadingMore);
    state.error.set(None);
    leptos::task::spawn_local(async move {
        let request = list_request(&filters.input(Some(&marker)));
        let Some(result) = fetch_page(
            console,
            state,
            &session,
            &request,
            "Loading more",
            generation,
            cancel,
        )
        .await
        else {
            return;
        };
        match result {
            Ok(page) => state.loaded.update(|l| {
                if let Some(l) = l {
                    l.listing.append(page);
                }
            }),
            Err(error) => state.error.set(Some(failure(
                &error,
                Operation::ListNotebookExecutions,
                &session,
            ))),
        }
    });
}

/// Stops one row's execution after the confirmation, then describes it and updates the row.
pub(super) fn stop_row(console: Console, state: ListState, target: StopTarget) {
    state.error.set(None);
    state
        .progress
        .set(Some(format!("Stopping {}…", target.name)));
    leptos::task::spawn_local(async move {
        let outcome = stop(console, &target).await;
        state.progress.set(
            outcome
                .is_ok()
                .then(|| format!("Stop requested for {}.", target.name)),
        );
        if let Err(f) = outcome {
            state.error.set(Some(f));
        }
        let Ok(session) = console.session_for(&target.origin) else {
            return;
        };
        let described = console
            .describe(&session, &target.id, CancelHandle::default())
            .await;
        if let Ok(record) = described {
            console.watcher.observe(&record);
            state.loaded.update(|l| {
                if let Some(l) = l {
                    l.listing.update(record.summary());
                }
            });
        }
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
            console.list_again.update(|n| *n += 1);
        }
        Err(problems) => {
            state
                .invalid
                .set(problems.iter().map(|p| p.field).collect());
            state.error.set(Some(Failure::Input(
                problems.into_iter().map(|p| p.message).collect(),
            )));
        }
    }
}

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
