//! The list's calls, in its chunk: the first page for new filters, `Load more`, the refresh
//! merged in place, a row's stop. Each is a job for the list's [`Task`](crate::task::Task).

use emr_core::connection::Session;
use emr_core::emr::list::{ListFilters, Listing};
use emr_core::emr::operations::{ListNotebookExecutionsOutput, Operation};
use emr_core::route::Place;
use leptos::prelude::*;

use super::state::{ListState, Loaded};
use crate::console::{failure, input_failure, Console, Origin};
use crate::edge::clock::now_ms;
use crate::net::{self, Abort};
use crate::task::{Change, Ctx, Failure, Job};
use crate::ui::common::focus::{remember, restore};
use crate::ui::common::stop::{stop, StopTarget};

/// One page for these filters, after `marker`.
async fn page(
    session: &Session,
    filters: &ListFilters,
    marker: Option<&str>,
    ctx: &Ctx,
) -> Result<ListNotebookExecutionsOutput, Failure> {
    net::list(session, &filters.input(marker), &ctx.abort, &|e| {
        ctx.report(e)
    })
    .await
    .map_err(|e| failure(&e, Operation::ListNotebookExecutions, session))
}

/// The first page: a new listing for these filters.
pub(super) fn first(session: Session, filters: ListFilters, place: Place, ctx: Ctx) -> Job<Loaded> {
    Box::pin(async move {
        let first = page(&session, &filters, None, &ctx).await?;
        Ok(Loaded {
            listing: Listing::from_first_page(first),
            filters,
            place,
            origin: Origin::of(&session),
            fetched_at: now_ms(),
        })
    })
}

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

/// `Load more`: the next page for the same filters and marker; a failure keeps what is loaded.
pub fn load_more(console: Console, state: ListState) {
    let Some((origin, filters, marker)) = state.task.data.with_untracked(|l| {
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
        Err(problems) => return state.task.error.set(Some(input_failure(problems))),
    };
    state.task.more(
        "Loading more",
        move |ctx| async move { page(&session, &filters, Some(&marker), &ctx).await },
        |l: &mut Loaded, page| {
            l.listing.append(page);
        },
    );
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
