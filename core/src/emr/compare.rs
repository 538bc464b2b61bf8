//! What changed between two runs: their parameters (`NotebookParams` as JSON, key by key), their
//! environment variables, and the fields of the record that decide how a run goes. Only the two
//! executions' own data is compared.

use std::collections::BTreeMap;

use serde_json::Value;

use super::model::NotebookExecution;
use crate::format;

/// How one row of a comparison differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    Changed,
    Same,
}

impl Change {
    /// `data-change`.
    pub fn id(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Same => "same",
        }
    }

    /// Said in words beside the colour.
    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Same => "same",
        }
    }

    fn of(a: Option<&str>, b: Option<&str>) -> Change {
        match (a, b) {
            (None, None) => Change::Same,
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (Some(x), Some(y)) if x == y => Change::Same,
            _ => Change::Changed,
        }
    }
}

/// One row: a key (parameter, variable, field), its value in the base run (`a`) and the other
/// (`b`), shown in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub a: Option<String>,
    pub b: Option<String>,
    pub change: Change,
}

impl Row {
    fn new(key: impl Into<String>, a: Option<String>, b: Option<String>) -> Row {
        let change = Change::of(a.as_deref(), b.as_deref());
        Row {
            key: key.into(),
            a,
            b,
            change,
        }
    }
}

/// Two key-value sets compared key by key, keys sorted (so key order never counts).
fn by_key(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Vec<Row> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| Row::new(k.clone(), a.get(k).cloned(), b.get(k).cloned()))
        .collect()
}

/// How the parameters compare: key by key when both are JSON objects (or absent), else as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Params {
    Keys(Vec<Row>),
    /// At least one side is not a JSON object: the two texts.
    Text(Row),
}

/// A JSON object's members, each value as compact JSON; `None` if `text` is not an object.
fn members(text: Option<&str>) -> Option<BTreeMap<String, String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Some(BTreeMap::new());
    };
    match serde_json::from_str::<Value>(text).ok()? {
        Value::Object(m) => Some(m.into_iter().map(|(k, v)| (k, canonical(&v))).collect()),
        _ => None,
    }
}

/// A JSON value as text with object keys sorted at every depth, so `{"b":1,"a":2}` and
/// `{"a":2,"b":1}` are the same value.
fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&m[k])))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

pub fn params(a: Option<&str>, b: Option<&str>) -> Params {
    match (members(a), members(b)) {
        (Some(x), Some(y)) => Params::Keys(by_key(&x, &y)),
        _ => Params::Text(Row::new(
            "NotebookParams",
            a.map(str::to_string),
            b.map(str::to_string),
        )),
    }
}

/// Environment variables, name by name.
pub fn environment(a: &NotebookExecution, b: &NotebookExecution) -> Vec<Row> {
    let empty = BTreeMap::new();
    by_key(
        a.environment_variables.as_ref().unwrap_or(&empty),
        b.environment_variables.as_ref().unwrap_or(&empty),
    )
}

/// The fields that decide how a run goes, in the order the comparison shows them: each `key` is
/// its `data-field`.
pub fn fields(a: &NotebookExecution, b: &NotebookExecution) -> Vec<Row> {
    type Get = fn(&NotebookExecution) -> Option<String>;
    let rows: [(&str, Get); 14] = [
        ("ExecutionEngine.Id", |e| {
            e.execution_engine.as_ref().map(|x| x.id.clone())
        }),
        ("ExecutionEngine.Type", |e| {
            e.execution_engine
                .as_ref()
                .and_then(|x| x.engine_type.clone())
        }),
        ("ExecutionEngine.ExecutionRoleArn", |e| {
            e.execution_engine
                .as_ref()
                .and_then(|x| x.execution_role_arn.clone())
        }),
        ("ExecutionEngine.MasterInstanceSecurityGroupId", |e| {
            e.execution_engine
                .as_ref()
                .and_then(|x| x.master_instance_security_group_id.clone())
        }),
        ("NotebookInstanceSecurityGroupId", |e| {
            e.notebook_instance_security_group_id.clone()
        }),
        ("EditorId", |e| e.editor_id.clone()),
        ("NotebookS3Location", |e| {
            e.notebook_s3_location.as_ref().map(|l| {
                format!(
                    "s3://{}/{}",
                    l.bucket.as_deref().unwrap_or_default(),
                    l.key.as_deref().unwrap_or_default()
                )
            })
        }),
        ("OutputNotebookS3Location", |e| {
            e.output_notebook_s3_location.as_ref().map(|l| {
                format!(
                    "s3://{}/{}",
                    l.bucket.as_deref().unwrap_or_default(),
                    l.key.as_deref().unwrap_or_default()
                )
            })
        }),
        ("OutputNotebookFormat", |e| e.output_notebook_format.clone()),
        ("Tags", |e| {
            e.tags.as_ref().filter(|t| !t.is_empty()).map(|t| {
                let mut t: Vec<String> = t
                    .iter()
                    .map(|t| format!("{}={}", t.key, t.value.as_deref().unwrap_or_default()))
                    .collect();
                t.sort();
                t.join(", ")
            })
        }),
        ("Status", |e| {
            e.status.as_ref().map(|s| s.as_api().to_string())
        }),
        ("LastStateChangeReason", |e| {
            e.last_state_change_reason.clone()
        }),
        ("StartTime", |e| {
            e.start_time.map(|t| format::iso_utc(t.millis()))
        }),
        ("Duration", |e| {
            Some(format::duration(
                e.end_time?.millis() - e.start_time?.millis(),
            ))
        }),
    ];
    rows.iter()
        .map(|(k, get)| Row::new(*k, get(a), get(b)))
        .collect()
}

/// The rows that differ, for a one-line summary ("3 parameters changed").
pub fn differing(rows: &[Row]) -> usize {
    rows.iter().filter(|r| r.change != Change::Same).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::model::{ExecutionEngineConfig, Tag, Timestamp};

    #[test]
    fn parameters_key_by_key_nested_unordered_and_unicode() {
        let a = r#"{"date":"2026-12-03","limits":{"max":10,"min":1},"region":"eu-west-1","ünï":"çødé","gone":true}"#;
        let b = r#"{"limits":{"min":1,"max":10},"region":"us-east-1","date":"2026-12-04","ünï":"çødé","new":[1,2]}"#;
        let Params::Keys(rows) = params(Some(a), Some(b)) else {
            panic!("objects compare key by key")
        };
        let got: Vec<(&str, Change)> = rows.iter().map(|r| (r.key.as_str(), r.change)).collect();
        assert_eq!(
            got,
            [
                ("date", Change::Changed),
                ("gone", Change::Removed),
                ("limits", Change::Same),
                ("new", Change::Added),
                ("region", Change::Changed),
                ("ünï", Change::Same)
            ]
        );
        let region = rows.iter().find(|r| r.key == "region").unwrap();
        assert_eq!(
            (region.a.as_deref(), region.b.as_deref()),
            (Some("\"eu-west-1\""), Some("\"us-east-1\""))
        );
        assert_eq!(differing(&rows), 4);
        // None and empty are no parameters; text that is not an object compares as text.
        assert_eq!(params(None, Some("")), Params::Keys(vec![]));
        let Params::Text(row) = params(Some("not json"), Some("{}")) else {
            panic!("text")
        };
        assert_eq!(
            (row.change, row.a.as_deref()),
            (Change::Changed, Some("not json"))
        );
        let Params::Text(row) = params(Some("[1]"), Some("[1]")) else {
            panic!("an array is not an object")
        };
        assert_eq!(row.change, Change::Same);
    }

    #[test]
    fn environment_and_fields() {
        let base = NotebookExecution {
            execution_engine: Some(ExecutionEngineConfig {
                id: "j-1".into(),
                engine_type: Some("EMR".into()),
                master_instance_security_group_id: None,
                execution_role_arn: None,
            }),
            environment_variables: Some(BTreeMap::from([
                ("A".to_string(), "1".to_string()),
                ("B".to_string(), "2".to_string()),
            ])),
            tags: Some(vec![Tag {
                key: "team".into(),
                value: Some("data".into()),
            }]),
            start_time: Some(Timestamp(0)),
            end_time: Some(Timestamp(600_000)),
            ..Default::default()
        };
        let mut other = base.clone();
        other.execution_engine.as_mut().unwrap().id = "j-2".into();
        other
            .environment_variables
            .as_mut()
            .unwrap()
            .insert("C".into(), "3".into());
        other.environment_variables.as_mut().unwrap().remove("A");
        other.end_time = Some(Timestamp(1_200_000));
        let env: Vec<(String, Change)> = environment(&base, &other)
            .into_iter()
            .map(|r| (r.key, r.change))
            .collect();
        assert_eq!(
            env,
            [
                ("A".into(), Change::Removed),
                ("B".into(), Change::Same),
                ("C".into(), Change::Added)
            ]
        );
        let f = fields(&base, &other);
        let change = |k: &str| f.iter().find(|r| r.key == k).unwrap().change;
        assert_eq!(change("ExecutionEngine.Id"), Change::Changed);
        assert_eq!(change("ExecutionEngine.Type"), Change::Same);
        assert_eq!(change("Tags"), Change::Same);
        assert_eq!(change("Duration"), Change::Changed);
        assert_eq!(
            change("ExecutionEngine.ExecutionRoleArn"),
            Change::Same,
            "absent on both sides"
        );
        for c in [
            Change::Added,
            Change::Removed,
            Change::Changed,
            Change::Same,
        ] {
            assert_eq!(c.id(), c.label());
        }
    }
}
