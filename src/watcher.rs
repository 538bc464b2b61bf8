//! "Notify me when it ends": watched executions are described on the refresh plan — also while the
//! tab is in the background, at most once a minute, since telling a background tab is the point —
//! and when one reaches FINISHED, FAILED or STOPPED the page says so once: a system notification
//! (if the user allowed them) and an in-page message. The tab title follows the watched execution.

use std::time::Duration;

use emr_core::emr::model::{ExecutionStatus, NotebookExecution, NotebookExecutionId};
use emr_core::emr::watch::{detail_delay, end_message, tab_title, Backoff, EndWatch, Observation};
use leptos::prelude::*;

use crate::client::{
    notify, now_ms, page_hidden, request_notify_permission, CancelHandle, NotifyPermission,
};
use crate::state::{Console, Origin};

/// How often the watcher looks at its list (each execution has its own, longer, plan).
const TICK: Duration = Duration::from_secs(2);
/// A background tab describes a watched execution at most this often.
const HIDDEN_MIN_MS: u64 = 60_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Watched {
    pub id: NotebookExecutionId,
    pub name: String,
    pub origin: Origin,
    pub status: Option<ExecutionStatus>,
    start_ms: Option<i64>,
    end: EndWatch,
    /// When it was last described, by the watcher or by a view.
    seen_at: i64,
    backoff: Backoff,
    in_flight: bool,
}

impl Watched {
    fn due(&self, now: i64, hidden: bool) -> bool {
        let Some(status) = &self.status else {
            return true;
        };
        let running_for = self.start_ms.map_or(0, |s| now - s);
        match detail_delay(status, running_for, self.backoff) {
            None => false,
            Some(ms) => {
                let ms = if hidden { ms.max(HIDDEN_MIN_MS) } else { ms };
                now - self.seen_at >= ms as i64
            }
        }
    }

    pub fn has_ended(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(ExecutionStatus::is_terminal)
    }
}

/// The tab title for what is watched (or shown).
pub fn title(watched: &[Watched], shown: Option<(&str, &ExecutionStatus)>) -> String {
    let items: Vec<(&str, Option<&ExecutionStatus>)> = watched
        .iter()
        .map(|w| (w.name.as_str(), w.status.as_ref()))
        .collect();
    tab_title(&items, shown)
}

#[derive(Clone, Copy)]
pub struct Watcher {
    pub watched: RwSignal<Vec<Watched>>,
    /// In-page announcements of ends, newest last (shown whether or not notifications are allowed).
    pub ended: RwSignal<Vec<(String, String)>>,
    /// Why no system notification will show, once the browser has said so.
    pub blocked: RwSignal<Option<String>>,
}

impl Watcher {
    pub fn new() -> Watcher {
        Watcher {
            watched: RwSignal::new(vec![]),
            ended: RwSignal::new(vec![]),
            blocked: RwSignal::new(None),
        }
    }

    pub fn is_watched(&self, id: &str) -> bool {
        self.watched.with(|w| w.iter().any(|x| x.id.as_str() == id))
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
        let mut w = Watched {
            id,
            name,
            origin,
            status: None,
            start_ms: None,
            end: EndWatch::default(),
            seen_at: 0,
            backoff: Backoff::default(),
            in_flight: false,
        };
        if let Some(r) = record {
            if let Some(s) = &r.status {
                w.end.observe(s);
                w.status = Some(s.clone());
                w.seen_at = now_ms();
            }
            w.start_ms = r.start_time.map(|t| t.millis());
        }
        self.watched.update(|v| v.push(w));
        let blocked = self.blocked;
        leptos::task::spawn_local(async move {
            let text = match request_notify_permission().await {
                NotifyPermission::Granted => None,
                NotifyPermission::Denied => Some("Your browser blocks notifications for this page, so the end is announced here and in the tab title instead.".to_string()),
                NotifyPermission::Default => Some("Notifications were not allowed, so the end is announced here and in the tab title instead.".to_string()),
                NotifyPermission::Unsupported => Some("This browser has no notifications for this page, so the end is announced here and in the tab title instead.".to_string()),
            };
            blocked.set(text);
        });
    }

    pub fn unwatch(&self, id: &str) {
        self.watched.update(|v| v.retain(|w| w.id.as_str() != id));
    }

    /// A fresh record of a watched execution (from the watcher or from a view's describe).
    pub fn observe(&self, record: &NotebookExecution) {
        let (Some(id), Some(status)) = (
            record.notebook_execution_id.as_deref(),
            record.status.as_ref(),
        ) else {
            return;
        };
        let mut announce = None;
        self.watched.update(|v| {
            if let Some(w) = v.iter_mut().find(|w| w.id.as_str() == id) {
                w.seen_at = now_ms();
                w.start_ms = record.start_time.map(|t| t.millis());
                w.status = Some(status.clone());
                w.backoff.on_success();
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
            notify(&title, &body);
            self.ended.update(|e| e.push((title, body)));
        }
    }

    /// Describes every watched execution that is due, forever (at App level).
    pub fn run(self, console: Console) {
        let _ = set_interval_with_handle(
            move || {
                let now = now_ms();
                let hidden = page_hidden();
                let due: Vec<(NotebookExecutionId, Origin)> = self.watched.with_untracked(|v| {
                    v.iter()
                        .filter(|w| !w.in_flight && w.due(now, hidden))
                        .map(|w| (w.id.clone(), w.origin.clone()))
                        .collect()
                });
                for (id, origin) in due {
                    self.describe(console, id, origin);
                }
            },
            TICK,
        );
    }

    fn describe(self, console: Console, id: NotebookExecutionId, origin: Origin) {
        let Ok(session) = console.session_for(&origin) else {
            return;
        };
        self.set_in_flight(id.as_str(), true);
        leptos::task::spawn_local(async move {
            let result = console
                .describe(&session, &id, CancelHandle::default())
                .await;
            self.set_in_flight(id.as_str(), false);
            match result {
                Ok(record) => self.observe(&record),
                Err(e) => self.watched.update(|v| {
                    if let Some(w) = v.iter_mut().find(|w| w.id == id) {
                        w.seen_at = now_ms();
                        if e.class() == emr_core::aws::error::ErrorClass::Throttling {
                            w.backoff.on_throttled();
                        }
                    }
                }),
            }
        });
    }

    fn set_in_flight(&self, id: &str, on: bool) {
        self.watched.update(|v| {
            if let Some(w) = v.iter_mut().find(|w| w.id.as_str() == id) {
                w.in_flight = on;
            }
        });
    }
}

impl Default for Watcher {
    fn default() -> Self {
        Watcher::new()
    }
}
