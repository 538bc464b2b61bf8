//! The list's state: what is loaded and what the view is doing, kept in context while the user
//! looks at an execution.

use emr_core::emr::list::{FilterDraft, FilterField, ViewQuery};
use emr_core::emr::watch::{list_delay, Backoff};
use emr_core::route::{Route, View};
use leptos::prelude::*;

use crate::edge::clock::tz_offset_minutes;
use crate::task::Task;
use crate::ui::common::stop::StopTarget;

pub use crate::console::executions::{Loaded, Subject};

/// The list's state, kept while the user looks at an execution so that Back finds the same
/// filters, rows and scroll position.
#[derive(Clone, Copy)]
pub struct ListState {
    /// ListNotebookExecutions: the first page, `Load more`, the refresh every 30 s while
    /// anything listed runs (later after throttling, waiting while the tab is hidden).
    pub task: Task<Subject, Loaded>,
    pub draft: RwSignal<FilterDraft>,
    pub invalid: RwSignal<Vec<FilterField>>,
    /// "More than a page of new executions arrived…" after a refresh.
    pub note: RwSignal<Option<String>>,
    pub hint: RwSignal<Option<String>>,
    pub query: RwSignal<ViewQuery>,
    /// Window and table scroll positions when the user left the list.
    pub(super) scroll: StoredValue<(f64, f64)>,
    /// The row whose link was followed, to focus it on the way back.
    pub opened: StoredValue<Option<String>>,
    /// The row the stop confirmation asks about, while it is open.
    pub stop_target: RwSignal<Option<StopTarget>>,
    /// The table's own scroll box (its position is kept while the user looks at an execution).
    pub(super) table_scroll: NodeRef<leptos::html::Div>,
}

/// While anything listed runs, the first page again every 30 s (later after throttling).
pub(super) fn delay(loaded: &Loaded, backoff: Backoff) -> Option<u64> {
    loaded.listing.any_active().then(|| list_delay(backoff))
}

impl ListState {
    pub fn new(route: &Route) -> ListState {
        let (draft, query) = match &route.view {
            View::List(l) => (
                FilterDraft::from_filters(&l.filters, tz_offset_minutes),
                l.query.clone(),
            ),
            _ => (FilterDraft::default(), ViewQuery::default()),
        };
        ListState {
            task: Task::new(),
            draft: RwSignal::new(draft),
            invalid: RwSignal::new(vec![]),
            note: RwSignal::new(None),
            hint: RwSignal::new(None),
            query: RwSignal::new(query),
            scroll: StoredValue::new((0.0, 0.0)),
            opened: StoredValue::new(None),
            stop_target: RwSignal::new(None),
            table_scroll: NodeRef::new(),
        }
    }

    /// Shows `loaded` as if it had just been listed (the browser suites use this).
    pub fn show(&self, loaded: Loaded) {
        self.task
            .put((loaded.filters.clone(), loaded.place.clone()), loaded);
    }
}
