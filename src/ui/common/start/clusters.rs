//! What the start form knows about clusters: the ones that can take a notebook, and the chosen
//! one described, each a `Task`; the checks are `emr_core::emr::cluster::check`'s.

use emr_core::emr::cluster::{check, Check, Cluster, ClusterSummary};
use leptos::prelude::*;

use crate::task::Task;

/// What the page knows about clusters for this form.
#[derive(Clone, Copy)]
pub struct Clusters {
    /// The clusters that can take a notebook, for the endpoint and region (the key).
    pub listed: Task<String, Vec<ClusterSummary>>,
    /// The chosen cluster, described (keyed by its id).
    pub chosen: Task<String, Cluster>,
}

impl Clusters {
    pub fn new() -> Clusters {
        Clusters {
            listed: Task::new(),
            chosen: Task::new(),
        }
    }

    /// What the checks say for the chosen cluster with this execution role.
    pub fn checks(&self, cluster_id: &str, execution_role: &str) -> Vec<Check> {
        let id = cluster_id.trim().to_string();
        // Tracked: the checks appear when the description for this id does.
        if self.chosen.subject.with(|s| s.as_ref() != Some(&id)) {
            return vec![];
        }
        self.chosen
            .data
            .with(|c| c.as_ref().map(|c| check(c, execution_role)))
            .unwrap_or_default()
    }
}

impl Default for Clusters {
    fn default() -> Self {
        Clusters::new()
    }
}
