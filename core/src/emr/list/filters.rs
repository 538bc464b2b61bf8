//! The filter form as typed → validated filters → the `ListNotebookExecutions` input.

use super::super::model::{ExecutionStatus, Timestamp};
use super::super::operations::ListNotebookExecutionsInput;
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
