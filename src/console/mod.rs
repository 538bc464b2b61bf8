//! App-wide state, shared through context: the connection panel's values, the route (what the URL
//! fragment says the page shows), a clock tick, page-wide notices, and the watched executions.
//!
//! Views read these signals and run their calls through `crate::task` and `crate::net`; they
//! never sign or send anything themselves. Each view keeps its own results in its own state, so
//! that leaving a view and coming back (Back/Forward) finds it as it was.

pub mod executions;
mod origin;
pub mod remember;
mod texts;
pub mod watcher;

pub use self::origin::Origin;
pub use self::texts::{clock_notice, failure, input_failure, unavailable};

use emr_core::connection::{ConnectionForm, Field, Problem, Session};
use emr_core::emr::model::ExecutionStatus;
use emr_core::route::{ListRoute, Place, Route, View};
use leptos::prelude::*;

use self::watcher::Watcher;
use crate::edge::clock::now_ms;
use crate::edge::storage;
use crate::net::{self, Heard};

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
    /// The clock-skew notice, from whichever call learned it.
    pub notice: RwSignal<Option<String>>,
    /// The long-term-key warning of the last validated session.
    pub warning: RwSignal<Option<&'static str>>,
    /// "Region set to eu-west-1 from the ARN." after an ARN or a link changed the region.
    pub region_note: RwSignal<Option<String>>,
    /// "Remember credentials in this tab" (sessionStorage follows it).
    pub remember: RwSignal<bool>,
    /// The panel asked for the view's subject again (Describe, List executions, Enter): the view
    /// on screen loads it even if it shows it already.
    pub reload: Trigger,
    /// The list as last shown (filters, search, sort), for links back to it.
    pub list_route: RwSignal<ListRoute>,
    /// Executions the user asked to be told about when they end.
    pub watcher: Watcher,
    /// What a refresh changed, for screen readers (a polite live region; never moves focus).
    pub announce: RwSignal<String>,
    /// A navigation happened: the view it led to moves focus to its heading once drawn.
    pub focus_heading: StoredValue<bool>,
    /// The execution on screen (its name and status), for the tab title.
    pub shown: RwSignal<Option<(String, ExecutionStatus)>>,
}

impl Console {
    pub fn new(form: ConnectionForm, remember: bool, route: Route, now: Signal<i64>) -> Console {
        let console = Console {
            form: RwSignal::new(form),
            invalid: RwSignal::new(Vec::new()),
            route: RwSignal::new(route.clone()),
            now,
            notice: RwSignal::new(None),
            warning: RwSignal::new(None),
            remember: RwSignal::new(remember),
            region_note: RwSignal::new(None),
            reload: Trigger::new(),
            list_route: RwSignal::new(match &route.view {
                View::List(l) => l.clone(),
                _ => ListRoute::default(),
            }),
            watcher: Watcher::new(),
            announce: RwSignal::new(String::new()),
            focus_heading: StoredValue::new(false),
            shown: RwSignal::new(None),
        };
        console.watcher.use_form(console.form);
        // What any call teaches the page: the corrected clock, credentials AWS calls expired.
        net::listen(move |heard| match heard {
            Heard::ClockCorrected { offset_ms } => {
                console.notice.try_set(clock_notice(offset_ms));
            }
            Heard::Expired => {
                console.form.try_update(|f| f.rejected_as_expired = true);
            }
        });
        console
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

    /// Whether a navigation just happened whose view should take focus (asked once).
    pub fn take_focus(&self) -> bool {
        self.focus_heading.get_value() && {
            self.focus_heading.set_value(false);
            true
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
}

/// Same view and same subject (same execution, or the list): an update, not a new page.
fn same_subject(a: &Route, b: &Route) -> bool {
    a.place == b.place
        && match (&a.view, &b.view) {
            (View::List(_), View::List(_)) | (View::Notebooks(_), View::Notebooks(_)) => true,
            (View::Detail { id: x }, View::Detail { id: y }) => x == y,
            (View::Notebook { key: x, .. }, View::Notebook { key: y, .. }) => x == y,
            (View::Compare { a: x, b: y }, View::Compare { a: p, b: q }) => x == p && y == q,
            (View::Start(_), View::Start(_)) => true,
            _ => false,
        }
}
