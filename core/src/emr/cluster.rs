//! Clusters, as far as starting a notebook on one needs them: `ListClusters` (the ones that can
//! take work) and `DescribeCluster`, and what to tell the user before a Start is signed.

use serde::{Deserialize, Serialize};

use super::model::Timestamp;
use super::operations::{json_request, parse, Operation, ParseError};
use crate::aws::signing::JsonRequest;

/// A cluster's state (`ClusterState`), with room for one AWS adds later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClusterState {
    Starting,
    Bootstrapping,
    Running,
    Waiting,
    Terminating,
    Terminated,
    TerminatedWithErrors,
    Unknown(String),
}

impl ClusterState {
    /// The states a notebook execution can be started on (or soon).
    pub const ACTIVE: [ClusterState; 4] = [
        ClusterState::Starting,
        ClusterState::Bootstrapping,
        ClusterState::Running,
        ClusterState::Waiting,
    ];

    pub fn parse(s: &str) -> ClusterState {
        match s {
            "STARTING" => ClusterState::Starting,
            "BOOTSTRAPPING" => ClusterState::Bootstrapping,
            "RUNNING" => ClusterState::Running,
            "WAITING" => ClusterState::Waiting,
            "TERMINATING" => ClusterState::Terminating,
            "TERMINATED" => ClusterState::Terminated,
            "TERMINATED_WITH_ERRORS" => ClusterState::TerminatedWithErrors,
            other => ClusterState::Unknown(other.to_string()),
        }
    }

    pub fn as_api(&self) -> &str {
        match self {
            ClusterState::Starting => "STARTING",
            ClusterState::Bootstrapping => "BOOTSTRAPPING",
            ClusterState::Running => "RUNNING",
            ClusterState::Waiting => "WAITING",
            ClusterState::Terminating => "TERMINATING",
            ClusterState::Terminated => "TERMINATED",
            ClusterState::TerminatedWithErrors => "TERMINATED_WITH_ERRORS",
            ClusterState::Unknown(s) => s,
        }
    }

    pub fn is_ended(&self) -> bool {
        matches!(
            self,
            ClusterState::Terminating
                | ClusterState::Terminated
                | ClusterState::TerminatedWithErrors
        )
    }
}

impl Serialize for ClusterState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_api())
    }
}

impl<'de> Deserialize<'de> for ClusterState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ClusterState::parse(&String::deserialize(d)?))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StateChangeReason {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterStatus {
    pub state: Option<ClusterState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_change_reason: Option<StateChangeReason>,
}

/// One row of `ListClusters`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterSummary {
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: Option<ClusterStatus>,
}

/// `DescribeCluster`'s cluster, the members a start cares about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Cluster {
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: Option<ClusterStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_configuration: Option<String>,
}

impl Cluster {
    pub fn state(&self) -> Option<&ClusterState> {
        self.status.as_ref()?.state.as_ref()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListClustersInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_states: Option<Vec<ClusterState>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_after: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListClustersOutput {
    #[serde(default)]
    pub clusters: Vec<ClusterSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeClusterInput {
    pub cluster_id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeClusterOutput {
    pub cluster: Option<Cluster>,
}

/// The clusters that can take a notebook now or soon, a page at a time.
pub fn list_request(marker: Option<&str>) -> JsonRequest {
    json_request(
        Operation::ListClusters,
        &ListClustersInput {
            cluster_states: Some(ClusterState::ACTIVE.to_vec()),
            created_after: None,
            marker: marker.map(str::to_string),
        },
    )
}

pub fn parse_list(body: &[u8]) -> Result<ListClustersOutput, ParseError> {
    parse(body)
}

pub fn describe_request(cluster_id: &str) -> JsonRequest {
    json_request(
        Operation::DescribeCluster,
        &DescribeClusterInput {
            cluster_id: cluster_id.trim().to_string(),
        },
    )
}

pub fn parse_describe(body: &[u8]) -> Result<Cluster, ParseError> {
    parse::<DescribeClusterOutput>(body)?
        .cluster
        .ok_or_else(|| ParseError("it has no Cluster member".into()))
}

/// What the page says about a cluster before a Start is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// It has ended (or is ending): a start would fail. The text is EMR's reason.
    Blocked(String),
    /// It is still starting: the execution waits for it.
    Starting(String),
    /// A start may fail as given: the warning.
    Warning(String),
    Ready(String),
}

impl Check {
    pub fn blocks(&self) -> bool {
        matches!(self, Check::Blocked(_))
    }
}

/// The checks for starting on `cluster` with `execution_role` (the form's Execution role ARN).
pub fn check(cluster: &Cluster, execution_role: &str) -> Vec<Check> {
    let name = cluster
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .map(|n| format!("{n} ({})", cluster.id.as_deref().unwrap_or_default()))
        .unwrap_or_else(|| cluster.id.clone().unwrap_or_default());
    let reason = cluster
        .status
        .as_ref()
        .and_then(|s| s.state_change_reason.as_ref())
        .map(|r| {
            let code = r
                .code
                .as_deref()
                .map(|c| format!("{c}: "))
                .unwrap_or_default();
            format!(
                "{code}{}",
                r.message.as_deref().unwrap_or("no reason given")
            )
        });
    let release = cluster
        .release_label
        .as_deref()
        .map(|r| format!(", {r}"))
        .unwrap_or_default();
    let mut out = vec![];
    match cluster.state() {
        Some(s) if s.is_ended() => out.push(Check::Blocked(format!(
            "{name} is {}: a notebook cannot start on it. EMR says: {}",
            s.as_api(),
            reason.unwrap_or_else(|| "no reason given".into())
        ))),
        Some(s @ (ClusterState::Starting | ClusterState::Bootstrapping)) => {
            out.push(Check::Starting(format!(
                "{name} is still {} ({release}): the execution starts once the cluster is ready.",
                s.as_api().to_ascii_lowercase(),
                release = release.trim_start_matches(", ")
            )))
        }
        Some(s) => out.push(Check::Ready(format!("{name}: {}{release}.", s.as_api()))),
        None => {}
    }
    if let Some(sc) = cluster
        .security_configuration
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        if execution_role.trim().is_empty() {
            out.push(Check::Warning(format!(
                "{name} uses the security configuration {sc}. If it enables runtime roles, a notebook execution on it needs an Execution role ARN, and a start without one fails."
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(state: &str, sc: Option<&str>) -> Cluster {
        Cluster {
            id: Some("j-1".into()),
            name: Some("etl".into()),
            status: Some(ClusterStatus {
                state: Some(ClusterState::parse(state)),
                state_change_reason: Some(StateChangeReason {
                    code: Some("USER_REQUEST".into()),
                    message: Some("Terminated by user request".into()),
                }),
            }),
            release_label: Some("emr-7.1.0".into()),
            security_configuration: sc.map(str::to_string),
        }
    }

    #[test]
    fn a_terminated_cluster_blocks_with_emrs_reason() {
        for s in ["TERMINATED", "TERMINATING", "TERMINATED_WITH_ERRORS"] {
            let c = check(&cluster(s, None), "");
            assert!(c[0].blocks(), "{s}");
            let Check::Blocked(t) = &c[0] else {
                unreachable!()
            };
            assert!(
                t.contains("USER_REQUEST: Terminated by user request") && t.contains(s),
                "{t}"
            );
        }
    }

    #[test]
    fn starting_ready_and_runtime_roles() {
        assert!(
            matches!(&check(&cluster("BOOTSTRAPPING", None), "")[0], Check::Starting(t) if t.contains("still bootstrapping"))
        );
        assert!(
            matches!(&check(&cluster("WAITING", None), "")[0], Check::Ready(t) if t.contains("WAITING, emr-7.1.0"))
        );
        let c = check(&cluster("WAITING", Some("runtime-roles")), "");
        assert!(
            matches!(&c[1], Check::Warning(t) if t.contains("runtime-roles") && t.contains("Execution role ARN"))
        );
        assert_eq!(
            check(
                &cluster("WAITING", Some("runtime-roles")),
                "arn:aws:iam::1:role/x"
            )
            .len(),
            1
        );
        assert!(matches!(
            &check(&cluster("SOMETHING_NEW", None), "")[0],
            Check::Ready(_)
        ));
    }

    #[test]
    fn requests_and_answers() {
        let r = list_request(Some("m1"));
        assert_eq!(r.target, "ElasticMapReduce.ListClusters");
        assert_eq!(
            r.body,
            r#"{"ClusterStates":["STARTING","BOOTSTRAPPING","RUNNING","WAITING"],"Marker":"m1"}"#
        );
        assert_eq!(describe_request(" j-1 ").body, r#"{"ClusterId":"j-1"}"#);
        let out = parse_list(br#"{"Clusters":[{"Id":"j-1","Name":"a","Status":{"State":"WAITING"},"NormalizedInstanceHours":3}],"Marker":"x"}"#).unwrap();
        assert_eq!(
            out.clusters[0].status.as_ref().unwrap().state,
            Some(ClusterState::Waiting)
        );
        let c = parse_describe(br#"{"Cluster":{"Id":"j-1","Status":{"State":"NEW_STATE"},"SecurityConfiguration":"sc","Applications":[]}}"#).unwrap();
        assert_eq!(c.state(), Some(&ClusterState::Unknown("NEW_STATE".into())));
        assert!(parse_describe(b"{}").is_err());
    }
}
