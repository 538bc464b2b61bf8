//! StartNotebookExecution: validated like EMR, then a living execution on the lifecycle clock.

use emr_core::emr::model::NotebookExecution;
use emr_core::emr::operations::StartNotebookExecutionInput;
use serde_json::{json, Value};

use crate::emulator::Emulator;
use crate::errors::{invalid_request, validation, ApiError};
use crate::lifecycle::{Execution, Outcome, Plan};

impl Emulator {
    pub(crate) fn start(&mut self, body: Value, region: &str) -> Result<Value, ApiError> {
        for (member, key) in [
            ("executionEngine", "ExecutionEngine"),
            ("serviceRole", "ServiceRole"),
        ] {
            if body.get(key).is_none_or(Value::is_null) {
                return Err(validation(member));
            }
        }
        if body["ExecutionEngine"].get("Id").is_none_or(Value::is_null) {
            return Err(validation("executionEngine.id"));
        }
        let input: StartNotebookExecutionInput =
            serde_json::from_value(body).map_err(Self::bad_input)?;
        let problems = model_problems(&input);
        if !problems.is_empty() {
            return Err(validation_errors(&problems));
        }
        let engine = input.execution_engine.clone().unwrap_or_default();
        if let Some(refusal) = self.start_refusal(&engine.id, engine.execution_role_arn.as_deref())
        {
            return Err(refusal);
        }
        if let Some(editor) = input
            .editor_id
            .as_deref()
            .filter(|e| !self.config.editors.iter().any(|k| k == e))
        {
            return Err(invalid_request(format!(
                "Editor id '{editor}' is not valid."
            )));
        }
        let has_editor = input.editor_id.is_some() && input.relative_path.is_some();
        let s3_in = input
            .notebook_s3_location
            .clone()
            .filter(|l| l.bucket.is_some() && l.key.is_some());
        if !has_editor && s3_in.is_none() {
            return Err(invalid_request(
                "Either EditorId and RelativePath or NotebookS3Location must be specified.",
            ));
        }
        if let Some(p) = &input.notebook_params {
            if !p.trim_start().starts_with('{')
                || serde_json::from_str::<serde::de::IgnoredAny>(p).is_err()
            {
                return Err(invalid_request(
                    "NotebookParams must be a valid JSON object.",
                ));
            }
        }
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let id: String = "ex-"
            .chars()
            .chain((0..29).map(|_| A[(self.random() % 36) as usize] as char))
            .collect();
        let region = region.to_string();
        let account = self.config.account.clone();
        let source_path = input
            .relative_path
            .clone()
            .or_else(|| s3_in.as_ref().and_then(|l| l.key.clone()))
            .unwrap_or_default();
        let base = source_path
            .rsplit('/')
            .next()
            .unwrap_or("notebook")
            .trim_end_matches(".ipynb")
            .to_string();
        let ext = if input.output_notebook_format.is_some() {
            "html"
        } else {
            "ipynb"
        };
        let editor = input.editor_id.clone();
        let output_uri = match &input.output_notebook_s3_location {
            Some(loc) if loc.bucket.is_some() => format!(
                "s3://{}/{}/{id}/{base}.{ext}",
                loc.bucket.clone().unwrap_or_default(),
                loc.key.clone().unwrap_or_default().trim_end_matches('/')
            ),
            _ => format!(
                "s3://aws-emr-studio-{account}-{region}/{}/executions/{id}/{base}.{ext}",
                editor.clone().unwrap_or_else(|| "notebooks".into())
            ),
        };
        let wants_failure = input
            .notebook_params
            .as_deref()
            .and_then(|p| serde_json::from_str::<Value>(p).ok())
            .is_some_and(|p| p["fail"] == json!(true));
        let execution = Execution {
            region: region.clone(),
            template: NotebookExecution {
                notebook_execution_id: Some(id.clone()),
                editor_id: editor,
                execution_engine: Some(engine),
                notebook_execution_name: input.notebook_execution_name.clone(),
                notebook_params: input.notebook_params.clone(),
                arn: Some(format!(
                    "arn:aws:elasticmapreduce:{region}:{account}:notebook-execution/{id}"
                )),
                notebook_instance_security_group_id: input
                    .notebook_instance_security_group_id
                    .clone(),
                tags: Some(input.tags.clone().unwrap_or_default()),
                notebook_s3_location: s3_in,
                output_notebook_s3_location: input.output_notebook_s3_location.clone(),
                output_notebook_format: input.output_notebook_format.clone(),
                environment_variables: input.environment_variables.clone(),
                ..Default::default()
            },
            created_at: self.clock.lifecycle_now(),
            plan: Plan::default(),
            outcome: if wants_failure {
                Outcome::FailRunning("Notebook execution failed: cell 2 raised ValueError: the notebook was asked to fail (\"fail\": true in NotebookParams).".into())
            } else {
                Outcome::Finish
            },
            stop_requested_at: None,
            output_uri,
            object: Default::default(),
        };
        self.executions.insert(id.clone(), execution);
        Ok(json!({ "NotebookExecutionId": id }))
    }
}

const ROLE_ARN_PATTERN: &str = r"^arn:(aws[a-zA-Z0-9-]*):iam::(\d{12})?:(role((\u002F)|(\u002F[\u0021-\u007F]+\u002F))[\w+=,.@-]+)$";

/// Every member that breaks a constraint of botocore's model, as AWS words it.
fn model_problems(input: &StartNotebookExecutionInput) -> Vec<String> {
    let mut out = Vec::new();
    fn max_len(out: &mut Vec<String>, member: &str, value: Option<&str>, limit: usize) {
        if value.is_some_and(|v| v.chars().count() > limit) {
            out.push(format!("Value at '{member}' failed to satisfy constraint: Member must have length less than or equal to {limit}"));
        }
    }
    let mut max =
        |member: &str, value: Option<&str>, limit: usize| max_len(&mut out, member, value, limit);
    let engine = input.execution_engine.clone().unwrap_or_default();
    max("editorId", input.editor_id.as_deref(), 256);
    max("relativePath", input.relative_path.as_deref(), 10_280);
    max(
        "notebookExecutionName",
        input.notebook_execution_name.as_deref(),
        256,
    );
    max("notebookParams", input.notebook_params.as_deref(), 10_280);
    max("executionEngine.id", Some(&engine.id), 256);
    max(
        "executionEngine.masterInstanceSecurityGroupId",
        engine.master_instance_security_group_id.as_deref(),
        256,
    );
    max("serviceRole", input.service_role.as_deref(), 10_280);
    max(
        "notebookInstanceSecurityGroupId",
        input.notebook_instance_security_group_id.as_deref(),
        256,
    );
    if let Some(vars) = &input.environment_variables {
        for (k, v) in vars {
            max("environmentVariables.key", Some(k), 256);
            max("environmentVariables.value", Some(v), 10_280);
        }
    }
    for (member, loc) in [
        ("notebookS3Location", &input.notebook_s3_location),
        (
            "outputNotebookS3Location",
            &input.output_notebook_s3_location,
        ),
    ] {
        if let Some(l) = loc {
            max_len(
                &mut out,
                &format!("{member}.bucket"),
                l.bucket.as_deref(),
                256,
            );
            max_len(&mut out, &format!("{member}.key"), l.key.as_deref(), 10_280);
            if l.key.as_deref() == Some("") {
                out.push(format!("Value at '{member}.key' failed to satisfy constraint: Member must have length greater than or equal to 1"));
            }
        }
    }
    if let Some(arn) = &engine.execution_role_arn {
        let n = arn.chars().count();
        if !(20..=2048).contains(&n)
            || !arn.starts_with("arn:aws")
            || !arn.contains(":iam::")
            || !arn.contains(":role/")
        {
            out.push(format!("Value '{arn}' at 'executionEngine.executionRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: {ROLE_ARN_PATTERN}"));
        }
    }
    if let Some(t) = engine.engine_type.as_deref().filter(|t| *t != "EMR") {
        out.push(format!("Value '{t}' at 'executionEngine.type' failed to satisfy constraint: Member must satisfy enum value set: [EMR]"));
    }
    if let Some(f) = input
        .output_notebook_format
        .as_deref()
        .filter(|f| *f != "HTML")
    {
        out.push(format!("Value '{f}' at 'outputNotebookFormat' failed to satisfy constraint: Member must satisfy enum value set: [HTML]"));
    }
    out
}

/// `ValidationException: 2 validation errors detected: …; …` as AWS's coral layer answers.
fn validation_errors(problems: &[String]) -> ApiError {
    let n = problems.len();
    ApiError {
        status: 400,
        code: "ValidationException".into(),
        modeled: false,
        message: format!(
            "{n} validation error{} detected: {}",
            if n == 1 { "" } else { "s" },
            problems.join("; ")
        ),
        error_code: None,
    }
}
