//! Run again: a described execution → an editable `StartNotebookExecution` draft → a request that
//! respects the API model's limits, or every problem with the field it belongs to.
//!
//! Describe returns neither `RelativePath` nor `ServiceRole`, so the draft starts those empty
//! and with EMR's default role; everything else comes from the record, editable.

use std::collections::BTreeMap;
use std::fmt;

use super::history::NotebookKey;
use super::links::S3Uri;
use super::model::{ExecutionEngineConfig, NotebookExecution, S3Location, Tag};
use super::operations::StartNotebookExecutionInput;

pub mod code;
pub mod link;

/// The service role EMR Studio creates; Describe does not say which one a run used.
pub const DEFAULT_SERVICE_ROLE: &str = "EMR_Notebooks_DefaultRole";

/// Limits from botocore's `emr-service-2.json` (a test checks them against the model).
pub mod limits {
    /// `XmlStringMaxLen256`: ids, names, security groups, environment variable names.
    pub const SHORT: usize = 256;
    /// `XmlString` / `UriString`: paths, parameters, service role, keys, values.
    pub const LONG: usize = 10_280;
    /// `IAMRoleArn`.
    pub const ROLE_ARN_MIN: usize = 20;
    pub const ROLE_ARN_MAX: usize = 2_048;
    /// Tags, as the EMR documentation states them (the model leaves `String` unbounded).
    pub const TAG_KEY: usize = 128;
    pub const TAG_VALUE: usize = 256;
}

/// One editable key/value row (environment variables, tags).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// The run-again form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartDraft {
    pub name: String,
    pub editor_id: String,
    pub relative_path: String,
    /// `s3://bucket/key.ipynb`.
    pub input_notebook: String,
    pub cluster_id: String,
    /// `EMR` (the only engine type) or empty.
    pub engine_type: String,
    pub master_security_group: String,
    pub service_role: String,
    pub execution_role_arn: String,
    pub params: String,
    /// `s3://bucket/prefix/`.
    pub output_notebook: String,
    /// `HTML` or empty (an `.ipynb`).
    pub output_format: String,
    pub environment: Vec<KeyValue>,
    pub tags: Vec<KeyValue>,
    pub notebook_security_group: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StartField {
    Name,
    EditorId,
    RelativePath,
    InputNotebook,
    ClusterId,
    EngineType,
    MasterSecurityGroup,
    ServiceRole,
    ExecutionRoleArn,
    Params,
    OutputNotebook,
    OutputFormat,
    /// A row of the environment variables, by position.
    Environment(usize),
    Tag(usize),
    NotebookSecurityGroup,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartProblem {
    pub field: StartField,
    pub message: String,
}

impl fmt::Display for StartProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn s3_text(loc: &Option<S3Location>) -> String {
    loc.as_ref()
        .and_then(S3Uri::from_location)
        .map(|u| u.to_string())
        .unwrap_or_default()
}

impl StartDraft {
    /// The form pre-filled from a described execution.
    pub fn from_record(e: &NotebookExecution) -> StartDraft {
        let engine = e.execution_engine.clone().unwrap_or_default();
        let params = e.notebook_params.clone().unwrap_or_default();
        StartDraft {
            name: e.notebook_execution_name.clone().unwrap_or_default(),
            editor_id: e.editor_id.clone().unwrap_or_default(),
            relative_path: String::new(),
            input_notebook: s3_text(&e.notebook_s3_location),
            cluster_id: engine.id,
            engine_type: engine.engine_type.unwrap_or_else(|| "EMR".into()),
            master_security_group: engine.master_instance_security_group_id.unwrap_or_default(),
            service_role: DEFAULT_SERVICE_ROLE.to_string(),
            execution_role_arn: engine.execution_role_arn.unwrap_or_default(),
            params: crate::format::pretty_json(&params).unwrap_or(params),
            output_notebook: s3_text(&e.output_notebook_s3_location),
            output_format: e.output_notebook_format.clone().unwrap_or_default(),
            environment: e
                .environment_variables
                .iter()
                .flatten()
                .map(|(k, v)| KeyValue {
                    key: k.clone(),
                    value: v.clone(),
                })
                .collect(),
            tags: e
                .tags
                .iter()
                .flatten()
                .map(|t| KeyValue {
                    key: t.key.clone(),
                    value: t.value.clone().unwrap_or_default(),
                })
                .collect(),
            notebook_security_group: e
                .notebook_instance_security_group_id
                .clone()
                .unwrap_or_default(),
        }
    }

    /// The notebook this draft runs, keyed as its executions are grouped
    /// ([`NotebookKey::of_record`]: the S3 object, or the editor and the file's stem), so that
    /// what Describe does not return can be remembered for the next Run again of it.
    pub fn notebook_key(&self) -> Option<NotebookKey> {
        if let Some(u) = S3Uri::parse(self.input_notebook.trim()).filter(S3Uri::is_object) {
            return Some(NotebookKey::S3 {
                bucket: u.bucket,
                key: u.key,
            });
        }
        let editor = self.editor_id.trim();
        let file = self
            .relative_path
            .trim()
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        (!editor.is_empty() && !stem.is_empty()).then(|| NotebookKey::Workspace {
            editor_id: editor.to_string(),
            path: stem.to_string(),
        })
    }

    /// The request exactly as the form shows it (empty fields are not sent), or every problem.
    pub fn validate(&self) -> Result<StartNotebookExecutionInput, Vec<StartProblem>> {
        let mut p = Problems::default();
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());

        let name = p.text(
            StartField::Name,
            "Execution name",
            &self.name,
            limits::SHORT,
        );
        let editor = p.text(
            StartField::EditorId,
            "Editor ID",
            &self.editor_id,
            limits::SHORT,
        );
        let relative = p.text(
            StartField::RelativePath,
            "Relative path",
            &self.relative_path,
            limits::LONG,
        );
        let input = match self.input_notebook.trim() {
            "" => None,
            t => match S3Uri::parse(t) {
                Some(u) if u.is_object() && u.key.chars().count() <= limits::LONG => Some(u),
                Some(u) if u.is_object() => {
                    p.add(
                        StartField::InputNotebook,
                        format!(
                            "Input notebook: the key has at most {} characters.",
                            limits::LONG
                        ),
                    );
                    None
                }
                _ => {
                    p.add(StartField::InputNotebook, "Input notebook must be an s3:// URI of a notebook file, like s3://my-bucket/notebooks/report.ipynb.".into());
                    None
                }
            },
        };
        if input.is_none()
            && self.input_notebook.trim().is_empty()
            && (editor.is_none() || relative.is_none())
        {
            match (&editor, &relative) {
                (Some(_), None) => p.add(
                    StartField::RelativePath,
                    "Relative path is required when there is no input notebook S3 location (Describe does not return it: give the notebook's path in the editor, like notebooks/report.ipynb).".into(),
                ),
                _ => p.add(
                    StartField::InputNotebook,
                    "Give an input notebook (s3://…), or an Editor ID and a Relative path.".into(),
                ),
            }
        }
        let cluster = p.text(
            StartField::ClusterId,
            "Cluster ID",
            &self.cluster_id,
            limits::SHORT,
        );
        if cluster.is_none() && self.cluster_id.trim().is_empty() {
            p.add(StartField::ClusterId, "Cluster ID is required (the EMR cluster that runs the notebook, like j-1K48XXXXXXHCB).".into());
        }
        let engine_type = match self.engine_type.trim() {
            "" => None,
            "EMR" => Some("EMR".to_string()),
            other => {
                p.add(
                    StartField::EngineType,
                    format!(
                        "Engine type “{}” is not one EMR knows; the only one is EMR.",
                        crate::format::shorten(other, 20)
                    ),
                );
                None
            }
        };
        let master = p.text(
            StartField::MasterSecurityGroup,
            "Master instance security group",
            &self.master_security_group,
            limits::SHORT,
        );
        let service_role = p.text(
            StartField::ServiceRole,
            "Service role",
            &self.service_role,
            limits::LONG,
        );
        if service_role.is_none() && self.service_role.trim().is_empty() {
            p.add(StartField::ServiceRole, format!("Service role is required: the name or ARN of EMR's role for notebook executions (often {DEFAULT_SERVICE_ROLE})."));
        }
        let role_arn = match self.execution_role_arn.trim() {
            "" => None,
            arn => match role_arn_problem(arn) {
                None => Some(arn.to_string()),
                Some(why) => {
                    p.add(
                        StartField::ExecutionRoleArn,
                        format!("Execution role ARN {why}"),
                    );
                    None
                }
            },
        };
        let params = match self.params.trim() {
            "" => None,
            text => match params_problem(text) {
                None if text.chars().count() > limits::LONG => {
                    p.add(
                        StartField::Params,
                        format!(
                            "Notebook parameters have at most {} characters.",
                            limits::LONG
                        ),
                    );
                    None
                }
                None => Some(text.to_string()),
                Some(why) => {
                    p.add(StartField::Params, why);
                    None
                }
            },
        };
        let output = match self.output_notebook.trim() {
            "" => None,
            t => match S3Uri::parse(t) {
                Some(u) if !u.key.is_empty() && u.key.chars().count() <= limits::LONG => Some(u),
                Some(u) if !u.key.is_empty() => {
                    p.add(
                        StartField::OutputNotebook,
                        format!(
                            "Output notebook: the key has at most {} characters.",
                            limits::LONG
                        ),
                    );
                    None
                }
                _ => {
                    p.add(StartField::OutputNotebook, "Output notebook must be an s3:// location with a folder, like s3://my-bucket/outputs/.".into());
                    None
                }
            },
        };
        let format = match self.output_format.trim() {
            "" => None,
            "HTML" => Some("HTML".to_string()),
            other => {
                p.add(StartField::OutputFormat, format!("Output format “{}” is not one EMR knows; leave it empty for a notebook (.ipynb) or choose HTML.", crate::format::shorten(other, 20)));
                None
            }
        };
        let environment = p.pairs(
            &self.environment,
            StartField::Environment,
            "Environment variable",
            limits::SHORT,
            limits::LONG,
            true,
        );
        let tags = p.pairs(
            &self.tags,
            StartField::Tag,
            "Tag",
            limits::TAG_KEY,
            limits::TAG_VALUE,
            false,
        );
        let nb_sg = p.text(
            StartField::NotebookSecurityGroup,
            "Notebook instance security group",
            &self.notebook_security_group,
            limits::SHORT,
        );

        if !p.0.is_empty() {
            return Err(p.0);
        }
        let location = |u: S3Uri| S3Location {
            bucket: Some(u.bucket),
            key: Some(u.key),
        };
        Ok(StartNotebookExecutionInput {
            editor_id: editor,
            relative_path: relative,
            notebook_execution_name: name,
            notebook_params: params,
            execution_engine: Some(ExecutionEngineConfig {
                id: cluster.unwrap_or_default(),
                engine_type,
                master_instance_security_group_id: master,
                execution_role_arn: role_arn,
            }),
            service_role: service_role.or_else(|| opt(&self.service_role)),
            notebook_instance_security_group_id: nb_sg,
            tags: (!tags.is_empty()).then(|| {
                tags.into_iter()
                    .map(|(key, value)| Tag {
                        key,
                        value: Some(value).filter(|v| !v.is_empty()),
                    })
                    .collect()
            }),
            notebook_s3_location: input.map(location),
            output_notebook_s3_location: output.map(location),
            output_notebook_format: format,
            environment_variables: (!environment.is_empty())
                .then(|| environment.into_iter().collect::<BTreeMap<_, _>>()),
        })
    }
}

#[derive(Default)]
struct Problems(Vec<StartProblem>);

impl Problems {
    fn add(&mut self, field: StartField, message: String) {
        self.0.push(StartProblem { field, message });
    }

    /// A trimmed text member within `max` characters of XML-safe text; `None` when empty or wrong.
    fn text(&mut self, field: StartField, label: &str, value: &str, max: usize) -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        let n = v.chars().count();
        if n > max {
            self.add(
                field,
                format!("{label} has at most {max} characters; this one has {n}."),
            );
            return None;
        }
        if !xml_text(v) {
            self.add(
                field,
                format!("{label} contains a control character EMR does not accept; type it again."),
            );
            return None;
        }
        Some(v.to_string())
    }

    /// Key/value rows: blank rows are skipped; keys are required, unique and within limits.
    fn pairs(
        &mut self,
        rows: &[KeyValue],
        field: fn(usize) -> StartField,
        label: &str,
        key_max: usize,
        value_max: usize,
        trim_value: bool,
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let key = row.key.trim();
            let value = if trim_value {
                row.value.trim()
            } else {
                row.value.as_str()
            };
            if key.is_empty() && value.is_empty() {
                continue;
            }
            let n = i + 1;
            if key.is_empty() {
                self.add(field(i), format!("{label} {n} has a value but no name."));
            } else if key.chars().count() > key_max {
                self.add(
                    field(i),
                    format!("{label} {n}: the name has at most {key_max} characters."),
                );
            } else if value.chars().count() > value_max {
                self.add(
                    field(i),
                    format!("{label} {n}: the value has at most {value_max} characters."),
                );
            } else if !xml_text(key) || !xml_text(value) {
                self.add(
                    field(i),
                    format!("{label} {n} contains a control character EMR does not accept."),
                );
            } else if out.iter().any(|(k, _)| k == key) {
                self.add(
                    field(i),
                    format!(
                        "{label} {n}: “{}” is given twice.",
                        crate::format::shorten(key, 40)
                    ),
                );
            } else {
                out.push((key.to_string(), value.to_string()));
            }
        }
        out
    }
}

/// The model's `XmlString` pattern: tab, newline and carriage return are the only control
/// characters, and U+FFFE/U+FFFF are refused.
fn xml_text(s: &str) -> bool {
    s.chars().all(|c| match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    })
}

/// Why `arn` does not match the model's `IAMRoleArn` pattern, or `None` when it does:
/// `arn:aws[-…]:iam::[account]:role/[path/]name`.
fn role_arn_problem(arn: &str) -> Option<&'static str> {
    let n = arn.chars().count();
    if !(limits::ROLE_ARN_MIN..=limits::ROLE_ARN_MAX).contains(&n) {
        return Some("has 20 to 2,048 characters, like arn:aws:iam::111122223333:role/EMRNotebookExecutionRole.");
    }
    let shape = "must look like arn:aws:iam::111122223333:role/MyRole (an IAM role ARN).";
    let Some(rest) = arn.strip_prefix("arn:aws") else {
        return Some(shape);
    };
    let (partition_tail, rest) = rest.split_once(':').unwrap_or((rest, ""));
    if !partition_tail
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Some(shape);
    }
    let Some(rest) = rest.strip_prefix("iam::") else {
        return Some(shape);
    };
    let Some((account, resource)) = rest.split_once(':') else {
        return Some(shape);
    };
    if !(account.is_empty() || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
    {
        return Some("has an account that is not 12 digits.");
    }
    let Some(path_and_name) = resource.strip_prefix("role/") else {
        return Some(shape);
    };
    let (path, name) = match path_and_name.rfind('/') {
        Some(i) => (&path_and_name[..i], &path_and_name[i + 1..]),
        None => ("", path_and_name),
    };
    let path_ok = path.bytes().all(|b| (0x21..=0x7f).contains(&b));
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
    (!path_ok || !name_ok).then_some(shape)
}

/// Why `text` is not a JSON object, pointing at the line and column, or `None` when it is one.
fn params_problem(text: &str) -> Option<String> {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) if text.starts_with('{') => None,
        Ok(_) => Some("Notebook parameters must be a JSON object, like {\"run_date\": \"2026-12-01\"}: names and values in braces.".into()),
        Err(e) => {
            let what = e.to_string();
            // serde_json ends its text with " at line L column C"; the position is said first here.
            let what = what.split(" at line ").next().unwrap_or(&what).to_string();
            Some(format!(
                "Notebook parameters are not valid JSON: line {}, column {}: {what}.",
                e.line(),
                e.column()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::operations::start_request;

    fn record() -> NotebookExecution {
        serde_json::from_str(
            r#"{"NotebookExecutionId":"ex-1","EditorId":"e-ABC","NotebookExecutionName":"nightly-etl",
            "NotebookParams":"{\"date\":\"2026-12-01\",\"n\":3}","Status":"FAILED",
            "ExecutionEngine":{"Id":"j-123ABC","Type":"EMR","MasterInstanceSecurityGroupId":"sg-m","ExecutionRoleArn":"arn:aws:iam::111122223333:role/service-role/ExecRole"},
            "NotebookInstanceSecurityGroupId":"sg-n",
            "Tags":[{"Key":"team","Value":"data"},{"Key":"empty"}],
            "NotebookS3Location":{"Bucket":"my-bucket","Key":"notebooks/etl.ipynb"},
            "OutputNotebookS3Location":{"Bucket":"my-bucket","Key":"outputs/"},
            "OutputNotebookFormat":"HTML","EnvironmentVariables":{"SPARK_ENV":"prod"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_draft_is_prefilled_from_the_record() {
        let d = StartDraft::from_record(&record());
        assert_eq!(d.name, "nightly-etl");
        assert_eq!(d.editor_id, "e-ABC");
        assert_eq!(d.relative_path, "", "Describe does not return it");
        assert_eq!(d.input_notebook, "s3://my-bucket/notebooks/etl.ipynb");
        assert_eq!(
            (
                d.cluster_id.as_str(),
                d.engine_type.as_str(),
                d.master_security_group.as_str()
            ),
            ("j-123ABC", "EMR", "sg-m")
        );
        assert_eq!(d.service_role, DEFAULT_SERVICE_ROLE);
        assert_eq!(
            d.execution_role_arn,
            "arn:aws:iam::111122223333:role/service-role/ExecRole"
        );
        assert_eq!(d.params, "{\n  \"date\": \"2026-12-01\",\n  \"n\": 3\n}");
        assert_eq!(
            (d.output_notebook.as_str(), d.output_format.as_str()),
            ("s3://my-bucket/outputs/", "HTML")
        );
        assert_eq!(
            d.environment,
            [KeyValue {
                key: "SPARK_ENV".into(),
                value: "prod".into()
            }]
        );
        assert_eq!(
            d.tags[1],
            KeyValue {
                key: "empty".into(),
                value: String::new()
            }
        );
        assert_eq!(d.notebook_security_group, "sg-n");
        let empty = StartDraft::from_record(&NotebookExecution::default());
        assert_eq!(
            (empty.engine_type.as_str(), empty.service_role.as_str()),
            ("EMR", DEFAULT_SERVICE_ROLE)
        );
    }

    #[test]
    fn every_member_is_sent_exactly_as_the_form_shows_it() {
        let d = StartDraft {
            name: "nightly-etl (fix)".into(),
            ..StartDraft::from_record(&record())
        };
        let input = d.validate().unwrap();
        let body = start_request(&input).body;
        assert_eq!(
            body,
            r#"{"EditorId":"e-ABC","NotebookExecutionName":"nightly-etl (fix)","NotebookParams":"{\n  \"date\": \"2026-12-01\",\n  \"n\": 3\n}","ExecutionEngine":{"Id":"j-123ABC","Type":"EMR","MasterInstanceSecurityGroupId":"sg-m","ExecutionRoleArn":"arn:aws:iam::111122223333:role/service-role/ExecRole"},"ServiceRole":"EMR_Notebooks_DefaultRole","NotebookInstanceSecurityGroupId":"sg-n","Tags":[{"Key":"team","Value":"data"},{"Key":"empty"}],"NotebookS3Location":{"Bucket":"my-bucket","Key":"notebooks/etl.ipynb"},"OutputNotebookS3Location":{"Bucket":"my-bucket","Key":"outputs/"},"OutputNotebookFormat":"HTML","EnvironmentVariables":{"SPARK_ENV":"prod"}}"#
        );
        // The minimum: a cluster, a role and an editor notebook; nothing empty is sent.
        let d = StartDraft {
            editor_id: "e-1".into(),
            relative_path: "nb/x.ipynb".into(),
            cluster_id: "j-1".into(),
            service_role: "arn:aws:iam::111122223333:role/EMR".into(),
            environment: vec![KeyValue::default()],
            ..Default::default()
        };
        assert_eq!(
            start_request(&d.validate().unwrap()).body,
            r#"{"EditorId":"e-1","RelativePath":"nb/x.ipynb","ExecutionEngine":{"Id":"j-1"},"ServiceRole":"arn:aws:iam::111122223333:role/EMR"}"#
        );
    }

    #[test]
    fn params_errors_point_at_line_and_column() {
        let d = StartDraft {
            params: "{\n  \"date\": \"2026-12-01\"\n  \"n\": 3\n}".into(),
            ..StartDraft::from_record(&record())
        };
        let p = d.validate().unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, StartField::Params);
        assert_eq!(
            p[0].message,
            "Notebook parameters are not valid JSON: line 3, column 3: expected `,` or `}`."
        );
        let d = StartDraft {
            params: "[1, 2]".into(),
            ..StartDraft::from_record(&record())
        };
        assert!(d.validate().unwrap_err()[0]
            .message
            .contains("must be a JSON object"));
        let d = StartDraft {
            params: format!("{{\"x\":\"{}\"}}", "a".repeat(10_280)),
            ..StartDraft::from_record(&record())
        };
        assert!(d.validate().unwrap_err()[0]
            .message
            .contains("at most 10280"));
    }

    #[test]
    fn required_members_and_limits() {
        let d = StartDraft {
            cluster_id: " ".into(),
            service_role: String::new(),
            input_notebook: String::new(),
            editor_id: String::new(),
            ..Default::default()
        };
        let fields: Vec<_> = d
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                StartField::InputNotebook,
                StartField::ClusterId,
                StartField::ServiceRole
            ]
        );
        let d = StartDraft {
            input_notebook: String::new(),
            relative_path: String::new(),
            ..StartDraft::from_record(&record())
        };
        let p = d.validate().unwrap_err();
        assert_eq!(p[0].field, StartField::RelativePath);
        assert!(p[0]
            .message
            .contains("required when there is no input notebook S3 location"));
        let long = StartDraft {
            name: "n".repeat(257),
            master_security_group: "s".repeat(257),
            ..StartDraft::from_record(&record())
        };
        let p = long.validate().unwrap_err();
        assert_eq!(
            p.iter().map(|p| p.field).collect::<Vec<_>>(),
            [StartField::Name, StartField::MasterSecurityGroup]
        );
        assert_eq!(
            p[0].message,
            "Execution name has at most 256 characters; this one has 257."
        );
        let control = StartDraft {
            name: "a\u{7}b".into(),
            ..StartDraft::from_record(&record())
        };
        assert_eq!(control.validate().unwrap_err()[0].field, StartField::Name);
        let ok = StartDraft {
            name: "emoji 🚀 and\ttab".into(),
            ..StartDraft::from_record(&record())
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn s3_uris_engine_type_and_format() {
        let base = StartDraft::from_record(&record());
        for (draft, field) in [
            (
                StartDraft {
                    input_notebook: "https://my-bucket/x.ipynb".into(),
                    ..base.clone()
                },
                StartField::InputNotebook,
            ),
            (
                StartDraft {
                    input_notebook: "s3://my-bucket/folder/".into(),
                    ..base.clone()
                },
                StartField::InputNotebook,
            ),
            (
                StartDraft {
                    output_notebook: "s3://my-bucket".into(),
                    ..base.clone()
                },
                StartField::OutputNotebook,
            ),
            (
                StartDraft {
                    output_notebook: "s3://b/x".into(),
                    ..base.clone()
                },
                StartField::OutputNotebook,
            ),
            (
                StartDraft {
                    engine_type: "EKS".into(),
                    ..base.clone()
                },
                StartField::EngineType,
            ),
            (
                StartDraft {
                    output_format: "PDF".into(),
                    ..base.clone()
                },
                StartField::OutputFormat,
            ),
        ] {
            assert_eq!(draft.validate().unwrap_err()[0].field, field, "{draft:?}");
        }
    }

    #[test]
    fn role_arns_follow_the_model_pattern() {
        for ok in [
            "arn:aws:iam::111122223333:role/EMR",
            "arn:aws-cn:iam::111122223333:role/service-role/x+=,.@-_",
            "arn:aws-us-gov:iam:::role/a/b/c/Name",
        ] {
            assert_eq!(role_arn_problem(ok), None, "{ok}");
        }
        for bad in [
            "EMR_Notebooks_DefaultRole",
            "arn:aws:iam::1234:role/EMR",
            "arn:aws:s3:::my-bucket/role/xx",
            "arn:aws:iam::111122223333:user/Bob",
            "arn:aws:iam::111122223333:role/",
            "arn:aws:iam::111122223333:role/a b",
            "arn:azure:iam::111122223333:role/EMR",
        ] {
            assert!(role_arn_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn key_value_rows() {
        let d = StartDraft {
            environment: vec![
                KeyValue {
                    key: "A".into(),
                    value: "1".into(),
                },
                KeyValue {
                    key: String::new(),
                    value: "orphan".into(),
                },
                KeyValue {
                    key: "A".into(),
                    value: "2".into(),
                },
                KeyValue {
                    key: "k".repeat(257),
                    value: String::new(),
                },
            ],
            tags: vec![
                KeyValue {
                    key: "t".repeat(129),
                    value: String::new(),
                },
                KeyValue {
                    key: "v".into(),
                    value: "x".repeat(257),
                },
            ],
            ..StartDraft::from_record(&record())
        };
        let p = d.validate().unwrap_err();
        let fields: Vec<_> = p.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                StartField::Environment(1),
                StartField::Environment(2),
                StartField::Environment(3),
                StartField::Tag(0),
                StartField::Tag(1)
            ]
        );
        assert_eq!(p[1].message, "Environment variable 3: “A” is given twice.");
    }

    /// The limits above are the model's.
    #[test]
    fn limits_match_the_botocore_model() {
        let model: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/data/emr-service-2.json")).unwrap();
        let shape = |n: &str| model["shapes"][n].clone();
        assert_eq!(shape("XmlStringMaxLen256")["max"], 256);
        assert_eq!(shape("XmlString")["max"], limits::LONG);
        assert_eq!(shape("UriString")["max"], limits::LONG);
        assert_eq!(shape("IAMRoleArn")["min"], limits::ROLE_ARN_MIN);
        assert_eq!(shape("IAMRoleArn")["max"], limits::ROLE_ARN_MAX);
        assert_eq!(
            shape("OutputNotebookFormat")["enum"],
            serde_json::json!(["HTML"])
        );
        assert_eq!(
            shape("ExecutionEngineType")["enum"],
            serde_json::json!(["EMR"])
        );
        let input = shape("StartNotebookExecutionInput");
        assert_eq!(
            input["required"],
            serde_json::json!(["ExecutionEngine", "ServiceRole"])
        );
        for (member, shape_name) in [
            ("EditorId", "XmlStringMaxLen256"),
            ("RelativePath", "XmlString"),
            ("NotebookExecutionName", "XmlStringMaxLen256"),
            ("NotebookParams", "XmlString"),
            ("ServiceRole", "XmlString"),
            ("NotebookInstanceSecurityGroupId", "XmlStringMaxLen256"),
        ] {
            assert_eq!(input["members"][member]["shape"], shape_name, "{member}");
        }
        assert_eq!(limits::SHORT, 256);
    }
}
