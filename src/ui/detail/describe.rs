//! Describing: one DescribeNotebookExecution for the route's execution, the describe again while
//! it changes (the task's plan), and the presigned download of an object the record names.

use emr_core::connection::Session;
use emr_core::emr::links::{GetOptions, S3Uri};
use emr_core::emr::model::NotebookExecutionId;
use emr_core::emr::operations::Operation;
use emr_core::route::Place;
use leptos::prelude::*;

use super::state::{DetailState, Loaded};
use crate::console::{failure, input_failure, Console, Origin};
use crate::edge::clock::now_ms;
use crate::edge::page;
use crate::net;
use crate::task::{Change, Ctx, Job};
use crate::ui::common::focus::{remember, restore};
use crate::ui::common::s3::presigned;

/// Validity of a presigned download link (capped by the credentials' expiry).
const DOWNLOAD_LINK_SECS: u64 = 900;

/// Describes `id`: a new subject unless it is the one shown (then it is described again, the
/// record staying on screen meanwhile).
pub(super) fn describe(
    console: Console,
    state: DetailState,
    session: Session,
    id: NotebookExecutionId,
    place: Place,
) {
    let subject = (id.to_string(), place.clone());
    let same = state.task.is_for(&subject);
    if !same {
        // Another execution: what was open for the last one closes.
        state.run_again_open.set(false);
        state.action_problem.set(None);
        state.stop_target.set(None);
        state.search.reset();
        state.preview.reset();
    }
    state.hint.set(None);
    state
        .task
        .load(subject, "Describing", false, move |ctx| async move {
            let execution = net::describe(&session, &id, &ctx.abort, &|e| ctx.report(e))
                .await
                .map_err(|e| failure(&e, Operation::DescribeNotebookExecution, &session))?;
            console.watcher.observe(&execution);
            Ok(Loaded {
                execution,
                id,
                place,
                origin: Origin::of(&session),
                fetched_at: now_ms(),
            })
        });
}

/// The record described again (same execution, same endpoint, the credentials in the panel now):
/// redrawn in place, focus and the reader's place kept, a status change announced politely.
pub(super) fn refresh(console: Console, loaded: &Loaded, ctx: Ctx) -> Job<Change<Loaded>> {
    let (id, origin) = (loaded.id.clone(), loaded.origin.clone());
    Box::pin(async move {
        let session = console.session_for(&origin).map_err(input_failure)?;
        let execution = net::describe(&session, &id, &ctx.abort, &|_| {})
            .await
            .map_err(|e| failure(&e, Operation::DescribeNotebookExecution, &session))?;
        console.watcher.observe(&execution);
        let change: Change<Loaded> = Box::new(move |l: &mut Loaded| {
            let spot = remember(".view--detail");
            if l.execution.status.is_some() && l.execution.status != execution.status {
                if let Some(s) = &execution.status {
                    let name = execution
                        .notebook_execution_name
                        .clone()
                        .filter(|n| !n.is_empty())
                        .unwrap_or_else(|| l.id.to_string());
                    console
                        .announce
                        .set(format!("{name} is now {}.", s.label()));
                }
            }
            l.execution = execution;
            l.fetched_at = now_ms();
            if let Some(s) = spot {
                restore(s);
            }
        });
        Ok(change)
    })
}

/// The download (presigned GET) of an object the record names, signed when clicked with the
/// credentials in the panel now (they may have been refreshed or forgotten).
pub(super) fn download(console: Console, state: DetailState, uri: S3Uri) {
    let Some(loaded) = state.task.data.get_untracked() else {
        return;
    };
    // Signed as an attachment: an object stored as text/html opens as a file, never as a page
    // at S3's origin with the token in its address.
    let options = GetOptions {
        attachment: Some(&uri.key),
        ..Default::default()
    };
    match presigned(console, &loaded.origin, &uri, DOWNLOAD_LINK_SECS, options) {
        // Opened, never put in the DOM: the URL carries the signed session token.
        Ok(url) => {
            page::open_new_tab(&url);
        }
        Err(f) => state.action_problem.set(Some(f)),
    }
}
