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
/// A refresh's change, bound to the data it changes.
type Apply = Box<dyn FnOnce()>;

/// The plan, with the data's type erased: the machinery below is compiled once, not once per
/// kind of data (each copy would cost the chunks that use it).
struct Plan {
    hidden: Hidden,
    /// When next, from the data as it is now (`None`: no data, or it is final).
    delay: Box<dyn Fn(Backoff) -> Option<u64>>,
    /// The refresh's work, ending in the change it applies to the data.
    job: Box<dyn Fn(Ctx) -> Option<Job<Apply>>>,
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
    plan: RefCell<Option<Rc<Plan>>>,
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

/// Runs `futures` at once (in this task, like `join_all`) and gives back their outputs in order:
/// the region search's describes in flight, without a futures library in the chunk.
pub async fn all<T>(futures: Vec<Pin<Box<dyn Future<Output = T>>>>) -> Vec<T> {
    let mut pending: Vec<Option<Pin<Box<dyn Future<Output = T>>>>> =
        futures.into_iter().map(Some).collect();
    let mut done: Vec<Option<T>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (slot, out) in pending.iter_mut().zip(done.iter_mut()) {
            if let Some(f) = slot {
                if let std::task::Poll::Ready(v) = f.as_mut().poll(cx) {
                    *out = Some(v);
                    *slot = None;
                }
            }
        }
        if pending.iter().all(Option::is_none) {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    done.into_iter().flatten().collect()
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

/// The part of a task that does not know its data: its state signals and its runs.
#[derive(Clone, Copy)]
struct Core {
    busy: RwSignal<Busy>,
    progress: RwSignal<Option<String>>,
    error: RwSignal<Option<Failure>>,
    refresh: RwSignal<Refresh>,
    auto: RwSignal<bool>,
    runs: StoredValue<Rc<Runs>, LocalStorage>,
}

impl Core {
    fn runs(&self) -> Option<Rc<Runs>> {
        self.runs.try_get_value()
    }

    fn begin(&self, progress: Option<&'static str>) -> Ctx {
        let runs = self.runs.get_value();
        let (generation, abort) = runs.begin();
        Ctx {
            abort,
            generation,
            runs,
            progress: progress.map(|verb| (self.progress, verb)),
        }
    }

    /// A foreground run starts: what the page shows of it.
    fn start(&self, busy: Busy, verb: &'static str) -> Ctx {
        let ctx = self.begin(Some(verb));
        self.busy.set(busy);
        self.error.set(None);
        self.progress.set(Some(format!("{verb}…")));
        ctx
    }

    /// A foreground run ended: whether it may still report (nothing superseded it).
    fn ended(&self, ctx: &Ctx) -> bool {
        if !ctx.is_current() || self.busy.try_get_untracked().is_none() {
            return false;
        }
        self.busy.set(Busy::Idle);
        self.progress.set(None);
        true
    }

    /// Nothing runs any more, for `why`.
    fn halt(&self, progress: Option<String>, refresh: Refresh) {
        self.begin(None);
        self.busy.set(Busy::Idle);
        self.progress.set(progress);
        self.refresh.set(refresh);
    }

    fn on_screen(self) {
        let Some(runs) = self.runs() else { return };
        let missed = matches!(runs.screen.get(), Screen::Away { missed: true });
        runs.screen.set(Screen::Shown);
        let core = self;
        on_cleanup(move || {
            if let Some(runs) = core.runs() {
                runs.screen.set(Screen::Away { missed: false });
            }
        });
        Effect::new(move |was_on: Option<bool>| {
            let on = core.auto.get();
            match (was_on, on) {
                (Some(false), true) => core.plan_next(None),
                (_, false) => {
                    if let Some(runs) = core.runs() {
                        runs.stop_timer();
                    }
                    core.refresh.set(Refresh::Off);
                }
                _ => {}
            }
            on
        });
        if missed {
            core.due(runs.generation.get());
        } else if runs.timer.borrow().is_none() && self.busy.get_untracked() == Busy::Idle {
            core.plan_next(None);
        }
    }

    /// Plans the next refresh from the data as it is now; `failed` is the refresh that just
    /// failed, if one did.
    fn plan_next(self, failed: Option<Failure>) {
        let Some(runs) = self.runs() else { return };
        runs.stop_timer();
        let Some(plan) = runs.plan.borrow().clone() else {
            return;
        };
        if !self.auto.get_untracked() {
            self.refresh.set(Refresh::Off);
            return;
        }
        let Some(ms) = (plan.delay)(runs.backoff.get()) else {
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
        let timer =
            set_timeout_with_handle(move || self.due(generation), Duration::from_millis(ms));
        *runs.timer.borrow_mut() = timer.ok();
    }

    /// The planned moment came.
    fn due(self, generation: u64) {
        let Some(runs) = self.runs() else { return };
        // This timer has fired.
        runs.timer.borrow_mut().take();
        let Some(plan) = runs.plan.borrow().clone() else {
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
        match plan.hidden {
            Hidden::Pause if page::hidden() => {
                page::when_visible(move || self.due(generation));
                return;
            }
            Hidden::AtMost(min) if page::hidden() => {
                let wait = runs.last_ms.get() + min as i64 - now_ms();
                if wait > 0 {
                    let timer = set_timeout_with_handle(
                        move || self.due(generation),
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

    fn run_refresh(self) {
        let Some(plan) = self.runs().and_then(|r| r.plan.borrow().clone()) else {
            return;
        };
        let ctx = self.begin(None);
        let Some(work) = (plan.job)(ctx.clone()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = work.await;
            if !ctx.is_current() || self.busy.try_get_untracked().is_none() {
                return;
            }
            let runs = ctx.runs.clone();
            runs.last_ms.set(now_ms());
            match result {
                Ok(apply) => {
                    runs.backoff.set(Backoff::default());
                    apply();
                    self.plan_next(None);
                }
                Err(failure) if failure.class().is_retryable() => {
                    if failure.class() == ErrorClass::Throttling {
                        let mut b = runs.backoff.get();
                        b.on_throttled();
                        runs.backoff.set(b);
                    }
                    self.plan_next(Some(failure));
                }
                Err(failure) => self.refresh.set(Refresh::Stopped(failure)),
            }
        });
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
    core: Core,
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
        let core = Core {
            busy: RwSignal::new(Busy::Idle),
            progress: RwSignal::new(None),
            error: RwSignal::new(None),
            refresh: RwSignal::new(Refresh::Off),
            auto: RwSignal::new(true),
            runs: StoredValue::new_local(Rc::default()),
        };
        Task {
            data: RwSignal::new(None),
            subject: RwSignal::new(None),
            busy: core.busy,
            progress: core.progress,
            error: core.error,
            refresh: core.refresh,
            auto: core.auto,
            core,
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
        let data = self.data;
        let plan = Plan {
            hidden,
            delay: Box::new(move |b| data.with_untracked(|d| d.as_ref().and_then(|d| delay(d, b)))),
            job: Box::new(move |ctx| {
                let work = data.with_untracked(|d| d.as_ref().map(|d| job(d, ctx)))?;
                Some(Box::pin(async move {
                    let change = work.await?;
                    let apply: Apply = Box::new(move || {
                        data.update(|d| {
                            if let Some(d) = d {
                                change(d)
                            }
                        })
                    });
                    Ok(apply)
                }) as Job<Apply>)
            }),
        };
        if let Some(runs) = self.core.runs() {
            *runs.plan.borrow_mut() = Some(Rc::new(plan));
        }
        self
    }

    /// Called by the view that shows the data, when it is drawn: refreshes run while it is on
    /// screen (one that came due while it was away runs now), and [`Task::auto`] turning back
    /// on resumes the plan.
    pub fn on_screen(&self) {
        self.core.on_screen();
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
        let ctx = self.core.start(Busy::Loading, verb);
        if !keep {
            self.data.set(None);
        }
        self.subject.set(Some(subject));
        self.refresh.set(Refresh::Off);
        let work = job(ctx.clone());
        let (core, data) = (self.core, self.data);
        leptos::task::spawn_local(async move {
            let result = work.await;
            // A superseded or cancelled run never overwrites what the user asked for since.
            if !core.ended(&ctx) {
                return;
            }
            match result {
                Ok(d) => {
                    ctx.runs.backoff.set(Backoff::default());
                    data.set(Some(d));
                    core.plan_next(None);
                }
                Err(failure) => {
                    data.set(None);
                    core.error.set(Some(failure));
                }
            }
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
        let ctx = self.core.start(Busy::More, verb);
        let work = job(ctx.clone());
        let task = *self;
        leptos::task::spawn_local(async move {
            let result = work.await;
            if !task.core.ended(&ctx) {
                return;
            }
            match result {
                Ok(more) => task.update(|d| apply(d, more)),
                Err(failure) => task.error.set(Some(failure)),
            }
            task.core.plan_next(None);
        });
    }

    /// Data obtained elsewhere (the region search found it, a test shows it): shown as if this
    /// task had loaded it, and refreshed by the plan from now on.
    pub fn put(&self, subject: K, data: T) {
        self.core.halt(None, Refresh::Off);
        self.subject.set(Some(subject));
        self.error.set(None);
        self.data.set(Some(data));
        self.core.plan_next(None);
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
            self.core.run_refresh();
        }
    }

    /// Cancels what runs; the data stays (a subject that never loaded is forgotten).
    pub fn cancel(&self) {
        if self.busy.get_untracked() == Busy::Loading && self.data.with_untracked(Option::is_none) {
            self.subject.set(None);
        }
        self.core.halt(Some("Cancelled.".into()), Refresh::Off);
    }

    /// Stops what runs and the refreshing, for a reason the task cannot see (the input is
    /// wrong); the data stays.
    pub fn stop(&self, why: Failure) {
        self.core.halt(None, Refresh::Stopped(why));
    }

    /// A failure before anything could run (the input is wrong): shown like a failed load, of
    /// no subject (arriving again tries again).
    pub fn fail(&self, why: Failure) {
        self.core.halt(None, Refresh::Off);
        self.subject.set(None);
        self.data.set(None);
        self.error.set(Some(why));
    }

    /// Nothing of the last subject stays.
    pub fn reset(&self) {
        self.core.halt(None, Refresh::Off);
        self.subject.set(None);
        self.error.set(None);
        self.data.set(None);
    }
}
