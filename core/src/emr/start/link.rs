//! A start form as a link: the draft ⇄ the URL fragment's `view=start` keys, so that a filled
//! form can be sent to a colleague and survives a reload. A draft holds no credentials, so none
//! can reach the URL.
//!
//! Only what differs from [`StartDraft::blank`] is written; environment variables and tags are
//! one repeated key per row (`env=NAME=VALUE`, each side percent-encoded), so that a `=` or `&`
//! in a value cannot split it.

use super::{KeyValue, StartDraft, DEFAULT_SERVICE_ROLE};
use crate::aws::signing::uri_encode;
use crate::route::percent_decode;

/// A start form's part of the fragment, as it arrived: `name=…&editor=…` (still percent-encoded,
/// only the start keys). The route carries it; the start view reads it with
/// [`StartDraft::from_link`], so that the first load holds no form code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartLink(pub String);

/// At most this many environment variable or tag rows come from a link.
pub const MAX_ROWS: usize = 100;

/// The fragment keys of a draft, in the order they are written.
pub const KEYS: [&str; 15] = [
    "name", "editor", "path", "in", "cluster", "type", "msg", "role", "xrole", "params", "out",
    "fmt", "nsg", "env", "tag",
];

impl StartDraft {
    /// A new execution's form: EMR's engine type and default service role, everything else empty.
    pub fn blank() -> StartDraft {
        StartDraft {
            engine_type: "EMR".into(),
            service_role: DEFAULT_SERVICE_ROLE.into(),
            ..StartDraft::default()
        }
    }

    /// The fragment's `(key, value)` pairs for this draft (values not yet percent-encoded).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let blank = StartDraft::blank();
        let mut out = vec![];
        let texts: [(&'static str, &str, &str); 13] = [
            ("name", &self.name, ""),
            ("editor", &self.editor_id, ""),
            ("path", &self.relative_path, ""),
            ("in", &self.input_notebook, ""),
            ("cluster", &self.cluster_id, ""),
            ("type", &self.engine_type, &blank.engine_type),
            ("msg", &self.master_security_group, ""),
            ("role", &self.service_role, &blank.service_role),
            ("xrole", &self.execution_role_arn, ""),
            ("params", &self.params, ""),
            ("out", &self.output_notebook, ""),
            ("fmt", &self.output_format, ""),
            ("nsg", &self.notebook_security_group, ""),
        ];
        for (key, value, default) in texts {
            if value != default {
                out.push((key, value.to_string()));
            }
        }
        for (key, rows) in [("env", &self.environment), ("tag", &self.tags)] {
            for row in rows {
                out.push((
                    key,
                    format!(
                        "{}={}",
                        uri_encode(&row.key, true),
                        uri_encode(&row.value, true)
                    ),
                ));
            }
        }
        out
    }

    /// The draft a link carries.
    pub fn from_link(link: &StartLink) -> StartDraft {
        let pairs: Vec<(&str, String)> = link
            .0
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k, percent_decode(v))
            })
            .collect();
        StartDraft::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// The link for this draft (its canonical fragment part).
    pub fn to_link(&self) -> StartLink {
        StartLink(
            self.to_pairs()
                .into_iter()
                .map(|(k, v)| format!("{k}={}", uri_encode(&v, true)))
                .collect::<Vec<_>>()
                .join("&"),
        )
    }

    /// The draft from decoded fragment pairs: unknown keys are ignored, a key given twice keeps
    /// the last value, rows past [`MAX_ROWS`] are dropped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> StartDraft {
        let mut d = StartDraft::blank();
        for (key, value) in pairs {
            let v = value.to_string();
            match key {
                "name" => d.name = v,
                "editor" => d.editor_id = v,
                "path" => d.relative_path = v,
                "in" => d.input_notebook = v,
                "cluster" => d.cluster_id = v,
                "type" => d.engine_type = v,
                "msg" => d.master_security_group = v,
                "role" => d.service_role = v,
                "xrole" => d.execution_role_arn = v,
                "params" => d.params = v,
                "out" => d.output_notebook = v,
                "fmt" => d.output_format = v,
                "nsg" => d.notebook_security_group = v,
                "env" | "tag" => {
                    let rows = if key == "env" {
                        &mut d.environment
                    } else {
                        &mut d.tags
                    };
                    if rows.len() < MAX_ROWS {
                        let (k, v) = value.split_once('=').unwrap_or((value, ""));
                        rows.push(KeyValue {
                            key: percent_decode(k),
                            value: percent_decode(v),
                        });
                    }
                }
                _ => {}
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{Place, Route, View};

    fn hostile() -> StartDraft {
        StartDraft {
            name: "nightly & co = #1 ?x".into(),
            editor_id: "e-ABC".into(),
            relative_path: "dir/ä b%20c.ipynb".into(),
            input_notebook: String::new(),
            cluster_id: "j-1RUNTIMEROLE1".into(),
            engine_type: String::new(),
            master_security_group: "sg-1".into(),
            service_role: String::new(),
            execution_role_arn: "arn:aws:iam::1:role/x".into(),
            params: "{\n  \"a\": \"&b=c#d\",\n  \"e\": \"東京 🚀 '$(x)'\"\n}".into(),
            output_notebook: "s3://b/o/".into(),
            output_format: "HTML".into(),
            environment: vec![
                KeyValue {
                    key: "A=B".into(),
                    value: "x=y&z".into(),
                },
                KeyValue {
                    key: String::new(),
                    value: String::new(),
                },
            ],
            tags: vec![KeyValue {
                key: "team".into(),
                value: "%41 + ".into(),
            }],
            notebook_security_group: "sg-2".into(),
        }
    }

    #[test]
    fn a_form_round_trips_through_the_fragment() {
        for draft in [hostile(), StartDraft::blank(), StartDraft::default()] {
            let route = Route {
                place: Place {
                    region: Some("eu-west-1".into()),
                    ..Place::default()
                },
                view: View::Start(draft.to_link()),
            };
            let fragment = route.to_fragment();
            assert!(
                !fragment.contains(' ') && !fragment.contains('#'),
                "{fragment}"
            );
            let back = Route::parse(&fragment);
            assert_eq!(back, route, "{fragment}");
            assert_eq!(back.to_fragment(), fragment);
            let View::Start(link) = back.view else {
                panic!()
            };
            assert_eq!(StartDraft::from_link(&link), draft);
        }
    }

    #[test]
    fn a_blank_form_is_a_short_link_and_defaults_can_be_cleared() {
        let blank = Route {
            place: Place::default(),
            view: View::Start(StartDraft::blank().to_link()),
        };
        assert_eq!(blank.to_fragment(), "view=start");
        let cleared = Route::parse("view=start&role=&type=");
        let View::Start(link) = cleared.view else {
            panic!()
        };
        let d = StartDraft::from_link(&link);
        assert_eq!((d.service_role.as_str(), d.engine_type.as_str()), ("", ""));
    }

    #[test]
    fn the_key_a_start_is_remembered_under_is_the_one_its_runs_have() {
        use crate::emr::history::NotebookKey;
        use crate::emr::model::NotebookExecution;
        let d = StartDraft {
            editor_id: "e-1".into(),
            relative_path: "reports/daily.ipynb".into(),
            ..StartDraft::blank()
        };
        let run = NotebookExecution {
            editor_id: Some("e-1".into()),
            output_notebook_uri: Some("s3://b/e-1/executions/ex-1/daily.ipynb".into()),
            ..Default::default()
        };
        assert_eq!(d.notebook_key(), NotebookKey::of_record(&run));
        let s3 = StartDraft {
            input_notebook: "s3://my-bucket/n/churn.ipynb".into(),
            ..d.clone()
        };
        assert_eq!(
            s3.notebook_key().unwrap().id(),
            "s3://my-bucket/n/churn.ipynb"
        );
        assert_eq!(StartDraft::blank().notebook_key(), None);
    }

    #[test]
    fn rows_are_capped_and_unknown_keys_ignored() {
        let many = (0..150)
            .map(|i| format!("env=K{i}%3Dv"))
            .collect::<Vec<_>>()
            .join("&");
        let View::Start(link) = Route::parse(&format!("view=start&secret=x&{many}")).view else {
            panic!()
        };
        assert!(!link.0.contains("secret"), "only the start keys are kept");
        let d = StartDraft::from_link(&link);
        assert_eq!(d.environment.len(), MAX_ROWS);
        assert_eq!(
            d.environment[0],
            KeyValue {
                key: "K0".into(),
                value: "v".into()
            }
        );
        let long = "x".repeat(20_000);
        let View::Start(link) = Route::parse(&format!("view=start&params={long}")).view else {
            panic!()
        };
        assert_eq!(
            StartDraft::from_link(&link).params.len(),
            20_000,
            "kept past the API limit, so that validation can say so"
        );
    }
}
