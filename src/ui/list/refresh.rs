//! The gentle refresh: the first page again while anything listed runs, merged in place, backing
//! off on throttling; what changed is announced politely.

use std::time::Duration;

use emr_core::aws::error::ErrorClass;
use emr_core::emr::operations::{list_request, Operation};
use emr_core::emr::watch::{list_delay, Backoff};
use leptos::prelude::*;

use super::super::common::alert::Failure;
use super::super::common::focus::{remember, restore};
use super::load::parse_page;
use super::state::ListState;
use crate::client::now_ms;
use crate::state::{failure, Channel, Console};

pub(super) fn schedule_refresh(state: ListState) {
    let generation = state.refresh_channel.with_value(Channel::current);
    let ms = list_delay(state.backoff.get_value());
    set_timeout(
        move || state.refresh_due.set(Some(generation)),
        Duration::from_millis(ms),
    );
}

/// The first page again, merged in place: new executions on top, loaded pages kept.
pub(super) fn refresh(console: Console, state: ListState) {
    let Some(origin) = state
        .loaded
        .with_untracked(|l| l.as_ref().map(|l| l.origin.clone()))
    else {
        return;
    };
    let filters = state
        .loaded
        .with_untracked(|l| l.as_ref().map(|l| l.filters.clone()))
        .unwrap_or_default();
    let session = match console.session_for(&origin) {
        Ok(s) => s,
        Err(problems) => {
            state.note.set(Some(format!(
                "Automatic refresh stopped: {}",
                problems
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or_default()
            )));
            return;
        }
    };
    let (generation, cancel) = state.refresh_channel.with_value(Channel::start);
    let channel = state.refresh_channel.get_value();
    leptos::task::spawn_local(async move {
        let request = list_request(&filters.input(None));
        let result = parse_page(console.call(&session, &request, cancel, &|_| {}).await);
        if !channel.is_current(generation) {
            return;
        }
        match result {
            Ok(page) => {
                state.backoff.update_value(Backoff::on_success);
                let mut outcome = None;
                let spot = remember(".view--list");
                state.loaded.update(|l| {
                    if let Some(l) = l {
                        outcome = Some(l.listing.merge_refresh(page));
                        l.fetched_at = now_ms();
                    }
                });
                if let Some(s) = spot {
                    restore(s);
                }
                if let Some(o) = outcome.filter(|o| o.updated + o.added > 0) {
                    let plural = |n: usize| if n == 1 { "" } else { "s" };
                    console.announce.set(match (o.updated, o.added) {
                        (u, 0) => format!("{u} execution{} changed status.", plural(u)),
                        (0, a) => format!("{a} new execution{}.", plural(a)),
                        (u, a) => format!("{u} execution{} changed status, {a} new.", plural(u)),
                    });
                }
                let gap = outcome.is_some_and(|o| o.gap);
                state.note.set(gap.then(|| {
                    "More than a page of new executions arrived since the last refresh; press List executions to see them all.".to_string()
                }));
                if state
                    .loaded
                    .with_untracked(|l| l.as_ref().is_some_and(|l| l.listing.any_active()))
                {
                    schedule_refresh(state);
                }
            }
            Err(error) => {
                let class = error.class();
                if class == ErrorClass::Throttling {
                    state.backoff.update_value(Backoff::on_throttled);
                }
                let code = match failure(&error, Operation::ListNotebookExecutions, &session) {
                    Failure::Call(e) => e.code,
                    Failure::Input(_) => String::new(),
                };
                if class.is_retryable() {
                    let secs = list_delay(state.backoff.get_value()) / 1000;
                    state.note.set(Some(format!(
                        "The last refresh failed ({code}); trying again in {secs} s."
                    )));
                    schedule_refresh(state);
                } else {
                    state.note.set(Some(format!(
                        "Automatic refresh stopped: {code}. Press List executions to try again."
                    )));
                }
            }
        }
    });
}
