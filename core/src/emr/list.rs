//! The executions list: filters → `ListNotebookExecutions` input, pages merged without
//! duplicates, refreshes merged in place, and what the page derives from the loaded rows without
//! another request (counts by family, sorting, searching).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::model::{ExecutionStatus, NotebookExecutionSummary, Timestamp};
use super::operations::{ListNotebookExecutionsInput, ListNotebookExecutionsOutput};
use super::status::Family;
use crate::format::{parse_datetime_local, EpochMs};

/// What EMR is asked for. Times are whole epoch seconds (what the API is sent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFilters {
    pub status: Option<ExecutionStatus>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub editor_id: String,
    pub cluster_id: String,
}

/// Longest value EMR accepts for the id filters (`XmlStringMaxLen256`; the cluster filter is an
/// `XmlString`, but cluster ids are short: 256 is generous).
const MAX_ID_FILTER: usize = 256;

impl ListFilters {
    /// The request for one page; empty filters are not sent.
    pub fn input(&self, marker: Option<&str>) -> ListNotebookExecutionsInput {
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        ListNotebookExecutionsInput {
            editor_id: text(&self.editor_id),
            status: self.status.clone(),
            from: self.from.map(|s| Timestamp(s * 1000)),
            to: self.to.map(|s| Timestamp(s * 1000)),
            marker: marker.map(str::to_string),
            execution_engine_id: text(&self.cluster_id),
        }
    }

    /// Without `From`, EMR lists only the last 30 days; the page says so.
    pub fn uses_default_window(&self) -> bool {
        self.from.is_none()
    }
}

/// The filter form's fields, as typed (`From`/`To` as `datetime-local` values).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterDraft {
    pub status: String,
    pub from: String,
    pub to: String,
    pub editor_id: String,
    pub cluster_id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterField {
    Status,
    From,
    To,
    EditorId,
    ClusterId,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterProblem {
    pub field: FilterField,
    pub message: String,
}

impl FilterDraft {
    /// The form showing `filters`, with times in the zone `offset_at` describes.
    pub fn from_filters(f: &ListFilters, offset_at: impl Fn(EpochMs) -> i32) -> FilterDraft {
        let local = |s: Option<i64>| {
            s.map(|s| crate::format::datetime_local(s * 1000, offset_at(s * 1000)))
                .unwrap_or_default()
        };
        FilterDraft {
            status: f
                .status
                .as_ref()
                .map(|s| s.as_api().to_string())
                .unwrap_or_default(),
            from: local(f.from),
            to: local(f.to),
            editor_id: f.editor_id.clone(),
            cluster_id: f.cluster_id.clone(),
        }
    }

    /// Filters to send, or every problem at once (nothing is sent then).
    pub fn validate(
        &self,
        offset_at: impl Fn(EpochMs) -> i32 + Copy,
    ) -> Result<ListFilters, Vec<FilterProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(FilterProblem { field, message });
        let status = match self.status.trim() {
            "" => None,
            s => {
                let known = ExecutionStatus::parse_known(s);
                if known.is_none() {
                    problem(
                        FilterField::Status,
                        format!(
                            "“{}” is not a notebook execution status.",
                            crate::format::shorten(s, 30)
                        ),
                    );
                }
                known
            }
        };
        let mut time = |field, label: &str, text: &str| match text.trim() {
            "" => None,
            t => match parse_datetime_local(t, offset_at) {
                Some(ms) => Some(ms.div_euclid(1000)),
                None => {
                    problem(
                        field,
                        format!("{label} is not a date and time (YYYY-MM-DDTHH:MM)."),
                    );
                    None
                }
            },
        };
        let from = time(FilterField::From, "From", &self.from);
        let to = time(FilterField::To, "To", &self.to);
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                problem(
                    FilterField::To,
                    "To is before From: nothing can match.".into(),
                );
            }
        }
        for (field, label, value) in [
            (FilterField::EditorId, "Editor ID", &self.editor_id),
            (FilterField::ClusterId, "Cluster ID", &self.cluster_id),
        ] {
            let v = value.trim();
            let n = v.chars().count();
            if n > MAX_ID_FILTER {
                problem(
                    field,
                    format!("{label} has at most {MAX_ID_FILTER} characters; this one has {n}."),
                );
            } else if v.chars().any(char::is_control) {
                problem(
                    field,
                    format!("{label} contains a tab or another control character; copy it again."),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ListFilters {
            status,
            from,
            to,
            editor_id: self.editor_id.trim().to_string(),
            cluster_id: self.cluster_id.trim().to_string(),
        })
    }
}

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

/// The one sort the bundle carries for the list and the timeline: indices by a comparator
/// (unstable; callers break ties themselves, so the order is still deterministic).
pub fn sort_indices(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    v.sort_unstable_by(|a, b| cmp(*a, *b));
}

fn flip(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

/// Values present sort by direction; missing ones always last.
fn cmp_missing_last(a: Option<i64>, b: Option<i64>, descending: bool) -> Ordering {
    use Ordering::*;
    match (a, b) {
        (Some(a), Some(b)) => flip(a.cmp(&b), descending),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => Equal,
    }
}

/// Loaded executions per family, indexed by `Family as usize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub [usize; 5]);

impl Counts {
    pub fn get(&self, f: Family) -> usize {
        self.0[f as usize]
    }

    /// The families present, in a fixed order.
    pub fn present(&self) -> Vec<(Family, usize)> {
        Family::ALL
            .into_iter()
            .map(|f| (f, self.get(f)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// "2 running · 1 failed · 47 finished".
    pub fn text(&self) -> String {
        self.present()
            .into_iter()
            .map(|(f, n)| format!("{n} {}", f.id()))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Start,
    Duration,
    Name,
    Status,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Start,
        SortKey::Duration,
        SortKey::Name,
        SortKey::Status,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SortKey::Start => "start",
            SortKey::Duration => "duration",
            SortKey::Name => "name",
            SortKey::Status => "status",
        }
    }

    /// The direction a first click sorts in: newest and longest first, names A–Z.
    pub fn natural_descending(self) -> bool {
        matches!(self, SortKey::Start | SortKey::Duration)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first, as EMR lists them.
    fn default() -> Sort {
        Sort {
            key: SortKey::Start,
            descending: true,
        }
    }
}

impl Sort {
    /// `start` (ascending) or `-start` (descending).
    pub fn id(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.key.id()
        )
    }

    pub fn parse(s: &str) -> Option<Sort> {
        let (descending, key) = match s.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, s),
        };
        SortKey::ALL
            .into_iter()
            .find(|k| k.id() == key)
            .map(|key| Sort { key, descending })
    }

    /// Clicking a column: the same column flips, another starts in its natural direction.
    pub fn toggled(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort {
                key,
                descending: key.natural_descending(),
            }
        }
    }
}

/// How the loaded rows are shown: one family, a search text, an order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewQuery {
    pub family: Option<Family>,
    pub search: String,
    pub sort: Sort,
}

/// "50 executions loaded; EMR has more." — how much is loaded, and how much of it is shown.
pub fn loaded_text(loaded: usize, shown: usize, more: bool, filtered: bool) -> String {
    let noun = if loaded == 1 {
        "execution"
    } else {
        "executions"
    };
    let base = match (more, loaded) {
        (true, _) => format!("{loaded} {noun} loaded; EMR has more."),
        (false, 0) => "No executions loaded.".to_string(),
        (false, _) => format!("All {loaded} {noun} loaded."),
    };
    if filtered {
        format!("Showing {shown} of them. {base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::operations::{list_request, parse_list};

    fn summary(
        id: &str,
        status: &str,
        start_s: f64,
        end_s: Option<f64>,
    ) -> NotebookExecutionSummary {
        NotebookExecutionSummary {
            notebook_execution_id: Some(id.into()),
            notebook_execution_name: Some(format!("name-{id}")),
            status: Some(ExecutionStatus::parse(status)),
            start_time: Some(Timestamp::from_epoch_seconds(start_s)),
            end_time: end_s.map(Timestamp::from_epoch_seconds),
            editor_id: Some("e-EDITOR".into()),
            execution_engine_id: Some("j-CLUSTER".into()),
            ..Default::default()
        }
    }

    fn page(
        rows: Vec<NotebookExecutionSummary>,
        marker: Option<&str>,
    ) -> ListNotebookExecutionsOutput {
        ListNotebookExecutionsOutput {
            notebook_executions: rows,
            marker: marker.map(str::to_string),
        }
    }

    #[test]
    fn filters_become_the_request_and_empty_ones_are_not_sent() {
        assert_eq!(list_request(&ListFilters::default().input(None)).body, "{}");
        let f = ListFilters {
            status: Some(ExecutionStatus::Failed),
            from: Some(1_764_547_200),
            to: Some(1_764_633_600),
            editor_id: " e-ABC ".into(),
            cluster_id: "j-XYZ".into(),
        };
        assert_eq!(
            list_request(&f.input(Some("m1.abc"))).body,
            r#"{"EditorId":"e-ABC","Status":"FAILED","From":1764547200,"To":1764633600,"Marker":"m1.abc","ExecutionEngineId":"j-XYZ"}"#
        );
        let blank = ListFilters {
            editor_id: "  ".into(),
            ..Default::default()
        };
        assert_eq!(list_request(&blank.input(None)).body, "{}");
        assert!(blank.uses_default_window());
        assert!(!f.uses_default_window());
    }

    #[test]
    fn the_draft_reads_local_times_as_integer_seconds() {
        let draft = FilterDraft {
            status: "RUNNING".into(),
            from: "2025-12-01T01:00".into(),
            to: "2025-12-02T01:00:30".into(),
            editor_id: " e-1 ".into(),
            cluster_id: String::new(),
        };
        let f = draft.validate(|_| 60).unwrap();
        assert_eq!(f.from, Some(1_764_547_200));
        assert_eq!(f.to, Some(1_764_633_630));
        assert_eq!(f.status, Some(ExecutionStatus::Running));
        assert_eq!(f.editor_id, "e-1");
        let back = FilterDraft::from_filters(&f, |_| 60);
        assert_eq!(back.from, "2025-12-01T01:00");
        assert_eq!(back.to, "2025-12-02T01:00:30");
        assert_eq!(back.validate(|_| 60).unwrap(), f);
        assert_eq!(
            FilterDraft::default().validate(|_| 0).unwrap(),
            ListFilters::default()
        );
    }

    #[test]
    fn bad_filters_are_all_reported() {
        let draft = FilterDraft {
            status: "SLEEPING".into(),
            from: "2025-12-02T00:00".into(),
            to: "2025-12-01T00:00".into(),
            editor_id: "e".repeat(257),
            cluster_id: "j-1\t2".into(),
        };
        let problems = draft.validate(|_| 0).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                FilterField::Status,
                FilterField::To,
                FilterField::EditorId,
                FilterField::ClusterId
            ]
        );
        assert!(problems[1].message.contains("before From"));
        let bad_time = FilterDraft {
            from: "yesterday".into(),
            ..Default::default()
        };
        assert_eq!(
            bad_time.validate(|_| 0).unwrap_err()[0].field,
            FilterField::From
        );
    }

    #[test]
    fn summaries_parse_with_fractional_and_integer_times_unknown_statuses_and_missing_members() {
        let out = parse_list(
            br#"{"NotebookExecutions":[
                {"NotebookExecutionId":"ex-1","Status":"FINISHED","StartTime":1593490857.009,"EndTime":1593490900},
                {"NotebookExecutionId":"ex-2","Status":"HIBERNATING","StartTime":1593490857},
                {"NotebookExecutionId":"ex-3"},
                {"Status":"RUNNING"}
            ],"Brand":"new"}"#,
        )
        .unwrap();
        let l = Listing::from_first_page(out);
        assert_eq!(l.len(), 3);
        assert_eq!(l.skipped, 1);
        assert!(!l.has_more());
        let r = l.get("ex-1").unwrap();
        assert_eq!(r.start_ms(), Some(1_593_490_857_009));
        assert_eq!(r.duration_ms(0), Some(42_991));
        let r = l.get("ex-2").unwrap();
        assert_eq!(r.family(), Family::Other);
        assert_eq!(
            r.status(),
            Some(&ExecutionStatus::Unknown("HIBERNATING".into()))
        );
        let r = l.get("ex-3").unwrap();
        assert_eq!(
            (r.title(), r.start_ms(), r.duration_ms(5), r.family()),
            ("ex-3", None, None, Family::Other)
        );
        assert!(parse_list(br#"{"NotebookExecutions":{}}"#).is_err());
        assert_eq!(parse_list(b"{}").unwrap().notebook_executions.len(), 0);
    }

    #[test]
    fn pages_append_without_duplicates_until_the_last() {
        let mut l = Listing::from_first_page(page(
            vec![
                summary("a", "RUNNING", 30.0, None),
                summary("b", "FINISHED", 20.0, Some(25.0)),
            ],
            Some("m1"),
        ));
        assert!(l.has_more());
        // The next page repeats "b" (it moved while we paged) with a newer status.
        let added = l.append(page(
            vec![
                summary("b", "FINISHED", 20.0, Some(26.0)),
                summary("c", "FAILED", 10.0, Some(12.0)),
            ],
            None,
        ));
        assert_eq!(added, 1);
        assert_eq!(l.len(), 3);
        assert_eq!(l.pages, 2);
        assert!(!l.has_more());
        assert_eq!(l.get("b").unwrap().end_ms(), Some(26_000));
        let ids: Vec<_> = l.rows().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        // An empty marker means no more pages.
        let mut l = Listing::from_first_page(page(vec![], Some("")));
        assert!(!l.has_more() && l.is_empty());
        l.append(page(vec![summary("x", "FINISHED", 1.0, Some(2.0))], None));
        assert_eq!(l.len(), 1);
    }

    #[test]
    fn a_refresh_updates_in_place_and_adds_new_rows_on_top() {
        let mut l = Listing::from_first_page(page(
            vec![
                summary("b", "RUNNING", 20.0, None),
                summary("a", "RUNNING", 10.0, None),
            ],
            Some("m1"),
        ));
        l.append(page(vec![summary("z", "FINISHED", 1.0, Some(2.0))], None));
        let o = l.merge_refresh(page(
            vec![
                summary("d", "STARTING", 40.0, None),
                summary("c", "RUNNING", 30.0, None),
                summary("b", "FINISHED", 20.0, Some(35.0)),
                summary("a", "RUNNING", 10.0, None),
            ],
            Some("m-new"),
        ));
        assert_eq!(
            o,
            RefreshOutcome {
                updated: 1,
                added: 2,
                gap: false
            }
        );
        let ids: Vec<_> = l.rows().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["d", "c", "b", "a", "z"]);
        assert_eq!(
            l.get("b").unwrap().status(),
            Some(&ExecutionStatus::Finished)
        );
        assert_eq!(l.get("z").unwrap().id, "z", "the index follows the move");
        assert_eq!(l.pages, 2, "loaded pages stay");
        assert!(!l.has_more(), "the marker of the deepest page stays");
        // A refresh whose every row is new, with more behind it, may leave a gap.
        let o = l.merge_refresh(page(vec![summary("e", "STARTING", 50.0, None)], Some("m")));
        assert!(o.gap);
        let o = l.merge_refresh(page(vec![summary("e", "STARTING", 50.0, None)], None));
        assert_eq!(o, RefreshOutcome::default());
    }

    #[test]
    fn counts_by_family() {
        let l = Listing::from_first_page(page(
            vec![
                summary("a", "RUNNING", 1.0, None),
                summary("b", "STOP_PENDING", 1.0, None),
                summary("c", "FAILED", 1.0, Some(2.0)),
                summary("d", "FINISHED", 1.0, Some(2.0)),
                summary("e", "FINISHED", 1.0, Some(2.0)),
            ],
            None,
        ));
        let c = l.counts();
        assert_eq!(c.text(), "2 running · 1 failed · 2 finished");
        assert_eq!(c.get(Family::Stopped), 0);
        assert!(l.any_active());
        assert_eq!(Counts::default().text(), "");
    }

    fn ids(l: &Listing, q: &ViewQuery, now: i64) -> Vec<String> {
        l.view(q, now)
            .into_iter()
            .map(|i| l.rows()[i].id.clone())
            .collect()
    }

    #[test]
    fn sorting_and_searching_the_loaded_rows() {
        let mut rows = vec![
            summary("ex-A", "FINISHED", 100.0, Some(400.0)),
            summary("ex-B", "RUNNING", 300.0, None),
            summary("ex-C", "FAILED", 200.0, Some(210.0)),
            NotebookExecutionSummary {
                notebook_execution_id: Some("ex-D".into()),
                ..Default::default()
            },
        ];
        rows[0].notebook_execution_name = Some("Zeta report".into());
        rows[1].notebook_execution_name = Some("alpha".into());
        rows[2].editor_id = Some("e-SPECIAL".into());
        let l = Listing::from_first_page(page(rows, None));
        let now = 1_000_000;
        let q = |key, descending| ViewQuery {
            sort: Sort { key, descending },
            ..Default::default()
        };
        assert_eq!(
            ids(&l, &ViewQuery::default(), now),
            ["ex-B", "ex-C", "ex-A", "ex-D"]
        );
        assert_eq!(
            ids(&l, &q(SortKey::Start, false), now),
            ["ex-A", "ex-C", "ex-B", "ex-D"]
        );
        // ex-B runs for now − start; missing values always last.
        assert_eq!(
            ids(&l, &q(SortKey::Duration, true), now),
            ["ex-B", "ex-A", "ex-C", "ex-D"]
        );
        assert_eq!(
            ids(&l, &q(SortKey::Duration, false), now),
            ["ex-C", "ex-A", "ex-B", "ex-D"]
        );
        // Names case-insensitively; "ex-d" stands in for a missing name.
        assert_eq!(
            ids(&l, &q(SortKey::Name, false), now),
            ["ex-B", "ex-D", "ex-C", "ex-A"]
        );
        assert_eq!(
            ids(&l, &q(SortKey::Status, false), now),
            ["ex-B", "ex-A", "ex-C", "ex-D"]
        );
        let search = |s: &str| ViewQuery {
            search: s.into(),
            ..Default::default()
        };
        assert_eq!(ids(&l, &search("ZETA"), now), ["ex-A"]);
        assert_eq!(ids(&l, &search(" special "), now), ["ex-C"]);
        assert_eq!(ids(&l, &search("j-cluster"), now).len(), 3);
        assert_eq!(ids(&l, &search("ex-d"), now), ["ex-D"]);
        assert!(ids(&l, &search("nothing"), now).is_empty());
        let failed = ViewQuery {
            family: Some(Family::Failed),
            ..Default::default()
        };
        assert_eq!(ids(&l, &failed, now), ["ex-C"]);
    }

    #[test]
    fn sort_ids_and_toggling() {
        for key in SortKey::ALL {
            for descending in [false, true] {
                let s = Sort { key, descending };
                assert_eq!(Sort::parse(&s.id()), Some(s));
            }
        }
        assert_eq!(Sort::parse("-bogus"), None);
        assert_eq!(Sort::default().id(), "-start");
        let s = Sort::default().toggled(SortKey::Start);
        assert!(!s.descending);
        let s = s.toggled(SortKey::Name);
        assert_eq!(
            s,
            Sort {
                key: SortKey::Name,
                descending: false
            }
        );
        assert!(s.toggled(SortKey::Duration).descending);
    }

    #[test]
    fn loaded_texts() {
        assert_eq!(
            loaded_text(50, 50, true, false),
            "50 executions loaded; EMR has more."
        );
        assert_eq!(loaded_text(1, 1, false, false), "All 1 execution loaded.");
        assert_eq!(loaded_text(0, 0, false, false), "No executions loaded.");
        assert_eq!(
            loaded_text(94, 3, false, true),
            "Showing 3 of them. All 94 executions loaded."
        );
    }

    #[test]
    fn updates_from_a_describe() {
        let mut l = Listing::from_first_page(page(vec![summary("a", "RUNNING", 1.0, None)], None));
        assert!(l.update(summary("a", "STOPPING", 1.0, None)));
        assert_eq!(
            l.get("a").unwrap().status(),
            Some(&ExecutionStatus::Stopping)
        );
        assert!(!l.update(summary("b", "STOPPING", 1.0, None)));
    }
}
