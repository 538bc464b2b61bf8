//! The emulator's state and its request handling: EMR's JSON 1.1 API, the S3 side and the local
//! control endpoint. Pure over [`Request`] → [`Reply`]; the server in `server.rs` only moves bytes.

use std::collections::BTreeMap;

use emr_core::emr::model::{ExecutionStatus, NotebookExecution, Timestamp};
use emr_core::emr::operations::{
    DescribeNotebookExecutionInput, ListNotebookExecutionsInput, ListNotebookExecutionsOutput,
    Operation, StartNotebookExecutionInput,
};
use serde_json::{json, Value};

use crate::auth::{self, AuthError};
use crate::clock::Clock;
use crate::faults::{self, Fault, FaultKind};
use crate::http::{add_common_headers, Reply, Request, Response};
use crate::identity::Identity;
use crate::lifecycle::{Execution, Outcome, Plan};
use crate::seed;
use crate::sigv4;

/// Start-up configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub region: String,
    pub account: String,
    pub identities: Vec<Identity>,
    /// Lifecycle clock stands still unless advanced (tests).
    pub frozen: bool,
    pub speed: f64,
    pub faults: Vec<Fault>,
    pub server_offset_ms: i64,
    pub seed: bool,
    /// Generated executions instead of the default history (`--seed-count`).
    pub seed_count: Option<usize>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: emr_core::demo::REGION.into(),
            account: seed::ACCOUNT.into(),
            identities: crate::identity::defaults(seed::ACCOUNT),
            frozen: false,
            speed: 1.0,
            faults: vec![],
            server_offset_ms: 0,
            seed: true,
            seed_count: None,
        }
    }
}

pub const PAGE_SIZE: usize = 50;
const THIRTY_DAYS_MS: i64 = 30 * 24 * 3_600_000;
const JSON_11: &str = "application/x-amz-json-1.1";

pub struct Emulator {
    config: Config,
    pub clock: Clock,
    executions: BTreeMap<String, Execution>,
    faults: Vec<Fault>,
    rng: u64,
    /// Every API call received (operation, execution id), for tests to count attempts.
    log: Vec<(String, Option<String>)>,
}

/// An API error in AWS's JSON 1.1 shape.
struct ApiError {
    status: u16,
    code: String,
    /// `message` (coral service errors) or `Message` (errors modeled in EMR's API).
    modeled: bool,
    message: String,
    error_code: Option<String>,
}

fn invalid_request(message: impl Into<String>) -> ApiError {
    ApiError {
        status: 400,
        code: "InvalidRequestException".into(),
        modeled: true,
        message: message.into(),
        error_code: None,
    }
}

fn validation(member: &str) -> ApiError {
    ApiError {
        status: 400,
        code: "ValidationException".into(),
        modeled: false,
        message: format!("1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"),
        error_code: None,
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        ApiError {
            status: e.status,
            code: e.code.to_string(),
            modeled: false,
            message: e.message,
            error_code: None,
        }
    }
}

impl ApiError {
    fn response(&self) -> Response {
        // Coral-style errors come namespaced; modeled ones plain (both occur on the wire).
        let type_ = if self.modeled {
            self.code.clone()
        } else {
            format!("com.amazon.coral.service#{}", self.code)
        };
        let mut body = serde_json::Map::new();
        body.insert("__type".into(), json!(type_));
        body.insert(
            if self.modeled { "Message" } else { "message" }.into(),
            json!(self.message),
        );
        if let Some(c) = &self.error_code {
            body.insert("ErrorCode".into(), json!(c));
        }
        let error_type = if self.code == "ValidationException" {
            format!(
                "{}:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                self.code
            )
        } else {
            self.code.clone()
        };
        Response::new(self.status, JSON_11, Value::Object(body).to_string())
            .with_header("x-amzn-errortype", error_type)
    }
}

fn s3_error(status: u16, code: &str, message: &str, request_id: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{}</Message><RequestId>{request_id}</RequestId></Error>",
        message.replace('&', "&amp;").replace('<', "&lt;")
    );
    Response::new(status, "application/xml", body)
}

impl Emulator {
    pub fn new(config: Config) -> Emulator {
        let mut clock = Clock::new(config.frozen, config.speed);
        clock.server_offset_ms = config.server_offset_ms;
        let mut emulator = Emulator {
            faults: config.faults.clone(),
            executions: BTreeMap::new(),
            log: Vec::new(),
            rng: (crate::clock::wall_ms() as u64) ^ 0x5DEE_CE66_D1CE_4E5B,
            clock,
            config,
        };
        emulator.reseed();
        emulator
    }

    fn reseed(&mut self) {
        self.executions.clear();
        if self.config.seed {
            for e in seed::Builder::new(&self.config.region, self.clock.lifecycle_now())
                .with_count(self.config.seed_count)
                .all()
            {
                self.executions.insert(e.id().to_string(), e);
            }
        }
    }

    /// Back to the start-up state: seeds, faults and clock offset as configured.
    pub fn reset(&mut self) {
        self.faults = self.config.faults.clone();
        self.log.clear();
        self.clock = Clock::new(self.config.frozen, self.config.speed);
        self.clock.server_offset_ms = self.config.server_offset_ms;
        self.reseed();
    }

    pub fn region(&self) -> &str {
        &self.config.region
    }

    fn random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn request_id(&mut self) -> String {
        let a = self.random();
        let b = self.random();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    pub fn handle(&mut self, request: &Request) -> Reply {
        let request_id = self.request_id();
        if request.path.starts_with("/__emulator") {
            // No CORS here, on purpose: a web page must not be able to reconfigure the emulator.
            let mut response = self.control(request);
            response
                .headers
                .push(("x-amzn-requestid".into(), request_id));
            return Reply::Respond {
                delay_ms: 0,
                response,
            };
        }
        let reply = if request.method == "OPTIONS" {
            Reply::Respond {
                delay_ms: 0,
                response: Response::new(200, "text/plain", ""),
            }
        } else if request.path.starts_with("/__emulator") {
            Reply::Respond {
                delay_ms: 0,
                response: self.control(request),
            }
        } else if request.path == "/" && request.method == "POST" {
            self.api(request)
        } else if request.path == "/" {
            Reply::Respond {
                delay_ms: 0,
                response: Response::new(200, "text/plain; charset=utf-8", format!(
                    "Local EMR emulator ({}). POST signed JSON 1.1 requests here (X-Amz-Target: ElasticMapReduce.*); output notebooks are served path-style at /<bucket>/<key> to presigned GETs.\n",
                    self.config.region
                )),
            }
        } else if matches!(request.method.as_str(), "GET" | "HEAD") {
            Reply::Respond {
                delay_ms: 0,
                response: self.s3_get(request, &request_id),
            }
        } else {
            Reply::Respond {
                delay_ms: 0,
                response: s3_error(
                    405,
                    "MethodNotAllowed",
                    "The specified method is not allowed against this resource.",
                    &request_id,
                ),
            }
        };
        match reply {
            Reply::Respond {
                delay_ms,
                mut response,
            } => {
                add_common_headers(&mut response, request, &request_id, self.clock.server_now());
                if request.method == "HEAD" {
                    response.body.clear();
                }
                Reply::Respond { delay_ms, response }
            }
            drop => drop,
        }
    }

    fn api(&mut self, request: &Request) -> Reply {
        let target = request
            .header("x-amz-target")
            .unwrap_or_default()
            .to_string();
        let operation = Operation::from_target(&target);
        let body: Option<Value> = serde_json::from_slice(&request.body).ok();
        let execution_id = body
            .as_ref()
            .and_then(|b| b["NotebookExecutionId"].as_str())
            .map(str::to_string);
        let op_name = target.rsplit('.').next().unwrap_or_default().to_string();
        if self.log.len() < 100_000 {
            self.log.push((op_name.clone(), execution_id.clone()));
        }
        let verdict = {
            let mut seed = self.random();
            let mut roll = move || {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (seed >> 11) as f64 / (1u64 << 53) as f64
            };
            faults::decide(
                &mut self.faults,
                &op_name,
                execution_id.as_deref(),
                &mut roll,
            )
        };
        let delay_ms = verdict.delay_ms;
        let result = match verdict.fail {
            Some(FaultKind::Drop) => return Reply::Drop { delay_ms },
            Some(FaultKind::Throttle) => Err(ApiError {
                status: 400,
                code: "ThrottlingException".into(),
                modeled: false,
                message: "Rate exceeded".into(),
                error_code: None,
            }),
            Some(FaultKind::ServerError { status, code }) => Err(ApiError {
                status,
                code,
                modeled: true,
                message: "An internal error occurred. Try again.".into(),
                error_code: None,
            }),
            Some(FaultKind::Latency { .. }) | None => self.api_authorized(request, operation, body),
        };
        let response = match result {
            Ok(v) => Response::new(200, JSON_11, v.to_string()),
            Err(e) => e.response(),
        };
        Reply::Respond { delay_ms, response }
    }

    fn api_authorized(
        &mut self,
        request: &Request,
        operation: Option<Operation>,
        body: Option<Value>,
    ) -> Result<Value, ApiError> {
        let server_now = self.clock.server_now();
        let identity = auth::verify_header_signed(
            request,
            &self.config.identities,
            &self.config.region,
            "elasticmapreduce",
            server_now,
        )?
        .clone();
        let operation = operation.ok_or_else(|| ApiError {
            status: 400,
            code: "UnknownOperationException".into(),
            modeled: false,
            message: String::new(),
            error_code: None,
        })?;
        if request
            .header("content-type")
            .is_some_and(|ct| !ct.starts_with(JSON_11))
        {
            return Err(ApiError {
                status: 400,
                code: "SerializationException".into(),
                modeled: false,
                message: "Unexpected content type".into(),
                error_code: None,
            });
        }
        let body = body.filter(Value::is_object).ok_or_else(|| ApiError {
            status: 400,
            code: "SerializationException".into(),
            modeled: false,
            message: "Start of structure or map found where not expected.".into(),
            error_code: None,
        })?;
        if identity
            .denied_actions
            .iter()
            .any(|a| a == operation.name())
        {
            let resource = match body["NotebookExecutionId"].as_str() {
                Some(id) => format!(
                    "arn:aws:elasticmapreduce:{}:{}:notebook-execution/{id}",
                    self.config.region, self.config.account
                ),
                None => format!(
                    "arn:aws:elasticmapreduce:{}:{}:*",
                    self.config.region, self.config.account
                ),
            };
            let action = operation.iam_action();
            return Err(ApiError {
                status: 400,
                code: "AccessDeniedException".into(),
                modeled: false,
                message: format!("User: {} is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action", identity.arn),
                error_code: None,
            });
        }
        match operation {
            Operation::DescribeNotebookExecution => self.describe(body),
            Operation::ListNotebookExecutions => self.list(body),
            Operation::StopNotebookExecution => self.stop(body),
            Operation::StartNotebookExecution => self.start(body),
        }
    }

    fn bad_input(e: serde_json::Error) -> ApiError {
        ApiError {
            status: 400,
            code: "SerializationException".into(),
            modeled: false,
            message: e.to_string(),
            error_code: None,
        }
    }

    fn find(&self, id: &str) -> Result<&Execution, ApiError> {
        self.executions
            .get(id)
            .ok_or_else(|| invalid_request(format!("Notebook execution {id} does not exist.")))
    }

    fn id_of(body: Value) -> Result<String, ApiError> {
        let input: DescribeNotebookExecutionInput = match body.get("NotebookExecutionId") {
            None | Some(Value::Null) => return Err(validation("notebookExecutionId")),
            Some(_) => serde_json::from_value(body).map_err(Self::bad_input)?,
        };
        if input.notebook_execution_id.chars().count() > 256 {
            return Err(ApiError {
                status: 400,
                code: "ValidationException".into(),
                modeled: false,
                message: "1 validation error detected: Value at 'notebookExecutionId' failed to satisfy constraint: Member must have length less than or equal to 256".into(),
                error_code: None,
            });
        }
        Ok(input.notebook_execution_id)
    }

    pub fn describe_record(&self, id: &str) -> Option<NotebookExecution> {
        self.executions
            .get(id)
            .map(|e| e.view(&self.clock, self.clock.lifecycle_now()))
    }

    fn describe(&self, body: Value) -> Result<Value, ApiError> {
        let id = Self::id_of(body)?;
        let record = self
            .find(&id)?
            .view(&self.clock, self.clock.lifecycle_now());
        Ok(json!({ "NotebookExecution": record }))
    }

    fn list(&self, body: Value) -> Result<Value, ApiError> {
        let input: ListNotebookExecutionsInput =
            serde_json::from_value(body).map_err(Self::bad_input)?;
        let now = self.clock.lifecycle_now();
        let from = input
            .from
            .map(Timestamp::millis)
            .unwrap_or(now - THIRTY_DAYS_MS);
        let to = input.to.map(Timestamp::millis).unwrap_or(now);
        let mut rows: Vec<NotebookExecution> = self
            .executions
            .values()
            .filter(|e| e.created_at >= from && e.created_at <= to)
            .filter(|e| {
                input
                    .editor_id
                    .as_deref()
                    .is_none_or(|x| e.template.editor_id.as_deref() == Some(x))
            })
            .filter(|e| {
                input
                    .execution_engine_id
                    .as_deref()
                    .is_none_or(|x| e.cluster_id() == x)
            })
            .map(|e| e.view(&self.clock, now))
            .filter(|r| {
                input
                    .status
                    .as_ref()
                    .is_none_or(|s| r.status.as_ref() == Some(s))
            })
            .collect();
        // Newest first; the id breaks ties so pages are stable.
        rows.sort_by(|a, b| {
            (b.start_time, &b.notebook_execution_id).cmp(&(a.start_time, &a.notebook_execution_id))
        });
        let start = match &input.marker {
            None => 0,
            Some(m) => {
                let (t, id) = decode_marker(m).ok_or_else(|| invalid_request("Invalid marker."))?;
                rows.iter()
                    .position(|r| {
                        (
                            r.start_time.map(Timestamp::millis).unwrap_or(0),
                            r.notebook_execution_id.clone().unwrap_or_default(),
                        ) < (t, id.clone())
                    })
                    .unwrap_or(rows.len())
            }
        };
        let page: Vec<_> = rows
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .map(NotebookExecution::summary)
            .collect();
        let marker = (start + PAGE_SIZE < rows.len()).then(|| {
            let last = &rows[start + PAGE_SIZE - 1];
            encode_marker(
                last.start_time.map(Timestamp::millis).unwrap_or(0),
                last.notebook_execution_id.as_deref().unwrap_or_default(),
            )
        });
        Ok(serde_json::to_value(ListNotebookExecutionsOutput {
            notebook_executions: page,
            marker,
        })
        .unwrap_or_default())
    }

    fn stop(&mut self, body: Value) -> Result<Value, ApiError> {
        let id = Self::id_of(body)?;
        let now = self.clock.lifecycle_now();
        let status = self.find(&id)?.status_at(&self.clock, now);
        if !status.is_stoppable() {
            return Err(invalid_request(format!(
                "Notebook execution {id} cannot be stopped because it is in {status} status."
            )));
        }
        if let Some(e) = self.executions.get_mut(&id) {
            e.stop_requested_at = Some(now);
        }
        Ok(json!({}))
    }

    fn start(&mut self, body: Value) -> Result<Value, ApiError> {
        for (member, key) in [
            ("executionEngine", "ExecutionEngine"),
            ("serviceRole", "ServiceRole"),
        ] {
            if body.get(key).is_none_or(Value::is_null) {
                return Err(validation(member));
            }
        }
        let input: StartNotebookExecutionInput =
            serde_json::from_value(body).map_err(Self::bad_input)?;
        let engine = input.execution_engine.clone().unwrap_or_default();
        if engine.id.is_empty() {
            return Err(validation("executionEngine.id"));
        }
        let known_cluster = self
            .executions
            .values()
            .any(|e| e.cluster_id() == engine.id);
        if !known_cluster {
            return Err(ApiError {
                error_code: Some("NoSuchCluster".into()),
                ..invalid_request(format!("Cluster id '{}' is not valid.", engine.id))
            });
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
        if let Some(f) = input
            .output_notebook_format
            .as_deref()
            .filter(|f| *f != "HTML")
        {
            return Err(ApiError {
                status: 400,
                code: "ValidationException".into(),
                modeled: false,
                message: format!("1 validation error detected: Value '{f}' at 'outputNotebookFormat' failed to satisfy constraint: Member must satisfy enum value set: [HTML]"),
                error_code: None,
            });
        }
        if input
            .notebook_execution_name
            .as_deref()
            .is_some_and(|n| n.chars().count() > 256)
        {
            return Err(ApiError {
                status: 400,
                code: "ValidationException".into(),
                modeled: false,
                message: "1 validation error detected: Value at 'notebookExecutionName' failed to satisfy constraint: Member must have length less than or equal to 256".into(),
                error_code: None,
            });
        }
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let id: String = "ex-"
            .chars()
            .chain((0..29).map(|_| A[(self.random() % 36) as usize] as char))
            .collect();
        let region = self.config.region.clone();
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
        };
        self.executions.insert(id.clone(), execution);
        Ok(json!({ "NotebookExecutionId": id }))
    }

    fn s3_get(&mut self, request: &Request, request_id: &str) -> Response {
        let server_now = self.clock.server_now();
        if let Err(e) = auth::verify_presigned(
            request,
            &self.config.identities,
            &self.config.region,
            server_now,
        ) {
            return s3_error(e.status, e.code, &e.message, request_id);
        }
        let path = sigv4::uri_decode(&request.path);
        let uri = format!("s3:/{path}");
        let now = self.clock.lifecycle_now();
        // An execution's output (once its run has started), or the notebook it runs.
        let output = self
            .executions
            .values()
            .find(|e| e.output_uri == uri && e.output_exists(&self.clock, now))
            .map(|e| crate::notebooks::render(&e.view(&self.clock, now), uri.ends_with(".html")));
        let object = output.or_else(|| {
            self.executions
                .values()
                .find(|e| {
                    e.template.notebook_s3_location.as_ref().is_some_and(|l| {
                        format!(
                            "s3://{}/{}",
                            l.bucket.as_deref().unwrap_or_default(),
                            l.key.as_deref().unwrap_or_default()
                        ) == uri
                    })
                })
                .map(|e| crate::notebooks::render_source(&e.template))
        });
        match object {
            Some((content_type, body)) => {
                let etag = format!("\"{}\"", &sigv4::sha256_hex(&body)[..32]);
                Response::new(200, &content_type, body).with_header("etag", etag)
            }
            None => s3_error(
                404,
                "NoSuchKey",
                "The specified key does not exist.",
                request_id,
            ),
        }
    }

    fn control(&mut self, request: &Request) -> Response {
        if request.header("x-emulator-control").is_none() {
            return Response::json(
                403,
                &json!({"error": "control requests need the header X-Emulator-Control: 1 (so that web pages cannot send them)"}),
            );
        }
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/__emulator/health") => Response::json(
                200,
                &json!({
                    "ok": true,
                    "region": self.config.region,
                    "executions": self.executions.len(),
                    "frozen": self.clock.is_frozen(),
                    "speed": self.clock.speed,
                    "server_offset_ms": self.clock.server_offset_ms,
                }),
            ),
            ("GET", "/__emulator/seeds") => Response::json(
                200,
                &json!(seed::well_known()
                    .into_iter()
                    .map(|(label, id)| json!({"label": label, "id": id}))
                    .collect::<Vec<_>>()),
            ),
            ("POST", "/__emulator/reset") => {
                self.reset();
                Response::json(200, &json!({"ok": true}))
            }
            ("GET", "/__emulator/requests") => Response::json(
                200,
                &json!(self
                    .log
                    .iter()
                    .map(|(op, id)| json!({"operation": op, "execution_id": id}))
                    .collect::<Vec<_>>()),
            ),
            ("GET", "/__emulator/faults") => Response::json(200, &json!(self.faults)),
            ("POST", "/__emulator/faults") => match serde_json::from_value::<Fault>(body) {
                Ok(f) => {
                    self.faults.push(f);
                    Response::json(200, &json!(self.faults))
                }
                Err(e) => Response::json(400, &json!({"error": e.to_string()})),
            },
            ("DELETE", "/__emulator/faults") => {
                self.faults.clear();
                Response::json(200, &json!([]))
            }
            ("POST", "/__emulator/clock") => {
                if let Some(off) = body["server_offset_ms"].as_i64() {
                    self.clock.server_offset_ms = off;
                }
                if let Some(adv) = body["advance_ms"].as_i64() {
                    self.clock.advance(adv);
                }
                Response::json(
                    200,
                    &json!({"server_offset_ms": self.clock.server_offset_ms, "lifecycle_now_ms": self.clock.lifecycle_now()}),
                )
            }
            _ => Response::json(
                404,
                &json!({"error": "unknown control endpoint", "endpoints": ["GET /__emulator/health", "GET /__emulator/seeds", "GET /__emulator/requests", "POST /__emulator/reset", "GET|POST|DELETE /__emulator/faults", "POST /__emulator/clock"]}),
            ),
        }
    }

    /// Current status of an execution (for tests).
    pub fn status_of(&self, id: &str) -> Option<ExecutionStatus> {
        self.executions
            .get(id)
            .map(|e| e.status_at(&self.clock, self.clock.lifecycle_now()))
    }
}

fn encode_marker(start_ms: i64, id: &str) -> String {
    let raw = format!("{start_ms}:{id}");
    format!("m1.{}", sigv4::hex(raw.as_bytes()))
}

fn decode_marker(marker: &str) -> Option<(i64, String)> {
    let hex = marker.strip_prefix("m1.")?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let text = String::from_utf8(bytes?).ok()?;
    let (t, id) = text.split_once(':')?;
    Some((t.parse().ok()?, id.to_string()))
}
