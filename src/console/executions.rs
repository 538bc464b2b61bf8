//! The executions the list has loaded for its filters: what the list shows and the Notebooks view
//! groups. One task for both views (the app makes it), with the calls that fill it.

use emr_core::connection::Session;
use emr_core::emr::list::{ListFilters, Listing};
use emr_core::emr::operations::{ListNotebookExecutionsOutput, Operation};
use emr_core::route::Place;
use leptos::prelude::*;

use super::{failure, input_failure, Console, Origin};
use crate::edge::clock::now_ms;
use crate::net;
use crate::task::{Ctx, Failure, Job, Task};

/// What is loaded, for which filters, from where.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub listing: Listing,
    pub filters: ListFilters,
    pub place: Place,
    pub origin: Origin,
    /// When the rows were last brought up to date.
    pub fetched_at: i64,
}

/// What a listing is of: these filters at this place.
pub type Subject = (ListFilters, Place);

/// The loaded executions, in context: the list's task.
#[derive(Clone, Copy)]
pub struct Executions(pub Task<Subject, Loaded>);

/// One page for these filters, after `marker`.
pub async fn page(
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
pub fn first(session: Session, filters: ListFilters, place: Place, ctx: Ctx) -> Job<Loaded> {
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

/// `Load more`: the next page for the same filters and marker; a failure keeps what is loaded.
pub fn load_more(console: Console, task: Task<Subject, Loaded>) {
    let Some((origin, filters, marker)) = task.data.with_untracked(|l| {
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
        Err(problems) => return task.error.set(Some(input_failure(problems))),
    };
    task.more(
        "Loading more",
        move |ctx| async move { page(&session, &filters, Some(&marker), &ctx).await },
        |l: &mut Loaded, page| {
            l.listing.append(page);
        },
    );
}
