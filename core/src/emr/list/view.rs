//! What the page derives from the loaded rows without a request: counts by family, sorting,
//! searching, and the loaded/shown line.

use std::cmp::Ordering;

use super::super::status::Family;

/// The one sort the bundle carries for the list and the timeline: indices by a comparator
/// (unstable; callers break ties themselves, so the order is still deterministic).
pub fn sort_indices(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    v.sort_unstable_by(|a, b| cmp(*a, *b));
}

pub(super) fn flip(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

/// Values present sort by direction; missing ones always last.
pub(super) fn cmp_missing_last(a: Option<i64>, b: Option<i64>, descending: bool) -> Ordering {
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
