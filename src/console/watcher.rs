//! "Notify me when it ends": each watched execution is a [`Task`] that describes it on the refresh
//! plan — also while the tab is in the background, at most once a minute, since telling a
//! background tab is the point — and when one reaches FINISHED, FAILED or STOPPED the page says so
//! once: a system notification (if the user allowed them) and an in-page message. The tab title
//! follows the watched executions.

use emr_core::connection::ConnectionForm;
use emr_core::emr::model::{ExecutionStatus, NotebookExecution, NotebookExecutionId};
use emr_core::emr::operations::Operation;
use emr_core::emr::watch::{detail_delay, end_message, tab_title, EndWatch, Observation};
use leptos::prelude::*;

use super::origin::Origin;
use super::texts::{failure, input_failure};
use crate::edge::clock::now_ms;
use crate::edge::notify::{self, Permission};
use crate::net;
use crate::task::{Change, Ctx, Failure, Hidden, Task};

/// A background tab describes a watched execution at most this often.
const HIDDEN_MIN_MS: u64 = 60_000;

/// One watched execution.
#[derive(Clone, Debug, PartialEq)]
pub struct Watched {
    pub id: NotebookExecutionId,
    pub name: String,
    pub origin: Origin,
    /// Its last record and the describes that keep it current.
    pub task: Task<(), NotebookExecution>,
    end: EndWatch,
}

impl Watched {
    pub fn status(&self) -> Option<ExecutionStatus> {
        self.task
            .data
            .with(|d| d.as_ref().and_then(|r| r.status.clone()))
    }

    pub fn has_ended(&self) -> bool {
        self.status().is_some_and(|s| s.is_terminal())
    }
}

/// When to describe a watched execution again.
fn delay(record: &NotebookExecution, backoff: emr_core::emr::watch::Backoff) -> Option<u64> {
    let status = record.status.as_ref()?;
    let running_for = record.start_time.map_or(0, |t| now_ms() - t.millis());
    detail_delay(status, running_for, backoff)
}

#[derive(Clone, Copy)]
pub struct Watcher {
    pub watched: RwSignal<Vec<Watched>>,
    /// In-page announcements of ends, newest last (shown whether or not notifications are allowed).
    pub ended: RwSignal<Vec<(String, String)>>,
    /// Why no system notification will show, once the browser has said so.
    pub blocked: RwSignal<Option<String>>,
    /// Where the watched executions' tasks live (the console's owner, not a click's).
    owner: StoredValue<Option<Owner>>,
    form: StoredValue<Option<RwSignal<ConnectionForm>>>,
}

impl Watcher {
    pub fn new() -> Watcher {
        Watcher {
            watched: RwSignal::new(vec![]),
            ended: RwSignal::new(vec![]),
            blocked: RwSignal::new(None),
            owner: StoredValue::new(Owner::current()),
            form: StoredValue::new(None),
        }
    }

    /// The panel whose credentials the describes use.
    pub fn use_form(&self, form: RwSignal<ConnectionForm>) {
        self.form.set_value(Some(form));
    }

    pub fn is_watched(&self, id: &str) -> bool {
        self.watched.with(|w| w.iter().any(|x| x.id.as_str() == id))
    }

    /// The tab title for what is watched (or shown).
    pub fn title(&self, shown: Option<(&str, &ExecutionStatus)>) -> String {
        self.watched.with(|watched| {
            let statuses: Vec<Option<ExecutionStatus>> =
                watched.iter().map(Watched::status).collect();
            let items: Vec<(&str, Option<&ExecutionStatus>)> = watched
                .iter()
                .zip(&statuses)
                .map(|(w, s)| (w.name.as_str(), s.as_ref()))
                .collect();
            tab_title(&items, shown)
        })
    }

    /// Starts watching (from a click: the notification permission is asked then, and only then).
    pub fn watch(
        &self,
        id: NotebookExecutionId,
        name: String,
        origin: Origin,
        record: Option<&NotebookExecution>,
    ) {
        if self.is_watched(id.as_str()) {
            return;
        }
        let watcher = *self;
        let task = self.task_for(id.clone(), origin.clone());
        let mut end = EndWatch::default();
        if let Some(s) = record.and_then(|r| r.status.as_ref()) {
            end.observe(s);
        }
        self.watched.update(|v| {
            v.push(Watched {
                id: id.clone(),
                name,
                origin: origin.clone(),
                task,
                end,
            })
        });
        match record {
            Some(r) => task.put((), r.clone()),
            None => {
                task.load((), "Describing", false, move |ctx| async move {
                    watcher.describe(&id, &origin, &ctx).await
                });
            }
        }
        let blocked = self.blocked;
        leptos::task::spawn_local(async move {
            let text = match notify::request_permission().await {
                Permission::Granted => None,
                Permission::Denied => Some("Your browser blocks notifications for this page, so the end is announced here and in the tab title instead.".to_string()),
                Permission::Default => Some("Notifications were not allowed, so the end is announced here and in the tab title instead.".to_string()),
                Permission::Unsupported => Some("This browser has no notifications for this page, so the end is announced here and in the tab title instead.".to_string()),
            };
            blocked.set(text);
        });
    }

    /// The describes of one watched execution, on the plan, with the credentials in the panel then.
    fn task_for(&self, id: NotebookExecutionId, origin: Origin) -> Task<(), NotebookExecution> {
        let watcher = *self;
        let make = move || {
            Task::new().planned(
                Hidden::AtMost(HIDDEN_MIN_MS),
                delay,
                move |_: &NotebookExecution, ctx| {
                    let (id, origin) = (id.clone(), origin.clone());
                    Box::pin(async move {
                        let record = watcher.describe(&id, &origin, &ctx).await?;
                        let change: Change<NotebookExecution> = Box::new(move |r| *r = record);
                        Ok(change)
                    })
                },
            )
        };
        match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        }
    }

    /// Describes a watched execution with the credentials in the panel now (and says so if it
    /// has ended).
    async fn describe(
        self,
        id: &NotebookExecutionId,
        origin: &Origin,
        ctx: &Ctx,
    ) -> Result<NotebookExecution, Failure> {
        let session = self
            .form
            .get_value()
            .ok_or_else(|| input_failure(vec![]))?
            .with_untracked(|f| f.credentials_at(now_ms()))
            .map(|c| origin.session(c))
            .map_err(input_failure)?;
        let record = net::describe(&session, id, &ctx.abort, &|_| {})
            .await
            .map_err(|e| failure(&e, Operation::DescribeNotebookExecution, &session))?;
        self.saw(&record);
        Ok(record)
    }

    pub fn unwatch(&self, id: &str) {
        self.watched.update(|v| {
            v.retain(|w| {
                let keep = w.id.as_str() != id;
                if !keep {
                    w.task.reset();
                }
                keep
            })
        });
    }

    /// A fresh record of an execution, described by a view: a watched one is brought up to date
    /// (and its next describe planned from now).
    pub fn observe(&self, record: &NotebookExecution) {
        let Some(id) = record.notebook_execution_id.as_deref() else {
            return;
        };
        let task = self
            .watched
            .with_untracked(|v| v.iter().find(|w| w.id.as_str() == id).map(|w| w.task));
        if let Some(task) = task {
            self.saw(record);
            task.put((), record.clone());
        }
    }

    /// Says it, once, when a watched execution has ended.
    fn saw(&self, record: &NotebookExecution) {
        let (Some(id), Some(status)) = (
            record.notebook_execution_id.as_deref(),
            record.status.as_ref(),
        ) else {
            return;
        };
        let mut announce = None;
        self.watched.update(|v| {
            if let Some(w) = v.iter_mut().find(|w| w.id.as_str() == id) {
                if let Observation::Ended(s) = w.end.observe(status) {
                    announce = Some(end_message(
                        &w.name,
                        &s,
                        record.last_state_change_reason.as_deref(),
                    ));
                }
            }
        });
        if let Some((title, body)) = announce {
            notify::show(&title, &body);
            self.ended.update(|e| e.push((title, body)));
        }
    }
}

impl Default for Watcher {
    fn default() -> Self {
        Watcher::new()
    }
}
