//! The list's own calls, in its chunk: the refresh merged in place and a row's stop (the pages
//! themselves are `console::executions`, which the Notebooks view shares).

use leptos::prelude::*;

use super::state::{ListState, Loaded};
use crate::console::executions::page;
use crate::console::{input_failure, Console};
use crate::edge::clock::now_ms;
use crate::net::{self, Abort};
use crate::task::{Change, Ctx, Job};
use crate::ui::common::focus::{remember, restore};
use crate::ui::common::stop::{stop, StopTarget};

/// The first page again, merged in place: new executions on top, loaded pages kept; what changed
/// is announced politely.
pub(super) fn refresh(
    console: Console,
    note: RwSignal<Option<String>>,
    loaded: &Loaded,
    ctx: Ctx,
) -> Job<Change<Loaded>> {
    let (origin, filters) = (loaded.origin.clone(), loaded.filters.clone());
    Box::pin(async move {
        let session = console.session_for(&origin).map_err(input_failure)?;
        let first = page(&session, &filters, None, &ctx).await?;
        let change: Change<Loaded> = Box::new(move |l: &mut Loaded| {
            let spot = remember(".view--list");
            let o = l.listing.merge_refresh(first);
            l.fetched_at = now_ms();
            if let Some(s) = spot {
                restore(s);
            }
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if o.updated + o.added > 0 {
                console.announce.set(match (o.updated, o.added) {
                    (u, 0) => format!("{u} execution{} changed status.", plural(u)),
                    (0, a) => format!("{a} new execution{}.", plural(a)),
                    (u, a) => format!("{u} execution{} changed status, {a} new.", plural(u)),
                });
            }
            note.set(o.gap.then(|| {
                "More than a page of new executions arrived since the last refresh; press List executions to see them all.".to_string()
            }));
        });
        Ok(change)
    })
}

/// Stops one row's execution after the confirmation, then describes it and updates the row.
pub(super) fn stop_row(console: Console, state: ListState, target: StopTarget) {
    let task = state.task;
    task.error.set(None);
    task.progress
        .set(Some(format!("Stopping {}…", target.name)));
    leptos::task::spawn_local(async move {
        let outcome = stop(console, &target).await;
        task.progress.set(
            outcome
                .is_ok()
                .then(|| format!("Stop requested for {}.", target.name)),
        );
        if let Err(f) = outcome {
            task.error.set(Some(f));
        }
        let Ok(session) = console.session_for(&target.origin) else {
            return;
        };
        if let Ok(record) = net::describe(&session, &target.id, &Abort::default(), &|_| {}).await {
            console.watcher.observe(&record);
            task.update(|l| {
                l.listing.update(record.summary());
            });
        }
    });
}
