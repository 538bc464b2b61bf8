//! Describing: one DescribeNotebookExecution and what it does to the page, the refresh timer, and
//! the presigned download of an object the record names.

use std::time::Duration;

use emr_core::aws::error::ErrorClass;
use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::emr::model::NotebookExecutionId;
use emr_core::emr::operations::{describe_request, parse_describe, Operation};
use emr_core::emr::watch::Backoff;
use emr_core::route::Place;
use leptos::prelude::*;

use super::super::common::alert::Failure;
use super::super::common::focus::{remember, restore};
use super::preview;
use super::state::{DetailState, Loaded, Phase};
use crate::client::now_ms;
use crate::state::{failure, input_failure, progress_text, Channel, Console, Origin};

/// Where focus goes after a navigation to the detail.
pub(super) const HEADING: &str = ".view--detail .view-heading";

/// Validity of a presigned download link (capped by the credentials' expiry).
const DOWNLOAD_LINK_SECS: u64 = 900;

/// One Describe and what it does to the page. `quiet` (a refresh) keeps the record on screen.
pub(super) fn describe(
    console: Console,
    state: DetailState,
    session: emr_core::connection::Session,
    id: NotebookExecutionId,
    place: Place,
    quiet: bool,
) {
    if !quiet
        && !state
            .phase
            .with_untracked(|p| p.is_for(id.as_str(), &place))
    {
        // Another execution: what was open for the last one closes.
        state.run_again_open.set(false);
        state.action_problem.set(None);
        state.stop_target.set(None);
        state.search.reset();
        state.preview.reset();
    }
    let (generation, cancel) = state.channel.with_value(Channel::start);
    if !quiet {
        state.phase.set(Phase::Working {
            id: id.to_string(),
            place: place.clone(),
        });
        state.progress.set(Some("Describing…".into()));
        state.refresh_problem.set(None);
    }
    let channel = state.channel.get_value();
    leptos::task::spawn_local(async move {
        let on_event = |event| {
            if channel.is_current(generation) && !quiet {
                if let Some(text) = progress_text("Describing", &event) {
                    state.progress.set(Some(text));
                }
            }
        };
        let result = console
            .call(&session, &describe_request(&id), cancel, &on_event)
            .await
            .and_then(|body| {
                parse_describe(&body).map_err(emr_core::emr::error::EmrError::InvalidResponse)
            });
        // A superseded or cancelled call never overwrites what the user asked for since.
        if !channel.is_current(generation) {
            return;
        }
        state.progress.set(None);
        match result {
            Ok(execution) => {
                console.watcher.observe(&execution);
                // A refresh redraws the record: focus and the reader's place survive it, and a
                // status change is announced, politely.
                let spot = quiet.then(|| remember(".view--detail")).flatten();
                let before = state.loaded().and_then(|l| l.execution.status);
                if quiet && before.is_some() && before != execution.status {
                    if let Some(s) = &execution.status {
                        let name = execution
                            .notebook_execution_name
                            .clone()
                            .filter(|n| !n.is_empty())
                            .unwrap_or_else(|| id.to_string());
                        console
                            .announce
                            .set(format!("{name} is now {}.", s.label()));
                    }
                }
                state.backoff.update_value(Backoff::on_success);
                state.refresh_problem.set(None);
                let loaded = Loaded {
                    execution,
                    id,
                    place,
                    origin: Origin::of(&session),
                    fetched_at: now_ms(),
                };
                schedule_refresh(state, &loaded, generation);
                preview::summarize(console, state, &loaded);
                state.phase.set(Phase::Loaded(Box::new(loaded)));
                match spot {
                    Some(s) => restore(s),
                    None if !quiet => console.settle_focus(HEADING.into()),
                    None => {}
                }
            }
            Err(error) if quiet => {
                // Keep the record; back off and go on where that can help.
                let f = failure(&error, Operation::DescribeNotebookExecution, &session);
                if error.class().is_retryable() {
                    if error.class() == ErrorClass::Throttling {
                        state.backoff.update_value(Backoff::on_throttled);
                    }
                    if let Some(l) = state.loaded() {
                        schedule_refresh(state, &l, generation);
                    }
                }
                state.refresh_problem.set(Some(f));
            }
            Err(error) => {
                console.settle_focus(HEADING.into());
                let f = failure(&error, Operation::DescribeNotebookExecution, &session);
                state.phase.set(Phase::Failed {
                    id: id.to_string(),
                    place,
                    failure: f,
                });
            }
        }
    });
}

pub(super) fn schedule_refresh(state: DetailState, loaded: &Loaded, generation: u64) {
    if let Some(ms) = loaded.next_refresh_ms(state.backoff.get_value()) {
        set_timeout(
            move || state.refresh_due.set(Some(generation)),
            Duration::from_millis(ms),
        );
    }
}

/// The download (presigned GET) of an object the record names, signed when clicked.
pub(super) fn download(console: Console, state: DetailState, uri: S3Uri) {
    let Some(loaded) = state.loaded() else {
        return;
    };
    // Signed with the credentials in the panel now: they may have been refreshed or forgotten.
    let credentials = match console.form.with_untracked(|f| f.credentials_at(now_ms())) {
        Ok(c) => c,
        Err(problems) => {
            state.refresh_problem.set(Some(input_failure(problems)));
            return;
        }
    };
    let o = &loaded.origin;
    let at = now_ms() + console.client().clock_offset_ms();
    match presigned_object_url(
        &uri,
        &o.region,
        o.endpoint_override.as_ref(),
        &credentials,
        at,
        DOWNLOAD_LINK_SECS,
    ) {
        Ok(url) => {
            if let Some(w) = web_sys::window() {
                // Opened, never put in the DOM: the URL carries the signed session token.
                let _ =
                    w.open_with_url_and_target_and_features(&url, "_blank", "noopener,noreferrer");
            }
        }
        Err(e) => state
            .refresh_problem
            .set(Some(Failure::Input(vec![e.to_string()]))),
    }
}
