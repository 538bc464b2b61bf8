//! EMR's notebook-execution operations: target header, JSON input, parsed output.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{
    ExecutionEngineConfig, ExecutionStatus, NotebookExecution, NotebookExecutionId,
    NotebookExecutionSummary, S3Location, Tag, Timestamp,
};
use crate::aws::signing::JsonRequest;

/// EMR's SigV4 signing name.
pub const SIGNING_NAME: &str = "elasticmapreduce";
/// The JSON 1.1 target prefix (`X-Amz-Target: ElasticMapReduce.<Operation>`).
pub const TARGET_PREFIX: &str = "ElasticMapReduce";

/// The operations this console (and the emulator) speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    DescribeNotebookExecution,
    ListNotebookExecutions,
    StartNotebookExecution,
    StopNotebookExecution,
    ListClusters,
    DescribeCluster,
}

impl Operation {
    pub fn name(self) -> &'static str {
        match self {
            Operation::DescribeNotebookExecution => "DescribeNotebookExecution",
            Operation::ListNotebookExecutions => "ListNotebookExecutions",
            Operation::StartNotebookExecution => "StartNotebookExecution",
            Operation::StopNotebookExecution => "StopNotebookExecution",
            Operation::ListClusters => "ListClusters",
            Operation::DescribeCluster => "DescribeCluster",
        }
    }

    pub fn target(self) -> String {
        format!("{TARGET_PREFIX}.{}", self.name())
    }

    /// The IAM action a user needs, for permission errors.
    pub fn iam_action(self) -> String {
        format!("elasticmapreduce:{}", self.name())
    }

    pub fn from_target(target: &str) -> Option<Operation> {
        let name = target.strip_prefix(TARGET_PREFIX)?.strip_prefix('.')?;
        [
            Operation::DescribeNotebookExecution,
            Operation::ListNotebookExecutions,
            Operation::StartNotebookExecution,
            Operation::StopNotebookExecution,
            Operation::ListClusters,
            Operation::DescribeCluster,
        ]
        .into_iter()
        .find(|o| o.name() == name)
    }
}

/// The body was not the JSON the model promises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The response is not what EMR sends: {}", self.0)
    }
}

impl std::error::Error for ParseError {}

pub(crate) fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, ParseError> {
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        // Category and position only: no payload in the message (and no serde_json message
        // formatting in the bundle).
        let what = match e.classify() {
            Category::Syntax => "it is not valid JSON",
            Category::Eof => "it ends early",
            Category::Data => "a member has a type or value EMR does not send",
            Category::Io => "it could not be read",
        };
        ParseError(format!("{what} (line {}, column {})", e.line(), e.column()))
    })
}

pub(crate) fn json_request(op: Operation, input: &impl Serialize) -> JsonRequest {
    JsonRequest {
        target: op.target(),
        // Serialising these plain structs cannot fail.
        body: serde_json::to_string(input).unwrap_or_else(|_| "{}".to_string()),
    }
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeNotebookExecutionInput {
    pub notebook_execution_id: String,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeNotebookExecutionOutput {
    pub notebook_execution: Option<NotebookExecution>,
}

pub fn describe_request(id: &NotebookExecutionId) -> JsonRequest {
    json_request(
        Operation::DescribeNotebookExecution,
        &DescribeNotebookExecutionInput {
            notebook_execution_id: id.as_str().to_string(),
        },
    )
}

pub fn parse_describe(body: &[u8]) -> Result<NotebookExecution, ParseError> {
    parse::<DescribeNotebookExecutionOutput>(body)?
        .notebook_execution
        .ok_or_else(|| ParseError("it has no NotebookExecution member".into()))
}

/// `ListNotebookExecutions` filters; `From` defaults to 30 days ago on the server.
#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ListNotebookExecutionsInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ExecutionStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_engine_id: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ListNotebookExecutionsOutput {
    #[serde(default)]
    pub notebook_executions: Vec<NotebookExecutionSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

pub fn list_request(input: &ListNotebookExecutionsInput) -> JsonRequest {
    json_request(Operation::ListNotebookExecutions, input)
}

pub fn parse_list(body: &[u8]) -> Result<ListNotebookExecutionsOutput, ParseError> {
    parse(body)
}

pub fn stop_request(id: &NotebookExecutionId) -> JsonRequest {
    json_request(
        Operation::StopNotebookExecution,
        &DescribeNotebookExecutionInput {
            notebook_execution_id: id.as_str().to_string(),
        },
    )
}

/// `StartNotebookExecution` input (built by `start::StartDraft`, read by the emulator).
#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct StartNotebookExecutionInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_execution_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_params: Option<String>,
    pub execution_engine: Option<ExecutionEngineConfig>,
    pub service_role: Option<String>,
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

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct StartNotebookExecutionOutput {
    pub notebook_execution_id: Option<String>,
}

pub fn start_request(input: &StartNotebookExecutionInput) -> JsonRequest {
    json_request(Operation::StartNotebookExecution, input)
}

/// The new execution's id.
pub fn parse_start(body: &[u8]) -> Result<NotebookExecutionId, ParseError> {
    let id = parse::<StartNotebookExecutionOutput>(body)?
        .notebook_execution_id
        .ok_or_else(|| ParseError("it has no NotebookExecutionId member".into()))?;
    NotebookExecutionId::parse(&id)
        .map_err(|e| ParseError(format!("its NotebookExecutionId is unusable: {e}")))
}

/// `StopNotebookExecution` answers with an empty object; anything else that is not JSON is odd.
pub fn parse_stop(body: &[u8]) -> Result<(), ParseError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    parse::<serde::de::IgnoredAny>(body).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_request_shape() {
        let id = NotebookExecutionId::parse(" ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK\n").unwrap();
        let r = describe_request(&id);
        assert_eq!(r.target, "ElasticMapReduce.DescribeNotebookExecution");
        assert_eq!(
            r.body,
            r#"{"NotebookExecutionId":"ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK"}"#
        );
        let r = describe_request(&NotebookExecutionId::parse("ex-\"q\"\\ü").unwrap());
        let back: DescribeNotebookExecutionInput = serde_json::from_str(&r.body).unwrap();
        assert_eq!(back.notebook_execution_id, "ex-\"q\"\\ü");
    }

    #[test]
    fn list_request_matches_the_captured_botocore_body() {
        let r = list_request(&ListNotebookExecutionsInput {
            status: Some(ExecutionStatus::Running),
            from: Some(Timestamp(1_704_067_200_000)),
            to: Some(Timestamp(1_704_198_615_500)),
            marker: Some("abc".into()),
            ..Default::default()
        });
        assert_eq!(r.target, "ElasticMapReduce.ListNotebookExecutions");
        assert_eq!(
            r.body,
            r#"{"Status":"RUNNING","From":1704067200,"To":1704198615.5,"Marker":"abc"}"#
        );
        assert_eq!(list_request(&Default::default()).body, "{}");
    }

    #[test]
    fn parses_list_and_describe_outputs() {
        let out = parse_list(include_bytes!(
            "../../tests/data/list_notebook_executions.response.json"
        ))
        .unwrap();
        assert_eq!(out.notebook_executions.len(), 2);
        assert_eq!(out.marker.as_deref(), Some("opaque-token-for-next-page"));
        assert_eq!(
            out.notebook_executions[1].end_time,
            Some(Timestamp(1_593_490_900_500))
        );
        assert!(parse_describe(include_bytes!(
            "../../tests/data/describe_notebook_execution.response.json"
        ))
        .is_ok());
        assert_eq!(
            parse_describe(b"{}"),
            Err(ParseError("it has no NotebookExecution member".into()))
        );
        assert!(parse_describe(b"<html>").is_err());
        assert!(parse_describe(br#"{"NotebookExecution":{"StartTime":"yesterday"}}"#).is_err());
    }

    #[test]
    fn start_and_stop_outputs() {
        assert_eq!(
            parse_start(br#"{"NotebookExecutionId":"ex-NEW1"}"#)
                .unwrap()
                .as_str(),
            "ex-NEW1"
        );
        assert!(parse_start(b"{}").is_err());
        assert!(parse_start(br#"{"NotebookExecutionId":""}"#).is_err());
        assert_eq!(parse_stop(b"{}"), Ok(()));
        assert_eq!(parse_stop(b""), Ok(()));
        assert!(parse_stop(b"<html>").is_err());
        let r = stop_request(&NotebookExecutionId::parse("ex-1").unwrap());
        assert_eq!(
            (r.target.as_str(), r.body.as_str()),
            (
                "ElasticMapReduce.StopNotebookExecution",
                r#"{"NotebookExecutionId":"ex-1"}"#
            )
        );
    }

    #[test]
    fn targets_round_trip() {
        for op in [
            Operation::DescribeNotebookExecution,
            Operation::ListNotebookExecutions,
            Operation::StartNotebookExecution,
            Operation::StopNotebookExecution,
        ] {
            assert_eq!(Operation::from_target(&op.target()), Some(op));
        }
        assert_eq!(Operation::from_target("ElasticMapReduce.RunJobFlow"), None);
        assert_eq!(
            Operation::from_target("Other.DescribeNotebookExecution"),
            None
        );
        assert_eq!(
            Operation::DescribeNotebookExecution.iam_action(),
            "elasticmapreduce:DescribeNotebookExecution"
        );
    }
}
