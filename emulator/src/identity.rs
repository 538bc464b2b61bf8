//! Who may call the emulator: configured credentials, some deliberately broken for tests.

use emr_core::demo;
use serde::{Deserialize, Serialize};

/// A credential the emulator knows, with what it is allowed to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Temporary credentials must send this exact token.
    #[serde(default)]
    pub session_token: Option<String>,
    /// The STS session has expired: every request gets `ExpiredTokenException`.
    #[serde(default)]
    pub expired: bool,
    /// EMR actions (`DescribeNotebookExecution`, …) this identity is not allowed to call.
    #[serde(default)]
    pub denied_actions: Vec<String>,
    /// The caller's ARN, quoted in `AccessDeniedException`.
    pub arn: String,
}

pub const EXPIRED_ACCESS_KEY_ID: &str = "ASIAEMULATOREXPIRED1";
pub const DENIED_ACCESS_KEY_ID: &str = "ASIAEMULATORDENIED01";
pub const LONG_TERM_ACCESS_KEY_ID: &str = "AKIAEMULATORLONGTERM";
pub const NO_LIST_ACCESS_KEY_ID: &str = "ASIAEMULATORNOLIST01";
pub const NO_STOP_ACCESS_KEY_ID: &str = "ASIAEMULATORNOSTOP01";
pub const NO_START_ACCESS_KEY_ID: &str = "ASIAEMULATORNOSTART1";
/// Allowed the notebook-execution calls but not ListClusters / DescribeCluster.
pub const NO_CLUSTERS_ACCESS_KEY_ID: &str = "ASIAEMULATORNOCLUST1";

/// An identity allowed everything but `denied` (one IAM message per operation to exercise).
fn limited(
    account: &str,
    key: &str,
    secret: &str,
    token: &str,
    role: &str,
    denied: &[&str],
) -> Identity {
    Identity {
        access_key_id: key.into(),
        secret_access_key: secret.into(),
        session_token: Some(token.into()),
        expired: false,
        denied_actions: denied.iter().map(|a| a.to_string()).collect(),
        arn: format!("arn:aws:sts::{account}:assumed-role/{role}"),
    }
}

/// The built-in identities (README, "Local emulator"): the demo one and the test ones.
pub fn defaults(account: &str) -> Vec<Identity> {
    vec![
        Identity {
            access_key_id: demo::ACCESS_KEY_ID.into(),
            secret_access_key: demo::SECRET_ACCESS_KEY.into(),
            session_token: Some(demo::SESSION_TOKEN.into()),
            expired: false,
            denied_actions: vec![],
            arn: format!("arn:aws:sts::{account}:assumed-role/NotebookAnalyst/demo"),
        },
        Identity {
            access_key_id: EXPIRED_ACCESS_KEY_ID.into(),
            secret_access_key: "emulator/expired/secret/KEY0000000000000".into(),
            session_token: Some("IQoJemulator//expired+token=0001".into()),
            expired: true,
            denied_actions: vec![],
            arn: format!("arn:aws:sts::{account}:assumed-role/NotebookAnalyst/expired"),
        },
        Identity {
            access_key_id: DENIED_ACCESS_KEY_ID.into(),
            secret_access_key: "emulator/denied/secret/KEY00000000000000".into(),
            session_token: Some("IQoJemulator//denied+token=0001".into()),
            expired: false,
            denied_actions: vec![
                "DescribeNotebookExecution".into(),
                "StartNotebookExecution".into(),
                "StopNotebookExecution".into(),
            ],
            arn: format!("arn:aws:sts::{account}:assumed-role/Viewer/alice"),
        },
        Identity {
            access_key_id: LONG_TERM_ACCESS_KEY_ID.into(),
            secret_access_key: "emulator/longterm/secret/KEY000000000000".into(),
            session_token: None,
            expired: false,
            denied_actions: vec![],
            arn: format!("arn:aws:iam::{account}:user/ci-bot"),
        },
        limited(
            account,
            NO_LIST_ACCESS_KEY_ID,
            "emulator/nolist/secret/KEY0000000000000",
            "IQoJemulator//nolist+token=0001",
            "Runner/bob",
            &["ListNotebookExecutions"],
        ),
        limited(
            account,
            NO_STOP_ACCESS_KEY_ID,
            "emulator/nostop/secret/KEY0000000000000",
            "IQoJemulator//nostop+token=0001",
            "Reader/carol",
            &["StopNotebookExecution", "StartNotebookExecution"],
        ),
        limited(
            account,
            NO_START_ACCESS_KEY_ID,
            "emulator/nostart/secret/KEY000000000000",
            "IQoJemulator//nostart+token=0001",
            "Operator/dave",
            &["StartNotebookExecution"],
        ),
        limited(
            account,
            NO_CLUSTERS_ACCESS_KEY_ID,
            "emulator/noclusters/secret/KEY0000000000",
            "IQoJemulator//noclusters+token=0001",
            "Scheduler/erin",
            &["ListClusters", "DescribeCluster"],
        ),
    ]
}
