//! The executions list: filters → ListNotebookExecutions, pages on demand, a gentle refresh while
//! anything runs, and the loaded rows seen at a glance (counts, timeline, table).

mod filters;
mod summary;
mod table;
mod timeline;

use std::time::Duration;

use emr_core::aws::error::ErrorClass;
use emr_core::connection::Session;
use emr_core::emr::error::EmrError;
use emr_core::emr::list::{FilterDraft, FilterField, ListFilters, Listing, ViewQuery};
use emr_core::emr::operations::{
    describe_request, list_request, parse_describe, parse_list, ListNotebookExecutionsOutput,
    Operation,
};
use emr_core::emr::watch::{list_delay, Backoff};
use emr_core::route::{ListRoute, Place, Route, View};
use leptos::prelude::*;

use self::filters::Filters;
use self::summary::{Pager, Summary};
use self::table::Table;
use self::timeline::Timeline;
use super::common::alert::{Failure, FailureAlert};
use super::common::fields::Check;
use super::common::focus::{focus_row_or, remember, restore};
use super::common::stop::{stop, StopDialog, StopTarget};
use crate::client::{now_ms, scroll_to_y, scroll_y, tz_offset_minutes, CancelHandle};
use crate::state::{failure, input_failure, progress_text, Channel, Console, History, Origin};
use emr_core::aws::signing::JsonRequest;

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
    refresh_due: RwSignal<Option<u64>>,
    channel: StoredValue<Channel, LocalStorage>,
    refresh_channel: StoredValue<Channel, LocalStorage>,
    backoff: StoredValue<Backoff>,
    handled_again: StoredValue<u64>,
    /// Window and table scroll positions when the user left the list.
    scroll: StoredValue<(f64, f64)>,
    /// The row whose link was followed, to focus it on the way back.
    pub opened: StoredValue<Option<String>>,
    /// The row the stop confirmation asks about, while it is open.
    pub stop_target: RwSignal<Option<StopTarget>>,
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
        }
    }
}

fn parse_page(body: Result<Vec<u8>, EmrError>) -> Result<ListNotebookExecutionsOutput, EmrError> {
    body.and_then(|b| parse_list(&b).map_err(EmrError::InvalidResponse))
}

/// One page for the view's channel, its progress shown as `verb…` while it is the latest call;
/// `None` when a newer call superseded it (nothing of it may reach the page then).
async fn fetch_page(
    console: Console,
    state: ListState,
    session: &Session,
    request: &JsonRequest,
    verb: &'static str,
    generation: u64,
    cancel: CancelHandle,
) -> Option<Result<ListNotebookExecutionsOutput, EmrError>> {
    state.progress.set(Some(format!("{verb}…")));
    let channel = state.channel.get_value();
    let on_event = |event| {
        if let Some(text) = progress_text(verb, &event).filter(|_| channel.is_current(generation)) {
            state.progress.set(Some(text));
        }
    };
    let result = parse_page(console.call(session, request, cancel, &on_event).await);
    if !channel.is_current(generation) {
        return None;
    }
    state.busy.set(Busy::Idle);
    state.progress.set(None);
    Some(result)
}

/// Lists from the first page: a new listing for these filters.
fn list(console: Console, state: ListState, session: Session, filters: ListFilters, place: Place) {
    state.refresh_channel.with_value(Channel::cancel);
    let (generation, cancel) = state.channel.with_value(Channel::start);
    let same = state.loaded.with_untracked(|l| {
        l.as_ref()
            .is_some_and(|l| l.filters == filters && l.place == place)
    });
    if !same {
        state.loaded.set(None);
    }
    state.busy.set(Busy::Listing);
    state.error.set(None);
    state.note.set(None);
    state.hint.set(None);
    leptos::task::spawn_local(async move {
        let request = list_request(&filters.input(None));
        let Some(result) = fetch_page(
            console, state, &session, &request, "Listing", generation, cancel,
        )
        .await
        else {
            return;
        };
        match result {
            Ok(page) => {
                state.backoff.update_value(Backoff::on_success);
                let loaded = Loaded {
                    listing: Listing::from_first_page(page),
                    filters,
                    place,
                    origin: Origin::of(&session),
                    fetched_at: now_ms(),
                };
                let active = loaded.listing.any_active();
                state.loaded.set(Some(loaded));
                if active {
                    schedule_refresh(state);
                }
            }
            Err(error) => {
                state.loaded.set(None);
                state.error.set(Some(failure(
                    &error,
                    Operation::ListNotebookExecutions,
                    &session,
                )));
            }
        }
    });
}

/// `Load more`: the next page for the same filters and marker; a failure keeps what is loaded.
pub fn load_more(console: Console, state: ListState) {
    let Some((origin, filters, marker)) = state.loaded.with_untracked(|l| {
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
        Err(problems) => {
            state.error.set(Some(input_failure(problems)));
            return;
        }
    };
    let (generation, cancel) = state.channel.with_value(Channel::start);
    state.busy.set(Busy::LoadingMore);
    state.error.set(None);
    leptos::task::spawn_local(async move {
        let request = list_request(&filters.input(Some(&marker)));
        let Some(result) = fetch_page(
            console,
            state,
            &session,
            &request,
            "Loading more",
            generation,
            cancel,
        )
        .await
        else {
            return;
        };
        match result {
            Ok(page) => state.loaded.update(|l| {
                if let Some(l) = l {
                    l.listing.append(page);
                }
            }),
            Err(error) => state.error.set(Some(failure(
                &error,
                Operation::ListNotebookExecutions,
                &session,
            ))),
        }
    });
}

fn schedule_refresh(state: ListState) {
    let generation = state.refresh_channel.with_value(Channel::current);
    let ms = list_delay(state.backoff.get_value());
    set_timeout(
        move || state.refresh_due.set(Some(generation)),
        Duration::from_millis(ms),
    );
}

/// The first page again, merged in place: new executions on top, loaded pages kept.
fn refresh(console: Console, state: ListState) {
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

/// Stops one row's execution after the confirmation, then describes it and updates the row.
fn stop_row(console: Console, state: ListState, target: StopTarget) {
    state.error.set(None);
    state
        .progress
        .set(Some(format!("Stopping {}…", target.name)));
    leptos::task::spawn_local(async move {
        let outcome = stop(console, &target).await;
        state.progress.set(
            outcome
                .is_ok()
                .then(|| format!("Stop requested for {}.", target.name)),
        );
        if let Err(f) = outcome {
            state.error.set(Some(f));
        }
        let Ok(session) = console.session_for(&target.origin) else {
            return;
        };
        let described = console
            .call(
                &session,
                &describe_request(&target.id),
                CancelHandle::default(),
                &|_| {},
            )
            .await
            .and_then(|b| parse_describe(&b).map_err(EmrError::InvalidResponse));
        if let Ok(record) = described {
            console.watcher.observe(&record);
            state.loaded.update(|l| {
                if let Some(l) = l {
                    l.listing.update(record.summary());
                }
            });
        }
    });
}

/// Validates the filter form and lists (the `List executions` button, Enter in a filter).
pub fn submit(console: Console, state: ListState) {
    match state
        .draft
        .with_untracked(|d| d.validate(tz_offset_minutes))
    {
        Ok(filters) => {
            state.invalid.set(vec![]);
            let route = ListRoute {
                filters,
                query: state.query.get_untracked(),
            };
            console.list_route.set(route.clone());
            console.go(Route {
                place: console.place(),
                view: View::List(route),
            });
            console.list_again.update(|n| *n += 1);
        }
        Err(problems) => {
            state
                .invalid
                .set(problems.iter().map(|p| p.field).collect());
            state.error.set(Some(Failure::Input(
                problems.into_iter().map(|p| p.message).collect(),
            )));
        }
    }
}

/// Writes the search, family and sort into the fragment (no history entry, no request).
pub fn show(console: Console, state: ListState, query: ViewQuery) {
    state.query.set(query.clone());
    let mut route = console.route.get_untracked();
    if let View::List(l) = &mut route.view {
        l.query = query;
        console.list_route.set(l.clone());
        console.navigate(route, History::Replace);
    }
}

#[component]
pub fn ListView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();

    // Arriving at the list (or pressing List executions) lists, unless these filters are loaded.
    Effect::new(move |_| {
        let again = console.list_again.get();
        let Route { place, view } = console.route.get();
        let View::List(route) = view else {
            return;
        };
        console.list_route.set(route.clone());
        if state.query.get_untracked() != route.query {
            state.query.set(route.query.clone());
        }
        let forced = state.handled_again.get_value() != again;
        state.handled_again.set_value(again);
        let shown = state.loaded.with_untracked(|l| {
            l.as_ref()
                .is_some_and(|l| l.filters == route.filters && l.place == place)
        });
        if !forced && (shown || state.busy.get_untracked() == Busy::Listing) {
            return;
        }
        if state
            .draft
            .with_untracked(|d| d.validate(tz_offset_minutes).ok())
            != Some(route.filters.clone())
        {
            state
                .draft
                .set(FilterDraft::from_filters(&route.filters, tz_offset_minutes));
        }
        if !forced && !console.form.with_untracked(|f| f.has_credentials()) {
            state.hint.set(Some(
                "Paste or type your credentials, then press List executions.".into(),
            ));
            return;
        }
        match console.session() {
            Ok(session) => list(console, state, session, route.filters, place),
            Err(problems) => {
                state.channel.with_value(Channel::cancel);
                state.busy.set(Busy::Idle);
                state.progress.set(None);
                state.error.set(Some(input_failure(problems)));
            }
        }
    });

    // While anything listed runs, the first page again every 30 s (later after throttling); a
    // hidden tab waits and refreshes as soon as it is shown.
    Effect::new(move |_| {
        let Some(generation) = state.refresh_due.get() else {
            return;
        };
        if !console.visible.get()
            || !state.auto_refresh.get()
            || !state
                .refresh_channel
                .with_value(|c| c.is_current(generation))
        {
            return;
        }
        state.refresh_due.set(None);
        refresh(console, state);
    });
    Effect::new(move |was_on: Option<bool>| {
        let on = state.auto_refresh.get();
        if on
            && was_on == Some(false)
            && state
                .loaded
                .with_untracked(|l| l.as_ref().is_some_and(|l| l.listing.any_active()))
        {
            schedule_refresh(state);
        }
        on
    });

    // Back from an execution: the same scroll positions, and focus on the row that was opened.
    let table_scroll = NodeRef::<leptos::html::Div>::new();
    if console.focus_heading.get_value() {
        console.focus_heading.set_value(false);
        focus_row_or(state.opened.get_value(), "#list-heading".into());
    }
    request_animation_frame(move || {
        let (window_y, table_y) = state.scroll.get_value();
        if window_y > 0.0 {
            scroll_to_y(window_y);
        }
        if let Some(el) = table_scroll.try_get_untracked().flatten() {
            el.set_scroll_top(table_y as i32);
        }
    });
    on_cleanup(move || {
        let table_y = table_scroll.get_untracked().map_or(0, |el| el.scroll_top());
        state.scroll.set_value((scroll_y(), table_y as f64));
    });

    let cancel = move |_| {
        state.channel.with_value(Channel::cancel);
        state.busy.set(Busy::Idle);
        state.progress.set(Some("Cancelled.".into()));
    };
    let busy = move || state.busy.get() != Busy::Idle;
    let busy = Memo::new(move |_| busy());
    // The rows' views are built once per listing, not on every update of it.
    let has_rows = Memo::new(move |_| state.loaded.with(Option::is_some));
    // The loaded rows to show, filtered and sorted (no request). Running durations sort by the
    // time of the last change, not every tick.
    let shown = Memo::new(move |_| {
        state.loaded.with(|l| {
            l.as_ref()
                .map(|l| state.query.with(|q| l.listing.view(q, l.fetched_at)))
                .unwrap_or_default()
        })
    });

    view! {
        <section class="view view--list" aria-labelledby="list-heading">
            <h2 id="list-heading" class="view-heading" tabindex="-1">"Executions"</h2>
            <Filters/>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || state.progress.get()}</p>
                {move || busy.get().then(|| view! { <button type="button" class="secondary" on:click=cancel>"Cancel"</button> })}
            </div>
            {move || state.hint.get().map(|h| view! { <p class="hint">{h}</p> })}
            {move || state.error.get().map(|f| view! { <FailureAlert failure=f/> })}
            {move || has_rows.get().then(|| view! {
                <Summary shown=shown/>
                <Timeline shown=shown/>
                <Table shown=shown scroll=table_scroll/>
                <Pager/>
            })}
            <div class="checks">
                <Check value=state.auto_refresh id="list-auto-refresh" label="Refresh every 30 s while executions run"/>
            </div>
            {move || state.note.get().map(|n| view! { <p class="note" role="status">{n}</p> })}
            <StopDialog target=state.stop_target on_confirm=move |t| stop_row(console, state, t)/>
        </section>
    }
}
