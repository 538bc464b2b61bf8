//! App-wide state, shared through context: the connection panel's values, the route (what the URL
//! fragment says the page shows), a clock tick, the page's visibility and the one EMR client.
//!
//! Views read these signals and call [`Console::call`]; they never sign or send anything
//! themselves. Each view keeps its own results in its own state (see `ui::list`, `ui::detail`) so
//! that leaving a view and coming back (Back/Forward) finds it as it was.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use emr_core::aws::call::CallEvent;
use emr_core::aws::endpoint::Endpoint;
use emr_core::aws::error::ErrorClass;
use emr_core::aws::region::Region;
use emr_core::aws::signing::JsonRequest;
use emr_core::connection::{ConnectionForm, Field, Problem, Session};
use emr_core::emr::error::{explain, Context, EmrError};
use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::operations::{describe_request, Operation};
use emr_core::route::{ListRoute, Place, Route};
use leptos::prelude::*;

use crate::client::{now_ms, CancelHandle, Client};
use crate::storage;
use crate::ui::Failure;
use crate::watcher::Watcher;

/// Where a result came from: needed to build console links, downloads, and to refresh it against
/// the same endpoint (the user may point the panel elsewhere meanwhile).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub region: Region,
    /// What was called (a refresh calls it again).
    pub endpoint: Endpoint,
    /// The user's override: S3 downloads then go path-style to the same place.
    pub endpoint_override: Option<Endpoint>,
}

impl Origin {
    pub fn of(session: &Session) -> Origin {
        Origin {
            region: session.region.clone(),
            endpoint: session.endpoint.clone(),
            endpoint_override: session.endpoint_override.clone(),
        }
    }

    /// The same place with the credentials in the panel now.
    pub fn session(&self, credentials: emr_core::aws::credentials::Credentials) -> Session {
        Session {
            credentials,
            region: self.region.clone(),
            endpoint: self.endpoint.clone(),
            endpoint_override: self.endpoint_override.clone(),
        }
    }
}

/// One stream of calls (a view's): a new call supersedes the one in flight, and only the latest
/// may report.
#[derive(Clone, Default)]
pub struct Channel {
    generation: Rc<Cell<u64>>,
    cancel: Rc<RefCell<CancelHandle>>,
}

impl Channel {
    pub fn start(&self) -> (u64, CancelHandle) {
        self.cancel.borrow().cancel();
        let handle = CancelHandle::default();
        *self.cancel.borrow_mut() = handle.clone();
        let g = self.generation.get() + 1;
        self.generation.set(g);
        (g, handle)
    }

    pub fn is_current(&self, generation: u64) -> bool {
        self.generation.get() == generation
    }

    pub fn current(&self) -> u64 {
        self.generation.get()
    }

    pub fn cancel(&self) {
        self.cancel.borrow().cancel();
        self.generation.set(self.generation.get() + 1);
    }
}

/// How a navigation enters the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back returns to where the user was.
    Push,
    /// The same entry, updated (filters typed, a sort clicked).
    Replace,
}

#[derive(Clone, Copy)]
pub struct Console {
    pub form: RwSignal<ConnectionForm>,
    /// Connection fields the last validation named.
    pub invalid: RwSignal<Vec<Field>>,
    pub route: RwSignal<Route>,
    /// Ticks every second, for relative times and running durations.
    pub now: Signal<i64>,
    /// `document.visibilityState == "visible"`; refreshes wait while it is false.
    pub visible: Signal<bool>,
    /// The clock-skew notice, from whichever call learned it.
    pub notice: RwSignal<Option<String>>,
    /// The long-term-key warning of the last validated session.
    pub warning: RwSignal<Option<&'static str>>,
    /// "Region set to eu-west-1 from the ARN." after an ARN or a link changed the region.
    pub region_note: RwSignal<Option<String>>,
    /// "Remember credentials in this tab" (sessionStorage follows it).
    pub remember: RwSignal<bool>,
    /// Bumped by the Describe button: describe the route's execution again even if it is shown.
    pub describe_again: RwSignal<u64>,
    /// Bumped by List executions (and Enter in the panel on the list): list again from page one.
    pub list_again: RwSignal<u64>,
    /// The list as last shown (filters, search, sort), for links back to it.
    pub list_route: RwSignal<ListRoute>,
    /// Executions the user asked to be told about when they end.
    pub watcher: Watcher,
    /// What a refresh changed, for screen readers (a polite live region; never moves focus).
    pub announce: RwSignal<String>,
    /// A navigation happened: the view it led to moves focus to its heading once drawn.
    pub focus_heading: StoredValue<bool>,
    client: StoredValue<Client, LocalStorage>,
}

impl Console {
    pub fn new(
        form: ConnectionForm,
        remember: bool,
        route: Route,
        now: Signal<i64>,
        visible: Signal<bool>,
    ) -> Console {
        Console {
            form: RwSignal::new(form),
            invalid: RwSignal::new(Vec::new()),
            route: RwSignal::new(route.clone()),
            now,
            visible,
            notice: RwSignal::new(None),
            warning: RwSignal::new(None),
            remember: RwSignal::new(remember),
            region_note: RwSignal::new(None),
            describe_again: RwSignal::new(0),
            list_again: RwSignal::new(0),
            list_route: RwSignal::new(match &route.view {
                emr_core::route::View::List(l) => l.clone(),
                _ => ListRoute::default(),
            }),
            watcher: Watcher::new(),
            announce: RwSignal::new(String::new()),
            focus_heading: StoredValue::new(false),
            client: StoredValue::new_local(Client::default()),
        }
    }

    pub fn client(&self) -> Client {
        self.client.get_value()
    }

    /// Shows `route` and writes it into the URL fragment.
    pub fn navigate(&self, route: Route, history: History) {
        let fragment = route.to_fragment();
        match history {
            History::Push => storage::push_fragment(&fragment),
            History::Replace => storage::set_fragment(&fragment),
        }
        self.route.set(route);
    }

    /// Pushes when the page changes view or subject, replaces otherwise.
    pub fn go(&self, route: Route) {
        let history = if self.route.with_untracked(|r| same_subject(r, &route)) {
            History::Replace
        } else {
            History::Push
        };
        if history == History::Push {
            self.focus_heading.set_value(true);
        }
        self.navigate(route, history);
    }

    /// After a navigation, focus goes to `selector` (the view's heading, or the row the user came
    /// back to) once it is drawn.
    pub fn settle_focus(&self, selector: String) {
        if self.focus_heading.get_value() {
            self.focus_heading.set_value(false);
            crate::ui::common::focus::focus(selector);
        }
    }

    /// Where the panel points now, for links and navigation.
    pub fn place(&self) -> Place {
        self.form.with_untracked(ConnectionForm::place)
    }

    /// A session from the panel (for calls that need no id), marking the fields at fault.
    pub fn session(&self) -> Result<Session, Vec<Problem>> {
        let result = self.form.with_untracked(|f| f.session_at(now_ms()));
        match &result {
            Ok(s) => {
                self.invalid.set(vec![]);
                self.warning.set(s.warning());
            }
            Err(problems) => self.invalid.set(problems.iter().map(|p| p.field).collect()),
        }
        result
    }

    /// The same place as a result already shown, with the credentials in the panel now (a
    /// refresh, a download, a Load more).
    pub fn session_for(&self, origin: &Origin) -> Result<Session, Vec<Problem>> {
        self.form
            .with_untracked(|f| f.credentials_at(now_ms()))
            .map(|c| origin.session(c))
    }

    /// One EMR call through the SDK loop. Clock corrections reach the page-wide notice; an
    /// expired token stops further signing with these credentials.
    pub async fn call(
        &self,
        session: &Session,
        request: &JsonRequest,
        cancel: CancelHandle,
        on_event: &dyn Fn(CallEvent),
    ) -> Result<Vec<u8>, EmrError> {
        let notice = self.notice;
        let on_event = move |event: CallEvent| {
            if let CallEvent::ClockCorrected { offset_ms } = event {
                notice.set(clock_notice(offset_ms));
            }
            on_event(event);
        };
        let Ok(net) = crate::split::net::load().await else {
            return Err(EmrError::ConsoleUnavailable);
        };
        let result = (net.call)(&self.client(), session, request, cancel, &on_event).await;
        if let Err(e) = &result {
            if e.class() == ErrorClass::ExpiredCredentials {
                self.form.update(|f| f.rejected_as_expired = true);
            }
        }
        result
    }

    /// DescribeNotebookExecution through [`Console::call`], its response parsed by the net chunk
    /// too (the first load carries no response parser).
    pub async fn describe(
        &self,
        session: &Session,
        id: &NotebookExecutionId,
        cancel: CancelHandle,
    ) -> Result<NotebookExecution, EmrError> {
        let body = self
            .call(session, &describe_request(id), cancel, &|_| {})
            .await?;
        let net = crate::split::net::now().ok_or(EmrError::ConsoleUnavailable)?;
        (net.parse_describe)(&body).map_err(EmrError::InvalidResponse)
    }
}

/// Same view and same subject (same execution, or the list): an update, not a new page.
fn same_subject(a: &Route, b: &Route) -> bool {
    use emr_core::route::View;
    match (&a.view, &b.view) {
        (View::List(_), View::List(_)) => a.place == b.place,
        (View::Detail { id: x }, View::Detail { id: y }) => x == y && a.place == b.place,
        _ => false,
    }
}

/// The alert for a failed call, in the words of the operation that failed.
pub fn failure(error: &EmrError, operation: Operation, session: &Session) -> Failure {
    let endpoint = session.endpoint.origin();
    let cx = Context {
        operation,
        endpoint: &endpoint,
        region: session.region.name(),
    };
    Failure::Call(explain(error, cx))
}

/// What to tell the user when signing had to correct their clock.
pub fn clock_notice(offset_ms: i64) -> Option<String> {
    if offset_ms == 0 {
        return None;
    }
    let minutes = (offset_ms.abs() + 30_000) / 60_000;
    let direction = if offset_ms > 0 { "behind" } else { "ahead of" };
    Some(format!(
        "Your computer's clock is about {minutes} minutes {direction} AWS's. Requests are signed with the corrected time; setting your clock automatically fixes this for good."
    ))
}

/// "Describing… attempt 2 of 3", "ThrottlingException: retrying (attempt 2 of 3) in 0.5 s…".
pub fn progress_text(verb: &str, event: &CallEvent) -> Option<String> {
    match event {
        CallEvent::Sending { attempt: 1, .. } => Some(format!("{verb}…")),
        CallEvent::Sending {
            attempt,
            max_attempts,
        } => Some(format!("{verb}… attempt {attempt} of {max_attempts}")),
        CallEvent::Retrying {
            next_attempt,
            max_attempts,
            delay_ms,
            reason,
        } => Some(format!(
            "{reason}: retrying (attempt {next_attempt} of {max_attempts}) in {}.{} s…",
            delay_ms / 1000,
            delay_ms % 1000 / 100
        )),
        CallEvent::ClockCorrected { .. } => None,
    }
}

/// The alert for a part of the console that could not be loaded (see `crate::split`).
pub fn unavailable() -> Failure {
    Failure::Call(emr_core::emr::error::unavailable())
}

/// Problems as the alert lists them.
pub fn input_failure(problems: Vec<Problem>) -> Failure {
    Failure::Input(problems.into_iter().map(|p| p.message).collect())
}
