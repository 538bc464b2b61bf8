//! The one async primitive. A [`Task`] owns a stream of calls about one subject (the list for
//! these filters, one execution, one notebook…) and everything views used to write by hand:
//!
//! - **start, supersede**: [`Task::load`] starts a run for a subject; any run before it is
//!   aborted (its fetch too) and can no longer report;
//! - **progress**: the run's attempts and retries become the progress line ([`Task::progress`]),
//!   [`Task::busy`] says what runs, [`Task::cancel`] stops it;
//! - **keep the last good data**: [`Task::more`] and the planned refresh change the data in place,
//!   and their failures leave it as it was;
//! - **refresh by a plan**: after each success, the plan's `delay` says when to look again (or
//!   never); the tab's visibility decides whether that waits ([`Hidden`]); [`Task::auto`] turns
//!   it off and on;
//! - **back off, stop and say why**: a throttled refresh doubles the next delay, a refresh that
//!   may work later is tried again later, one that cannot stops; [`Task::refresh`] says which.
//!
//! The texts are the views' own; the task only holds what happened.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use emr_core::aws::call::CallEvent;
use emr_core::aws::error::ErrorClass;
use emr_core::emr::error::Explanation;
use emr_core::emr::watch::Backoff;
use leptos::prelude::*;

use crate::edge::clock::now_ms;
use crate::edge::fetch::Abort;
use crate::edge::page;

/// Why a run brought no data.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The form has values that cannot be sent; nothing was signed.
    Input(Vec<String>),
    /// The call failed; `Explanation` says how.
    Call(Explanation),
}

impl Failure {
    pub fn class(&self) -> ErrorClass {
        match self {
            Failure::Input(_) => ErrorClass::ClientInput,
            Failure::Call(e) => e.class,
        }
    }

    /// The code AWS sent, or the first problem with the input: for one-line notes.
    pub fn short(&self) -> &str {
        match self {
            Failure::Input(p) => p.first().map_or("", String::as_str),
            Failure::Call(e) => &e.code,
        }
    }
}

/// What runs in the foreground (the progress line and Cancel follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    Idle,
    /// A new subject.
    Loading,
    /// More of the same subject (`Load more`).
    More,
}

/// How the planned refresh stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Refresh {
    /// Nothing planned: no data, the data is final, or refreshing is off.
    Off,
    Planned,
    /// The last refresh failed; another is planned in `in_ms`.
    Retrying {
        failure: Failure,
        in_ms: u64,
    },
    /// Refreshing stopped, for this reason.
    Stopped(Failure),
}

/// What a planned refresh does while the tab is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// It waits, and runs as soon as the tab is shown.
    Pause,
    /// It goes on, but at most once in this many milliseconds (telling a background tab that a
    /// run ended is the watcher's whole point).
    AtMost(u64),
}

/// A run's work: the data, or why there is none.
pub type Job<T> = Pin<Box<dyn Future<Output = Result<T, Failure>>>>;
/// What a refresh does to the data it refreshes.
pub type Change<T> = Box<dyn FnOnce(&mut T)>;

/// A planned refresh's work, from the data it refreshes.
pub type RefreshJob<T> = Rc<dyn Fn(&T, Ctx) -> Job<Change<T>>>;

/// The plan a refreshing task follows.
struct Plan<T> {
    delay: fn(&T, Backoff) -> Option<u64>,
    hidden: Hidden,
    job: RefreshJob<T>,
}

/// What the runs of one task share: which run is current, how to abort it, the refresh timer.
#[derive(Default)]
struct Runs {
    generation: Cell<u64>,
    abort: RefCell<Abort>,
    backoff: Cell<Backoff>,
    timer: RefCell<Option<TimeoutHandle>>,
    /// When the last refresh ran (for [`Hidden::AtMost`]).
    last_ms: Cell<i64>,
    screen: Cell<Screen>,
}

/// Whether the view that shows the data is on screen: a refresh nobody sees waits for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Screen {
    /// Not tied to a view (the watcher's describes).
    #[default]
    Always,
    Shown,
    /// The view is gone for now; `missed`: a refresh came due meanwhile.
    Away {
        missed: bool,
    },
}

impl Runs {
    /// A new run: the one before it is aborted and may not report any more.
    fn begin(&self) -> (u64, Abort) {
        self.abort.borrow().abort();
        let abort = Abort::default();
        *self.abort.borrow_mut() = abort.clone();
        self.stop_timer();
        let g = self.generation.get() + 1;
        self.generation.set(g);
        (g, abort)
    }

    fn stop_timer(&self) {
        if let Some(t) = self.timer.borrow_mut().take() {
            t.clear();
        }
    }
}

/// What a run's job gets: the abort for its fetches, whether it is still the current run, and
/// the progress line for its calls.
#[derive(Clone)]
pub struct Ctx {
    pub abort: Abort,
    generation: u64,
    runs: Rc<Runs>,
    progress: Option<(RwSignal<Option<String>>, &'static str)>,
}

impl Ctx {
    /// Whether nothing superseded this run (a job that updates as it goes checks this first).
    pub fn is_current(&self) -> bool {
        self.runs.generation.get() == self.generation
    }

    /// Reports a call's attempts and retries on the progress line while the run is current.
    pub fn report(&self, event: CallEvent) {
        if let Some((progress, verb)) = self.progress {
            if let Some(text) = progress_text(verb, &event).filter(|_| self.is_current()) {
                progress.set(Some(text));
            }
        }
    }
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

/// A stream of calls about subjects `K`, holding the last good `T`.
pub struct Task<K: 'static, T: 'static> {
    /// The last good data for the subject.
    pub data: RwSignal<Option<T>>,
    /// What the task is about: loading, loaded or failed.
    pub subject: RwSignal<Option<K>>,
    pub busy: RwSignal<Busy>,
    /// The progress line of the foreground run (or "Cancelled.").
    pub progress: RwSignal<Option<String>>,
    /// Why the last foreground run failed.
    pub error: RwSignal<Option<Failure>>,
    pub refresh: RwSignal<Refresh>,
    /// Whether to refresh by the plan at all (a checkbox binds to it).
    pub auto: RwSignal<bool>,
    runs: StoredValue<Rc<Runs>, LocalStorage>,
    plan: StoredValue<Option<Rc<Plan<T>>>, LocalStorage>,
}

impl<K, T> Clone for Task<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, T> Copy for Task<K, T> {}

impl<K, T> std::fmt::Debug for Task<K, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Task")
    }
}

/// The same task (not the same data).
impl<K, T> PartialEq for Task<K, T> {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

impl<K, T> Default for Task<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    fn default() -> Self {
        Task::new()
    }
}

impl<K, T> Task<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    pub fn new() -> Self {
        Task {
            data: RwSignal::new(None),
            subject: RwSignal::new(None),
            busy: RwSignal::new(Busy::Idle),
            progress: RwSignal::new(None),
            error: RwSignal::new(None),
            refresh: RwSignal::new(Refresh::Off),
            auto: RwSignal::new(true),
            runs: StoredValue::new_local(Rc::default()),
            plan: StoredValue::new_local(None),
        }
    }

    /// Refreshes the data by a plan: `delay` says when next (`None`: it is final), `job` fetches
    /// the change. The view that installs it (the code of the job is the view's) may do so on
    /// every mount: the last plan counts.
    pub fn planned(
        self,
        hidden: Hidden,
        delay: fn(&T, Backoff) -> Option<u64>,
        job: impl Fn(&T, Ctx) -> Job<Change<T>> + 'static,
    ) -> Self {
        self.plan.set_value(Some(Rc::new(Plan {
            delay,
            hidden,
            job: Rc::new(job),
        })));
        self
    }

    /// Called by the view that shows the data, when it is drawn: refreshes run while it is on
    /// screen (one that came due while it was away runs now), and [`Task::auto`] turning back
    /// on resumes the plan.
    pub fn on_screen(&self) {
        let runs = self.runs();
        let missed = matches!(runs.screen.get(), Screen::Away { missed: true });
        runs.screen.set(Screen::Shown);
        let task = *self;
        on_cleanup(move || {
            if let Some(runs) = task.runs.try_get_value() {
                runs.screen.set(Screen::Away { missed: false });
            }
        });
        Effect::new(move |was_on: Option<bool>| {
            let on = task.auto.get();
            match (was_on, on) {
                (Some(false), true) => task.plan_next(None),
                (_, false) => {
                    task.runs().stop_timer();
                    task.refresh.set(Refresh::Off);
                }
                _ => {}
            }
            on
        });
        if missed {
            task.due(runs.generation.get());
        } else if runs.timer.borrow().is_none() && self.busy.get_untracked() == Busy::Idle {
            task.plan_next(None);
        }
    }

    fn runs(&self) -> Rc<Runs> {
        self.runs.get_value()
    }

    fn begin(&self, progress: Option<&'static str>) -> Ctx {
        let runs = self.runs();
        let (generation, abort) = runs.begin();
        Ctx {
            abort,
            generation,
            runs,
            progress: progress.map(|verb| (self.progress, verb)),
        }
    }

    /// Whether the task is about `subject` (loading, loaded or failed): arriving there again
    /// changes nothing.
    pub fn is_for(&self, subject: &K) -> bool {
        self.subject.with_untracked(|s| s.as_ref() == Some(subject))
    }

    /// Loads `subject` with `job`, superseding whatever runs. `keep` leaves the data on screen
    /// while it loads (the same subject again); a failure replaces it with the error.
    pub fn load<F, Fut>(&self, subject: K, verb: &'static str, keep: bool, job: F)
    where
        F: FnOnce(Ctx) -> Fut,
        Fut: Future<Output = Result<T, Failure>> + 'static,
    {
        let ctx = self.begin(Some(verb));
        if !keep {
            self.data.set(None);
        }
        self.subject.set(Some(subject));
        self.busy.set(Busy::Loading);
        self.error.set(None);
        self.refresh.set(Refresh::Off);
        self.progress.set(Some(format!("{verb}…")));
        let work = job(ctx.clone());
        self.finish(ctx, work, |task, result| match result {
            Ok(data) => {
                task.runs().backoff.set(Backoff::default());
                task.data.set(Some(data));
                task.plan_next(None);
            }
            Err(failure) => {
                task.data.set(None);
                task.error.set(Some(failure));
            }
        });
    }

    /// Runs a foreground job; `done` sees its result if nothing superseded it (a superseded or
    /// cancelled run never overwrites what the user asked for since).
    fn finish<R: 'static>(
        &self,
        ctx: Ctx,
        work: impl Future<Output = Result<R, Failure>> + 'static,
        done: impl FnOnce(Self, Result<R, Failure>) + 'static,
    ) {
        let task = *self;
        leptos::task::spawn_local(async move {
            let result = work.await;
            if !ctx.is_current() || task.busy.try_get_untracked().is_none() {
                return;
            }
            task.busy.set(Busy::Idle);
            task.progress.set(None);
            done(task, result);
        });
    }

    /// More of the same subject (`Load more`): the data stays while it loads and when it fails
    /// (the failure is shown beside it); `apply` adds what arrived.
    pub fn more<R, F, Fut>(
        &self,
        verb: &'static str,
        job: F,
        apply: impl FnOnce(&mut T, R) + 'static,
    ) where
        R: 'static,
        F: FnOnce(Ctx) -> Fut,
        Fut: Future<Output = Result<R, Failure>> + 'static,
    {
        let ctx = self.begin(Some(verb));
        self.busy.set(Busy::More);
        self.error.set(None);
        self.progress.set(Some(format!("{verb}…")));
        let work = job(ctx.clone());
        self.finish(ctx, work, |task, result| {
            match result {
                Ok(more) => task.update(|d| apply(d, more)),
                Err(failure) => task.error.set(Some(failure)),
            }
            task.plan_next(None);
        });
    }

    /// Data obtained elsewhere (the region search found it, a test shows it): shown as if this
    /// task had loaded it, and refreshed by the plan from now on.
    pub fn put(&self, subject: K, data: T) {
        self.begin(None);
        self.subject.set(Some(subject));
        self.busy.set(Busy::Idle);
        self.progress.set(None);
        self.error.set(None);
        self.data.set(Some(data));
        self.plan_next(None);
    }

    /// Changes the data in place, outside any run (a row someone stopped).
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.data.update(|d| {
            if let Some(d) = d {
                f(d)
            }
        });
    }

    /// Refreshes now, out of plan (after an action changed the subject), unless something runs.
    pub fn refresh_now(&self) {
        if self.busy.get_untracked() == Busy::Idle {
            self.run_refresh();
        }
    }

    /// Cancels what runs; the data stays (a subject that never loaded is forgotten).
    pub fn cancel(&self) {
        self.begin(None);
        if self.busy.get_untracked() == Busy::Loading && self.data.with_untracked(Option::is_none) {
            self.subject.set(None);
        }
        self.busy.set(Busy::Idle);
        self.refresh.set(Refresh::Off);
        self.progress.set(Some("Cancelled.".into()));
    }

    /// Stops what runs and the refreshing, for a reason the task cannot see (the input is
    /// wrong); the data stays.
    pub fn stop(&self, why: Failure) {
        self.begin(None);
        self.busy.set(Busy::Idle);
        self.progress.set(None);
        self.refresh.set(Refresh::Stopped(why));
    }

    /// A failure before anything could run (the input is wrong): shown like a failed load, of
    /// no subject (arriving again tries again).
    pub fn fail(&self, why: Failure) {
        self.begin(None);
        self.subject.set(None);
        self.busy.set(Busy::Idle);
        self.progress.set(None);
        self.data.set(None);
        self.refresh.set(Refresh::Off);
        self.error.set(Some(why));
    }

    /// Nothing of the last subject stays.
    pub fn reset(&self) {
        self.begin(None);
        self.subject.set(None);
        self.busy.set(Busy::Idle);
        self.progress.set(None);
        self.error.set(None);
        self.refresh.set(Refresh::Off);
        self.data.set(None);
    }

    /// Plans the next refresh from the data as it is now; `failed` is the refresh that just
    /// failed, if one did.
    fn plan_next(&self, failed: Option<Failure>) {
        let runs = self.runs();
        runs.stop_timer();
        let Some(plan) = self.plan.get_value() else {
            return;
        };
        if !self.auto.get_untracked() {
            self.refresh.set(Refresh::Off);
            return;
        }
        let backoff = runs.backoff.get();
        let delay = self
            .data
            .with_untracked(|d| d.as_ref().and_then(|d| (plan.delay)(d, backoff)));
        let Some(ms) = delay else {
            self.refresh.set(match failed {
                Some(f) => Refresh::Stopped(f),
                None => Refresh::Off,
            });
            return;
        };
        self.refresh.set(match failed {
            Some(failure) => Refresh::Retrying { failure, in_ms: ms },
            None => Refresh::Planned,
        });
        let generation = runs.generation.get();
        let task = *self;
        let timer =
            set_timeout_with_handle(move || task.due(generation), Duration::from_millis(ms));
        *runs.timer.borrow_mut() = timer.ok();
    }

    /// The planned moment came.
    fn due(&self, generation: u64) {
        let Some(runs) = self.runs.try_get_value() else {
            return;
        };
        // This timer has fired.
        runs.timer.borrow_mut().take();
        let Some(plan) = self.plan.get_value() else {
            return;
        };
        if runs.generation.get() != generation || !self.auto.get_untracked() {
            return;
        }
        if let Screen::Away { .. } = runs.screen.get() {
            runs.screen.set(Screen::Away { missed: true });
            return;
        }
        // A foreground run plans again when it ends.
        if self.busy.get_untracked() != Busy::Idle {
            return;
        }
        let task = *self;
        match plan.hidden {
            Hidden::Pause if page::hidden() => {
                page::when_visible(move || task.due(generation));
                return;
            }
            Hidden::AtMost(min) if page::hidden() => {
                let wait = runs.last_ms.get() + min as i64 - now_ms();
                if wait > 0 {
                    let timer = set_timeout_with_handle(
                        move || task.due(generation),
                        Duration::from_millis(wait as u64),
                    );
                    *runs.timer.borrow_mut() = timer.ok();
                    return;
                }
            }
            _ => {}
        }
        self.run_refresh();
    }

    fn run_refresh(&self) {
        let Some(plan) = self.plan.get_value() else {
            return;
        };
        let ctx = self.begin(None);
        let Some(work) = self
            .data
            .with_untracked(|d| d.as_ref().map(|d| (plan.job)(d, ctx.clone())))
        else {
            return;
        };
        let task = *self;
        leptos::task::spawn_local(async move {
            let result = work.await;
            if !ctx.is_current() || task.busy.try_get_untracked().is_none() {
                return;
            }
            let runs = task.runs();
            runs.last_ms.set(now_ms());
            match result {
                Ok(change) => {
                    runs.backoff.set(Backoff::default());
                    task.update(change);
                    task.plan_next(None);
                }
                Err(failure) if failure.class().is_retryable() => {
                    if failure.class() == ErrorClass::Throttling {
                        let mut b = runs.backoff.get();
                        b.on_throttled();
                        runs.backoff.set(b);
                    }
                    task.plan_next(Some(failure));
                }
                Err(failure) => task.refresh.set(Refresh::Stopped(failure)),
            }
        });
    }
}
