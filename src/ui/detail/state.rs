//! The detail's state: the described record (or what is happening instead) and everything open
//! beside it, kept in context while the user is on the list.

use emr_core::emr::watch::{detail_delay, Backoff};
use leptos::prelude::*;

pub use super::loaded::{Loaded, Subject};
use super::preview::state::Preview;
use super::search::Search;
use crate::edge::clock::now_ms;
use crate::task::{Failure, Task};
use crate::ui::common::start::StartForm;
use crate::ui::common::stop::StopTarget;

/// When to describe it again: every 5 s around transitions, 10 s in the first minutes of a run,
/// slower later, never once it has ended (`emr_core::emr::watch`).
pub(super) fn delay(loaded: &Loaded, backoff: Backoff) -> Option<u64> {
    let status = loaded.execution.status.as_ref()?;
    let running_for = loaded
        .execution
        .start_time
        .map_or(0, |t| now_ms() - t.millis());
    detail_delay(status, running_for, backoff)
}

/// The detail's state, kept while the user is on the list so that Forward finds it again.
#[derive(Clone, Copy)]
pub struct DetailState {
    /// DescribeNotebookExecution for the route's execution, described again while it changes
    /// (waiting while the tab is hidden).
    pub task: Task<Subject, Loaded>,
    /// What to do when there is nothing to show ("Paste or type your credentials…").
    pub(super) hint: RwSignal<Option<String>>,
    /// The execution the stop confirmation asks about, while it is open.
    pub stop_target: RwSignal<Option<StopTarget>>,
    /// What a stop, start or download attempt answered, when it went wrong.
    pub action_problem: RwSignal<Option<Failure>>,
    pub run_again: StartForm,
    pub run_again_open: RwSignal<bool>,
    /// "Search all regions", while one runs or after it ended.
    pub search: Search,
    /// The output notebook in the page, and the failure summary from it.
    pub preview: Preview,
}

impl DetailState {
    pub fn new() -> DetailState {
        DetailState {
            task: Task::new(),
            hint: RwSignal::new(None),
            stop_target: RwSignal::new(None),
            action_problem: RwSignal::new(None),
            run_again: StartForm::new(Default::default(), None),
            run_again_open: RwSignal::new(false),
            search: Search::new(),
            preview: Preview::new(),
        }
    }

    /// Shows `loaded` as if it had just been described, and follows it like any other (the region
    /// search found it; the browser suites show fixtures).
    pub fn show(&self, loaded: Loaded) {
        self.task
            .put((loaded.id.to_string(), loaded.place.clone()), loaded);
    }

    /// The record on screen, if any.
    pub fn loaded(&self) -> Option<Loaded> {
        self.task.data.get_untracked()
    }
}

impl Default for DetailState {
    fn default() -> Self {
        DetailState::new()
    }
}
