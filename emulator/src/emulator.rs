//! The emulator's state and request routing: EMR's JSON 1.1 API (authorization and faults here; the
//! operations in `operations` and `start`), the S3 side (`s3`) and the control endpoint (`control`).
//! Pure over [`Request`] → [`Reply`]; the server in `server.rs` only moves bytes.

use std::collections::BTreeMap;

use emr_core::emr::operations::Operation;
use serde_json::Value;

use crate::auth;
use crate::clock::Clock;
use crate::errors::{s3_error, ApiError, JSON_11};
use crate::faults::{self, Fault, FaultKind};
use crate::http::{add_common_headers, Reply, Request, Response};
use crate::identity::Identity;
use crate::lifecycle::Execution;
use crate::seed;

/// The dev page's origins (`scripts/dev` serves the app there).
pub const DEV_ORIGINS: [&str; 2] = ["http://127.0.0.1:8080", "http://localhost:8080"];

/// Whether `origin` is one of `allowed` (an entry ending in `:*` allows any port).
pub fn origin_allowed(allowed: &[String], origin: &str) -> bool {
    allowed.iter().any(|a| match a.strip_suffix(":*") {
        Some(host) => origin
            .strip_prefix(host)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())),
        None => a == origin,
    })
}

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
    /// More regions this endpoint serves besides `region` (`--regions`), each with its own executions.
    pub extra_regions: Vec<String>,
    /// Regions that answer like an opt-in region the account has not enabled (`--not-enabled`).
    pub not_enabled: Vec<String>,
    /// The clusters and editors StartNotebookExecution accepts (the seeded ones, plus
    /// `--cluster` / `--editor`).
    pub clusters: Vec<String>,
    pub editors: Vec<String>,
    /// Whether the S3 side answers CORS (`--s3-cors on|off`): off is a bucket without a CORS rule.
    pub s3_cors: bool,
    /// The web pages (origins) that may call it from a browser (`--allow-origin`): by default only
    /// the dev page, so that another site cannot list, stop or start the developer's local
    /// executions with the public demo credentials. `http://127.0.0.1:*` allows any port of a host.
    pub allowed_origins: Vec<String>,
}

impl Config {
    /// Every region served: the main one first.
    pub fn regions(&self) -> Vec<String> {
        let mut all = vec![self.region.clone()];
        all.extend(
            self.extra_regions
                .iter()
                .filter(|r| **r != self.region)
                .cloned(),
        );
        all
    }
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
            extra_regions: vec![],
            s3_cors: true,
            allowed_origins: DEV_ORIGINS.iter().map(|o| o.to_string()).collect(),
            not_enabled: vec![],
            clusters: seed::CLUSTERS.iter().map(|c| c.to_string()).collect(),
            editors: seed::EDITORS.iter().map(|e| e.to_string()).collect(),
        }
    }
}

pub const PAGE_SIZE: usize = 50;
pub(crate) const THIRTY_DAYS_MS: i64 = 30 * 24 * 3_600_000;

pub struct Emulator {
    pub(crate) config: Config,
    pub clock: Clock,
    pub(crate) executions: BTreeMap<String, Execution>,
    /// The cluster registry (`ListClusters`, `DescribeCluster`, Start's refusals).
    pub(crate) clusters: Vec<crate::clusters::ClusterRecord>,
    /// When the registry was made: its clusters' times count back from it.
    pub(crate) clusters_at: i64,
    pub(crate) faults: Vec<Fault>,
    pub(crate) rng: u64,
    /// Every API call received (operation, execution id), for tests to count attempts.
    pub(crate) log: Vec<(String, Option<String>)>,
}

impl Emulator {
    pub fn new(config: Config) -> Emulator {
        let mut clock = Clock::new(config.frozen, config.speed);
        clock.server_offset_ms = config.server_offset_ms;
        let mut emulator = Emulator {
            faults: config.faults.clone(),
            executions: BTreeMap::new(),
            clusters: vec![],
            clusters_at: 0,
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
        self.clusters = crate::clusters::registry(&self.config.clusters);
        self.clusters_at = self.clock.lifecycle_now();
        if self.config.seed {
            let now = self.clock.lifecycle_now();
            let main = seed::Builder::new(&self.config.region, now)
                .with_count(self.config.seed_count)
                .all();
            let others = self
                .config
                .regions()
                .into_iter()
                .skip(1)
                .flat_map(|r| seed::Builder::new(&r, now).elsewhere());
            for e in main.into_iter().chain(others) {
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

    pub(crate) fn random(&mut self) -> u64 {
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
        // A page of another site gets nothing: not its preflight, not the call.
        let origin = request.header("origin").map(str::to_string);
        if let Some(o) = origin.as_deref() {
            if !origin_allowed(&self.config.allowed_origins, o) {
                let mut r = Response::new(
                    403,
                    "text/plain; charset=utf-8",
                    format!("This emulator answers only the pages it was started for (--allow-origin), not {o}.\n"),
                );
                r.headers.push(("x-amzn-requestid".into(), request_id));
                return Reply::Respond {
                    delay_ms: 0,
                    response: r,
                };
            }
        }
        // The S3 side (object paths) answers CORS only when its bucket has a rule (`--s3-cors`).
        let s3 = request.path != "/";
        if s3 && !self.config.s3_cors && request.method == "OPTIONS" {
            let mut r = s3_error(403, "AccessForbidden", "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.", &request_id);
            r.headers.push(("x-amz-request-id".into(), request_id));
            return Reply::Respond {
                delay_ms: 0,
                response: r,
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
                add_common_headers(
                    &mut response,
                    request,
                    &request_id,
                    self.clock.server_now(),
                    origin.as_deref().filter(|_| !s3 || self.config.s3_cors),
                );
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
        let (identity, region) = auth::verify_header_signed(
            request,
            &self.config.identities,
            &self.config.regions(),
            &self.config.not_enabled,
            "elasticmapreduce",
            server_now,
        )?;
        let identity = identity.clone();
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
                    "arn:aws:elasticmapreduce:{region}:{}:notebook-execution/{id}",
                    self.config.account
                ),
                None if operation == Operation::DescribeCluster => format!(
                    "arn:aws:elasticmapreduce:{region}:{}:cluster/{}",
                    self.config.account,
                    body["ClusterId"].as_str().unwrap_or("*")
                ),
                None => format!(
                    "arn:aws:elasticmapreduce:{region}:{}:*",
                    self.config.account
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
            Operation::DescribeNotebookExecution => self.describe(body, &region),
            Operation::ListNotebookExecutions => self.list(body, &region),
            Operation::StopNotebookExecution => self.stop(body, &region),
            Operation::StartNotebookExecution => self.start(body, &region),
            Operation::ListClusters => self.list_clusters(body),
            Operation::DescribeCluster => self.describe_cluster(body),
        }
    }
}
