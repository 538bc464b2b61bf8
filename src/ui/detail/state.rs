//! The detail's state: the described record (or what is happening instead) and everything open
//! beside it, kept in context while the user is on the list.

use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::watch::{detail_delay, Backoff};
use emr_core::route::Place;
use leptos::prelude::*;

use super::super::common::alert::Failure;
use super::super::common::stop::StopTarget;
use super::describe::schedule_refresh;
use super::preview::Preview;
use super::run_again::RunAgain;
use super::search::Search;
use crate::client::now_ms;
use crate::state::{Channel, Origin};

/// A described execution and where it came from; no credentials are kept with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub execution: NotebookExecution,
    pub id: NotebookExecutionId,
    pub place: Place,
    pub origin: Origin,
    pub fetched_at: i64,
}

impl Loaded {
    pub fn is_final(&self) -> bool {
        self.execution
            .status
            .as_ref()
            .is_some_and(|s| s.is_terminal())
    }

    /// When to describe it again, or `None` once it has ended.
    pub(super) fn next_refresh_ms(&self, backoff: Backoff) -> Option<u64> {
        let status = self.execution.status.as_ref()?;
        let running_for = self
            .execution
            .start_time
            .map_or(0, |t| now_ms() - t.millis());
        detail_delay(status, running_for, backoff)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Phase {
    /// Nothing asked (yet): the text says what to do.
    Idle(Option<String>),
    Working {
        id: String,
        place: Place,
    },
    Loaded(Box<Loaded>),
    Failed {
        id: String,
        place: Place,
        failure: Failure,
    },
}

impl Phase {
    /// Whether this phase is about `id` at `place` (then arriving there again changes nothing).
    pub(super) fn is_for(&self, id: &str, place: &Place) -> bool {
        match self {
            Phase::Working { id: i, place: p }
            | Phase::Failed {
                id: i, place: p, ..
            } => i == id && p == place,
            Phase::Loaded(l) => l.id.as_str() == id && &l.place == place,
            Phase::Idle(_) => false,
        }
    }
}

/// The detail's state, kept while the user is on the list so that Forward finds it again.
#[derive(Clone, Copy)]
pub struct DetailState {
    pub(super) phase: RwSignal<Phase>,
    pub(super) progress: RwSignal<Option<String>>,
    /// A refresh that went wrong: shown above the record, which stays.
    pub(super) refresh_problem: RwSignal<Option<Failure>>,
    pub auto_refresh: RwSignal<bool>,
    /// Set by a timer to the generation whose record is due to be described again.
    pub(super) refresh_due: RwSignal<Option<u64>>,
    pub(super) channel: StoredValue<Channel, LocalStorage>,
    pub(super) backoff: StoredValue<Backoff>,
    pub(super) handled_again: StoredValue<u64>,
    /// The execution the stop confirmation asks about, while it is open.
    pub stop_target: RwSignal<Option<StopTarget>>,
    /// What a stop or start attempt answered, when it went wrong (it outlives the re-describe).
    pub action_problem: RwSignal<Option<Failure>>,
    pub run_again: RunAgain,
    pub run_again_open: RwSignal<bool>,
    /// "Search all regions", while one runs or after it ended.
    pub search: Search,
    /// The output notebook in the page, and the failure summary from it.
    pub preview: Preview,
}

impl DetailState {
    pub fn new() -> DetailState {
        DetailState {
            phase: RwSignal::new(Phase::Idle(None)),
            progress: RwSignal::new(None),
            refresh_problem: RwSignal::new(None),
            auto_refresh: RwSignal::new(true),
            refresh_due: RwSignal::new(None),
            channel: StoredValue::new_local(Channel::default()),
            backoff: StoredValue::new(Backoff::default()),
            handled_again: StoredValue::new(0),
            stop_target: RwSignal::new(None),
            action_problem: RwSignal::new(None),
            run_again: RunAgain::new(),
            run_again_open: RwSignal::new(false),
            search: Search::new(),
            preview: Preview::new(),
        }
    }

    /// Shows `loaded` as if it had just been described (the browser suites use this).
    pub fn show(&self, loaded: Loaded) {
        self.phase.set(Phase::Loaded(Box::new(loaded)));
    }

    /// Shows a record described elsewhere (the region search) and follows it like any other.
    pub(super) fn arrive(&self, loaded: Loaded) {
        let (generation, _) = self.channel.with_value(Channel::start);
        self.progress.set(None);
        schedule_refresh(*self, &loaded, generation);
        self.phase.set(Phase::Loaded(Box::new(loaded)));
    }

    /// The record on screen, if any (for the page title and the actions).
    pub fn loaded(&self) -> Option<Loaded> {
        self.phase.with(|p| match p {
            Phase::Loaded(l) => Some((**l).clone()),
            _ => None,
        })
    }
}

impl Default for DetailState {
    fn default() -> Self {
        DetailState::new()
    }
}
