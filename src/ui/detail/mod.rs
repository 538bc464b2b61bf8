//! One execution: described when the route names it (a row link, Back/Forward, a shared link) or
//! when Describe is pressed, and described again while it changes, on the refresh plan.

mod actions;
pub mod preview;
mod record;
mod run_again;
mod search;

pub use record::ExecutionView;
pub use run_again::RunAgain;

use std::time::Duration;

use emr_core::aws::error::ErrorClass;
use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::operations::{describe_request, parse_describe, Operation};
use emr_core::emr::watch::{detail_delay, Backoff};
use emr_core::format;
use emr_core::route::{Place, Route, View};
use leptos::prelude::*;

use self::actions::{confirmed_stop, Actions};
use self::preview::{FailureSummary, Preview, PreviewPanel, Target, Which};
use self::run_again::RunAgainForm;
use self::search::{Search, SearchAllRegions};
use super::common::alert::{Failure, FailureAlert};
use super::common::fields::Check;
use super::common::focus::{remember, restore};
use super::common::stop::{StopDialog, StopTarget};
use crate::client::{now_ms, tz_offset_minutes};
use crate::state::{failure, input_failure, progress_text, Channel, Console, Origin};

/// Where focus goes after a navigation to the detail.
const HEADING: &str = ".view--detail .view-heading";

/// Validity of a presigned download link (capped by the credentials' expiry).
const DOWNLOAD_LINK_SECS: u64 = 900;

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
    fn next_refresh_ms(&self, backoff: Backoff) -> Option<u64> {
        let status = self.execution.status.as_ref()?;
        let running_for = self
            .execution
            .start_time
            .map_or(0, |t| now_ms() - t.millis());
        detail_delay(status, running_for, backoff)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
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
    fn is_for(&self, id: &str, place: &Place) -> bool {
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
    phase: RwSignal<Phase>,
    progress: RwSignal<Option<String>>,
    /// A refresh that went wrong: shown above the record, which stays.
    refresh_problem: RwSignal<Option<Failure>>,
    pub auto_refresh: RwSignal<bool>,
    /// Set by a timer to the generation whose record is due to be described again.
    refresh_due: RwSignal<Option<u64>>,
    channel: StoredValue<Channel, LocalStorage>,
    backoff: StoredValue<Backoff>,
    handled_again: StoredValue<u64>,
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

/// One Describe and what it does to the page. `quiet` (a refresh) keeps the record on screen.
fn describe(
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

fn schedule_refresh(state: DetailState, loaded: &Loaded, generation: u64) {
    if let Some(ms) = loaded.next_refresh_ms(state.backoff.get_value()) {
        set_timeout(
            move || state.refresh_due.set(Some(generation)),
            Duration::from_millis(ms),
        );
    }
}

/// The download (presigned GET) of an object the record names, signed when clicked.
fn download(console: Console, state: DetailState, uri: S3Uri) {
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

#[component]
pub fn DetailView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<DetailState>();

    // Arriving at an execution (or pressing Describe) describes it, unless it is what is shown.
    Effect::new(move |_| {
        let again = console.describe_again.get();
        let Route { place, view } = console.route.get();
        let View::Detail { id } = view else {
            return;
        };
        let forced = state.handled_again.get_value() != again;
        state.handled_again.set_value(again);
        if !forced && state.phase.with_untracked(|p| p.is_for(&id, &place)) {
            console.settle_focus(HEADING.into());
            return;
        }
        let (has_credentials, validated) = console.form.with_untracked(|f| {
            let mut f = f.clone();
            f.execution_id = id.clone();
            (f.has_credentials(), f.validate(now_ms()))
        });
        if !forced && !has_credentials {
            state.channel.with_value(Channel::cancel);
            state.phase.set(Phase::Idle(Some(format!(
                "Paste or type your credentials above, then press Describe to see {}.",
                format::shorten(&id, 60)
            ))));
            return;
        }
        match validated {
            Ok((session, id)) => {
                console.invalid.set(vec![]);
                console.warning.set(session.warning());
                describe(console, state, session, id, place, false);
            }
            Err(problems) => {
                state.channel.with_value(Channel::cancel);
                state.progress.set(None);
                console
                    .invalid
                    .set(problems.iter().map(|p| p.field).collect());
                state.phase.set(Phase::Failed {
                    id,
                    place,
                    failure: input_failure(problems),
                });
            }
        }
    });

    // The refresh of a record that is still changing: same execution, same endpoint, the
    // credentials in the panel now. It waits while the tab is hidden and runs as soon as it shows.
    Effect::new(move |_| {
        let Some(generation) = state.refresh_due.get() else {
            return;
        };
        if !console.visible.get()
            || !state.auto_refresh.get()
            || !state.channel.with_value(|c| c.is_current(generation))
        {
            return;
        }
        state.refresh_due.set(None);
        let Some(loaded) = state.loaded() else {
            return;
        };
        match console.session_for(&loaded.origin) {
            Ok(session) => describe(console, state, session, loaded.id, loaded.place, true),
            Err(problems) => state.progress.set(Some(format!(
                "Automatic refresh stopped: {}",
                problems
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or_default()
            ))),
        }
    });
    // Turning it back on resumes refreshing a record that is still changing.
    Effect::new(move |was_on: Option<bool>| {
        let on = state.auto_refresh.get();
        if on && was_on == Some(false) {
            if let Some(l) = state.loaded().filter(|l| !l.is_final()) {
                schedule_refresh(state, &l, state.channel.with_value(Channel::current));
            }
        }
        on
    });

    let cancel = move |_| {
        state.channel.with_value(Channel::cancel);
        state.progress.set(Some("Cancelled.".into()));
        state.phase.set(Phase::Idle(None));
    };
    let download = Callback::new(move |uri: S3Uri| download(console, state, uri));
    let open_preview = Callback::new(move |(uri, input): (S3Uri, bool)| {
        preview::open(
            console,
            state,
            Target {
                uri,
                which: if input { Which::Input } else { Which::Output },
            },
        );
    });
    let working = Memo::new(move |_| state.phase.with(|p| matches!(p, Phase::Working { .. })));
    let list_href = move || {
        let route = Route {
            place: console.place(),
            view: View::List(console.list_route.get()),
        };
        format!("#{}", route.to_fragment())
    };

    view! {
        <section class="view view--detail" aria-label="Notebook execution">
            <p class="crumbs"><a href=list_href>"← All executions"</a></p>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || state.progress.get()}</p>
                {move || working.get().then(|| view! { <button type="button" class="secondary" on:click=cancel>"Cancel"</button> })}
            </div>
            {move || state.refresh_problem.get().map(|f| view! { <FailureAlert failure=f/> })}
            {move || match state.phase.get() {
                Phase::Failed { failure, id, .. } => {
                    // An ID this region does not know may live in another one.
                    let unknown = matches!(&failure, Failure::Call(e) if e.class == emr_core::aws::error::ErrorClass::ClientInput);
                    let id = NotebookExecutionId::parse(&id).ok().filter(|_| unknown);
                    view! {
                        <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                        {match id {
                            Some(id) => view! { <FailureAlert failure=failure><SearchAllRegions id=id/></FailureAlert> }.into_any(),
                            None => view! { <FailureAlert failure=failure/> }.into_any(),
                        }}
                    }.into_any()
                }
                Phase::Loaded(l) => {
                    let final_ = l.is_final();
                    view! {
                        <Actions loaded=(*l).clone()/>
                        {move || state.action_problem.get().map(|f| view! { <FailureAlert failure=f/> })}
                        {move || state.run_again_open.get().then(|| view! { <RunAgainForm/> })}
                        <ExecutionView execution=l.execution origin=l.origin now=console.now download=download preview=open_preview>
                            <FailureSummary/>
                        </ExecutionView>
                        <PreviewPanel/>
                        <p class="fetched muted">
                            "Described at " {format::local_display(l.fetched_at, tz_offset_minutes(l.fetched_at))}
                            {move || (!final_ && state.auto_refresh.get()).then_some(" · refreshed until it ends")}
                        </p>
                    }.into_any()
                }
                Phase::Idle(text) => view! {
                    <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                    {text.map(|t| view! { <p class="hint">{t}</p> })}
                }.into_any(),
                Phase::Working { .. } => view! {
                    <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                }.into_any(),
            }}
            <div class="checks">
                <Check value=state.auto_refresh id="auto-refresh" label="Refresh until the execution ends"/>
                <Check value=state.preview.auto id="auto-preview" label="Read a failed run's output notebook for its error"/>
            </div>
            <StopDialog target=state.stop_target on_confirm=move |t| confirmed_stop(console, state, t)/>
        </section>
    }
}
