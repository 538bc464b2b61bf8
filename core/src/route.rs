//! The URL fragment ⇄ what the page shows: the view (the executions list with its filters, or one
//! execution), and where (region, endpoint, variants). Never credentials.
//!
//! Parsing is total and forgiving: unknown keys are ignored, malformed values are dropped, every
//! value is capped in length. Nothing here is trusted: region and endpoint are validated like typed
//! values before anything is signed, and ids are sent only as JSON strings.

use crate::aws::signing::uri_encode;
use crate::emr::history::NotebookSort;
use crate::emr::list::{ListFilters, Sort, ViewQuery};
use crate::emr::model::ExecutionStatus;
use crate::emr::start::link::{StartLink, KEYS as START_KEYS};
use crate::emr::status::Family;

/// Where requests go, as the fragment carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// `None`: the fragment named no region (the page keeps its own).
    pub region: Option<String>,
    /// Empty: AWS's own endpoint.
    pub endpoint: String,
    pub fips: bool,
    pub dual_stack: bool,
}

/// The list view: what EMR is asked for, and how the loaded rows are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListRoute {
    pub filters: ListFilters,
    pub query: ViewQuery,
}

/// The Notebooks view: the list's executions (these filters) grouped by notebook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotebooksRoute {
    pub filters: ListFilters,
    pub sort: NotebookSort,
    pub search: String,
}

/// What the comparison's base run is: a given execution, or the last one of the same notebook
/// that finished before the other (found by paging back).
pub const LAST_SUCCESS: &str = "last-success";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    List(ListRoute),
    /// The id as it arrived (validated when it is described).
    Detail {
        id: String,
    },
    Notebooks(NotebooksRoute),
    /// One notebook's history (`key` is a `NotebookKey::id`), from the list's filters.
    Notebook {
        key: String,
        filters: ListFilters,
    },
    /// Two runs side by side: `a` the base (an id, or [`LAST_SUCCESS`]), `b` the other.
    Compare {
        a: String,
        b: String,
    },
    /// A new execution's form, as filled so far (its fragment keys, read by the start view).
    Start(StartLink),
}

impl Default for View {
    fn default() -> View {
        View::List(ListRoute::default())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    pub place: Place,
    pub view: View,
}

/// Longest value kept from a fragment (ids and filters are ≤ 256 characters on the API).
const MAX_VALUE: usize = 2048;
/// Longest notebook parameters kept from a start link: past the API's 10,280, so that a form
/// reloaded with too much keeps what was typed and says what is wrong.
const MAX_PARAMS: usize = 40_000;

impl Route {
    pub fn parse(fragment: &str) -> Route {
        let mut route = Route::default();
        let mut list = ListRoute::default();
        let mut view_key = None;
        let mut id = None;
        let (mut key, mut a, mut b) = (None, None, None);
        let mut nsort = NotebookSort::default();
        let mut start: Vec<&str> = vec![];
        for pair in fragment.trim_start_matches('#').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v);
            let cap = if k == "params" { MAX_PARAMS } else { MAX_VALUE };
            if v.chars().count() > cap {
                continue;
            }
            if START_KEYS.contains(&k) {
                start.push(pair);
            }
            let f = &mut list.filters;
            match k {
                "view" => view_key = Some(v),
                "region" if !v.trim().is_empty() => route.place.region = Some(v.trim().to_string()),
                "endpoint" => route.place.endpoint = v.trim().to_string(),
                "fips" => route.place.fips = v == "1",
                "dualstack" => route.place.dual_stack = v == "1",
                "id" => id = Some(v.trim().to_string()),
                "nb" => key = Some(v.trim().to_string()).filter(|k| !k.is_empty()),
                "a" => a = Some(v.trim().to_string()).filter(|k| !k.is_empty()),
                "b" => b = Some(v.trim().to_string()).filter(|k| !k.is_empty()),
                "nsort" => nsort = NotebookSort::parse(&v).unwrap_or_default(),
                "status" => f.status = ExecutionStatus::parse_known(&v),
                "from" => f.from = epoch_seconds(&v),
                "to" => f.to = epoch_seconds(&v),
                "editor" => f.editor_id = v.trim().to_string(),
                "cluster" => f.cluster_id = v.trim().to_string(),
                "only" => list.query.family = Family::parse(&v),
                "q" => list.query.search = v,
                "sort" => list.query.sort = Sort::parse(&v).unwrap_or_default(),
                _ => {}
            }
        }
        // Links from before the list existed carry only an id.
        let detail = match view_key.as_deref() {
            Some("detail") => true,
            Some(_) => false,
            None => id.is_some(),
        };
        route.view = match (view_key.as_deref(), key, a, b) {
            (Some("start"), ..) => View::Start(StartLink(start.join("&"))),
            (Some("notebooks"), ..) => View::Notebooks(NotebooksRoute {
                filters: list.filters,
                sort: nsort,
                search: list.query.search,
            }),
            (Some("notebook"), Some(key), ..) => View::Notebook {
                key,
                filters: list.filters,
            },
            (Some("compare"), _, Some(a), Some(b)) => View::Compare { a, b },
            _ => match id.filter(|_| detail) {
                Some(id) => View::Detail { id },
                None => View::List(list),
            },
        };
        route
    }

    /// The canonical fragment (without `#`): a fixed key order, defaults left out.
    pub fn to_fragment(&self) -> String {
        let mut parts = Vec::new();
        let mut put = |k: &str, v: &str| parts.push(format!("{k}={}", uri_encode(v, true)));
        put(
            "view",
            match self.view {
                View::List(_) => "list",
                View::Detail { .. } => "detail",
                View::Notebooks(_) => "notebooks",
                View::Notebook { .. } => "notebook",
                View::Compare { .. } => "compare",
                View::Start(_) => "start",
            },
        );
        if let Some(r) = &self.place.region {
            put("region", r);
        }
        if !self.place.endpoint.is_empty() {
            put("endpoint", &self.place.endpoint);
        }
        if self.place.fips {
            put("fips", "1");
        }
        if self.place.dual_stack {
            put("dualstack", "1");
        }
        let put_filters = |put: &mut dyn FnMut(&str, &str), f: &ListFilters| {
            if let Some(s) = &f.status {
                put("status", s.as_api());
            }
            if let Some(t) = f.from {
                put("from", &t.to_string());
            }
            if let Some(t) = f.to {
                put("to", &t.to_string());
            }
            if !f.editor_id.is_empty() {
                put("editor", &f.editor_id);
            }
            if !f.cluster_id.is_empty() {
                put("cluster", &f.cluster_id);
            }
        };
        match &self.view {
            View::Detail { id } => put("id", id),
            View::Notebooks(n) => {
                put_filters(&mut put, &n.filters);
                if !n.search.is_empty() {
                    put("q", &n.search);
                }
                if n.sort != NotebookSort::default() {
                    put("nsort", n.sort.id());
                }
            }
            View::Notebook { key, filters } => {
                put("nb", key);
                put_filters(&mut put, filters);
            }
            View::Compare { a, b } => {
                put("a", a);
                put("b", b);
            }
            View::Start(link) if !link.0.is_empty() => parts.push(link.0.clone()),
            View::Start(_) => {}
            View::List(l) => {
                put_filters(&mut put, &l.filters);
                if let Some(fam) = l.query.family {
                    put("only", fam.id());
                }
                if !l.query.search.is_empty() {
                    put("q", &l.query.search);
                }
                if l.query.sort != Sort::default() {
                    put("sort", &l.query.sort.id());
                }
            }
        }
        parts.join("&")
    }

    pub fn detail(place: Place, id: &str) -> Route {
        Route {
            place,
            view: View::Detail { id: id.to_string() },
        }
    }

    pub fn is_list(&self) -> bool {
        matches!(self.view, View::List(_))
    }
}

/// Whole epoch seconds within ±10,000 years; anything else is dropped.
fn epoch_seconds(v: &str) -> Option<i64> {
    let n: i64 = v.trim().parse().ok()?;
    (n.abs() < 315_000_000_000).then_some(n)
}

/// `%XX` decoding; invalid escapes stay as typed and invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::list::SortKey;

    fn list_route() -> Route {
        Route {
            place: Place {
                region: Some("eu-west-1".into()),
                endpoint: "http://127.0.0.1:9100".into(),
                fips: false,
                dual_stack: true,
            },
            view: View::List(ListRoute {
                filters: ListFilters {
                    status: Some(ExecutionStatus::Failed),
                    from: Some(1_764_547_200),
                    to: Some(-5),
                    editor_id: "e-日本&x=1".into(),
                    cluster_id: "j-ABC".into(),
                },
                query: ViewQuery {
                    family: Some(Family::Running),
                    search: "nightly etl#1".into(),
                    sort: Sort {
                        key: SortKey::Duration,
                        descending: false,
                    },
                },
            }),
        }
    }

    #[test]
    fn round_trips() {
        let r = list_route();
        let f = r.to_fragment();
        assert_eq!(f, "view=list&region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1%3A9100&dualstack=1&status=FAILED&from=1764547200&to=-5&editor=e-%E6%97%A5%E6%9C%AC%26x%3D1&cluster=j-ABC&only=running&q=nightly%20etl%231&sort=duration");
        assert_eq!(Route::parse(&format!("#{f}")), r);
        let d = Route::detail(
            Place {
                region: Some("us-east-1".into()),
                ..Default::default()
            },
            "ex-1 ü",
        );
        assert_eq!(
            d.to_fragment(),
            "view=detail&region=us-east-1&id=ex-1%20%C3%BC"
        );
        assert_eq!(Route::parse(&d.to_fragment()), d);
        // The default list prints only its view.
        assert_eq!(Route::default().to_fragment(), "view=list");
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#"), Route::default());
    }

    #[test]
    fn notebooks_history_and_comparisons_round_trip() {
        let place = Place {
            region: Some("eu-west-1".into()),
            ..Default::default()
        };
        let filters = ListFilters {
            from: Some(1_764_547_200),
            editor_id: "e-A".into(),
            ..Default::default()
        };
        for view in [
            View::Notebooks(NotebooksRoute {
                filters: filters.clone(),
                sort: NotebookSort::FailureRate,
                search: "sales & co".into(),
            }),
            View::Notebooks(NotebooksRoute::default()),
            View::Notebook {
                key: "s3://bkt/nb/etl é.ipynb".into(),
                filters: filters.clone(),
            },
            View::Compare {
                a: LAST_SUCCESS.into(),
                b: "ex-2".into(),
            },
        ] {
            let r = Route {
                place: place.clone(),
                view,
            };
            assert_eq!(Route::parse(&r.to_fragment()), r, "{}", r.to_fragment());
        }
        assert_eq!(
            Route {
                place: Place::default(),
                view: View::Compare {
                    a: "ex-1".into(),
                    b: "ex-2".into()
                }
            }
            .to_fragment(),
            "view=compare&a=ex-1&b=ex-2"
        );
        // Incomplete ones fall back to the list.
        assert!(Route::parse("view=notebook").is_list());
        assert!(Route::parse("view=compare&a=ex-1").is_list());
    }

    #[test]
    fn unknown_keys_are_ignored_and_credentials_never_printed() {
        let r = Route::parse("view=list&secret=abc&AWS_SESSION_TOKEN=t&region=us-east-2&x");
        assert_eq!(r.place.region.as_deref(), Some("us-east-2"));
        let printed = r.to_fragment();
        assert!(
            !printed.contains("secret") && !printed.contains("TOKEN"),
            "{printed}"
        );
    }

    #[test]
    fn links_from_before_the_list_open_the_detail() {
        let r = Route::parse("#region=us-east-1&endpoint=http%3A%2F%2F127.0.0.1%3A9100&id=ex-OLD");
        assert_eq!(
            r.view,
            View::Detail {
                id: "ex-OLD".into()
            }
        );
        assert_eq!(r.place.endpoint, "http://127.0.0.1:9100");
        // An explicit list view wins over a stray id; a detail without id is the list.
        assert!(Route::parse("view=list&id=ex-1").is_list());
        assert!(Route::parse("view=detail").is_list());
    }

    #[test]
    fn hostile_values_are_inert() {
        let r = Route::parse("view=list&status=%3Cscript%3E&from=1e9&to=99999999999999999999&sort=drop%20table&only=all&region=us-east-1.evil.com%2F");
        let View::List(l) = &r.view else {
            panic!("list")
        };
        assert_eq!(l.filters, ListFilters::default());
        assert_eq!(l.query.sort, Sort::default());
        assert_eq!(l.query.family, None);
        // A hostile region is kept as text: it is validated (and refused) before any signing.
        assert_eq!(r.place.region.as_deref(), Some("us-east-1.evil.com/"));
        let long = "x".repeat(MAX_VALUE + 1);
        let r = Route::parse(&format!("view=detail&id={long}"));
        assert!(r.is_list(), "an oversized id is dropped");
        let r = Route::parse("id=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
        assert_eq!(
            r.view,
            View::Detail {
                id: "<img src=x onerror=alert(1)>".into()
            }
        );
        // Broken escapes stay as typed; invalid UTF-8 becomes U+FFFD.
        assert_eq!(
            Route::parse("id=%zz%E6%").view,
            View::Detail {
                id: "%zz\u{fffd}%".into()
            }
        );
        assert_eq!(percent_decode("%41%4"), "A%4");
        assert_eq!(percent_decode("%"), "%");
    }
}
