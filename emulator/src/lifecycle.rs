//! Executions that live: START_PENDING → STARTING → RUNNING → FINISHING → FINISHED, or on to
//! FAILING → FAILED, or (when stopped) STOP_PENDING → STOPPING → STOPPED, on the lifecycle clock.

use emr_core::emr::model::{ExecutionStatus, NotebookExecution, Timestamp};

use crate::clock::Clock;

/// How long each phase takes at speed 1, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub pending_ms: i64,
    pub starting_ms: i64,
    pub running_ms: i64,
    pub finishing_ms: i64,
    pub failing_ms: i64,
    pub stop_pending_ms: i64,
    pub stopping_ms: i64,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            pending_ms: 15_000,
            starting_ms: 45_000,
            running_ms: 4 * 60_000,
            finishing_ms: 20_000,
            failing_ms: 20_000,
            stop_pending_ms: 5_000,
            stopping_ms: 15_000,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Finish,
    /// Fails while starting (no output notebook is ever written).
    FailStarting(String),
    /// Fails while running (a partial output notebook exists).
    FailRunning(String),
}

#[derive(Clone, Debug)]
pub struct Execution {
    /// The region it lives in (each hosted region has its own executions).
    pub region: String,
    /// The static members; status, times, output URI and reason are filled in by [`view`].
    pub template: NotebookExecution,
    pub created_at: i64,
    pub plan: Plan,
    pub outcome: Outcome,
    pub stop_requested_at: Option<i64>,
    /// `s3://…` where the output notebook appears once the run starts.
    pub output_uri: String,
    /// What that object is like (ordinary, huge, hostile, denied, missing).
    pub object: crate::notebooks::Object,
}

impl Execution {
    pub fn id(&self) -> &str {
        self.template
            .notebook_execution_id
            .as_deref()
            .unwrap_or_default()
    }

    pub fn cluster_id(&self) -> &str {
        self.template
            .execution_engine
            .as_ref()
            .map(|e| e.id.as_str())
            .unwrap_or_default()
    }

    /// (status, since) in order, as of any time (stop requests cut the plan short).
    pub fn timeline(&self, clock: &Clock) -> Vec<(ExecutionStatus, i64)> {
        use ExecutionStatus::*;
        let p = &self.plan;
        let s = |ms| clock.scaled(ms);
        let mut t = self.created_at;
        let mut out = vec![(StartPending, t)];
        t += s(p.pending_ms);
        out.push((Starting, t));
        t += s(p.starting_ms);
        match &self.outcome {
            Outcome::FailStarting(_) => {
                out.push((Failing, t));
                out.push((Failed, t + s(p.failing_ms)));
            }
            Outcome::Finish => {
                out.push((Running, t));
                t += s(p.running_ms);
                out.push((Finishing, t));
                out.push((Finished, t + s(p.finishing_ms)));
            }
            Outcome::FailRunning(_) => {
                out.push((Running, t));
                t += s(p.running_ms);
                out.push((Failing, t));
                out.push((Failed, t + s(p.failing_ms)));
            }
        }
        if let Some(stop) = self.stop_requested_at {
            out.retain(|(_, since)| *since <= stop);
            out.push((StopPending, stop));
            out.push((Stopping, stop + s(p.stop_pending_ms)));
            out.push((Stopped, stop + s(p.stop_pending_ms) + s(p.stopping_ms)));
        }
        out
    }

    pub fn status_at(&self, clock: &Clock, now: i64) -> ExecutionStatus {
        self.timeline(clock)
            .into_iter()
            .filter(|(_, since)| *since <= now)
            .map(|(s, _)| s)
            .next_back()
            .unwrap_or(ExecutionStatus::StartPending)
    }

    /// Whether the run got far enough for its output notebook to exist.
    pub fn output_exists(&self, clock: &Clock, now: i64) -> bool {
        self.timeline(clock)
            .iter()
            .any(|(s, since)| *s == ExecutionStatus::Running && *since <= now)
    }

    /// The record as DescribeNotebookExecution returns it at `now`.
    pub fn view(&self, clock: &Clock, now: i64) -> NotebookExecution {
        let timeline = self.timeline(clock);
        let (status, since) = timeline
            .iter()
            .rfind(|(_, since)| *since <= now)
            .cloned()
            .unwrap_or((ExecutionStatus::StartPending, self.created_at));
        let mut record = self.template.clone();
        record.status = Some(status.clone());
        record.start_time = Some(Timestamp(self.created_at));
        record.end_time = status.is_terminal().then_some(Timestamp(since));
        record.output_notebook_uri = self
            .output_exists(clock, now)
            .then(|| self.output_uri.clone());
        record.last_state_change_reason = Some(self.reason(&status));
        record
    }

    fn reason(&self, status: &ExecutionStatus) -> String {
        let cluster = self.cluster_id();
        let failure = match &self.outcome {
            Outcome::FailStarting(r) | Outcome::FailRunning(r) => r.as_str(),
            Outcome::Finish => "",
        };
        match status {
            ExecutionStatus::StartPending => {
                format!("Execution is start pending for cluster {cluster}.")
            }
            ExecutionStatus::Starting => format!("Execution is starting for cluster {cluster}."),
            ExecutionStatus::Running => format!("Execution is running for cluster {cluster}."),
            ExecutionStatus::Finishing => format!("Execution is finishing for cluster {cluster}."),
            ExecutionStatus::Finished => format!("Execution is finished for cluster {cluster}."),
            ExecutionStatus::Failing | ExecutionStatus::Failed => failure.to_string(),
            ExecutionStatus::StopPending => {
                format!("Execution is stop pending for cluster {cluster}. Stop requested by user.")
            }
            ExecutionStatus::Stopping => {
                format!("Execution is stopping for cluster {cluster}. Stop requested by user.")
            }
            ExecutionStatus::Stopped => {
                format!("Execution is stopped for cluster {cluster}. Stopped by user.")
            }
            ExecutionStatus::Unknown(s) => s.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use emr_core::emr::model::ExecutionEngineConfig;

    fn exec(outcome: Outcome) -> Execution {
        Execution {
            region: "us-east-1".into(),
            template: NotebookExecution {
                notebook_execution_id: Some("ex-1".into()),
                execution_engine: Some(ExecutionEngineConfig {
                    id: "j-ABC".into(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            created_at: 1_000_000,
            plan: Plan::default(),
            outcome,
            stop_requested_at: None,
            output_uri: "s3://b/k.ipynb".into(),
            object: Default::default(),
        }
    }

    #[test]
    fn walks_every_state_to_finished() {
        let clock = Clock::new(true, 1.0);
        let e = exec(Outcome::Finish);
        let seen: Vec<String> = (0..400)
            .map(|s| e.status_at(&clock, 1_000_000 + s * 1_000).to_string())
            .collect();
        let mut distinct = seen.clone();
        distinct.dedup();
        assert_eq!(
            distinct,
            [
                "START_PENDING",
                "STARTING",
                "RUNNING",
                "FINISHING",
                "FINISHED"
            ]
        );
        let starting = e.view(&clock, 1_000_000 + 20_000);
        assert_eq!(starting.output_notebook_uri, None);
        assert_eq!(starting.end_time, None);
        let done = e.view(&clock, 1_000_000 + 3_600_000);
        assert_eq!(done.output_notebook_uri.as_deref(), Some("s3://b/k.ipynb"));
        assert_eq!(
            done.end_time,
            Some(Timestamp(1_000_000 + 15_000 + 45_000 + 240_000 + 20_000))
        );
        assert_eq!(
            done.last_state_change_reason.as_deref(),
            Some("Execution is finished for cluster j-ABC.")
        );
    }

    #[test]
    fn failures_carry_their_reason_and_output_only_after_running() {
        let clock = Clock::new(true, 1.0);
        let e = exec(Outcome::FailStarting("Cannot access S3".into()));
        let v = e.view(&clock, 10_000_000);
        assert_eq!(v.status, Some(ExecutionStatus::Failed));
        assert_eq!(v.output_notebook_uri, None);
        assert_eq!(
            v.last_state_change_reason.as_deref(),
            Some("Cannot access S3")
        );
        let e = exec(Outcome::FailRunning("Kernel died".into()));
        assert!(e.view(&clock, 10_000_000).output_notebook_uri.is_some());
    }

    #[test]
    fn stop_cuts_the_plan_short() {
        let clock = Clock::new(true, 1.0);
        let mut e = exec(Outcome::Finish);
        e.stop_requested_at = Some(1_000_000 + 100_000);
        assert_eq!(
            e.status_at(&clock, 1_000_000 + 100_000),
            ExecutionStatus::StopPending
        );
        assert_eq!(
            e.status_at(&clock, 1_000_000 + 106_000),
            ExecutionStatus::Stopping
        );
        let v = e.view(&clock, 1_000_000 + 200_000);
        assert_eq!(v.status, Some(ExecutionStatus::Stopped));
        assert_eq!(v.end_time, Some(Timestamp(1_000_000 + 120_000)));
    }

    #[test]
    fn speed_shortens_phases() {
        let clock = Clock::new(true, 60.0);
        let e = exec(Outcome::Finish);
        assert_eq!(
            e.status_at(&clock, 1_000_000 + 6_000),
            ExecutionStatus::Finished
        );
    }
}
