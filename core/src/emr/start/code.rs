//! The same start as code: what `Start execution` would send, written for the AWS CLI, boto3,
//! Airflow and EventBridge Scheduler, quoted so that no value can break out of its string.
//!
//! Every writer takes the validated [`StartNotebookExecutionInput`], so what is copied is exactly
//! the request body the page signs. Credentials never reach a writer: where the code runs, its own
//! credentials chain applies.

use serde_json::Value;

use crate::emr::operations::StartNotebookExecutionInput;

/// The kinds of code `Copy as` offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Cli,
    Boto3,
    Airflow,
    Scheduler,
}

impl Language {
    pub const ALL: [Language; 4] = [
        Language::Cli,
        Language::Boto3,
        Language::Airflow,
        Language::Scheduler,
    ];

    /// The menu item's text.
    pub fn label(self) -> &'static str {
        match self {
            Language::Cli => "AWS CLI",
            Language::Boto3 => "boto3",
            Language::Airflow => "Airflow",
            Language::Scheduler => "EventBridge Scheduler",
        }
    }

    /// `data-language`.
    pub fn id(self) -> &'static str {
        match self {
            Language::Cli => "cli",
            Language::Boto3 => "boto3",
            Language::Airflow => "airflow",
            Language::Scheduler => "scheduler",
        }
    }
}

/// Where the start goes: the region the page signs for, and the endpoint when it is not AWS's own
/// (a local emulator, a VPC endpoint), so that the code reaches the same place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub region: String,
    /// `None`: AWS's default endpoint for the region.
    pub endpoint_url: Option<String>,
}

impl Place {
    fn partition(&self) -> &'static str {
        crate::aws::region::Region::parse(&self.region).map_or("aws", |r| r.partition().id())
    }
}

/// `input` written as `language`.
pub fn write(language: Language, input: &StartNotebookExecutionInput, place: &Place) -> String {
    match language {
        Language::Cli => cli(input, place),
        Language::Boto3 => boto3(input, place),
        Language::Airflow => airflow(input, place),
        Language::Scheduler => scheduler(input, place),
    }
}

/// The request body as the CLI's `--cli-input-json` reads it (the API's member names).
pub fn request_json(input: &StartNotebookExecutionInput) -> String {
    serde_json::to_string_pretty(input).unwrap_or_default()
}

/// A POSIX shell word that is exactly `s`: single quotes, each `'` written as `'\''`. Inside
/// single quotes nothing is special (`$()`, backticks, `\`, newlines), in sh, bash and zsh alike.
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,+%".contains(&b));
    if safe {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A Python string literal equal to `s`: double quotes, backslash escapes for quotes, backslashes
/// and anything that is not printable (controls, line and paragraph separators, the BOM, lone
/// combining marks stay as typed: they are printable and harmless in a string).
pub fn python_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Python literal equal to the JSON `v` (dicts, lists, strings, numbers, True/False/None),
/// indented by four spaces per level from `indent`.
pub fn python_literal(v: &Value, indent: usize) -> String {
    let pad = |n: usize| "    ".repeat(n);
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => python_string(s),
        Value::Array(items) if items.is_empty() => "[]".into(),
        Value::Array(items) => {
            let inner: Vec<String> = items
                .iter()
                .map(|i| format!("{}{},", pad(indent + 1), python_literal(i, indent + 1)))
                .collect();
            format!("[\n{}\n{}]", inner.join("\n"), pad(indent))
        }
        Value::Object(map) if map.is_empty() => "{}".into(),
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}{}: {},",
                        pad(indent + 1),
                        python_string(k),
                        python_literal(v, indent + 1)
                    )
                })
                .collect();
            format!("{{\n{}\n{}}}", inner.join("\n"), pad(indent))
        }
    }
}

/// The input as a JSON value with the members in the API's order (struct order).
fn value(input: &StartNotebookExecutionInput) -> Value {
    serde_json::to_value(input).unwrap_or(Value::Null)
}

fn cli(input: &StartNotebookExecutionInput, place: &Place) -> String {
    let mut out = format!(
        "aws emr start-notebook-execution --region {}",
        shell_quote(&place.region)
    );
    if let Some(url) = &place.endpoint_url {
        out.push_str(&format!(" --endpoint-url {}", shell_quote(url)));
    }
    out.push_str(&format!(
        " \\\n  --cli-input-json {}\n",
        shell_quote(&request_json(input))
    ));
    out
}

fn boto3_client(place: &Place, name: &str, service: &str) -> String {
    let mut args = vec![
        python_string(service),
        format!("region_name={}", python_string(&place.region)),
    ];
    if let Some(url) = &place.endpoint_url {
        args.push(format!("endpoint_url={}", python_string(url)));
    }
    format!("{name} = boto3.client({})\n", args.join(", "))
}

fn boto3(input: &StartNotebookExecutionInput, place: &Place) -> String {
    format!(
        "import boto3\n\n{}response = emr.start_notebook_execution(**{})\nprint(response[\"NotebookExecutionId\"])\n",
        boto3_client(place, "emr", "emr"),
        python_literal(&value(input), 0)
    )
}

/// Why `EmrStartNotebookExecutionOperator` cannot send `input` as it is: it takes a workspace
/// notebook only, and has no argument for these members.
pub fn operator_misses(input: &StartNotebookExecutionInput) -> Vec<&'static str> {
    let engine = input.execution_engine.clone().unwrap_or_default();
    let mut missing = vec![];
    if input.editor_id.is_none() || input.relative_path.is_none() {
        missing.push("a notebook in S3 (NotebookS3Location)");
    } else if input.notebook_s3_location.is_some() {
        missing.push("NotebookS3Location");
    }
    if input.output_notebook_s3_location.is_some() {
        missing.push("OutputNotebookS3Location");
    }
    if input.output_notebook_format.is_some() {
        missing.push("OutputNotebookFormat");
    }
    if input.environment_variables.is_some() {
        missing.push("EnvironmentVariables");
    }
    if engine.execution_role_arn.is_some() {
        missing.push("ExecutionEngine.ExecutionRoleArn");
    }
    if engine.engine_type.as_deref().is_some_and(|t| t != "EMR") {
        missing.push("an engine type other than EMR");
    }
    missing
}

fn airflow(input: &StartNotebookExecutionInput, place: &Place) -> String {
    let task_id = input
        .notebook_execution_name
        .as_deref()
        .map(python_identifier)
        .unwrap_or_else(|| "start_notebook_execution".into());
    let connection = format!(
        "# The Airflow connection aws_default supplies the credentials{}.\n",
        if place.endpoint_url.is_some() {
            ";\n# its extra endpoint_url must point at the endpoint this page uses"
        } else {
            ""
        }
    );
    let missing = operator_misses(input);
    if missing.is_empty() {
        let engine = input.execution_engine.clone().unwrap_or_default();
        let mut args: Vec<(&str, String)> = vec![
            ("task_id", python_string(&task_id)),
            (
                "editor_id",
                python_string(input.editor_id.as_deref().unwrap_or_default()),
            ),
            (
                "relative_path",
                python_string(input.relative_path.as_deref().unwrap_or_default()),
            ),
            ("cluster_id", python_string(&engine.id)),
            (
                "service_role",
                python_string(input.service_role.as_deref().unwrap_or_default()),
            ),
        ];
        let optional = [
            (
                "notebook_execution_name",
                input.notebook_execution_name.as_deref(),
            ),
            ("notebook_params", input.notebook_params.as_deref()),
            (
                "notebook_instance_security_group_id",
                input.notebook_instance_security_group_id.as_deref(),
            ),
            (
                "master_instance_security_group_id",
                engine.master_instance_security_group_id.as_deref(),
            ),
        ];
        for (name, v) in optional {
            if let Some(v) = v {
                args.push((name, python_string(v)));
            }
        }
        if let Some(tags) = &input.tags {
            let v = serde_json::to_value(tags).unwrap_or(Value::Null);
            args.push(("tags", python_literal(&v, 1)));
        }
        args.push(("wait_for_completion", "True".into()));
        args.push(("aws_conn_id", python_string("aws_default")));
        let args: Vec<String> = args
            .into_iter()
            .map(|(k, v)| format!("    {k}={v},"))
            .collect();
        return format!(
            "from airflow.providers.amazon.aws.operators.emr import EmrStartNotebookExecutionOperator\n\n\
             {connection}\
             # The operator sends ExecutionEngine.Type EMR, and for an argument left out an empty\n\
             # value (a generated name, \"\" or []) where this page sends nothing.\n\
             start_notebook_execution = EmrStartNotebookExecutionOperator(\n{}\n)\n",
            args.join("\n")
        );
    }
    format!(
        "from airflow.decorators import task\nfrom airflow.providers.amazon.aws.hooks.emr import EmrHook\n\n\
         {connection}\
         # EmrStartNotebookExecutionOperator cannot send: {}.\n\
         # So this task calls StartNotebookExecution with exactly what the page would send.\n\
         @task(task_id={})\n\
         def start_notebook_execution():\n    \
             emr = EmrHook(aws_conn_id=\"aws_default\", region_name={}).conn\n    \
             response = emr.start_notebook_execution(**{})\n    \
             return response[\"NotebookExecutionId\"]\n",
        missing.join(", "),
        python_string(&task_id),
        python_string(&place.region),
        python_literal(&value(input), 1)
    )
}

/// `name` as a Python identifier / Airflow task id: letters, digits and `_`, not starting with
/// a digit.
fn python_identifier(name: &str) -> String {
    let mut id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    id = id.trim_matches('_').to_string();
    while id.contains("__") {
        id = id.replace("__", "_");
    }
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id = format!("start_{id}");
    }
    id.chars()
        .take(200)
        .collect::<String>()
        .trim_end_matches('_')
        .to_string()
}

/// The Scheduler's universal target for this start.
pub fn scheduler_target_arn(place: &Place) -> String {
    format!(
        "arn:{}:scheduler:::aws-sdk:emr:startNotebookExecution",
        place.partition()
    )
}

/// A schedule name Scheduler accepts (`[0-9a-zA-Z-_.]+`, 1–64).
fn schedule_name(input: &StartNotebookExecutionInput) -> String {
    let name: String = input
        .notebook_execution_name
        .as_deref()
        .unwrap_or("notebook-execution")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() {
        "notebook-execution".into()
    } else {
        name
    }
}

fn scheduler(input: &StartNotebookExecutionInput, place: &Place) -> String {
    let schedule = serde_json::json!({
        "Name": schedule_name(input),
        "ScheduleExpression": "cron(0 6 * * ? *)",
        "ScheduleExpressionTimezone": "UTC",
        "FlexibleTimeWindow": { "Mode": "OFF" },
        "Target": {
            "Arn": scheduler_target_arn(place),
            "RoleArn": format!("arn:{}:iam::ACCOUNT_ID:role/SCHEDULER_ROLE", place.partition()),
            "Input": serde_json::to_string(input).unwrap_or_default(),
        }
    });
    let json = serde_json::to_string_pretty(&schedule).unwrap_or_default();
    format!(
        "# An EventBridge Scheduler schedule that sends this start every day at 06:00 UTC through\n\
         # the universal target {}.\n\
         # Change ScheduleExpression, and set RoleArn to a role Scheduler can assume that may call\n\
         # elasticmapreduce:StartNotebookExecution and iam:PassRole on the service role.\n\
         aws scheduler create-schedule --region {} \\\n  --cli-input-json {}\n",
        scheduler_target_arn(place),
        shell_quote(&place.region),
        shell_quote(&json)
    )
}

/// The JSON inside a `--cli-input-json '…'` word of [`write`]'s CLI output (the reverse of
/// [`shell_quote`] for the one word), for tests and tools that run the copied command's input.
pub fn cli_input_json(command: &str) -> Option<String> {
    let rest = &command[command.find("--cli-input-json ")? + "--cli-input-json ".len()..];
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    loop {
        match chars.next()? {
            '\'' => loop {
                match chars.next()? {
                    '\'' => break,
                    c => out.push(c),
                }
            },
            '\\' => out.push(chars.next()?),
            c if c.is_whitespace() => return Some(out),
            c => out.push(c),
        }
        if chars.peek().is_none_or(|c| c.is_whitespace()) {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::model::ExecutionEngineConfig;

    fn input() -> StartNotebookExecutionInput {
        StartNotebookExecutionInput {
            editor_id: Some("e-1".into()),
            relative_path: Some("a.ipynb".into()),
            notebook_execution_name: Some("Nightly ETL (v2)".into()),
            execution_engine: Some(ExecutionEngineConfig {
                id: "j-1".into(),
                ..Default::default()
            }),
            service_role: Some("r".into()),
            ..Default::default()
        }
    }

    #[test]
    fn shell_words_stay_one_word() {
        assert_eq!(shell_quote("us-east-1"), "us-east-1");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("it's $(x)"), r"'it'\''s $(x)'");
        assert_eq!(shell_quote("a\nb"), "'a\nb'");
    }

    #[test]
    fn python_strings_escape_what_is_not_printable() {
        assert_eq!(python_string("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(
            python_string("\u{2028}\u{0}\u{7f}東"),
            r#""\u2028\x00\x7f東""#
        );
        assert_eq!(
            python_literal(&serde_json::json!({"a": [true, null, 1]}), 0),
            "{\n    \"a\": [\n        True,\n        None,\n        1,\n    ],\n}"
        );
    }

    #[test]
    fn the_operator_only_when_it_can_send_the_input() {
        let place = Place {
            region: "us-east-1".into(),
            endpoint_url: None,
        };
        let a = write(Language::Airflow, &input(), &place);
        assert!(
            a.contains("EmrStartNotebookExecutionOperator(\n    task_id=\"nightly_etl_v2\","),
            "{a}"
        );
        let mut s3 = input();
        s3.editor_id = None;
        s3.environment_variables = Some([("A".to_string(), "1".to_string())].into());
        assert_eq!(
            operator_misses(&s3),
            [
                "a notebook in S3 (NotebookS3Location)",
                "EnvironmentVariables"
            ]
        );
        let h = write(Language::Airflow, &s3, &place);
        assert!(
            h.contains("EmrHook(")
                && h.contains(
                    "cannot send: a notebook in S3 (NotebookS3Location), EnvironmentVariables"
                ),
            "{h}"
        );
    }

    #[test]
    fn cli_json_comes_back_out() {
        let place = Place {
            region: "eu-west-1".into(),
            endpoint_url: Some("http://127.0.0.1:9100".into()),
        };
        let cli = write(Language::Cli, &input(), &place);
        assert!(cli.starts_with("aws emr start-notebook-execution --region eu-west-1 --endpoint-url http://127.0.0.1:9100 \\\n"));
        assert_eq!(cli_input_json(&cli).unwrap(), request_json(&input()));
        assert!(write(Language::Scheduler, &input(), &place)
            .contains("arn:aws:scheduler:::aws-sdk:emr:startNotebookExecution"));
        assert!(scheduler_target_arn(&Place {
            region: "cn-north-1".into(),
            endpoint_url: None
        })
        .starts_with("arn:aws-cn:"));
        for l in Language::ALL {
            let text = write(l, &input(), &place);
            assert!(
                !text.contains("ASIA") && !text.contains("aws_secret_access_key"),
                "no credentials"
            );
        }
    }
}
