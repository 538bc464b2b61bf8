//! Seed data: a realistic account with executions in every status, plus unicode, long and hostile
//! values, and enough history to page through `ListNotebookExecutions`.
//!
//! Well-known ids (`ex-<STATUS>000…1`) are what the end-to-end tests describe; at start-up each is
//! in the status its name says (and stays there on a frozen clock).

use std::collections::BTreeMap;

use emr_core::demo;
use emr_core::emr::model::{ExecutionEngineConfig, NotebookExecution, S3Location, Tag};

use crate::lifecycle::{Execution, Outcome, Plan};
use crate::notebooks::Object;

pub const ACCOUNT: &str = "111122223333";
/// An account that owns a bucket some output is written to (`ex-OTHERACCOUNT…`).
pub const OTHER_ACCOUNT: &str = "444455556666";

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

pub fn seed_id(tag: &str) -> String {
    let mut s = format!("ex-{tag}");
    while s.len() < 31 {
        s.push('0');
    }
    s.push('1');
    s
}

/// The well-known seeded executions, by the status they are in at start-up.
pub fn well_known() -> Vec<(&'static str, String)> {
    vec![
        ("RUNNING (demo)", demo::RUNNING_EXECUTION_ID.to_string()),
        ("START_PENDING", seed_id("STARTPENDING")),
        ("STARTING", seed_id("STARTING")),
        ("RUNNING", seed_id("RUNNING")),
        ("FINISHING", seed_id("FINISHING")),
        ("FINISHED", seed_id("FINISHED")),
        ("FAILING", seed_id("FAILING")),
        ("FAILED", seed_id("FAILED")),
        ("FAILED (while starting)", seed_id("FAILEDSTART")),
        ("STOP_PENDING", seed_id("STOPPENDING")),
        ("STOPPING", seed_id("STOPPING")),
        ("STOPPED", seed_id("STOPPED")),
        ("FINISHED (unicode, long values)", seed_id("UNICODE")),
        (
            "FAILED (script-like strings in every field)",
            seed_id("HOSTILE"),
        ),
        ("FINISHED (a 10 MB output notebook)", seed_id("BIGNOTEBOOK")),
        (
            "FAILED (hostile content in its output notebook)",
            seed_id("HOSTILENOTEBOOK"),
        ),
        (
            "FAILED (S3 denies its output notebook)",
            seed_id("OUTPUTDENIED"),
        ),
        (
            "FINISHED (its output notebook was never written)",
            seed_id("OUTPUTMISSING"),
        ),
        (
            "FINISHED (an HTML output that tries to load from another host)",
            seed_id("TRACKINGHTML"),
        ),
        (
            "FAILED (its output is in another account's bucket)",
            seed_id("OTHERACCOUNT"),
        ),
        ("FINISHED (a 60 MB output notebook)", seed_id("HUGEOUTPUT")),
        (
            "FINISHED (the 10 MB notebook with edits, to compare at scale)",
            seed_id("BIGNOTEBOOK2"),
        ),
    ]
}

/// The recurring notebooks' best-known runs (the default seed has them; `--seed-count` does not).
pub fn recurring_known() -> Vec<(&'static str, String)> {
    vec![
        ("FAILED (customer-churn: failing for 3 runs since a parameter changed and a cell was edited)", seed_id("CHURN01")),
        ("FINISHED (customer-churn: its last success)", seed_id("CHURN05")),
        ("FINISHED (nightly-revenue, an S3 notebook getting slower)", seed_id("REVENUE01")),
    ]
}

/// The well-known executions seeded in a region besides the main one (`--regions`), so that
/// "Search all regions" has something to find: `ex-EUWEST1FINISHED0…1` and the like.
pub fn elsewhere_ids(region: &str) -> Vec<(&'static str, String)> {
    let tag: String = region
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_uppercase();
    vec![
        ("FINISHED", seed_id(&format!("{tag}FINISHED"))),
        ("RUNNING", seed_id(&format!("{tag}RUNNING"))),
        ("FAILED", seed_id(&format!("{tag}FAILED"))),
    ]
}

/// splitmix64: deterministic filler without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn alnum(&mut self, len: usize) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..len)
            .map(|_| A[self.below(A.len() as u64) as usize] as char)
            .collect()
    }
}

pub struct Builder {
    region: String,
    now: i64,
    /// `Some(n)`: n generated executions over the last 28 days instead of the default history
    /// (`--seed-count`, for scale tests).
    count: Option<usize>,
}

/// The editors (EMR Studio workspaces) and clusters the seeded executions use.
pub const EDITORS: [&str; 5] = [
    "e-C9ZY9CMD24CCF4F2B4UZ7D7MA",
    "e-BKTM2DIHXBEDRU44ANWRKIU8N",
    "e-4Q2XW7J1HMN0RS5T8UVY3ZA6B",
    "e-7HJK2M4N6P8Q0R2S4T6V8W0XY",
    "e-2DF4GH6JK8LM0NP2QR4ST6UV8",
];
pub const CLUSTERS: [&str; 4] = [
    "j-142PVKGDZTTXS",
    "j-3UK2LQBX9ZWEP",
    "j-1XN8M4RT6VQHC",
    "j-2Q7WERTY5UIOP",
];

impl Builder {
    pub fn new(region: &str, now: i64) -> Builder {
        Builder {
            region: region.to_string(),
            now,
            count: None,
        }
    }

    /// Seeds `n` generated executions over the last 28 days instead of the default history.
    pub fn with_count(mut self, n: Option<usize>) -> Builder {
        self.count = n;
        self
    }

    fn bucket(&self) -> String {
        format!("aws-emr-studio-{ACCOUNT}-{}", self.region)
    }

    /// A realistic execution started `age` ago; the caller adjusts plan and outcome.
    fn execution(
        &self,
        id: &str,
        name: &str,
        editor: &str,
        cluster: &str,
        notebook: &str,
        age: i64,
    ) -> Execution {
        let bucket = self.bucket();
        let output_key = format!("{editor}/executions/{id}/{notebook}.ipynb");
        Execution {
            region: self.region.clone(),
            template: NotebookExecution {
                notebook_execution_id: Some(id.to_string()),
                editor_id: Some(editor.to_string()),
                execution_engine: Some(ExecutionEngineConfig {
                    id: cluster.to_string(),
                    engine_type: Some("EMR".into()),
                    master_instance_security_group_id: Some("sg-066e6805267d1d69c".into()),
                    execution_role_arn: Some(format!(
                        "arn:aws:iam::{ACCOUNT}:role/EMRStudio_Notebook_Execution_Role"
                    )),
                }),
                notebook_execution_name: Some(name.to_string()),
                notebook_params: Some(r#"{"run_date":"2026-11-24","sample_fraction":0.1}"#.into()),
                arn: Some(format!(
                    "arn:aws:elasticmapreduce:{}:{ACCOUNT}:notebook-execution/{id}",
                    self.region
                )),
                notebook_instance_security_group_id: Some("sg-05e5e70bcaa4a624f".into()),
                tags: Some(vec![
                    Tag {
                        key: "team".into(),
                        value: Some("data-platform".into()),
                    },
                    Tag {
                        key: "cost-center".into(),
                        value: Some("cc-4711".into()),
                    },
                ]),
                notebook_s3_location: Some(S3Location {
                    bucket: Some(bucket.clone()),
                    key: Some(format!("{editor}/notebooks/{notebook}.ipynb")),
                }),
                output_notebook_s3_location: Some(S3Location {
                    bucket: Some(bucket.clone()),
                    key: Some(format!("{editor}/executions/{id}/")),
                }),
                environment_variables: Some(BTreeMap::from([
                    ("SPARK_ENV".to_string(), "prod".to_string()),
                    ("PYTHONUNBUFFERED".to_string(), "1".to_string()),
                ])),
                ..Default::default()
            },
            created_at: self.now - age,
            plan: Plan::default(),
            outcome: Outcome::Finish,
            stop_requested_at: None,
            output_uri: format!("s3://{bucket}/{output_key}"),
            object: Object::Normal,
        }
    }

    pub fn all(&self) -> Vec<Execution> {
        let mut out = Vec::new();
        let e = |id: &str, name: &str, age: i64| {
            self.execution(id, name, EDITORS[0], CLUSTERS[0], "daily_sales_report", age)
        };

        // The demo execution: running for a good while, then it finishes.
        let mut x = e(demo::RUNNING_EXECUTION_ID, "daily-sales-report", 3 * MIN);
        x.plan = Plan {
            pending_ms: 20_000,
            starting_ms: 40_000,
            running_ms: 45 * MIN,
            ..Plan::default()
        };
        out.push(x);

        let mut x = e(&seed_id("STARTPENDING"), "churn-model-training", 30_000);
        x.plan.pending_ms = 30 * MIN;
        out.push(x);

        let mut x = e(&seed_id("STARTING"), "feature-backfill", 2 * MIN);
        x.plan = Plan {
            pending_ms: 30_000,
            starting_ms: 30 * MIN,
            ..Plan::default()
        };
        out.push(x);

        let mut x = self.execution(
            &seed_id("RUNNING"),
            "clickstream-sessionize",
            EDITORS[1],
            CLUSTERS[1],
            "sessionize",
            10 * MIN,
        );
        x.plan = Plan {
            pending_ms: 30_000,
            starting_ms: 60_000,
            running_ms: 2 * HOUR,
            ..Plan::default()
        };
        out.push(x);

        let mut x = e(&seed_id("FINISHING"), "inventory-snapshot", 20 * MIN);
        x.plan = Plan {
            pending_ms: 30_000,
            starting_ms: 60_000,
            running_ms: 17 * MIN,
            finishing_ms: 30 * MIN,
            ..Plan::default()
        };
        out.push(x);

        let mut x = e(&seed_id("FINISHED"), "find-best-sellers", 26 * HOUR);
        x.template.output_notebook_format = Some("HTML".into());
        x.output_uri = x.output_uri.replace(".ipynb", ".html");
        x.plan = Plan {
            pending_ms: 12_300,
            starting_ms: 41_000,
            running_ms: 6 * MIN + 12_345,
            finishing_ms: 14_000,
            ..Plan::default()
        };
        out.push(x);

        let mut x = e(&seed_id("FAILING"), "ad-attribution", 15 * MIN);
        // An HTML output, with the .ipynb EMR writes beside it.
        x.template.output_notebook_format = Some("HTML".into());
        x.output_uri = x.output_uri.replace(".ipynb", ".html");
        x.outcome = Outcome::FailRunning("Notebook execution failed: cell 7 raised Py4JJavaError: An error occurred while calling o214.save. : org.apache.spark.SparkException: Job aborted due to stage failure: Task 12 in stage 9.0 failed 4 times.".into());
        x.plan = Plan {
            pending_ms: 30_000,
            starting_ms: 60_000,
            running_ms: 13 * MIN,
            failing_ms: 30 * MIN,
            ..Plan::default()
        };
        out.push(x);

        let mut x = self.execution(
            &seed_id("FAILED"),
            "recommendations-refresh",
            EDITORS[1],
            CLUSTERS[1],
            "recs_refresh",
            5 * HOUR,
        );
        x.outcome = Outcome::FailRunning("Notebook execution failed: the kernel died unexpectedly (exit code 137: container killed for exceeding its memory limit) while running cell 14: df.select(\"customer_id\").collect()".into());
        out.push(x);

        let mut x = e(&seed_id("FAILEDSTART"), "quarterly-close", 2 * DAY);
        x.outcome = Outcome::FailStarting(format!("Unable to access the notebook file at s3://{}/{}/notebooks/daily_sales_report.ipynb: Access Denied (Service: Amazon S3; Status Code: 403). Check that the service role can read it.", self.bucket(), EDITORS[0]));
        out.push(x);

        let mut x = e(&seed_id("STOPPENDING"), "ab-test-readout", 5 * MIN);
        x.stop_requested_at = Some(self.now - 10_000);
        x.plan.running_ms = HOUR;
        x.plan.stop_pending_ms = 30 * MIN;
        out.push(x);

        let mut x = e(&seed_id("STOPPING"), "geo-enrichment", 8 * MIN);
        x.stop_requested_at = Some(self.now - MIN);
        x.plan = Plan {
            running_ms: HOUR,
            stop_pending_ms: 20_000,
            stopping_ms: 30 * MIN,
            ..Plan::default()
        };
        out.push(x);

        let mut x = e(&seed_id("STOPPED"), "weekly-kpis", 3 * DAY);
        x.stop_requested_at = Some(self.now - 3 * DAY + 3 * MIN);
        out.push(x);

        out.push(self.unicode());
        out.push(self.hostile());
        out.extend(self.objects());
        match self.count {
            Some(n) => out.extend(self.generated(n)),
            None => {
                out.extend(self.week());
                out.extend(self.history());
                out.extend(self.recurring());
            }
        }
        out
    }

    /// A region besides the main one: a finished, a running and a failed execution.
    pub fn elsewhere(&self) -> Vec<Execution> {
        elsewhere_ids(&self.region)
            .into_iter()
            .map(|(status, id)| {
                let mut x = self.execution(&id, &format!("{}-{}", status.to_lowercase(), self.region), EDITORS[0], CLUSTERS[0], "regional_report", 3 * HOUR);
                match status {
                    "RUNNING" => x.plan.running_ms = 6 * HOUR,
                    "FAILED" => x.outcome = Outcome::FailRunning("Notebook execution failed: cell 4 raised ValueError: no rows for this region".into()),
                    _ => {}
                }
                x
            })
            .collect()
    }

    /// The last seven days as a data team's scheduler leaves them: a nightly ETL at 02:00, a
    /// metrics rollup every six hours, data-quality checks after each ETL, a few ad-hoc runs,
    /// some failures and stops, and two runs still going.
    fn week(&self) -> Vec<Execution> {
        let mut rng = Rng(0x5EED_2026_1202);
        let today = self.now - self.now.rem_euclid(DAY);
        let mut out = Vec::new();
        let mut add = |rng: &mut Rng,
                       name: &str,
                       editor: usize,
                       cluster: usize,
                       at: i64,
                       run: i64| {
            if at > self.now - 2 * MIN {
                return;
            }
            let id = format!("ex-{}", rng.alnum(29));
            let mut x = self.execution(
                &id,
                name,
                EDITORS[editor],
                CLUSTERS[cluster],
                &name.replace('-', "_"),
                self.now - at,
            );
            x.plan.pending_ms = 5_000 + rng.below(20_000) as i64;
            x.plan.starting_ms = 20_000 + rng.below(40_000) as i64;
            x.plan.running_ms = run + rng.below((run / 5).max(1) as u64) as i64;
            match rng.below(12) {
                0 => x.outcome = Outcome::FailRunning("Notebook execution failed: cell 5 raised AnalysisException: Path does not exist: s3://analytics-raw/events/dt=2026-11-30".into()),
                1 => x.outcome = Outcome::FailRunning("Notebook execution failed: cell 3 raised KeyError: 'customer_id'".into()),
                2 => x.stop_requested_at = Some(at + run / 2),
                _ => {}
            }
            out.push(x);
        };
        for d in 1..=7 {
            let day = today - d * DAY;
            add(&mut rng, "nightly-etl", 0, 0, day + 2 * HOUR, 35 * MIN);
            add(
                &mut rng,
                "data-quality-checks",
                1,
                0,
                day + 3 * HOUR,
                8 * MIN,
            );
            for h in [0, 6, 12, 18] {
                add(
                    &mut rng,
                    "metrics-rollup",
                    2,
                    1,
                    day + h * HOUR + 15 * MIN,
                    4 * MIN,
                );
            }
            if d % 2 == 0 {
                add(&mut rng, "model-scoring", 3, 2, day + 10 * HOUR, 50 * MIN);
            }
            if d % 3 == 0 {
                add(
                    &mut rng,
                    "cohort-analysis",
                    4,
                    3,
                    day + 15 * HOUR + 30 * MIN,
                    20 * MIN,
                );
            }
        }
        // Today's so far.
        add(&mut rng, "nightly-etl", 0, 0, today + 2 * HOUR, 35 * MIN);
        add(&mut rng, "metrics-rollup", 2, 1, today + 15 * MIN, 4 * MIN);
        // Two long runs that are still going.
        for (name, editor, cluster, age) in [
            ("backfill-2025-q4", 3, 2, 50 * MIN),
            ("ml-feature-store-sync", 4, 3, 25 * MIN),
        ] {
            let id = format!("ex-{}", rng.alnum(29));
            let mut x = self.execution(
                &id,
                name,
                EDITORS[editor],
                CLUSTERS[cluster],
                &name.replace('-', "_"),
                age,
            );
            x.plan = Plan {
                pending_ms: 20_000,
                starting_ms: 60_000,
                running_ms: 6 * HOUR,
                ..Plan::default()
            };
            out.push(x);
        }
        out
    }

    /// `n` executions spread evenly over the last 28 days (inside EMR's default 30-day window).
    fn generated(&self, n: usize) -> Vec<Execution> {
        let mut rng = Rng(0x5EED_0000_5000 ^ n as u64);
        let names = [
            "nightly-etl",
            "model-scoring",
            "metrics-rollup",
            "sla-report",
            "cohort-analysis",
            "dedupe-customers",
            "data-quality-checks",
        ];
        let spacing = (28 * DAY / n.max(1) as i64).max(1);
        (0..n)
            .map(|i| {
                let id = format!("ex-{}", rng.alnum(29));
                let name = names[rng.below(names.len() as u64) as usize];
                let age = 10 * MIN + i as i64 * spacing;
                let mut x = self.execution(
                    &id,
                    name,
                    EDITORS[rng.below(5) as usize],
                    CLUSTERS[rng.below(4) as usize],
                    &name.replace('-', "_"),
                    age,
                );
                x.plan.running_ms = (2 + rng.below(40) as i64) * MIN;
                match rng.below(10) {
                    0 => {
                        x.outcome = Outcome::FailRunning(
                            "Notebook execution failed: cell 3 raised KeyError: 'customer_id'"
                                .into(),
                        )
                    }
                    1 => x.stop_requested_at = Some(x.created_at + MIN),
                    _ => {}
                }
                x
            })
            .collect()
    }

    /// Runs whose output notebooks exercise the preview: huge, hostile, denied, missing.
    fn objects(&self) -> Vec<Execution> {
        let mut big = self.execution(
            &seed_id("BIGNOTEBOOK"),
            "yearly-sales-archive",
            EDITORS[2],
            CLUSTERS[2],
            "yearly_archive",
            6 * HOUR,
        );
        big.object = Object::Big;
        let mut big2 = self.execution(
            &seed_id("BIGNOTEBOOK2"),
            "nightly-report-export",
            EDITORS[0],
            CLUSTERS[0],
            "report",
            6 * HOUR + 30 * MIN,
        );
        big2.object = Object::BigEdited;
        let mut hostile = self.execution(
            &seed_id("HOSTILENOTEBOOK"),
            "untrusted-notebook",
            EDITORS[0],
            CLUSTERS[0],
            "untrusted",
            7 * HOUR,
        );
        hostile.object = Object::Hostile;
        hostile.outcome = Outcome::FailRunning(
            "Notebook execution failed: cell 2 raised ValueError: see the output notebook".into(),
        );
        let mut denied = self.execution(
            &seed_id("OUTPUTDENIED"),
            "locked-bucket-report",
            EDITORS[1],
            CLUSTERS[1],
            "locked",
            8 * HOUR,
        );
        denied.object = Object::Denied;
        denied.outcome = Outcome::FailRunning(
            "Notebook execution failed: cell 3 raised KeyError: 'region'".into(),
        );
        let mut missing = self.execution(
            &seed_id("OUTPUTMISSING"),
            "lost-output-report",
            EDITORS[1],
            CLUSTERS[1],
            "lost",
            9 * HOUR,
        );
        missing.object = Object::Missing;
        let mut tracking = self.execution(
            &seed_id("TRACKINGHTML"),
            "report-that-phones-home",
            EDITORS[0],
            CLUSTERS[0],
            "tracked",
            10 * HOUR,
        );
        tracking.template.output_notebook_format = Some("HTML".into());
        tracking.output_uri = tracking.output_uri.replace(".ipynb", ".html");
        tracking.object = Object::Tracking;
        // Its output lives in a bucket of another account: the page asks before reading it.
        let mut foreign = self.execution(
            &seed_id("OTHERACCOUNT"),
            "shared-bucket-report",
            EDITORS[1],
            CLUSTERS[1],
            "shared",
            11 * HOUR,
        );
        foreign.output_uri = format!(
            "s3://shared-reports-{OTHER_ACCOUNT}/{}/executions/{}/shared.ipynb",
            EDITORS[1],
            seed_id("OTHERACCOUNT")
        );
        foreign.outcome = Outcome::FailRunning(
            "Notebook execution failed: cell 3 raised KeyError: 'region'".into(),
        );
        let mut huge = self.execution(
            &seed_id("HUGEOUTPUT"),
            "huge-output-report",
            EDITORS[0],
            CLUSTERS[0],
            "huge",
            12 * HOUR,
        );
        huge.object = Object::Huge;
        vec![big, big2, hostile, denied, missing, tracking, foreign, huge]
    }

    fn unicode(&self) -> Execution {
        let id = seed_id("UNICODE");
        let mut x = self.execution(
            &id,
            "Ежедневный отчёт 📊 — 売上レポート (Zürich/São Paulo)",
            EDITORS[2],
            CLUSTERS[2],
            "umsätze_übersicht",
            2 * HOUR,
        );
        let long_list: Vec<String> = (0..120).map(|i| format!("\"region_{i:03}\"")).collect();
        x.template.notebook_params = Some(format!(
            r#"{{"titel":"Umsätze – Übersicht","währung":"€","regions":[{}],"nested":{{"a":[1,2,{{"b":null}}],"emoji":"🚀"}},"description":"{}"}}"#,
            long_list.join(","),
            "lorem ipsum ".repeat(300).trim()
        ));
        x.template.environment_variables = Some(BTreeMap::from([
            ("LANG".to_string(), "de_CH.UTF-8".to_string()),
            ("GRÜSSE".to_string(), "Grüezi 👋".to_string()),
            ("LONG_VALUE".to_string(), "x".repeat(2_000)),
        ]));
        x.template.tags = Some(vec![
            Tag {
                key: "owner".into(),
                value: Some("Zoë Ångström".into()),
            },
            Tag {
                key: "プロジェクト".into(),
                value: Some("売上分析".into()),
            },
            Tag {
                key: "empty-value".into(),
                value: None,
            },
        ]);
        x
    }

    fn hostile(&self) -> Execution {
        let id = seed_id("HOSTILE");
        let s = |tag: &str| {
            format!("<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> {tag} \"'><svg onload=window.__xss=3>")
        };
        let mut x = self.execution(
            &id,
            &s("name"),
            EDITORS[0],
            CLUSTERS[0],
            "hostile",
            3 * HOUR,
        );
        x.template.editor_id = Some(s("editor"));
        x.template.notebook_params = Some(format!("{{\"p\":{:?}}}", s("param")));
        x.template.notebook_instance_security_group_id = Some(s("sg"));
        if let Some(engine) = x.template.execution_engine.as_mut() {
            engine.master_instance_security_group_id = Some(s("master-sg"));
            engine.execution_role_arn = Some(s("role"));
        }
        x.template.tags = Some(vec![Tag {
            key: s("tag-key"),
            value: Some(s("tag-value")),
        }]);
        x.template.environment_variables = Some(BTreeMap::from([(s("env-key"), s("env-value"))]));
        x.template.output_notebook_format = Some(s("format"));
        x.template.notebook_s3_location = Some(S3Location {
            bucket: Some(s("bucket")),
            key: Some(s("key")),
        });
        x.outcome = Outcome::FailRunning(s("reason"));
        x.output_uri = "javascript:window.__xss=4".into();
        x
    }

    /// Older executions from 8 to 53 days ago (some outside the 30-day default window), for paging.
    /// Notebooks that run every day for 60 days, as scheduled notebooks do: an S3 notebook that is
    /// getting slower, a workspace notebook whose last three runs fail since a parameter changed
    /// and a cell was edited, and a one-off run. Their ids are `seed_id("REVENUE07")`,
    /// `seed_id("CHURN01")` (days ago), `seed_id("ADHOC")`.
    fn recurring(&self) -> Vec<Execution> {
        let mut out = Vec::new();
        let date = |age: i64| emr_core::format::iso_utc(self.now - age)[..10].to_string();
        let bucket = self.bucket();
        for d in (1..=60i64).filter(|d| d % 5 != 0) {
            let id = seed_id(&format!("REVENUE{d:02}"));
            let age = d * DAY + 2 * HOUR;
            let mut x = self.execution(
                &id,
                &format!("nightly-revenue-{}", date(age)),
                EDITORS[0],
                CLUSTERS[1],
                "nightly_revenue",
                age,
            );
            // Started from S3, not from a workspace.
            x.template.editor_id = None;
            x.template.notebook_s3_location = Some(S3Location {
                bucket: Some(bucket.clone()),
                key: Some("shared/notebooks/nightly_revenue.ipynb".into()),
            });
            x.template.notebook_params = Some(format!(r#"{{"run_date":"{}"}}"#, date(age)));
            x.output_uri = format!("s3://{bucket}/shared/executions/{id}/nightly_revenue.ipynb");
            // Getting slower: 8 minutes two months ago, 20 now.
            x.plan.running_ms = (8 + (60 - d) / 5) * MIN;
            out.push(x);
        }
        for d in (1..=60i64).filter(|d| d % 4 != 0) {
            let id = seed_id(&format!("CHURN{d:02}"));
            let age = d * DAY + 3 * HOUR;
            let mut x = self.execution(
                &id,
                &format!("customer-churn-{}", date(age)),
                EDITORS[2],
                CLUSTERS[1],
                "customer_churn",
                age,
            );
            // A workspace notebook: no S3 location.
            x.template.notebook_s3_location = None;
            let failing = d <= 3;
            let region = if failing { "us-east-1" } else { "eu-west-1" };
            x.template.notebook_params = Some(format!(
                r#"{{"model":"gbt-v3","region":"{region}","window_days":30}}"#
            ));
            x.object = Object::Churn { edited: failing };
            x.plan.running_ms = 12 * MIN + (d % 3) * MIN;
            if failing {
                x.outcome = Outcome::FailRunning("Notebook execution failed: cell 4 raised ValueError: no events for region us-east-1 in the last window".into());
            }
            out.push(x);
        }
        let mut adhoc = self.execution(
            &seed_id("ADHOC"),
            "adhoc-exploration",
            EDITORS[3],
            CLUSTERS[0],
            "adhoc_exploration",
            5 * DAY,
        );
        adhoc.template.notebook_s3_location = None;
        out.push(adhoc);
        out
    }

    fn history(&self) -> Vec<Execution> {
        let mut rng = Rng(0x5EED_2026_1125);
        let names = [
            "nightly-etl",
            "model-scoring",
            "data-quality-checks",
            "sla-report",
            "cohort-analysis",
            "dedupe-customers",
        ];
        (0..80)
            .map(|i| {
                let id = format!("ex-{}", rng.alnum(29));
                let editor = EDITORS[rng.below(3) as usize];
                let cluster = CLUSTERS[rng.below(3) as usize];
                let name = names[rng.below(names.len() as u64) as usize];
                let age = 8 * DAY + (i as i64) * 13 * HOUR + rng.below(HOUR as u64) as i64;
                let mut x =
                    self.execution(&id, name, editor, cluster, &name.replace('-', "_"), age);
                x.plan.running_ms = (2 + rng.below(40) as i64) * MIN + rng.below(60_000) as i64;
                match rng.below(10) {
                    0 => {
                        x.outcome = Outcome::FailRunning(
                            "Notebook execution failed: cell 3 raised KeyError: 'customer_id'"
                                .into(),
                        )
                    }
                    1 => x.stop_requested_at = Some(x.created_at + 2 * MIN),
                    _ => {}
                }
                x
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;

    #[test]
    fn well_known_seeds_are_in_their_status_at_start() {
        let clock = Clock::new(true, 1.0);
        let now = clock.lifecycle_now();
        let all = Builder::new("us-east-1", now).all();
        for (label, id) in well_known() {
            assert_eq!(id.len(), 32, "{id}");
            let e = all
                .iter()
                .find(|e| e.id() == id)
                .unwrap_or_else(|| panic!("{id} missing"));
            let status = e.status_at(&clock, now).to_string();
            let want = label.split(' ').next().unwrap();
            assert_eq!(status, want, "{label}");
        }
        assert!(all.len() > 140, "{}", all.len());
        let ids: std::collections::HashSet<&str> = all.iter().map(|e| e.id()).collect();
        assert_eq!(ids.len(), all.len(), "ids are unique");
    }

    #[test]
    fn a_week_of_runs_with_several_editors_clusters_and_runs_still_going() {
        let clock = Clock::new(true, 1.0);
        let now = clock.lifecycle_now();
        let all = Builder::new("us-east-1", now).all();
        let week: Vec<_> = all
            .iter()
            .filter(|e| e.created_at >= now - 7 * DAY)
            .collect();
        assert!(week.len() >= 45, "{}", week.len());
        let editors: std::collections::HashSet<_> = week
            .iter()
            .filter_map(|e| e.template.editor_id.clone())
            .collect();
        let clusters: std::collections::HashSet<_> = week.iter().map(|e| e.cluster_id()).collect();
        assert!(editors.len() >= 5 && clusters.len() >= 4);
        let running = week
            .iter()
            .filter(|e| !e.status_at(&clock, now).is_terminal())
            .count();
        assert!(running >= 8, "{running}");
        let failed = week
            .iter()
            .filter(|e| e.status_at(&clock, now).to_string() == "FAILED")
            .count();
        assert!(failed >= 3, "{failed}");
    }

    #[test]
    fn recurring_notebooks_run_daily_for_sixty_days_and_churn_fails_since_its_change() {
        let clock = Clock::new(true, 1.0);
        let now = clock.lifecycle_now();
        let all = Builder::new("us-east-1", now).all();
        let churn: Vec<_> = all
            .iter()
            .filter(|e| e.id().starts_with("ex-CHURN"))
            .collect();
        let revenue: Vec<_> = all
            .iter()
            .filter(|e| e.id().starts_with("ex-REVENUE"))
            .collect();
        assert!(churn.len() >= 30 && revenue.len() >= 30);
        assert!(
            churn.iter().any(|e| e.created_at < now - 59 * DAY),
            "back past 30 days"
        );
        for (label, id) in recurring_known() {
            let e = all.iter().find(|e| e.id() == id).unwrap();
            assert_eq!(
                e.status_at(&clock, now).to_string(),
                label.split(' ').next().unwrap(),
                "{label}"
            );
        }
        let failed: Vec<_> = churn
            .iter()
            .filter(|e| e.status_at(&clock, now).to_string() == "FAILED")
            .collect();
        assert_eq!(failed.len(), 3);
        assert!(failed
            .iter()
            .all(|e| e.object == Object::Churn { edited: true }));
        assert!(churn
            .iter()
            .all(|e| e.template.notebook_s3_location.is_none() && e.template.editor_id.is_some()));
        assert!(revenue
            .iter()
            .all(|e| e.template.notebook_s3_location.is_some() && e.template.editor_id.is_none()));
    }

    #[test]
    fn seed_count_generates_that_many_inside_the_default_window() {
        let clock = Clock::new(true, 1.0);
        let now = clock.lifecycle_now();
        let all = Builder::new("us-east-1", now).with_count(Some(5_000)).all();
        assert_eq!(all.len(), 5_000 + well_known().len());
        assert!(all.iter().all(|e| e.created_at > now - 29 * DAY));
        let ids: std::collections::HashSet<&str> = all.iter().map(|e| e.id()).collect();
        assert_eq!(ids.len(), all.len());
    }
}
