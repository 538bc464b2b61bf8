//! What the notebook views hold between visits: a notebook's history (its runs as far back as
//! they were asked for) and the comparison on screen (the two records, then their notebooks).

use std::sync::Arc;

use emr_core::emr::history::{NotebookKey, Run};
use emr_core::emr::model::NotebookExecution;
use emr_core::notebook::diff::Aligned;
use emr_core::notebook::failure::FirstError;
use emr_core::notebook::model::Notebook;
use leptos::prelude::*;

use crate::console::Origin;
use crate::task::Task;

/// One notebook's runs, newest first, and how far back they were looked for.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub key: NotebookKey,
    pub runs: Vec<Run>,
    /// Runs were asked for back to here (epoch ms).
    pub looked_back_to_ms: i64,
    /// EMR had nothing older than that.
    pub exhausted: bool,
    pub origin: Origin,
}

impl History {
    /// Adds runs (newest first, no id twice).
    pub fn merge(&mut self, more: Vec<Run>) {
        for r in more {
            if !self.runs.iter().any(|x| x.id == r.id) {
                self.runs.push(r);
            }
        }
        self.runs
            .sort_by(|a, b| b.start_ms.cmp(&a.start_ms).then_with(|| a.id.cmp(&b.id)));
    }
}

/// The two records compared: `a` the base (the earlier success), `b` the other run.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub a: NotebookExecution,
    pub b: NotebookExecution,
    pub a_id: String,
    pub b_id: String,
    pub origin: Origin,
}

/// Their notebooks, aligned cell by cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub a: Arc<Notebook>,
    pub b: Arc<Notebook>,
    pub rows: Vec<Aligned>,
    /// For a failed run: its first error, and the row of its cell.
    pub failing: Option<(FirstError, usize)>,
}

/// The notebook views' state, made on their first visit (`Kept`) and kept by the app.
#[derive(Clone, Copy)]
pub struct NotebooksState {
    pub history: Task<String, History>,
    pub compare: Task<(String, String), Compared>,
    pub notebooks: Task<(String, String), Pair>,
    /// Runs chosen on a history to compare.
    pub chosen: RwSignal<Vec<String>>,
}

impl NotebooksState {
    pub fn new() -> NotebooksState {
        NotebooksState {
            history: Task::new(),
            compare: Task::new(),
            notebooks: Task::new(),
            chosen: RwSignal::new(vec![]),
        }
    }
}

impl Default for NotebooksState {
    fn default() -> Self {
        NotebooksState::new()
    }
}
