//! The list's state: what is loaded and what the view is doing, kept in context while the user
//! looks at an execution.

use emr_core::emr::list::{FilterDraft, FilterField, ListFilters, Listing, ViewQuery};
use emr_core::emr::watch::Backoff;
use emr_core::route::{Place, Route, View};
use leptos::prelude::*;

use super::super::common::alert::Failure;
use super::super::common::stop::StopTarget;
use crate::client::tz_offset_minutes;
use crate::state::{Channel, Origin};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    Idle,
    /// The first page (a new list).
    Listing,
    LoadingMore,
}

/// The list's state, kept while the user looks at an execution so that Back finds the same
/// filters, rows and scroll position.
#[derive(Clone, Copy)]
pub struct ListState {
    pub draft: RwSignal<FilterDraft>,
    pub invalid: RwSignal<Vec<FilterField>>,
    pub loaded: RwSignal<Option<Loaded>>,
    pub busy: RwSignal<Busy>,
    pub error: RwSignal<Option<Failure>>,
    pub progress: RwSignal<Option<String>>,
    /// A quiet line about the last refresh (a throttled or failed one, a possible gap).
    pub note: RwSignal<Option<String>>,
    pub hint: RwSignal<Option<String>>,
    pub query: RwSignal<ViewQuery>,
    pub auto_refresh: RwSignal<bool>,
    pub(super) refresh_due: RwSignal<Option<u64>>,
    pub(super) channel: StoredValue<Channel, LocalStorage>,
    pub(super) refresh_channel: StoredValue<Channel, LocalStorage>,
    pub(super) backoff: StoredValue<Backoff>,
    pub(super) handled_again: StoredValue<u64>,
    /// Window and table scroll positions when the user left the list.
    pub(super) scroll: StoredValue<(f64, f64)>,
    /// The row whose link was followed, to focus it on the way back.
    pub opened: StoredValue<Option<String>>,
    /// The row the stop confirmation asks about, while it is open.
    pub stop_target: RwSignal<Option<StopTarget>>,
    /// The table's own scroll box (its position is kept while the user looks at an execution).
    pub(super) table_scroll: NodeRef<leptos::html::Div>,
}

impl ListState {
    pub fn new(route: &Route) -> ListState {
        let draft = match &route.view {
            View::List(l) => FilterDraft::from_filters(&l.filters, tz_offset_minutes),
            View::Detail { .. } => FilterDraft::default(),
        };
        ListState {
            draft: RwSignal::new(draft),
            invalid: RwSignal::new(vec![]),
            loaded: RwSignal::new(None),
            busy: RwSignal::new(Busy::Idle),
            error: RwSignal::new(None),
            progress: RwSignal::new(None),
            note: RwSignal::new(None),
            hint: RwSignal::new(None),
            query: RwSignal::new(match &route.view {
                View::List(l) => l.query.clone(),
                View::Detail { .. } => ViewQuery::default(),
            }),
            auto_refresh: RwSignal::new(true),
            refresh_due: RwSignal::new(None),
            channel: StoredValue::new_local(Channel::default()),
            refresh_channel: StoredValue::new_local(Channel::default()),
            backoff: StoredValue::new(Backoff::default()),
            handled_again: StoredValue::new(0),
            scroll: StoredValue::new((0.0, 0.0)),
            opened: StoredValue::new(None),
            stop_target: RwSignal::new(None),
            table_scroll: NodeRef::new(),
        }
    }
}
