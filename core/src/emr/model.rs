//! EMR's notebook-execution wire model (botocore `emr-2009-03-31`), as serde types.
//!
//! Every member of `NotebookExecution` is here; all are optional because the model marks none of
//! them required in output. Members AWS adds later are ignored (no `deny_unknown_fields`).
//! Timestamps travel as fractional epoch seconds and are held as whole milliseconds.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use super::status::ExecutionStatus;

/// An instant from the wire, in epoch milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_epoch_seconds(seconds: f64) -> Timestamp {
        Timestamp((seconds * 1000.0).round() as i64)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn epoch_seconds(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 1000 == 0 {
            s.serialize_i64(self.0 / 1000)
        } else {
            s.serialize_f64(self.epoch_seconds())
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = f64::deserialize(d)?;
        if !secs.is_finite() || secs.abs() > 1e12 {
            return Err(serde::de::Error::custom("timestamp out of range"));
        }
        Ok(Timestamp::from_epoch_seconds(secs))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExecutionEngineConfig {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub engine_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_instance_security_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_role_arn: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    #[serde(default)]
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `NotebookS3LocationForOutput` / `OutputNotebookS3LocationForOutput` (same members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct S3Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NotebookExecution {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_execution_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_engine: Option<ExecutionEngineConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_execution_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_params: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ExecutionStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(rename = "OutputNotebookURI", skip_serializing_if = "Option::is_none")]
    pub output_notebook_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_state_change_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_instance_security_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(rename = "NotebookS3Location", skip_serializing_if = "Option::is_none")]
    pub notebook_s3_location: Option<S3Location>,
    #[serde(
        rename = "OutputNotebookS3Location",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_notebook_s3_location: Option<S3Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_notebook_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment_variables: Option<BTreeMap<String, String>>,
}

/// `NotebookExecutionSummary`, one row of `ListNotebookExecutions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NotebookExecutionSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_execution_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_execution_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ExecutionStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    #[serde(rename = "NotebookS3Location", skip_serializing_if = "Option::is_none")]
    pub notebook_s3_location: Option<S3Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_engine_id: Option<String>,
}

impl NotebookExecution {
    pub fn summary(&self) -> NotebookExecutionSummary {
        NotebookExecutionSummary {
            notebook_execution_id: self.notebook_execution_id.clone(),
            editor_id: self.editor_id.clone(),
            notebook_execution_name: self.notebook_execution_name.clone(),
            status: self.status.clone(),
            start_time: self.start_time,
            end_time: self.end_time,
            notebook_s3_location: self.notebook_s3_location.clone(),
            execution_engine_id: self.execution_engine.as_ref().map(|e| e.id.clone()),
        }
    }
}

/// A notebook execution id as typed: trimmed, 1–256 characters, no control characters.
/// The model has no id pattern, so nothing stricter is enforced.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NotebookExecutionId(String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong(usize),
    ControlCharacter,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("Enter a notebook execution ID (it looks like ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV)."),
            IdError::TooLong(n) => write!(f, "A notebook execution ID has at most 256 characters; this one has {n}."),
            IdError::ControlCharacter => f.write_str("The notebook execution ID contains a tab or another control character inside it; copy it again."),
        }
    }
}

impl std::error::Error for IdError {}

impl NotebookExecutionId {
    pub fn parse(input: &str) -> Result<NotebookExecutionId, IdError> {
        let id = input.trim();
        if id.is_empty() {
            return Err(IdError::Empty);
        }
        let n = id.chars().count();
        if n > 256 {
            return Err(IdError::TooLong(n));
        }
        if id.chars().any(char::is_control) {
            return Err(IdError::ControlCharacter);
        }
        Ok(NotebookExecutionId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it looks like the ids EMR issues (`ex-` + upper-case alphanumerics); used only for
    /// a gentle hint, never to refuse.
    pub fn looks_like_emr_id(&self) -> bool {
        self.0.strip_prefix("ex-").is_some_and(|r| {
            !r.is_empty()
                && r.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
    }
}

impl fmt::Display for NotebookExecutionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_reference_response() {
        let v: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/data/describe_notebook_execution.response.json"
        ))
        .unwrap();
        let e: NotebookExecution = serde_json::from_value(v["NotebookExecution"].clone()).unwrap();
        assert_eq!(e.status, Some(ExecutionStatus::Finished));
        assert_eq!(e.start_time, Some(Timestamp(1_647_768_150_761)));
        assert_eq!(e.end_time, Some(Timestamp(1_647_768_220_416)));
        assert_eq!(e.execution_engine.as_ref().unwrap().id, "j-142PVKGDZTTXS");
        assert_eq!(e.tags, Some(vec![]));
        assert!(e.output_notebook_uri.unwrap().starts_with("s3://studio-"));
    }

    #[test]
    fn timestamps_round_to_milliseconds() {
        let t: Timestamp = serde_json::from_str("1593490900.5").unwrap();
        assert_eq!(t, Timestamp(1_593_490_900_500));
        let t: Timestamp = serde_json::from_str("1593490857").unwrap();
        assert_eq!(t, Timestamp(1_593_490_857_000));
        let t: Timestamp = serde_json::from_str("1647768150.7614").unwrap();
        assert_eq!(t, Timestamp(1_647_768_150_761));
        assert!(serde_json::from_str::<Timestamp>("\"2020-01-01\"").is_err());
        assert!(serde_json::from_str::<Timestamp>("1e300").is_err());
        assert_eq!(
            serde_json::to_string(&Timestamp(1_593_490_900_500)).unwrap(),
            "1593490900.5"
        );
        assert_eq!(
            serde_json::to_string(&Timestamp(1_593_490_857_000)).unwrap(),
            "1593490857"
        );
    }

    #[test]
    fn minimal_record_and_unknown_members() {
        let e: NotebookExecution = serde_json::from_str(
            r#"{"NotebookExecutionId":"ex-1","Brand":"new","Status":"HIBERNATING"}"#,
        )
        .unwrap();
        assert_eq!(
            e.status,
            Some(ExecutionStatus::Unknown("HIBERNATING".into()))
        );
        assert_eq!(e.start_time, None);
        let e: NotebookExecution = serde_json::from_str("{}").unwrap();
        assert_eq!(e, NotebookExecution::default());
    }

    /// Every member of `NotebookExecution` in botocore's model is carried through.
    #[test]
    fn covers_every_member_of_the_botocore_shape() {
        let model: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/emr-service-2.json")).unwrap();
        let shapes = &model["shapes"];
        let members = shapes["NotebookExecution"]["members"].as_object().unwrap();
        let mut full = serde_json::Map::new();
        for (name, m) in members {
            let shape = &shapes[m["shape"].as_str().unwrap()];
            let value = match shape["type"].as_str().unwrap() {
                "string" => serde_json::json!(format!("v-{name}")),
                "timestamp" => serde_json::json!(1_700_000_000.25),
                "list" => serde_json::json!([{"Key": "k", "Value": "v"}]),
                "map" => serde_json::json!({"K": "V"}),
                "structure" => {
                    let mut s = serde_json::Map::new();
                    for (mn, _) in shape["members"].as_object().unwrap() {
                        s.insert(mn.clone(), serde_json::json!(format!("v-{mn}")));
                    }
                    serde_json::Value::Object(s)
                }
                other => panic!("unexpected shape type {other}"),
            };
            full.insert(name.clone(), value);
        }
        assert_eq!(full.len(), 17);
        let parsed: NotebookExecution =
            serde_json::from_value(serde_json::Value::Object(full.clone())).unwrap();
        let back = serde_json::to_value(&parsed).unwrap();
        assert_eq!(back, serde_json::Value::Object(full));
    }

    #[test]
    fn summary_members_match_the_model() {
        let model: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/emr-service-2.json")).unwrap();
        let members: Vec<&String> = model["shapes"]["NotebookExecutionSummary"]["members"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        let s = NotebookExecutionSummary {
            notebook_execution_id: Some("a".into()),
            editor_id: Some("a".into()),
            notebook_execution_name: Some("a".into()),
            status: Some(ExecutionStatus::Running),
            start_time: Some(Timestamp(1)),
            end_time: Some(Timestamp(1)),
            notebook_s3_location: Some(S3Location::default()),
            execution_engine_id: Some("a".into()),
        };
        let v = serde_json::to_value(&s).unwrap();
        let mut got: Vec<&String> = v.as_object().unwrap().keys().collect();
        let mut want = members.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn ids_are_trimmed_and_checked_leniently() {
        assert_eq!(
            NotebookExecutionId::parse("  ex-ABC\r\n").unwrap().as_str(),
            "ex-ABC"
        );
        assert_eq!(NotebookExecutionId::parse(" \n\t"), Err(IdError::Empty));
        assert_eq!(
            NotebookExecutionId::parse(&"x".repeat(257)),
            Err(IdError::TooLong(257))
        );
        assert_eq!(
            NotebookExecutionId::parse("ex-A\tB"),
            Err(IdError::ControlCharacter)
        );
        let unicode = NotebookExecutionId::parse("ex-日本語").unwrap();
        assert!(!unicode.looks_like_emr_id());
        assert!(
            NotebookExecutionId::parse("ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV")
                .unwrap()
                .looks_like_emr_id()
        );
    }
}
