//! The emulator's EMR API, S3 side and control endpoint, driven with requests signed by the app's
//! own signer (emr-core), plus socket-level checks of CORS and dropped connections.

use emr_core::aws::credentials::Credentials;
use emr_core::aws::endpoint::parse_override;
use emr_core::aws::region::Region;
use emr_core::aws::signing::{sign_json_request, JsonRequest};
use emr_core::demo;
use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::emr::model::{ExecutionStatus, NotebookExecutionId};
use emr_core::emr::operations::{self, ListNotebookExecutionsInput, Operation};
use emr_emulator::clock::wall_ms;
use emr_emulator::emulator::{Config, Emulator};
use emr_emulator::faults::Fault;
use emr_emulator::http::{Reply, Request, Response};
use emr_emulator::identity;
use emr_emulator::seed::seed_id;
use serde_json::{json, Value};

const HOST: &str = "127.0.0.1:9100";
const DEV: &str = "http://127.0.0.1:8080";

fn emulator() -> Emulator {
    Emulator::new(Config {
        frozen: true,
        ..Config::default()
    })
}

fn demo_creds() -> Credentials {
    Credentials::new(
        demo::ACCESS_KEY_ID,
        demo::SECRET_ACCESS_KEY,
        demo::SESSION_TOKEN,
    )
    .unwrap()
}

fn signed_with(creds: &Credentials, region: &str, target: &str, body: &str, at_ms: i64) -> Request {
    let endpoint = parse_override(&format!("http://{HOST}")).unwrap();
    let region = Region::parse(region).unwrap();
    let s = sign_json_request(
        &JsonRequest {
            target: target.into(),
            body: body.into(),
        },
        &endpoint,
        &region,
        "elasticmapreduce",
        creds,
        at_ms,
    )
    .unwrap();
    let mut headers = s.headers.clone();
    headers.push(("host".into(), HOST.into()));
    // As the dev page sends it (the emulator answers CORS for that origin only).
    headers.push(("origin".into(), DEV.into()));
    Request {
        method: "POST".into(),
        path: "/".into(),
        query: String::new(),
        headers,
        body: s.body.into_bytes(),
    }
}

fn call(emu: &mut Emulator, op: Operation, body: Value) -> Response {
    let req = signed_with(
        &demo_creds(),
        "us-east-1",
        &op.target(),
        &body.to_string(),
        wall_ms(),
    );
    respond(emu, &req)
}

fn respond(emu: &mut Emulator, req: &Request) -> Response {
    match emu.handle(req) {
        Reply::Respond { response, .. } => response,
        Reply::Drop { .. } => panic!("dropped"),
    }
}

fn body(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

fn error_code(r: &Response) -> String {
    let b = body(r);
    emr_core::aws::error::sanitize_code(b["__type"].as_str().unwrap())
}

#[test]
fn describes_every_well_known_execution_in_its_status() {
    let mut emu = emulator();
    for (label, id) in emr_emulator::seed::well_known() {
        let r = call(
            &mut emu,
            Operation::DescribeNotebookExecution,
            json!({"NotebookExecutionId": id}),
        );
        assert_eq!(r.status, 200, "{label}");
        let e = operations::parse_describe(&r.body).unwrap();
        assert_eq!(e.status.unwrap().as_api(), label.split(' ').next().unwrap());
        assert_eq!(r.header("content-type"), Some("application/x-amz-json-1.1"));
        assert!(r.header("x-amzn-requestid").is_some() && r.header("date").is_some());
        assert_eq!(r.header("access-control-allow-origin"), Some(DEV));
    }
}

#[test]
fn wire_shape_uses_fractional_epoch_seconds_and_omits_output_until_running() {
    let mut emu = emulator();
    let r = call(
        &mut emu,
        Operation::DescribeNotebookExecution,
        json!({"NotebookExecutionId": seed_id("FINISHED")}),
    );
    let raw: Value = body(&r);
    let e = &raw["NotebookExecution"];
    assert!(e["StartTime"].is_number() && e["EndTime"].is_number());
    assert_eq!(e["OutputNotebookFormat"], "HTML");
    assert!(e["OutputNotebookURI"].as_str().unwrap().ends_with(".html"));
    let r = call(
        &mut emu,
        Operation::DescribeNotebookExecution,
        json!({"NotebookExecutionId": seed_id("STARTING")}),
    );
    let e = &body(&r)["NotebookExecution"];
    assert!(e.get("OutputNotebookURI").is_none());
    assert!(e.get("EndTime").is_none());
}

#[test]
fn executions_live_on_the_lifecycle_clock() {
    let mut emu = emulator();
    let id = seed_id("STARTPENDING");
    assert_eq!(emu.status_of(&id), Some(ExecutionStatus::StartPending));
    emu.clock.advance(30 * 60_000);
    assert_eq!(emu.status_of(&id), Some(ExecutionStatus::Starting));
    emu.clock.advance(60 * 60_000);
    assert_eq!(emu.status_of(&id), Some(ExecutionStatus::Finished));
}

#[test]
fn list_filters_defaults_and_pages_of_fifty() {
    let mut emu = emulator();
    let mut all = vec![];
    let mut marker: Option<String> = None;
    loop {
        let input = ListNotebookExecutionsInput {
            marker: marker.clone(),
            ..Default::default()
        };
        let r = call(
            &mut emu,
            Operation::ListNotebookExecutions,
            serde_json::to_value(&input).unwrap(),
        );
        assert_eq!(r.status, 200);
        let page = operations::parse_list(&r.body).unwrap();
        assert!(page.notebook_executions.len() <= 50);
        all.extend(page.notebook_executions);
        marker = page.marker;
        if marker.is_none() {
            break;
        }
    }
    assert!(all.len() > 50, "needs more than one page: {}", all.len());
    let ids: std::collections::HashSet<_> = all
        .iter()
        .map(|s| s.notebook_execution_id.clone())
        .collect();
    assert_eq!(ids.len(), all.len(), "no duplicates across pages");
    assert!(
        all.windows(2).all(|w| w[0].start_time >= w[1].start_time),
        "newest first"
    );
    // The default window is 30 days: older history is not listed.
    let now = wall_ms();
    assert!(all
        .iter()
        .all(|s| s.start_time.unwrap().millis() >= now - 30 * 86_400_000 - 60_000));
    let old = call(
        &mut emu,
        Operation::ListNotebookExecutions,
        json!({"From": (now - 60 * 86_400_000) / 1000}),
    );
    assert!(
        operations::parse_list(&old.body)
            .unwrap()
            .notebook_executions
            .len()
            + operations::parse_list(&old.body)
                .unwrap()
                .marker
                .iter()
                .count()
            > 0
    );

    let running = call(
        &mut emu,
        Operation::ListNotebookExecutions,
        json!({"Status": "RUNNING"}),
    );
    let running = operations::parse_list(&running.body)
        .unwrap()
        .notebook_executions;
    assert!(
        running.len() >= 2
            && running
                .iter()
                .all(|s| s.status == Some(ExecutionStatus::Running))
    );
    let by_editor = call(
        &mut emu,
        Operation::ListNotebookExecutions,
        json!({"EditorId": "e-4Q2XW7J1HMN0RS5T8UVY3ZA6B", "ExecutionEngineId": "j-1XN8M4RT6VQHC"}),
    );
    let by_editor = operations::parse_list(&by_editor.body)
        .unwrap()
        .notebook_executions;
    assert!(by_editor.iter().all(|s| s.editor_id.as_deref()
        == Some("e-4Q2XW7J1HMN0RS5T8UVY3ZA6B")
        && s.execution_engine_id.as_deref() == Some("j-1XN8M4RT6VQHC")));
    let bad = call(
        &mut emu,
        Operation::ListNotebookExecutions,
        json!({"Marker": "garbage"}),
    );
    assert_eq!(error_code(&bad), "InvalidRequestException");
}

#[test]
fn stop_only_from_stoppable_states() {
    let mut emu = emulator();
    let id = seed_id("RUNNING");
    let r = call(
        &mut emu,
        Operation::StopNotebookExecution,
        json!({"NotebookExecutionId": id}),
    );
    assert_eq!((r.status, body(&r)), (200, json!({})));
    assert_eq!(emu.status_of(&id), Some(ExecutionStatus::StopPending));
    emu.clock.advance(60_000);
    assert_eq!(emu.status_of(&id), Some(ExecutionStatus::Stopped));
    for id in [
        seed_id("FINISHED"),
        seed_id("FINISHING"),
        seed_id("STOPPING"),
    ] {
        let r = call(
            &mut emu,
            Operation::StopNotebookExecution,
            json!({"NotebookExecutionId": id}),
        );
        assert_eq!(error_code(&r), "InvalidRequestException", "{id}");
        assert!(body(&r)["Message"]
            .as_str()
            .unwrap()
            .contains("cannot be stopped"));
    }
}

#[test]
fn start_creates_an_execution_that_runs() {
    let mut emu = emulator();
    let r = call(
        &mut emu,
        Operation::StartNotebookExecution,
        json!({
            "EditorId": "e-C9ZY9CMD24CCF4F2B4UZ7D7MA",
            "RelativePath": "reports/daily.ipynb",
            "NotebookExecutionName": "from-test",
            "ExecutionEngine": {"Id": "j-142PVKGDZTTXS", "Type": "EMR"},
            "ServiceRole": "EMR_Notebooks_DefaultRole",
            "Tags": [{"Key": "k", "Value": "v"}]
        }),
    );
    assert_eq!(r.status, 200, "{:?}", body(&r));
    let id = body(&r)["NotebookExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(NotebookExecutionId::parse(&id).unwrap().looks_like_emr_id() && id.len() == 32);
    assert_eq!(emu.status_of(&id), Some(ExecutionStatus::StartPending));
    emu.clock.advance(120_000);
    let e = emu.describe_record(&id).unwrap();
    assert_eq!(e.status, Some(ExecutionStatus::Running));
    assert!(e
        .output_notebook_uri
        .unwrap()
        .ends_with(&format!("/executions/{id}/daily.ipynb")));

    let missing_role = call(
        &mut emu,
        Operation::StartNotebookExecution,
        json!({"ExecutionEngine": {"Id": "j-142PVKGDZTTXS"}}),
    );
    assert_eq!(error_code(&missing_role), "ValidationException");
    assert_eq!(
        missing_role.header("x-amzn-errortype"),
        Some("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/")
    );
    let no_cluster = call(
        &mut emu,
        Operation::StartNotebookExecution,
        json!({"ExecutionEngine": {"Id": "j-NOPE"}, "ServiceRole": "r", "EditorId": "e-1", "RelativePath": "x.ipynb"}),
    );
    assert_eq!(body(&no_cluster)["ErrorCode"], "NoSuchCluster");
    let no_source = call(
        &mut emu,
        Operation::StartNotebookExecution,
        json!({"ExecutionEngine": {"Id": "j-142PVKGDZTTXS"}, "ServiceRole": "r"}),
    );
    assert_eq!(error_code(&no_source), "InvalidRequestException");
}

#[test]
fn start_validates_like_emr() {
    let mut emu = emulator();
    let ok = json!({"ExecutionEngine": {"Id": "j-142PVKGDZTTXS", "Type": "EMR"}, "ServiceRole": "EMR_Notebooks_DefaultRole",
        "NotebookS3Location": {"Bucket": "b", "Key": "nb/x.ipynb"}});
    let start = |emu: &mut Emulator, patch: &dyn Fn(&mut Value)| {
        let mut b = ok.clone();
        patch(&mut b);
        call(emu, Operation::StartNotebookExecution, b)
    };
    assert_eq!(start(&mut emu, &|_| {}).status, 200);
    // Model constraints: every broken one is named, as AWS's validation layer does.
    let r = start(&mut emu, &|b| {
        b["NotebookExecutionName"] = json!("n".repeat(257));
        b["ExecutionEngine"]["Type"] = json!("EKS");
        b["OutputNotebookFormat"] = json!("PDF");
    });
    assert_eq!(error_code(&r), "ValidationException");
    let m = body(&r)["message"].as_str().unwrap().to_string();
    assert!(m.starts_with("3 validation errors detected: Value at 'notebookExecutionName' failed to satisfy constraint: Member must have length less than or equal to 256"), "{m}");
    assert!(m.contains("'executionEngine.type' failed to satisfy constraint: Member must satisfy enum value set: [EMR]"), "{m}");
    assert!(m.contains("'outputNotebookFormat'"), "{m}");
    let r = start(&mut emu, &|b| {
        b["ExecutionEngine"]["ExecutionRoleArn"] = json!("my-role")
    });
    assert!(body(&r)["message"]
        .as_str()
        .unwrap()
        .contains("executionEngine.executionRoleArn"));
    let r = start(&mut emu, &|b| b["ExecutionEngine"] = json!({"Type": "EMR"}));
    assert!(body(&r)["message"]
        .as_str()
        .unwrap()
        .contains("'executionEngine.id'"));
    // Unknown cluster or editor, bad parameters: InvalidRequestException.
    let r = start(&mut emu, &|b| {
        b["ExecutionEngine"]["Id"] = json!("j-UNKNOWN")
    });
    assert_eq!(
        (error_code(&r), body(&r)["ErrorCode"].clone()),
        ("InvalidRequestException".into(), json!("NoSuchCluster"))
    );
    let r = start(&mut emu, &|b| {
        b["EditorId"] = json!("e-NOTANEDITOR");
        b["RelativePath"] = json!("x.ipynb");
    });
    assert_eq!(error_code(&r), "InvalidRequestException");
    assert!(body(&r)["Message"]
        .as_str()
        .unwrap()
        .contains("Editor id 'e-NOTANEDITOR' is not valid"));
    let r = start(&mut emu, &|b| b["NotebookParams"] = json!("{\"a\": 1,}"));
    assert!(body(&r)["Message"]
        .as_str()
        .unwrap()
        .contains("NotebookParams must be a valid JSON object"));
    // Clusters and editors added at start-up are known, and listed by the control endpoint.
    let mut emu = Emulator::new(Config {
        frozen: true,
        clusters: vec!["j-MYCLUSTER1234".into()],
        editors: vec!["e-MYEDITOR".into()],
        ..Config::default()
    });
    let r = start(&mut emu, &|b| {
        b["ExecutionEngine"]["Id"] = json!("j-MYCLUSTER1234");
        b["EditorId"] = json!("e-MYEDITOR");
        b["RelativePath"] = json!("x.ipynb");
    });
    assert_eq!(r.status, 200, "{:?}", body(&r));
    let seeds = body(&respond(
        &mut emu,
        &control("GET", "/__emulator/seeds", Value::Null),
    ));
    assert_eq!(seeds["clusters"], json!(["j-MYCLUSTER1234"]));
    assert_eq!(seeds["editors"], json!(["e-MYEDITOR"]));
    assert!(seeds["executions"].as_array().unwrap().len() >= 14);
}

#[test]
fn identities_that_may_do_some_things_but_not_others() {
    let mut emu = emulator();
    let creds = |key: &str| {
        let i = identity::defaults(emr_emulator::seed::ACCOUNT)
            .into_iter()
            .find(|i| i.access_key_id == key)
            .unwrap();
        Credentials::new(
            &i.access_key_id,
            &i.secret_access_key,
            i.session_token.as_deref().unwrap(),
        )
        .unwrap()
    };
    let as_ = |emu: &mut Emulator, key: &str, op: Operation, body: Value| {
        let req = signed_with(
            &creds(key),
            "us-east-1",
            &op.target(),
            &body.to_string(),
            wall_ms(),
        );
        respond(emu, &req)
    };
    let running = json!({"NotebookExecutionId": seed_id("RUNNING")});
    let start = json!({"ExecutionEngine": {"Id": "j-142PVKGDZTTXS"}, "ServiceRole": "r", "NotebookS3Location": {"Bucket": "b", "Key": "k.ipynb"}});
    let cases = [
        (
            identity::NO_LIST_ACCESS_KEY_ID,
            Operation::ListNotebookExecutions,
            json!({}),
            "elasticmapreduce:ListNotebookExecutions",
        ),
        (
            identity::NO_STOP_ACCESS_KEY_ID,
            Operation::StopNotebookExecution,
            running.clone(),
            "elasticmapreduce:StopNotebookExecution",
        ),
        (
            identity::NO_START_ACCESS_KEY_ID,
            Operation::StartNotebookExecution,
            start.clone(),
            "elasticmapreduce:StartNotebookExecution",
        ),
    ];
    for (key, op, body_, action) in cases {
        let r = as_(&mut emu, key, op, body_);
        assert_eq!(error_code(&r), "AccessDeniedException", "{key}");
        assert!(
            body(&r)["message"].as_str().unwrap().contains(action),
            "{key}"
        );
    }
    // …and may do the rest.
    for (key, op) in [
        (
            identity::NO_LIST_ACCESS_KEY_ID,
            Operation::DescribeNotebookExecution,
        ),
        (
            identity::NO_STOP_ACCESS_KEY_ID,
            Operation::DescribeNotebookExecution,
        ),
        (
            identity::NO_START_ACCESS_KEY_ID,
            Operation::StopNotebookExecution,
        ),
    ] {
        assert_eq!(as_(&mut emu, key, op, running.clone()).status, 200, "{key}");
    }
}

#[test]
fn several_regions_each_with_their_own_executions_and_one_not_enabled() {
    let mut emu = Emulator::new(Config {
        frozen: true,
        extra_regions: vec!["eu-west-1".into()],
        not_enabled: vec!["af-south-1".into()],
        ..Config::default()
    });
    let in_region = |emu: &mut Emulator, region: &str, op: Operation, body: Value| {
        let req = signed_with(
            &demo_creds(),
            region,
            &op.target(),
            &body.to_string(),
            wall_ms(),
        );
        respond(emu, &req)
    };
    let elsewhere = emr_emulator::seed::elsewhere_ids("eu-west-1");
    let (_, eu_id) = &elsewhere[0];
    assert_eq!(eu_id, "ex-EUWEST1FINISHED00000000000001");
    let r = in_region(
        &mut emu,
        "eu-west-1",
        Operation::DescribeNotebookExecution,
        json!({"NotebookExecutionId": eu_id}),
    );
    assert_eq!(r.status, 200, "{:?}", body(&r));
    assert!(body(&r)["NotebookExecution"]["Arn"]
        .as_str()
        .unwrap()
        .contains(":eu-west-1:"));
    // The same id asked of the main region does not exist there, as on AWS.
    let r = in_region(
        &mut emu,
        "us-east-1",
        Operation::DescribeNotebookExecution,
        json!({"NotebookExecutionId": eu_id}),
    );
    assert_eq!(error_code(&r), "InvalidRequestException");
    // Each region lists its own.
    let r = in_region(
        &mut emu,
        "eu-west-1",
        Operation::ListNotebookExecutions,
        json!({}),
    );
    assert_eq!(body(&r)["NotebookExecutions"].as_array().unwrap().len(), 3);
    // A region it does not serve, and one the account has not enabled.
    let r = in_region(
        &mut emu,
        "ap-south-1",
        Operation::ListNotebookExecutions,
        json!({}),
    );
    assert_eq!(error_code(&r), "InvalidSignatureException");
    assert!(body(&r)["message"]
        .as_str()
        .unwrap()
        .starts_with("Credential should be scoped to a valid region, not 'ap-south-1'."));
    let r = in_region(
        &mut emu,
        "af-south-1",
        Operation::DescribeNotebookExecution,
        json!({"NotebookExecutionId": eu_id}),
    );
    assert_eq!(error_code(&r), "UnrecognizedClientException");
    assert_eq!(
        body(&r)["message"],
        "The security token included in the request is invalid."
    );
    let seeds = body(&respond(
        &mut emu,
        &control("GET", "/__emulator/seeds", Value::Null),
    ));
    assert_eq!(seeds["elsewhere"]["eu-west-1"][0]["id"], json!(eu_id));
    let health = body(&respond(
        &mut emu,
        &control("GET", "/__emulator/health", Value::Null),
    ));
    assert_eq!(health["regions"], json!(["us-east-1", "eu-west-1"]));
}

#[test]
fn input_errors_look_like_aws() {
    let mut emu = emulator();
    let r = call(
        &mut emu,
        Operation::DescribeNotebookExecution,
        json!({"NotebookExecutionId": "ex-DOESNOTEXIST"}),
    );
    assert_eq!(
        (r.status, error_code(&r)),
        (400, "InvalidRequestException".into())
    );
    assert_eq!(body(&r)["__type"], "InvalidRequestException");
    assert!(body(&r)["Message"]
        .as_str()
        .unwrap()
        .contains("ex-DOESNOTEXIST"));
    let r = call(&mut emu, Operation::DescribeNotebookExecution, json!({}));
    assert_eq!(error_code(&r), "ValidationException");
    let req = signed_with(
        &demo_creds(),
        "us-east-1",
        "ElasticMapReduce.RunJobFlow",
        "{}",
        wall_ms(),
    );
    assert_eq!(
        error_code(&respond(&mut emu, &req)),
        "UnknownOperationException"
    );
    let req = signed_with(
        &demo_creds(),
        "us-east-1",
        &Operation::DescribeNotebookExecution.target(),
        "{not json",
        wall_ms(),
    );
    assert_eq!(
        error_code(&respond(&mut emu, &req)),
        "SerializationException"
    );
}

#[test]
fn authentication_errors_match_aws() {
    let mut emu = emulator();
    let target = Operation::DescribeNotebookExecution.target();
    let body_s = json!({"NotebookExecutionId": demo::RUNNING_EXECUTION_ID}).to_string();
    let now = wall_ms();

    let mut unsigned = signed_with(&demo_creds(), "us-east-1", &target, &body_s, now);
    unsigned.headers.retain(|(n, _)| n != "authorization");
    let r = respond(&mut emu, &unsigned);
    assert_eq!(
        (
            error_code(&r).as_str(),
            body(&r)["__type"].as_str().unwrap()
        ),
        (
            "MissingAuthenticationTokenException",
            "com.amazon.coral.service#MissingAuthenticationTokenException"
        )
    );

    let stranger = Credentials::new("ASIASTRANGER00000001", "secret", "token").unwrap();
    assert_eq!(
        error_code(&respond(
            &mut emu,
            &signed_with(&stranger, "us-east-1", &target, &body_s, now)
        )),
        "UnrecognizedClientException"
    );

    let no_token = Credentials::new(
        demo::ACCESS_KEY_ID,
        demo::SECRET_ACCESS_KEY,
        "IQoJsome-other-token",
    )
    .unwrap();
    assert_eq!(
        error_code(&respond(
            &mut emu,
            &signed_with(&no_token, "us-east-1", &target, &body_s, now)
        )),
        "UnrecognizedClientException"
    );

    let wrong_secret =
        Credentials::new(demo::ACCESS_KEY_ID, "wrong/secret", demo::SESSION_TOKEN).unwrap();
    let r = respond(
        &mut emu,
        &signed_with(&wrong_secret, "us-east-1", &target, &body_s, now),
    );
    assert_eq!(error_code(&r), "InvalidSignatureException");
    assert!(body(&r)["message"]
        .as_str()
        .unwrap()
        .starts_with("The request signature we calculated does not match"));

    let expired = Credentials::new(
        identity::EXPIRED_ACCESS_KEY_ID,
        "emulator/expired/secret/KEY0000000000000",
        "IQoJemulator//expired+token=0001",
    )
    .unwrap();
    let r = respond(
        &mut emu,
        &signed_with(&expired, "us-east-1", &target, &body_s, now),
    );
    assert_eq!(error_code(&r), "ExpiredTokenException");
    assert_eq!(
        body(&r)["message"],
        "The security token included in the request is expired"
    );

    let denied = Credentials::new(
        identity::DENIED_ACCESS_KEY_ID,
        "emulator/denied/secret/KEY00000000000000",
        "IQoJemulator//denied+token=0001",
    )
    .unwrap();
    let r = respond(
        &mut emu,
        &signed_with(&denied, "us-east-1", &target, &body_s, now),
    );
    assert_eq!(error_code(&r), "AccessDeniedException");
    let msg = body(&r)["message"].as_str().unwrap().to_string();
    assert!(msg.contains("is not authorized to perform: elasticmapreduce:DescribeNotebookExecution on resource: arn:aws:elasticmapreduce:us-east-1:111122223333:notebook-execution/"), "{msg}");
    // The same identity may list.
    let r = respond(
        &mut emu,
        &signed_with(
            &denied,
            "us-east-1",
            &Operation::ListNotebookExecutions.target(),
            "{}",
            now,
        ),
    );
    assert_eq!(r.status, 200);

    let long_term = Credentials::new(
        identity::LONG_TERM_ACCESS_KEY_ID,
        "emulator/longterm/secret/KEY000000000000",
        "",
    )
    .unwrap();
    assert_eq!(
        respond(
            &mut emu,
            &signed_with(&long_term, "us-east-1", &target, &body_s, now)
        )
        .status,
        200
    );

    let r = respond(
        &mut emu,
        &signed_with(&demo_creds(), "eu-west-1", &target, &body_s, now),
    );
    assert_eq!(error_code(&r), "InvalidSignatureException");
    assert!(body(&r)["message"]
        .as_str()
        .unwrap()
        .contains("Credential should be scoped to a valid region"));
}

#[test]
fn signature_window_uses_the_server_clock_with_aws_messages() {
    let mut emu = emulator();
    let target = Operation::DescribeNotebookExecution.target();
    let body_s = json!({"NotebookExecutionId": demo::RUNNING_EXECUTION_ID}).to_string();
    emu.clock.server_offset_ms = 40 * 60_000;
    let r = respond(
        &mut emu,
        &signed_with(&demo_creds(), "us-east-1", &target, &body_s, wall_ms()),
    );
    let m = body(&r)["message"].as_str().unwrap().to_string();
    assert!(
        m.starts_with("Signature expired: ") && m.ends_with(" - 15 min.)"),
        "{m}"
    );
    // The core learns the server time from that message; signing with it passes.
    let server = emr_core::aws::skew::server_time_from_message(&m).unwrap();
    assert!((server - (wall_ms() + 40 * 60_000)).abs() < 5_000);
    assert_eq!(
        respond(
            &mut emu,
            &signed_with(&demo_creds(), "us-east-1", &target, &body_s, server)
        )
        .status,
        200
    );

    emu.clock.server_offset_ms = -40 * 60_000;
    let r = respond(
        &mut emu,
        &signed_with(&demo_creds(), "us-east-1", &target, &body_s, wall_ms()),
    );
    let m = body(&r)["message"].as_str().unwrap().to_string();
    assert!(
        m.starts_with("Signature not yet current: ") && m.ends_with(" + 15 min.)"),
        "{m}"
    );
    let date = emr_core::aws::skew::parse_http_date(r.header("date").unwrap()).unwrap();
    assert!((date - (wall_ms() - 40 * 60_000)).abs() < 5_000);
}

#[test]
fn faults_throttle_fail_and_drop() {
    let mut emu = emulator();
    let id = seed_id("FINISHED");
    emu.handle(&control(
        "POST",
        "/__emulator/faults",
        json!({"kind": "throttle", "execution_id": id, "times": 2}),
    ));
    for _ in 0..2 {
        let r = call(
            &mut emu,
            Operation::DescribeNotebookExecution,
            json!({"NotebookExecutionId": id}),
        );
        assert_eq!(
            (r.status, error_code(&r)),
            (400, "ThrottlingException".into())
        );
        assert_eq!(body(&r)["message"], "Rate exceeded");
    }
    assert_eq!(
        call(
            &mut emu,
            Operation::DescribeNotebookExecution,
            json!({"NotebookExecutionId": id})
        )
        .status,
        200
    );

    emu.handle(&control("POST", "/__emulator/faults", json!({"kind": "server_error", "status": 503, "code": "ServiceUnavailable", "operation": "ListNotebookExecutions"})));
    let r = call(&mut emu, Operation::ListNotebookExecutions, json!({}));
    assert_eq!(
        (r.status, error_code(&r)),
        (503, "ServiceUnavailable".into())
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some(DEV),
        "errors carry CORS too"
    );

    emu.handle(&control(
        "POST",
        "/__emulator/faults",
        json!({"kind": "drop", "execution_id": "ex-DROPME"}),
    ));
    let req = signed_with(
        &demo_creds(),
        "us-east-1",
        &Operation::DescribeNotebookExecution.target(),
        r#"{"NotebookExecutionId":"ex-DROPME"}"#,
        wall_ms(),
    );
    assert!(matches!(emu.handle(&req), Reply::Drop { .. }));
    emu.handle(&control(
        "POST",
        "/__emulator/faults",
        json!({"kind": "latency", "ms": 1200}),
    ));
    let req = signed_with(
        &demo_creds(),
        "us-east-1",
        &Operation::ListNotebookExecutions.target(),
        "{}",
        wall_ms(),
    );
    assert!(matches!(
        emu.handle(&req),
        Reply::Respond { delay_ms: 1200, .. }
    ));
    emu.handle(&control("DELETE", "/__emulator/faults", json!(null)));
    assert_eq!(
        call(&mut emu, Operation::ListNotebookExecutions, json!({})).status,
        200
    );
}

#[test]
fn start_up_faults_and_reset() {
    let mut emu = Emulator::new(Config {
        frozen: true,
        faults: vec![Fault::parse_spec("5xx").unwrap()],
        ..Config::default()
    });
    assert_eq!(
        call(&mut emu, Operation::ListNotebookExecutions, json!({})).status,
        500
    );
    emu.handle(&control("DELETE", "/__emulator/faults", json!(null)));
    assert_eq!(
        call(&mut emu, Operation::ListNotebookExecutions, json!({})).status,
        200
    );
    emu.handle(&control("POST", "/__emulator/reset", json!(null)));
    assert_eq!(
        call(&mut emu, Operation::ListNotebookExecutions, json!({})).status,
        500,
        "reset restores start-up faults"
    );
}

fn control(method: &str, path: &str, body: Value) -> Request {
    Request {
        method: method.into(),
        path: path.into(),
        query: String::new(),
        headers: vec![("x-emulator-control".into(), "1".into())],
        body: body.to_string().into_bytes(),
    }
}

#[test]
fn control_needs_its_header_and_clock_can_be_moved() {
    let mut emu = emulator();
    let mut no_header = control("GET", "/__emulator/health", json!(null));
    no_header.headers.clear();
    assert_eq!(respond(&mut emu, &no_header).status, 403);
    // No CORS on control paths: a page cannot preflight its way in.
    let preflight = respond(
        &mut emu,
        &Request {
            method: "OPTIONS".into(),
            path: "/__emulator/faults".into(),
            headers: vec![(
                "access-control-request-headers".into(),
                "x-emulator-control".into(),
            )],
            ..Default::default()
        },
    );
    assert_eq!(preflight.header("access-control-allow-origin"), None);
    let r = respond(
        &mut emu,
        &control(
            "POST",
            "/__emulator/clock",
            json!({"server_offset_ms": 2_400_000, "advance_ms": 1_000}),
        ),
    );
    assert_eq!(body(&r)["server_offset_ms"], 2_400_000);
    assert_eq!(emu.clock.server_offset_ms, 2_400_000);
}

/// GETs a presigned URL of the emulator.
fn get_url(emu: &mut Emulator, url: &str) -> Response {
    let rest = url.strip_prefix(&format!("http://{HOST}")).unwrap();
    let (path, query) = rest.split_once('?').unwrap();
    respond(
        emu,
        &Request {
            method: "GET".into(),
            path: path.into(),
            query: query.into(),
            headers: vec![
                ("host".into(), HOST.into()),
                ("origin".into(), "http://127.0.0.1:8080".into()),
            ],
            body: vec![],
        },
    )
}

#[test]
fn the_s3_side_answers_cors_only_when_its_bucket_has_a_rule() {
    for cors in [true, false] {
        let mut emu = Emulator::new(Config {
            frozen: true,
            s3_cors: cors,
            ..Config::default()
        });
        let uri = output_of(&emu, "FAILED");
        let r = presigned_get(&mut emu, &uri, &demo_creds(), wall_ms(), 900);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("access-control-allow-origin").is_some(), cors);
        let preflight = respond(
            &mut emu,
            &Request {
                method: "OPTIONS".into(),
                path: "/bucket/key.ipynb".into(),
                headers: vec![
                    ("origin".into(), "http://127.0.0.1:8080".into()),
                    ("access-control-request-method".into(), "GET".into()),
                ],
                ..Default::default()
            },
        );
        assert_eq!(
            (
                preflight.status,
                preflight.header("access-control-allow-origin").is_some()
            ),
            if cors { (200, true) } else { (403, false) }
        );
        // EMR's API keeps its CORS either way.
        let req = signed_with(
            &demo_creds(),
            "us-east-1",
            &Operation::ListNotebookExecutions.target(),
            "{}",
            wall_ms(),
        );
        let api = respond(&mut emu, &req);
        assert!(api.header("access-control-allow-origin").is_some());
    }
}

/// The output notebook location of a seeded execution.
fn output_of(emu: &Emulator, name: &str) -> String {
    emu.describe_record(&seed_id(name))
        .unwrap()
        .output_notebook_uri
        .unwrap()
}

fn presigned_get(
    emu: &mut Emulator,
    uri: &str,
    creds: &Credentials,
    at: i64,
    expires: u64,
) -> Response {
    let endpoint = parse_override(&format!("http://{HOST}")).unwrap();
    let url = presigned_object_url(
        &S3Uri::parse(uri).unwrap(),
        &Region::parse("us-east-1").unwrap(),
        Some(&endpoint),
        creds,
        at,
        expires,
    )
    .unwrap();
    let rest = url.strip_prefix(&format!("http://{HOST}")).unwrap();
    let (path, query) = rest.split_once('?').unwrap();
    respond(
        emu,
        &Request {
            method: "GET".into(),
            path: path.into(),
            query: query.into(),
            headers: vec![("host".into(), HOST.into()), ("origin".into(), DEV.into())],
            body: vec![],
        },
    )
}

#[test]
fn s3_serves_output_notebooks_to_valid_presigned_gets_only() {
    let mut emu = emulator();
    let finished = emu.describe_record(&seed_id("FAILED")).unwrap();
    let uri = finished.output_notebook_uri.unwrap();
    let r = presigned_get(&mut emu, &uri, &demo_creds(), wall_ms(), 900);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("application/x-ipynb+json"));
    let nb: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(nb["nbformat"], 4);

    let html = output_of(&emu, "FINISHED");
    // HTML outputs are stored as binary/octet-stream; a signed response-content-type overrides it.
    let r = presigned_get(&mut emu, &html, &demo_creds(), wall_ms(), 900);
    assert_eq!(r.header("content-type"), Some("binary/octet-stream"));
    let preview = emr_core::s3::html_preview_url(
        &S3Uri::parse(&html).unwrap(),
        &Region::parse("us-east-1").unwrap(),
        Some(&parse_override(&format!("http://{HOST}")).unwrap()),
        &demo_creds(),
        wall_ms(),
    )
    .unwrap();
    let r = get_url(&mut emu, &preview);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    // …and an .ipynb sits beside every HTML output.
    let beside = html.replace(".html", ".ipynb");
    let r = presigned_get(&mut emu, &beside, &demo_creds(), wall_ms(), 900);
    assert_eq!(
        (r.status, r.header("content-type")),
        (200, Some("application/x-ipynb+json"))
    );
    // A failed run's notebook holds the error its reason names.
    let nb = emr_core::notebook::model::parse(
        &presigned_get(&mut emu, &uri, &demo_creds(), wall_ms(), 900).body,
    )
    .unwrap();
    let e = emr_core::notebook::failure::first_error(&nb).unwrap();
    assert_eq!(
        (e.execution_count, e.ename.as_str()),
        (Some(14), "DeadKernelError")
    );
    // S3's own errors for an object it denies and one that was never written.
    let denied = output_of(&emu, "OUTPUTDENIED");
    let r = presigned_get(&mut emu, &denied, &demo_creds(), wall_ms(), 900);
    assert_eq!(r.status, 403);
    assert!(String::from_utf8_lossy(&r.body).contains("<Code>AccessDenied</Code>"));
    let missing = output_of(&emu, "OUTPUTMISSING");
    let r = presigned_get(&mut emu, &missing, &demo_creds(), wall_ms(), 900);
    assert_eq!(r.status, 404);
    assert!(String::from_utf8_lossy(&r.body).contains("<Code>NoSuchKey</Code>"));
    let big = output_of(&emu, "BIGNOTEBOOK");
    assert!(
        presigned_get(&mut emu, &big, &demo_creds(), wall_ms(), 900)
            .body
            .len()
            > 9_000_000
    );

    let wrong = Credentials::new(demo::ACCESS_KEY_ID, "wrong", demo::SESSION_TOKEN).unwrap();
    let r = presigned_get(&mut emu, &uri, &wrong, wall_ms(), 900);
    assert_eq!(r.status, 403);
    assert!(String::from_utf8_lossy(&r.body).contains("<Code>SignatureDoesNotMatch</Code>"));
    let r = presigned_get(&mut emu, &uri, &demo_creds(), wall_ms() - 1_000_000, 60);
    assert!(String::from_utf8_lossy(&r.body).contains("Request has expired"));
    let r = presigned_get(
        &mut emu,
        "s3://aws-emr-studio-111122223333-us-east-1/nothing/here.ipynb",
        &demo_creds(),
        wall_ms(),
        900,
    );
    assert_eq!(r.status, 404);
    // The input notebook is there from the start.
    let input = emu
        .describe_record(&seed_id("STARTING"))
        .unwrap()
        .notebook_s3_location
        .unwrap();
    let input_uri = format!("s3://{}/{}", input.bucket.unwrap(), input.key.unwrap());
    let r = presigned_get(&mut emu, &input_uri, &demo_creds(), wall_ms(), 900);
    assert_eq!(r.status, 200);
    assert_eq!(
        serde_json::from_slice::<Value>(&r.body).unwrap()["cells"][1]["outputs"],
        json!([])
    );
    // The output is not there before the run starts.
    let starting = format!("s3://aws-emr-studio-111122223333-us-east-1/e-C9ZY9CMD24CCF4F2B4UZ7D7MA/executions/{}/daily_sales_report.ipynb", seed_id("STARTING"));
    assert_eq!(
        presigned_get(&mut emu, &starting, &demo_creds(), wall_ms(), 900).status,
        404
    );
    let r = respond(
        &mut emu,
        &Request {
            method: "GET".into(),
            path: "/aws-emr-studio-111122223333-us-east-1/x".into(),
            ..Default::default()
        },
    );
    assert_eq!(r.status, 403);
}

#[test]
fn preflight_answers_like_emr() {
    let mut emu = emulator();
    let r = respond(
        &mut emu,
        &Request {
            method: "OPTIONS".into(),
            path: "/".into(),
            headers: vec![
                ("origin".into(), "http://127.0.0.1:8080".into()),
                ("access-control-request-method".into(), "POST".into()),
                (
                    "access-control-request-headers".into(),
                    "authorization,content-type,x-amz-date,x-amz-security-token,x-amz-target"
                        .into(),
                ),
            ],
            ..Default::default()
        },
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert_eq!(r.header("access-control-allow-methods"), Some("POST"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("authorization,content-type,x-amz-date,x-amz-security-token,x-amz-target")
    );
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date")
    );
    assert_eq!(r.header("access-control-max-age"), Some("172800"));
}

/// Over a real socket: a dropped-connection fault closes the connection with no response.
#[tokio::test]
async fn dropped_connections_over_tcp() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let config = Config {
        frozen: true,
        faults: vec![Fault::parse_spec("drop").unwrap()],
        ..Config::default()
    };
    let running = emr_emulator::server::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap();
    let mut s = tokio::net::TcpStream::connect(running.addr).await.unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let n = s.read_to_end(&mut buf).await.unwrap();
    assert_eq!(n, 0, "got {:?}", String::from_utf8_lossy(&buf));
    // Preflights are not faulted, and arrive with CORS headers.
    let mut s = tokio::net::TcpStream::connect(running.addr).await.unwrap();
    s.write_all(b"OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:8080\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_lowercase();
    assert!(
        text.starts_with("http/1.1 200")
            && text.contains("access-control-allow-origin: http://127.0.0.1:8080"),
        "{text}"
    );
    running.task.abort();
}

#[test]
fn describe_request_from_the_core_round_trips() {
    let mut emu = emulator();
    let id = NotebookExecutionId::parse(&seed_id("UNICODE")).unwrap();
    let req = operations::describe_request(&id);
    let r = respond(
        &mut emu,
        &signed_with(
            &demo_creds(),
            "us-east-1",
            &req.target,
            &req.body,
            wall_ms(),
        ),
    );
    let e = operations::parse_describe(&r.body).unwrap();
    assert!(e.notebook_execution_name.unwrap().contains("📊"));
    assert!(e.notebook_params.unwrap().len() > 3_000);
}

/// A preflight from `origin` for an EMR call.
fn preflight_from(emu: &mut Emulator, origin: &str) -> Response {
    respond(
        emu,
        &Request {
            method: "OPTIONS".into(),
            path: "/".into(),
            headers: vec![
                ("origin".into(), origin.into()),
                ("access-control-request-method".into(), "POST".into()),
                (
                    "access-control-request-headers".into(),
                    "authorization,x-amz-target".into(),
                ),
            ],
            ..Default::default()
        },
    )
}

#[test]
fn a_page_of_another_site_cannot_call_it_with_the_demo_credentials() {
    let mut emu = emulator();
    for origin in [
        "https://evil.example",
        "http://127.0.0.1:8081",
        "http://localhost.evil.example:8080",
        "null",
    ] {
        let r = preflight_from(&mut emu, origin);
        assert_eq!(r.status, 403, "{origin}");
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
        let mut call = signed_with(
            &demo_creds(),
            "us-east-1",
            &Operation::ListNotebookExecutions.target(),
            "{}",
            wall_ms(),
        );
        call.headers.retain(|(n, _)| n != "origin");
        call.headers.push(("origin".into(), origin.into()));
        let r = respond(&mut emu, &call);
        assert_eq!(
            (r.status, r.header("access-control-allow-origin")),
            (403, None),
            "{origin}"
        );
    }
    // The dev page may; a configured pattern allows a host's every port (the test pages).
    assert_eq!(
        preflight_from(&mut emu, "http://localhost:8080").status,
        200
    );
    let mut tests = Emulator::new(Config {
        frozen: true,
        allowed_origins: vec!["http://127.0.0.1:*".into()],
        ..Config::default()
    });
    let r = preflight_from(&mut tests, "http://127.0.0.1:41234");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:41234")
    );
    assert_eq!(preflight_from(&mut tests, "http://127.0.0.1:").status, 403);
    assert_eq!(
        preflight_from(&mut tests, "http://127.0.0.1.evil.example:80").status,
        403
    );
    // Clients that are not web pages (boto3, the CLI) send no Origin and are unaffected.
    assert_eq!(
        call(&mut emu, Operation::ListNotebookExecutions, json!({})).status,
        200
    );
}

#[test]
fn a_body_changed_under_its_signed_hash_is_refused() {
    let mut emu = emulator();
    let mut req = signed_with(
        &demo_creds(),
        "us-east-1",
        &Operation::ListNotebookExecutions.target(),
        "{}",
        wall_ms(),
    );
    // The hash of the body that was signed, claimed for another body.
    req.headers.push((
        "x-amz-content-sha256".into(),
        emr_emulator::sigv4::sha256_hex(b"{}"),
    ));
    req.body = br#"{"Status":"RUNNING"}"#.to_vec();
    let r = respond(&mut emu, &req);
    assert_eq!(
        (r.status, error_code(&r).as_str()),
        (400, "InvalidSignatureException")
    );
    // The honest header is fine.
    let mut ok = signed_with(
        &demo_creds(),
        "us-east-1",
        &Operation::ListNotebookExecutions.target(),
        "{}",
        wall_ms(),
    );
    ok.headers.push((
        "x-amz-content-sha256".into(),
        emr_emulator::sigv4::sha256_hex(b"{}"),
    ));
    assert_eq!(respond(&mut emu, &ok).status, 200);
}

#[test]
fn a_presigned_get_must_sign_host_and_every_x_amz_header() {
    use emr_emulator::sigv4;
    let mut emu = emulator();
    let uri = S3Uri::parse(&output_of(&emu, "FAILED")).unwrap();
    let path = format!("/{}/{}", uri.bucket, sigv4::uri_encode(&uri.key, false));
    let now = wall_ms();
    let amz_date = emr_core::aws::skew::format_amz_date(now);
    let scope = sigv4::Scope {
        access_key_id: demo::ACCESS_KEY_ID.into(),
        date: amz_date[..8].into(),
        region: "us-east-1".into(),
        service: "s3".into(),
        terminator: "aws4_request".into(),
    };
    // A valid signature that covers a header but not the host.
    let signed_headers = "x-amz-expected-bucket-owner";
    let headers = vec![
        ("host".to_string(), HOST.to_string()),
        (
            "x-amz-expected-bucket-owner".to_string(),
            "111122223333".to_string(),
        ),
    ];
    let query = format!(
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={}&X-Amz-Date={amz_date}&X-Amz-Expires=900&X-Amz-Security-Token={}&X-Amz-SignedHeaders={signed_headers}",
        sigv4::uri_encode(&format!("{}/{}", scope.access_key_id, scope.to_scope_string()), true),
        sigv4::uri_encode(demo::SESSION_TOKEN, true)
    );
    let creq = sigv4::canonical_request(
        "GET",
        &path,
        &sigv4::canonical_query(&sigv4::query_pairs(&query), None),
        &headers,
        &[signed_headers.to_string()],
        sigv4::UNSIGNED_PAYLOAD,
    )
    .unwrap();
    let sig = sigv4::signature(
        demo::SECRET_ACCESS_KEY,
        &scope,
        &sigv4::string_to_sign(&amz_date, &scope.to_scope_string(), &creq),
    );
    let get = |emu: &mut Emulator, query: String, headers: Vec<(String, String)>| {
        respond(
            emu,
            &Request {
                method: "GET".into(),
                path: path.clone(),
                query,
                headers,
                body: vec![],
            },
        )
    };
    let r = get(
        &mut emu,
        format!("{query}&X-Amz-Signature={sig}"),
        headers.clone(),
    );
    assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(&r.body));
    // An x-amz-* header the signature does not cover is refused like S3 does.
    let url = presigned_object_url(
        &uri,
        &Region::parse("us-east-1").unwrap(),
        Some(&parse_override(&format!("http://{HOST}")).unwrap()),
        &demo_creds(),
        now,
        900,
    )
    .unwrap();
    let q = url.split_once('?').unwrap().1.to_string();
    assert_eq!(
        get(&mut emu, q.clone(), vec![("host".into(), HOST.into())]).status,
        200
    );
    let r = get(
        &mut emu,
        q,
        vec![
            ("host".into(), HOST.into()),
            ("x-amz-expected-bucket-owner".into(), "111122223333".into()),
        ],
    );
    assert_eq!(r.status, 403);
    assert!(String::from_utf8_lossy(&r.body).contains("not signed"));
}

/// A GET of `uri` presigned with `options`, sending the headers they need.
fn presigned_get_with(
    emu: &mut Emulator,
    uri: &str,
    options: emr_core::emr::links::GetOptions<'_>,
) -> Response {
    let endpoint = parse_override(&format!("http://{HOST}")).unwrap();
    let url = emr_core::emr::links::presign_object(
        &S3Uri::parse(uri).unwrap(),
        &Region::parse("us-east-1").unwrap(),
        Some(&endpoint),
        &demo_creds(),
        wall_ms(),
        900,
        options,
    )
    .unwrap();
    let rest = url.strip_prefix(&format!("http://{HOST}")).unwrap();
    let (path, query) = rest.split_once('?').unwrap();
    let mut headers = vec![("host".to_string(), HOST.to_string())];
    headers.extend(
        options
            .headers()
            .into_iter()
            .map(|(n, v)| (n.to_string(), v)),
    );
    respond(
        emu,
        &Request {
            method: "GET".into(),
            path: path.into(),
            query: query.into(),
            headers,
            body: vec![],
        },
    )
}

#[test]
fn a_download_is_served_as_an_attachment_and_a_foreign_bucket_is_refused_when_asked() {
    use emr_core::emr::links::GetOptions;
    let mut emu = emulator();
    let uri = output_of(&emu, "FINISHED");
    let r = presigned_get_with(
        &mut emu,
        &uri,
        GetOptions {
            attachment: Some(&uri),
            ..Default::default()
        },
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"daily_sales_report.html\"")
    );
    // The execution's own account owns EMR Studio's bucket; another account's bucket is refused.
    let failed = output_of(&emu, "FAILED");
    let own = GetOptions {
        expected_owner: Some(emr_emulator::seed::ACCOUNT),
        ..Default::default()
    };
    assert_eq!(presigned_get_with(&mut emu, &failed, own).status, 200);
    let foreign = output_of(&emu, "OTHERACCOUNT");
    let r = presigned_get_with(&mut emu, &foreign, own);
    assert_eq!(r.status, 403, "{}", String::from_utf8_lossy(&r.body));
    let other = GetOptions {
        expected_owner: Some(emr_emulator::seed::OTHER_ACCOUNT),
        ..Default::default()
    };
    assert_eq!(presigned_get_with(&mut emu, &foreign, other).status, 200);
    assert_eq!(
        presigned_get_with(&mut emu, &foreign, GetOptions::default()).status,
        200
    );
}
