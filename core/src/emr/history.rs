//! Notebooks, not just runs: which executions ran "the same notebook", and how that notebook has
//! been doing — runs, success rate, the current streak, median duration and its trend.
//!
//! **The rule.** An execution started from S3 (`NotebookS3Location`) is that object: bucket and
//! key. One started from a workspace is its `EditorId` plus the notebook's path as far as the
//! record shows it: the output notebook's file name (under `OutputNotebookURI` or
//! `OutputNotebookS3Location`) when the record has one, else the execution name with trailing
//! dates, times and counters removed (`daily-sales-2026-12-04T02:00` → `daily-sales`).
//! ListNotebookExecutions returns no output location, so executions grouped from the list use the
//! name. Limits: EMR returns no `RelativePath`, so two notebooks of one workspace run under the same
//! name are one notebook here, and one notebook run under different names is several. Two editors,
//! or two buckets, are never merged.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use super::model::{ExecutionStatus, NotebookExecution, NotebookExecutionSummary, Timestamp};
use super::status::Family;
use crate::format::EpochMs;

/// Which notebook an execution ran.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotebookKey {
    /// Started from `s3://bucket/key`.
    S3 { bucket: String, key: String },
    /// Started from a workspace (EMR Studio editor) notebook.
    Workspace { editor_id: String, path: String },
}

impl NotebookKey {
    /// The notebook of a listed execution.
    pub fn of_summary(s: &NotebookExecutionSummary) -> Option<NotebookKey> {
        Self::of(
            s.notebook_s3_location
                .as_ref()
                .and_then(|l| Some((l.bucket.as_deref()?, l.key.as_deref()?))),
            s.editor_id.as_deref(),
            None,
            s.notebook_execution_name.as_deref(),
        )
    }

    /// The notebook of a described execution (its output notebook's file name names it).
    pub fn of_record(e: &NotebookExecution) -> Option<NotebookKey> {
        let output = e.output_notebook_uri.clone().or_else(|| {
            e.output_notebook_s3_location
                .as_ref()
                .and_then(|l| l.key.clone())
        });
        Self::of(
            e.notebook_s3_location
                .as_ref()
                .and_then(|l| Some((l.bucket.as_deref()?, l.key.as_deref()?))),
            e.editor_id.as_deref(),
            output.as_deref(),
            e.notebook_execution_name.as_deref(),
        )
    }

    fn of(
        s3: Option<(&str, &str)>,
        editor: Option<&str>,
        output: Option<&str>,
        name: Option<&str>,
    ) -> Option<NotebookKey> {
        if let Some((bucket, key)) = s3.filter(|(b, k)| !b.is_empty() && !k.is_empty()) {
            return Some(NotebookKey::S3 {
                bucket: bucket.to_string(),
                key: key.to_string(),
            });
        }
        let editor = editor.filter(|e| !e.is_empty())?;
        let from_output = output
            .map(|o| o.trim_end_matches('/'))
            .and_then(|o| o.rsplit('/').next())
            .filter(|f| f.contains('.'))
            .map(|f| f.rsplit_once('.').map_or(f, |(stem, _)| stem).to_string());
        let path = from_output
            .or_else(|| name.map(base_name))
            .filter(|p| !p.is_empty())?;
        Some(NotebookKey::Workspace {
            editor_id: editor.to_string(),
            path,
        })
    }

    /// A stable text for the key: `s3://bucket/key` or `e-…/path` (`data-notebook-key`, routes).
    pub fn id(&self) -> String {
        match self {
            NotebookKey::S3 { bucket, key } => format!("s3://{bucket}/{key}"),
            NotebookKey::Workspace { editor_id, path } => format!("{editor_id}/{path}"),
        }
    }

    /// The key back from [`NotebookKey::id`].
    pub fn parse(id: &str) -> Option<NotebookKey> {
        if let Some(rest) = id.strip_prefix("s3://") {
            let (bucket, key) = rest.split_once('/')?;
            return (!bucket.is_empty() && !key.is_empty()).then(|| NotebookKey::S3 {
                bucket: bucket.into(),
                key: key.into(),
            });
        }
        let (editor, path) = id.split_once('/')?;
        (editor.starts_with("e-") && !path.is_empty()).then(|| NotebookKey::Workspace {
            editor_id: editor.into(),
            path: path.into(),
        })
    }

    /// What to call the notebook: the key's file name, or the workspace path.
    pub fn name(&self) -> &str {
        match self {
            NotebookKey::S3 { key, .. } => key.rsplit('/').next().unwrap_or(key),
            NotebookKey::Workspace { path, .. } => path,
        }
    }

    /// Where it lives: the editor, or the S3 location.
    pub fn place(&self) -> String {
        match self {
            NotebookKey::S3 { .. } => self.id(),
            NotebookKey::Workspace { editor_id, .. } => format!("workspace {editor_id}"),
        }
    }

    /// The editor to filter ListNotebookExecutions by, for a workspace notebook.
    pub fn editor_id(&self) -> Option<&str> {
        match self {
            NotebookKey::Workspace { editor_id, .. } => Some(editor_id),
            NotebookKey::S3 { .. } => None,
        }
    }
}

impl fmt::Display for NotebookKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// Whether a name token is a date, a time, a stamp or a counter (what a scheduler appends).
fn is_stamp(token: &str) -> bool {
    let t = token.trim_start_matches('#');
    let t = t.strip_prefix('T').unwrap_or(t);
    let t = t.strip_suffix('Z').unwrap_or(t);
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'T')
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// The execution name without trailing dates, times and counters:
/// `daily-sales-2026-12-04T02:00:00Z` → `daily-sales`, `etl_20261204_0200` → `etl`,
/// `report (run 12)` → `report`. A name that is nothing but a stamp stays as it is.
pub fn base_name(name: &str) -> String {
    let name = name.trim();
    let is_sep = |c: char| matches!(c, '-' | '_' | ' ' | '.' | '(' | ')' | '[' | ']' | '/' | ',');
    let mut end = name.len();
    loop {
        let head = name[..end].trim_end_matches(is_sep);
        let start = head.rfind(is_sep).map_or(0, |i| i + 1);
        let token = &head[start..];
        let counter = matches!(
            token.to_ascii_lowercase().as_str(),
            "run" | "rerun" | "retry" | "attempt"
        );
        if start == 0 || !(is_stamp(token) || counter) {
            let kept = head.trim_end_matches(is_sep);
            // A name that is all stamp keeps its stamp.
            let all_stamp = start == 0 && (is_stamp(token) || counter);
            return if kept.is_empty() || all_stamp {
                name.to_string()
            } else {
                kept.to_string()
            };
        }
        end = start;
    }
}

/// One run of a notebook, as the grouping keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub id: String,
    pub status: Option<ExecutionStatus>,
    pub start_ms: Option<EpochMs>,
    pub end_ms: Option<EpochMs>,
    pub name: String,
    pub editor_id: Option<String>,
    pub cluster_id: Option<String>,
}

impl Run {
    pub fn of(s: &NotebookExecutionSummary) -> Option<Run> {
        Some(Run {
            id: s.notebook_execution_id.clone()?,
            status: s.status.clone(),
            start_ms: s.start_time.map(Timestamp::millis),
            end_ms: s.end_time.map(Timestamp::millis),
            name: s.notebook_execution_name.clone().unwrap_or_default(),
            editor_id: s.editor_id.clone(),
            cluster_id: s.execution_engine_id.clone(),
        })
    }

    pub fn family(&self) -> Family {
        self.status
            .as_ref()
            .map_or(Family::Other, ExecutionStatus::family)
    }

    /// End − start of a run that ended.
    pub fn duration_ms(&self) -> Option<i64> {
        Some(self.end_ms? - self.start_ms?).filter(|d| *d >= 0)
    }

    fn terminal(&self) -> Option<Outcome> {
        match self.status.as_ref()? {
            ExecutionStatus::Finished => Some(Outcome::Success),
            ExecutionStatus::Failed => Some(Outcome::Failure),
            ExecutionStatus::Stopped => Some(Outcome::Stopped),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Success,
    Failure,
    Stopped,
}

/// How a notebook's runs are going lately.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Streak {
    /// No run has ended yet.
    None,
    /// The last `runs` ended runs finished, since the first of them started.
    Succeeding {
        runs: usize,
        since_ms: Option<EpochMs>,
    },
    /// The last `runs` ended runs failed (or were stopped), since the first of them started.
    Failing {
        runs: usize,
        since_ms: Option<EpochMs>,
    },
}

/// Whether runs are getting slower: the median of the newer half of the ended runs against the
/// older half's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// Too few ended runs to say (fewer than 4).
    Unknown,
    Steady,
    /// Newer runs take this many percent longer.
    Slower(u32),
    Faster(u32),
}

/// A trend counts from this change on (smaller moves are noise).
pub const TREND_PERCENT: u32 = 20;

/// One notebook and its loaded runs, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Notebook {
    pub key: NotebookKey,
    pub runs: Vec<Run>,
}

impl Notebook {
    fn ended(&self) -> impl Iterator<Item = (&Run, Outcome)> {
        self.runs.iter().filter_map(|r| Some((r, r.terminal()?)))
    }

    /// Finished runs out of finished, failed and stopped ones.
    pub fn success(&self) -> (usize, usize) {
        let (mut ok, mut all) = (0, 0);
        for (_, o) in self.ended() {
            all += 1;
            ok += (o == Outcome::Success) as usize;
        }
        (ok, all)
    }

    /// The success rate in whole percent (rounded down: 99.9 % is not 100 %), if a run ended.
    pub fn success_percent(&self) -> Option<u32> {
        let (ok, all) = self.success();
        (all > 0).then(|| (ok * 100 / all) as u32)
    }

    /// Failed and stopped runs out of the ended ones, for sorting (0 when none ended).
    pub fn failure_rate(&self) -> f64 {
        let (ok, all) = self.success();
        if all == 0 {
            0.0
        } else {
            (all - ok) as f64 / all as f64
        }
    }

    pub fn last(&self) -> Option<&Run> {
        self.runs.first()
    }

    /// When it last finished successfully (its end, else its start).
    pub fn last_success_ms(&self) -> Option<EpochMs> {
        self.ended()
            .find(|(_, o)| *o == Outcome::Success)
            .and_then(|(r, _)| r.end_ms.or(r.start_ms))
    }

    /// The last run that finished successfully, other than `except`, started before `before`.
    pub fn last_success_before(&self, before: Option<EpochMs>, except: &str) -> Option<&Run> {
        self.ended()
            .filter(|(r, o)| *o == Outcome::Success && r.id != except)
            .map(|(r, _)| r)
            .find(|r| match (before, r.start_ms) {
                (Some(b), Some(s)) => s <= b,
                _ => true,
            })
    }

    /// The median duration of the ended runs.
    pub fn median_ms(&self) -> Option<i64> {
        let durations: Vec<i64> = self.runs.iter().filter_map(Run::duration_ms).collect();
        median(durations)
    }

    pub fn streak(&self) -> Streak {
        let mut ended = self.ended();
        let Some((first, outcome)) = ended.next() else {
            return Streak::None;
        };
        let ok = outcome == Outcome::Success;
        let mut runs = 1;
        let mut since = first.start_ms;
        for (r, o) in ended {
            if (o == Outcome::Success) != ok {
                break;
            }
            runs += 1;
            since = r.start_ms.or(since);
        }
        if ok {
            Streak::Succeeding {
                runs,
                since_ms: since,
            }
        } else {
            Streak::Failing {
                runs,
                since_ms: since,
            }
        }
    }

    pub fn trend(&self) -> Trend {
        // Oldest first.
        let durations: Vec<i64> = self
            .runs
            .iter()
            .rev()
            .filter_map(Run::duration_ms)
            .collect();
        if durations.len() < 4 {
            return Trend::Unknown;
        }
        let half = durations.len() / 2;
        let (Some(old), Some(new)) = (
            median(durations[..half].to_vec()),
            median(durations[durations.len() - half..].to_vec()),
        ) else {
            return Trend::Unknown;
        };
        if old <= 0 {
            return Trend::Unknown;
        }
        let change = (new - old) as f64 * 100.0 / old as f64;
        if change >= TREND_PERCENT as f64 {
            Trend::Slower(change.round() as u32)
        } else if change <= -(TREND_PERCENT as f64) {
            Trend::Faster((-change).round() as u32)
        } else {
            Trend::Steady
        }
    }
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    })
}

/// Groups listed executions into notebooks, each with its runs newest first; executions that name
/// no notebook (no S3 location, no editor) are left out.
pub fn group<'a>(rows: impl IntoIterator<Item = &'a NotebookExecutionSummary>) -> Vec<Notebook> {
    let mut by_key: BTreeMap<NotebookKey, Vec<Run>> = BTreeMap::new();
    for s in rows {
        if let (Some(key), Some(run)) = (NotebookKey::of_summary(s), Run::of(s)) {
            by_key.entry(key).or_default().push(run);
        }
    }
    by_key
        .into_iter()
        .map(|(key, mut runs)| {
            runs.sort_by(|a, b| b.start_ms.cmp(&a.start_ms).then_with(|| a.id.cmp(&b.id)));
            runs.dedup_by(|a, b| a.id == b.id);
            Notebook { key, runs }
        })
        .collect()
}

/// How the Notebooks view is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NotebookSort {
    /// Most recent run first.
    #[default]
    LastRun,
    /// Most failing first.
    FailureRate,
    /// Most runs first.
    Runs,
    Name,
}

impl NotebookSort {
    pub const ALL: [NotebookSort; 4] = [
        NotebookSort::LastRun,
        NotebookSort::FailureRate,
        NotebookSort::Runs,
        NotebookSort::Name,
    ];

    pub fn id(self) -> &'static str {
        match self {
            NotebookSort::LastRun => "last-run",
            NotebookSort::FailureRate => "failure-rate",
            NotebookSort::Runs => "runs",
            NotebookSort::Name => "name",
        }
    }

    pub fn parse(s: &str) -> Option<NotebookSort> {
        Self::ALL.into_iter().find(|x| x.id() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            NotebookSort::LastRun => "Last run",
            NotebookSort::FailureRate => "Failure rate",
            NotebookSort::Runs => "Runs",
            NotebookSort::Name => "Name",
        }
    }
}

/// The notebooks to show: those whose name, place, or a run's name or id contain `search`
/// (ASCII case folded), in `sort` order; indices into `notebooks`.
pub fn view(notebooks: &[Notebook], sort: NotebookSort, search: &str) -> Vec<usize> {
    let needle = search.trim().to_ascii_lowercase();
    let mut shown: Vec<usize> = (0..notebooks.len())
        .filter(|&i| {
            needle.is_empty() || {
                let n = &notebooks[i];
                let hay = |s: &str| s.to_ascii_lowercase().contains(&needle);
                hay(&n.key.id()) || n.runs.iter().any(|r| hay(&r.name) || hay(&r.id))
            }
        })
        .collect();
    let name = |i: usize| notebooks[i].key.name().to_ascii_lowercase();
    let last = |i: usize| notebooks[i].last().and_then(|r| r.start_ms);
    shown.sort_by(|&a, &b| {
        let by = match sort {
            NotebookSort::LastRun => last(b).cmp(&last(a)),
            NotebookSort::FailureRate => notebooks[b]
                .failure_rate()
                .partial_cmp(&notebooks[a].failure_rate())
                .unwrap_or(Ordering::Equal),
            NotebookSort::Runs => notebooks[b].runs.len().cmp(&notebooks[a].runs.len()),
            NotebookSort::Name => name(a).cmp(&name(b)),
        };
        by.then_with(|| name(a).cmp(&name(b)))
            .then_with(|| notebooks[a].key.cmp(&notebooks[b].key))
    });
    shown
}

/// One mark of the run strip: where it goes (0..1 of the strip, oldest left), how tall (0..1 of
/// the longest run), and its family.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub height: f64,
    pub family: Family,
}

/// The run strip: one mark per run in time order, its height the duration (a run without one, a
/// running run or one that never started, gets a small mark).
pub fn strip(runs: &[Run], now_ms: EpochMs) -> Vec<Mark> {
    let n = runs.len();
    if n == 0 {
        return vec![];
    }
    let duration = |r: &Run| {
        r.duration_ms()
            .or_else(|| r.start_ms.map(|s| (now_ms - s).max(0)))
            .unwrap_or(0)
    };
    let longest = runs.iter().map(duration).max().unwrap_or(0).max(1);
    runs.iter()
        .rev()
        .enumerate()
        .map(|(i, r)| Mark {
            x: if n == 1 {
                0.5
            } else {
                i as f64 / (n - 1) as f64
            },
            height: (duration(r) as f64 / longest as f64).max(0.08),
            family: r.family(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::model::S3Location;

    fn summary(
        id: &str,
        name: &str,
        editor: Option<&str>,
        status: &str,
        start: i64,
        minutes: Option<i64>,
    ) -> NotebookExecutionSummary {
        NotebookExecutionSummary {
            notebook_execution_id: Some(id.into()),
            notebook_execution_name: Some(name.into()),
            editor_id: editor.map(str::to_string),
            status: Some(ExecutionStatus::parse(status)),
            start_time: Some(Timestamp(start)),
            end_time: minutes.map(|m| Timestamp(start + m * 60_000)),
            ..Default::default()
        }
    }

    #[test]
    fn names_lose_their_trailing_dates_times_and_counters() {
        for (name, base) in [
            ("daily-sales-2026-12-04T02:00:00Z", "daily-sales"),
            ("daily-sales-2026-12-04", "daily-sales"),
            ("etl_20261204_0200", "etl"),
            ("report (run 12)", "report"),
            ("report #12", "report"),
            ("hourly.agg.2026.12.04.13", "hourly.agg"),
            ("model-v2", "model-v2"),
            ("recommendations-refresh (rerun)", "recommendations-refresh"),
            ("2026-12-04", "2026-12-04"),
            ("  ünïcødé-Bericht-20261204  ", "ünïcødé-Bericht"),
            ("", ""),
        ] {
            assert_eq!(base_name(name), base, "{name:?}");
        }
    }

    #[test]
    fn the_same_notebook_and_never_across_editors_or_buckets() {
        let a = summary(
            "ex-1",
            "daily-sales-2026-12-04",
            Some("e-A"),
            "FINISHED",
            0,
            Some(5),
        );
        let b = summary(
            "ex-2",
            "daily-sales-2026-12-05",
            Some("e-A"),
            "FAILED",
            1,
            Some(5),
        );
        let other_editor = summary(
            "ex-3",
            "daily-sales-2026-12-05",
            Some("e-B"),
            "FINISHED",
            2,
            Some(5),
        );
        assert_eq!(NotebookKey::of_summary(&a), NotebookKey::of_summary(&b));
        assert_ne!(
            NotebookKey::of_summary(&a),
            NotebookKey::of_summary(&other_editor)
        );
        let s3 = |bucket: &str, key: &str, editor: Option<&str>| NotebookExecutionSummary {
            notebook_s3_location: Some(S3Location {
                bucket: Some(bucket.into()),
                key: Some(key.into()),
            }),
            ..summary("ex-4", "any name 1", editor, "FINISHED", 3, Some(1))
        };
        let k = NotebookKey::of_summary(&s3("bkt", "nb/etl.ipynb", Some("e-A"))).unwrap();
        assert_eq!(
            k.id(),
            "s3://bkt/nb/etl.ipynb",
            "an S3 notebook is its object, whatever the editor"
        );
        assert_eq!(
            k,
            NotebookKey::of_summary(&s3("bkt", "nb/etl.ipynb", None)).unwrap()
        );
        assert_ne!(
            k,
            NotebookKey::of_summary(&s3("other", "nb/etl.ipynb", None)).unwrap()
        );
        assert_eq!(NotebookKey::parse(&k.id()), Some(k.clone()));
        let w = NotebookKey::of_summary(&a).unwrap();
        assert_eq!(w.id(), "e-A/daily-sales");
        assert_eq!(NotebookKey::parse(&w.id()), Some(w));
        assert_eq!(
            NotebookKey::of_summary(&summary("ex-5", "x", None, "FINISHED", 0, None)),
            None
        );
        // A described record names its notebook by its output file.
        let record = NotebookExecution {
            editor_id: Some("e-A".into()),
            notebook_execution_name: Some("whatever-7".into()),
            output_notebook_uri: Some("s3://b/e-A/executions/ex-1/daily_report.ipynb".into()),
            ..Default::default()
        };
        assert_eq!(
            NotebookKey::of_record(&record).unwrap().id(),
            "e-A/daily_report"
        );
        assert_eq!(NotebookKey::parse("not/a key"), None);
        assert_eq!(NotebookKey::parse("s3://bucket-only"), None);
    }

    #[test]
    fn stats_success_rate_streak_median_and_trend() {
        let h = 3_600_000;
        // Newest last in this list; durations grow: 10, 10, 10, 10, 20, 20, 20 (failing) minutes.
        let rows: Vec<_> = [
            ("ex-1", "FINISHED", 10),
            ("ex-2", "FINISHED", 10),
            ("ex-3", "STOPPED", 10),
            ("ex-4", "FINISHED", 10),
            ("ex-5", "FAILED", 20),
            ("ex-6", "FAILED", 20),
            ("ex-7", "FAILED", 20),
        ]
        .iter()
        .enumerate()
        .map(|(i, (id, st, m))| {
            summary(
                id,
                &format!("nightly-{i}"),
                Some("e-A"),
                st,
                i as i64 * 24 * h,
                Some(*m),
            )
        })
        .chain([summary(
            "ex-8",
            "nightly-8",
            Some("e-A"),
            "RUNNING",
            7 * 24 * h,
            None,
        )])
        .collect();
        let nbs = group(&rows);
        assert_eq!(nbs.len(), 1);
        let nb = &nbs[0];
        assert_eq!(nb.runs[0].id, "ex-8", "newest first");
        assert_eq!(nb.success(), (3, 7));
        assert_eq!(nb.success_percent(), Some(42));
        assert_eq!(
            nb.streak(),
            Streak::Failing {
                runs: 3,
                since_ms: Some(4 * 24 * h)
            }
        );
        assert_eq!(nb.median_ms(), Some(10 * 60_000));
        assert_eq!(nb.trend(), Trend::Slower(100));
        assert_eq!(nb.last_success_ms(), Some(3 * 24 * h + 10 * 60_000));
        assert_eq!(
            nb.last_success_before(Some(6 * 24 * h), "ex-7").unwrap().id,
            "ex-4"
        );
        assert_eq!(
            nb.last_success_before(Some(2 * 24 * h), "ex-7").unwrap().id,
            "ex-2"
        );
        let ok = group(&[summary("ex-1", "a", Some("e-A"), "FINISHED", 0, Some(1))]);
        assert_eq!(
            ok[0].streak(),
            Streak::Succeeding {
                runs: 1,
                since_ms: Some(0)
            }
        );
        assert_eq!(ok[0].trend(), Trend::Unknown);
        let none = group(&[summary("ex-1", "a", Some("e-A"), "RUNNING", 0, None)]);
        assert_eq!(
            (
                none[0].streak(),
                none[0].success_percent(),
                none[0].median_ms()
            ),
            (Streak::None, None, None)
        );
    }

    #[test]
    fn sorting_searching_and_the_strip() {
        let rows = vec![
            summary("ex-1", "alpha-1", Some("e-A"), "FAILED", 100, Some(1)),
            summary("ex-2", "beta-1", Some("e-A"), "FINISHED", 300, Some(2)),
            summary("ex-3", "beta-2", Some("e-A"), "FINISHED", 200, Some(4)),
            summary("ex-4", "gamma", Some("e-B"), "FINISHED", 50, Some(1)),
        ];
        let nbs = group(&rows);
        let names = |idx: Vec<usize>| {
            idx.into_iter()
                .map(|i| nbs[i].key.name().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(view(&nbs, NotebookSort::LastRun, "")),
            ["beta", "alpha", "gamma"]
        );
        assert_eq!(
            names(view(&nbs, NotebookSort::FailureRate, "")),
            ["alpha", "beta", "gamma"]
        );
        assert_eq!(
            names(view(&nbs, NotebookSort::Runs, "")),
            ["beta", "alpha", "gamma"]
        );
        assert_eq!(
            names(view(&nbs, NotebookSort::Name, "")),
            ["alpha", "beta", "gamma"]
        );
        assert_eq!(names(view(&nbs, NotebookSort::Name, "EX-3")), ["beta"]);
        assert_eq!(names(view(&nbs, NotebookSort::Name, "e-b")), ["gamma"]);
        let beta = &nbs[view(&nbs, NotebookSort::Name, "beta")[0]];
        let marks = strip(&beta.runs, 1_000);
        assert_eq!(marks.len(), 2);
        assert_eq!(
            (marks[0].x, marks[0].height),
            (0.0, 1.0),
            "oldest first, the longest is full height"
        );
        assert_eq!((marks[1].x, marks[1].height), (1.0, 0.5));
        for s in NotebookSort::ALL {
            assert_eq!(NotebookSort::parse(s.id()), Some(s));
        }
    }
}
