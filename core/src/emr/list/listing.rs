//! The loaded rows: pages merged without duplicates, refreshes merged in place, and the rows a
//! view query shows.

use std::collections::BTreeMap;

use super::super::model::{ExecutionStatus, NotebookExecutionSummary, Timestamp};
use super::super::operations::ListNotebookExecutionsOutput;
use super::super::status::Family;
use super::view::{cmp_missing_last, flip, sort_indices, Counts, SortKey, ViewQuery};
use crate::format::EpochMs;

/// Case folding for search and sort: ASCII letters only. Names and ids are ASCII in practice, and
/// full Unicode case tables would cost the bundle more than they give here; other characters
/// match as typed.
fn fold(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// One loaded execution, with what searching and sorting need precomputed.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub summary: NotebookExecutionSummary,
    /// Lower-case name, id, editor and cluster: what `Search loaded` looks in.
    haystack: String,
    /// Lower-case name (the id when there is none): the name sort key.
    name_key: String,
}

impl Row {
    fn new(id: String, summary: NotebookExecutionSummary) -> Row {
        let name = summary
            .notebook_execution_name
            .as_deref()
            .unwrap_or_default();
        let name_key = fold(if name.is_empty() { &id } else { name });
        let haystack = fold(
            &[
                name,
                &id,
                summary.editor_id.as_deref().unwrap_or_default(),
                summary.execution_engine_id.as_deref().unwrap_or_default(),
            ]
            .join("\n"),
        );
        Row {
            id,
            summary,
            haystack,
            name_key,
        }
    }

    pub fn status(&self) -> Option<&ExecutionStatus> {
        self.summary.status.as_ref()
    }

    pub fn family(&self) -> Family {
        self.status().map_or(Family::Other, ExecutionStatus::family)
    }

    pub fn is_terminal(&self) -> bool {
        self.status().is_some_and(ExecutionStatus::is_terminal)
    }

    pub fn start_ms(&self) -> Option<EpochMs> {
        self.summary.start_time.map(Timestamp::millis)
    }

    pub fn end_ms(&self) -> Option<EpochMs> {
        self.summary.end_time.map(Timestamp::millis)
    }

    /// End − start, or now − start while it runs; `None` without a start.
    pub fn duration_ms(&self, now: EpochMs) -> Option<i64> {
        let start = self.start_ms()?;
        match self.end_ms() {
            Some(end) => Some(end - start),
            None if !self.is_terminal() => Some(now - start),
            None => None,
        }
    }

    /// The name to show (the id when the execution has none).
    pub fn title(&self) -> &str {
        self.summary
            .notebook_execution_name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.id)
    }
}

/// What a refresh of the first page changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshOutcome {
    pub updated: usize,
    pub added: usize,
    /// Every row of the refreshed page was new and EMR has more: executions between that page and
    /// the loaded rows may be missing until the list is loaded again.
    pub gap: bool,
}

/// The loaded executions, in EMR's order (newest first), each once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    rows: Vec<Row>,
    index: BTreeMap<String, usize>,
    /// Where the next page starts; `None` once the last page is in.
    pub marker: Option<String>,
    pub pages: u32,
    /// Summaries without an id (cannot be opened or merged); EMR always sends one.
    pub skipped: usize,
}

impl Listing {
    pub fn from_first_page(page: ListNotebookExecutionsOutput) -> Listing {
        let mut listing = Listing::default();
        listing.append(page);
        listing
    }

    /// Appends a `Load more` page; rows already loaded are updated in place, never repeated.
    /// Returns how many rows were new.
    pub fn append(&mut self, page: ListNotebookExecutionsOutput) -> usize {
        self.pages += 1;
        self.marker = page.marker.filter(|m| !m.is_empty());
        let mut added = 0;
        for summary in page.notebook_executions {
            let Some(id) = self.usable_id(&summary) else {
                continue;
            };
            match self.index.get(&id) {
                Some(&i) => self.rows[i] = Row::new(id, summary),
                None => {
                    self.index.insert(id.clone(), self.rows.len());
                    self.rows.push(Row::new(id, summary));
                    added += 1;
                }
            }
        }
        added
    }

    /// Merges a fresh first page: known rows are updated in place, new ones go to the top in
    /// EMR's order; loaded pages and the marker stay.
    pub fn merge_refresh(&mut self, page: ListNotebookExecutionsOutput) -> RefreshOutcome {
        let mut outcome = RefreshOutcome::default();
        let more = page.marker.as_deref().is_some_and(|m| !m.is_empty());
        let total = page.notebook_executions.len();
        let mut fresh = Vec::new();
        for summary in page.notebook_executions {
            let Some(id) = self.usable_id(&summary) else {
                continue;
            };
            match self.index.get(&id) {
                Some(&i) if self.rows[i].summary != summary => {
                    self.rows[i] = Row::new(id, summary);
                    outcome.updated += 1;
                }
                Some(_) => {}
                None if !fresh.iter().any(|r: &Row| r.id == id) => {
                    fresh.push(Row::new(id, summary))
                }
                None => {}
            }
        }
        outcome.added = fresh.len();
        outcome.gap = more && total > 0 && outcome.added == total && !self.rows.is_empty();
        if !fresh.is_empty() {
            fresh.append(&mut self.rows);
            self.rows = fresh;
            self.reindex();
        }
        outcome
    }

    fn usable_id(&mut self, summary: &NotebookExecutionSummary) -> Option<String> {
        let id = summary
            .notebook_execution_id
            .as_deref()
            .filter(|id| !id.is_empty())
            .map(str::to_string);
        if id.is_none() {
            self.skipped += 1;
        }
        id
    }

    fn reindex(&mut self) {
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn has_more(&self) -> bool {
        self.marker.is_some()
    }

    pub fn get(&self, id: &str) -> Option<&Row> {
        self.index.get(id).map(|&i| &self.rows[i])
    }

    /// Replaces one row's status and times with what a Describe (or a Stop) just learned.
    pub fn update(&mut self, summary: NotebookExecutionSummary) -> bool {
        let Some(id) = summary.notebook_execution_id.clone() else {
            return false;
        };
        match self.index.get(&id) {
            Some(&i) => {
                self.rows[i] = Row::new(id, summary);
                true
            }
            None => false,
        }
    }

    /// Any loaded execution that may still change (the list then refreshes itself).
    pub fn any_active(&self) -> bool {
        self.rows.iter().any(|r| !r.is_terminal())
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rows {
            c.0[r.family() as usize] += 1;
        }
        c
    }

    /// Indices of the rows to show, filtered and sorted; no request involved.
    pub fn view(&self, query: &ViewQuery, now: EpochMs) -> Vec<usize> {
        let needle = fold(query.search.trim());
        let mut picked: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                query.family.is_none_or(|f| r.family() == f)
                    && (needle.is_empty() || r.haystack.contains(&needle))
            })
            .collect();
        let rows = &self.rows;
        let key = query.sort.key;
        sort_indices(&mut picked, &|a, b| {
            let (ra, rb) = (&rows[a], &rows[b]);
            let primary = match key {
                SortKey::Start => {
                    cmp_missing_last(ra.start_ms(), rb.start_ms(), query.sort.descending)
                }
                SortKey::Duration => cmp_missing_last(
                    ra.duration_ms(now),
                    rb.duration_ms(now),
                    query.sort.descending,
                ),
                SortKey::Name => flip(ra.name_key.cmp(&rb.name_key), query.sort.descending),
                SortKey::Status => flip(
                    ra.status()
                        .map_or(usize::MAX, ExecutionStatus::rank)
                        .cmp(&rb.status().map_or(usize::MAX, ExecutionStatus::rank)),
                    query.sort.descending,
                ),
            };
            // The id breaks ties, so equal keys never swap places between renders.
            primary.then_with(|| ra.id.cmp(&rb.id))
        });
        picked
    }
}
