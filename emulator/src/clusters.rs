//! The cluster registry: `ListClusters` (state filter, `CreatedAfter`/`Before`, 50 a page) and
//! `DescribeCluster`, and the refusals a Start meets on a cluster that cannot take it.

use emr_core::emr::cluster::ClusterState;
use serde_json::{json, Value};

use crate::emulator::{Emulator, PAGE_SIZE};
use crate::errors::{invalid_request, validation, ApiError};
use crate::seed::CLUSTERS;

/// A terminated cluster (by user request): Start is refused, the form blocks it.
pub const TERMINATED_CLUSTER: &str = "j-2TERMINATED01";
/// A cluster still bootstrapping: Start is accepted, the form says it waits.
pub const BOOTSTRAPPING_CLUSTER: &str = "j-3BOOTSTRAP001";
/// A cluster whose security configuration enables runtime roles: Start needs an execution role.
pub const RUNTIME_ROLES_CLUSTER: &str = "j-1RUNTIMEROLE1";
/// That cluster's security configuration.
pub const RUNTIME_ROLES_CONFIGURATION: &str = "runtime-roles-enabled";
/// Ended clusters kept in the history besides the terminated one, so that an unfiltered list pages.
const HISTORY: usize = 60;

#[derive(Clone, Debug)]
pub struct ClusterRecord {
    pub id: String,
    pub name: String,
    pub state: ClusterState,
    pub reason: Option<(&'static str, String)>,
    pub release_label: &'static str,
    pub security_configuration: Option<&'static str>,
    /// Minutes before the emulator's start.
    pub created_minutes_ago: i64,
    pub ended_minutes_ago: Option<i64>,
}

impl ClusterRecord {
    fn active(id: &str, name: &str, state: ClusterState, release: &'static str, age: i64) -> Self {
        ClusterRecord {
            id: id.into(),
            name: name.into(),
            state,
            reason: None,
            release_label: release,
            security_configuration: None,
            created_minutes_ago: age,
            ended_minutes_ago: None,
        }
    }

    /// Whether a notebook execution can be started on it.
    pub fn refuses_start(&self) -> bool {
        self.state.is_ended()
    }
}

/// The registry for `--cluster` ids (waiting, like the seeded ones) and the seeded clusters.
pub fn registry(extra: &[String]) -> Vec<ClusterRecord> {
    use ClusterState::*;
    let names = [
        "analytics-prod",
        "etl-nightly",
        "ml-training",
        "adhoc-spark",
    ];
    let mut all: Vec<ClusterRecord> = CLUSTERS
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (id, name))| {
            let state = if i % 2 == 0 { Waiting } else { Running };
            ClusterRecord::active(id, name, state, "emr-7.1.0", 60 * 24 * (10 + i as i64))
        })
        .collect();
    all.push(ClusterRecord {
        security_configuration: Some(RUNTIME_ROLES_CONFIGURATION),
        ..ClusterRecord::active(
            RUNTIME_ROLES_CLUSTER,
            "secure-analytics",
            Waiting,
            "emr-7.2.0",
            60 * 24 * 3,
        )
    });
    all.push(ClusterRecord::active(
        BOOTSTRAPPING_CLUSTER,
        "etl-backfill",
        Bootstrapping,
        "emr-7.2.0",
        6,
    ));
    all.push(ClusterRecord {
        state: Terminated,
        reason: Some(("USER_REQUEST", "Terminated by user request".into())),
        ended_minutes_ago: Some(60 * 5),
        ..ClusterRecord::active(
            TERMINATED_CLUSTER,
            "reporting-old",
            Terminated,
            "emr-6.15.0",
            60 * 24 * 40,
        )
    });
    for (i, id) in extra.iter().enumerate() {
        if !all.iter().any(|c| &c.id == id) {
            all.push(ClusterRecord::active(
                id,
                &format!("cluster-{}", i + 1),
                Waiting,
                "emr-7.1.0",
                60,
            ));
        }
    }
    for i in 0..HISTORY {
        let errors = i % 7 == 3;
        all.push(ClusterRecord {
            state: if errors { TerminatedWithErrors } else { Terminated },
            reason: Some(if errors {
                ("BOOTSTRAP_FAILURE", "On the master instance (i-0a1b2c3d4e5f60718), bootstrap action 1 returned a non-zero return code".into())
            } else {
                ("ALL_STEPS_COMPLETED", "Steps completed".into())
            }),
            ended_minutes_ago: Some(60 * 24 * (i as i64 + 1)),
            ..ClusterRecord::active(
                &format!("j-{:013}", 4_000_000_000_000u64 + i as u64 * 7919),
                &format!("transient-{:02}", i + 1),
                Terminated,
                "emr-7.0.0",
                60 * 24 * (i as i64 + 1) + 90,
            )
        });
    }
    all
}

impl Emulator {
    fn cluster_json(&self, c: &ClusterRecord, full: bool) -> Value {
        let at = |minutes: i64| (self.clusters_at - minutes * 60_000) as f64 / 1000.0;
        let mut timeline = json!({ "CreationDateTime": at(c.created_minutes_ago) });
        if !matches!(
            c.state,
            ClusterState::Starting | ClusterState::Bootstrapping
        ) {
            timeline["ReadyDateTime"] = json!(at(c.created_minutes_ago - 8));
        }
        if let Some(end) = c.ended_minutes_ago {
            timeline["EndDateTime"] = json!(at(end));
        }
        let mut status = json!({ "State": c.state.as_api(), "Timeline": timeline });
        status["StateChangeReason"] = match &c.reason {
            Some((code, message)) => json!({ "Code": code, "Message": message }),
            None => json!({}),
        };
        let arn = format!(
            "arn:aws:elasticmapreduce:{}:{}:cluster/{}",
            self.config.region, self.config.account, c.id
        );
        let mut v = json!({
            "Id": c.id,
            "Name": c.name,
            "Status": status,
            "NormalizedInstanceHours": 64,
            "ClusterArn": arn,
        });
        if full {
            v["ReleaseLabel"] = json!(c.release_label);
            v["Applications"] = json!([
                { "Name": "Spark", "Version": "3.5.0" },
                { "Name": "Livy", "Version": "0.8.0" },
                { "Name": "JupyterEnterpriseGateway", "Version": "2.6.0" }
            ]);
            v["ServiceRole"] = json!("EMR_DefaultRole");
            v["AutoTerminate"] = json!(false);
            v["TerminationProtected"] = json!(false);
            v["VisibleToAllUsers"] = json!(true);
            v["StepConcurrencyLevel"] = json!(1);
            v["Tags"] = json!([]);
            if let Some(sc) = c.security_configuration {
                v["SecurityConfiguration"] = json!(sc);
            }
        }
        v
    }

    pub(crate) fn cluster(&self, id: &str) -> Option<&ClusterRecord> {
        self.clusters.iter().find(|c| c.id == id)
    }

    pub(crate) fn list_clusters(&self, body: Value) -> Result<Value, ApiError> {
        let states: Option<Vec<String>> = match &body["ClusterStates"] {
            Value::Null => None,
            Value::Array(a) => Some(
                a.iter()
                    .map(|s| s.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| invalid_request("ClusterStates must be a list of strings."))?,
            ),
            _ => return Err(invalid_request("ClusterStates must be a list of strings.")),
        };
        let seconds = |key: &str| body[key].as_f64().map(|s| (s * 1000.0) as i64);
        let (after, before) = (seconds("CreatedAfter"), seconds("CreatedBefore"));
        let created = |c: &ClusterRecord| self.clusters_at - c.created_minutes_ago * 60_000;
        let mut matching: Vec<&ClusterRecord> = self
            .clusters
            .iter()
            .filter(|c| {
                states
                    .as_ref()
                    .is_none_or(|s| s.iter().any(|s| s == c.state.as_api()))
            })
            .filter(|c| after.is_none_or(|a| created(c) >= a))
            .filter(|c| before.is_none_or(|b| created(c) <= b))
            .collect();
        matching.sort_by_key(|c| c.created_minutes_ago);
        let start = match body["Marker"].as_str() {
            None => 0,
            Some(m) => m
                .strip_prefix("clusters-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n <= matching.len())
                .ok_or_else(|| invalid_request("The marker is not valid."))?,
        };
        let page: Vec<Value> = matching
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .map(|c| self.cluster_json(c, false))
            .collect();
        let mut out = json!({ "Clusters": page });
        if start + PAGE_SIZE < matching.len() {
            out["Marker"] = json!(format!("clusters-{}", start + PAGE_SIZE));
        }
        Ok(out)
    }

    pub(crate) fn describe_cluster(&self, body: Value) -> Result<Value, ApiError> {
        let id = match &body["ClusterId"] {
            Value::String(s) => s.clone(),
            Value::Null => return Err(validation("clusterId")),
            _ => return Err(invalid_request("ClusterId must be a string.")),
        };
        let c = self
            .cluster(&id)
            .ok_or_else(|| invalid_request(format!("Cluster id '{id}' is not valid.")))?;
        Ok(json!({ "Cluster": self.cluster_json(c, true) }))
    }

    /// Why EMR would refuse to start a notebook execution on `id` with `execution_role`.
    pub(crate) fn start_refusal(&self, id: &str, execution_role: Option<&str>) -> Option<ApiError> {
        let Some(c) = self.cluster(id) else {
            return Some(ApiError {
                error_code: Some("NoSuchCluster".into()),
                ..invalid_request(format!("Cluster id '{id}' is not valid."))
            });
        };
        if c.refuses_start() {
            return Some(invalid_request(format!(
                "Cluster {id} is in state {} and cannot run a notebook execution.",
                c.state.as_api()
            )));
        }
        if c.security_configuration.is_some() && execution_role.is_none_or(str::is_empty) {
            return Some(invalid_request(format!(
                "Cluster {id} has runtime roles enabled in its security configuration; specify an ExecutionRoleArn."
            )));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::Config;

    fn emulator() -> Emulator {
        Emulator::new(Config {
            frozen: true,
            ..Config::default()
        })
    }

    #[test]
    fn active_clusters_in_one_page_and_the_history_in_two() {
        let e = emulator();
        let active = e
            .list_clusters(
                json!({"ClusterStates": ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]}),
            )
            .ok()
            .unwrap();
        let ids: Vec<&str> = active["Clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["Id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 6, "{ids:?}");
        assert!(ids.contains(&BOOTSTRAPPING_CLUSTER) && !ids.contains(&TERMINATED_CLUSTER));
        assert!(active.get("Marker").is_none());
        assert!(
            active["Clusters"][0].get("ReleaseLabel").is_none(),
            "ListClusters has no release label"
        );
        let first = e.list_clusters(json!({})).ok().unwrap();
        assert_eq!(first["Clusters"].as_array().unwrap().len(), PAGE_SIZE);
        let rest = e
            .list_clusters(json!({"Marker": first["Marker"]}))
            .ok()
            .unwrap();
        assert_eq!(
            rest["Clusters"].as_array().unwrap().len(),
            6 + 1 + HISTORY - PAGE_SIZE
        );
        assert!(e.list_clusters(json!({"Marker": "clusters-9999"})).is_err());
    }

    #[test]
    fn describe_and_refusals() {
        let e = emulator();
        let t = e
            .describe_cluster(json!({"ClusterId": TERMINATED_CLUSTER}))
            .ok()
            .unwrap();
        assert_eq!(
            t["Cluster"]["Status"]["StateChangeReason"]["Code"],
            "USER_REQUEST"
        );
        let parsed = emr_core::emr::cluster::parse_describe(t.to_string().as_bytes()).unwrap();
        assert!(emr_core::emr::cluster::check(&parsed, "")[0].blocks());
        assert!(e.describe_cluster(json!({"ClusterId": "j-NOPE"})).is_err());
        assert!(e.start_refusal(TERMINATED_CLUSTER, None).is_some());
        assert!(e.start_refusal(RUNTIME_ROLES_CLUSTER, None).is_some());
        assert!(e
            .start_refusal(RUNTIME_ROLES_CLUSTER, Some("arn:aws:iam::1:role/r"))
            .is_none());
        assert!(e.start_refusal(BOOTSTRAPPING_CLUSTER, None).is_none());
        assert!(e.start_refusal(CLUSTERS[0], None).is_none());
    }
}
