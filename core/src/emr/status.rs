//! A notebook execution's lifecycle status and how it is presented.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `NotebookExecutionStatus`, plus `Unknown` for values AWS adds after this build.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExecutionStatus {
    StartPending,
    Starting,
    Running,
    Finishing,
    Finished,
    Failing,
    Failed,
    StopPending,
    Stopping,
    Stopped,
    Unknown(String),
}

/// Colour family, in the AWS console's (Cloudscape) status-indicator convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Success,
    Error,
    Warning,
    InProgress,
    Pending,
    Stopped,
    Neutral,
}

impl Tone {
    /// CSS modifier: `badge--success`, …
    pub fn css(self) -> &'static str {
        match self {
            Tone::Success => "success",
            Tone::Error => "error",
            Tone::Warning => "warning",
            Tone::InProgress => "in-progress",
            Tone::Pending => "pending",
            Tone::Stopped => "stopped",
            Tone::Neutral => "neutral",
        }
    }

    /// A glyph so that colour is not the only cue.
    pub fn icon(self) -> &'static str {
        match self {
            Tone::Success => "✓",
            Tone::Error => "✕",
            Tone::Warning => "!",
            Tone::InProgress => "↻",
            Tone::Pending => "…",
            Tone::Stopped => "■",
            Tone::Neutral => "?",
        }
    }
}

/// The coarse group a status belongs to: what the list counts and the timeline colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Not terminal yet: pending, starting, running, finishing, failing or stopping.
    Running,
    Failed,
    Finished,
    Stopped,
    /// A status this build does not know.
    Other,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Running,
        Family::Failed,
        Family::Finished,
        Family::Stopped,
        Family::Other,
    ];

    /// Stable id: the `data-family` attribute and the `only=` fragment value.
    pub fn id(self) -> &'static str {
        match self {
            Family::Running => "running",
            Family::Failed => "failed",
            Family::Finished => "finished",
            Family::Stopped => "stopped",
            Family::Other => "other",
        }
    }

    pub fn parse(id: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The tone its members are drawn in when they are drawn as one (timeline bars).
    pub fn tone(self) -> Tone {
        match self {
            Family::Running => Tone::InProgress,
            Family::Failed => Tone::Error,
            Family::Finished => Tone::Success,
            Family::Stopped => Tone::Stopped,
            Family::Other => Tone::Neutral,
        }
    }
}

impl ExecutionStatus {
    pub const ALL: [ExecutionStatus; 10] = [
        ExecutionStatus::StartPending,
        ExecutionStatus::Starting,
        ExecutionStatus::Running,
        ExecutionStatus::Finishing,
        ExecutionStatus::Finished,
        ExecutionStatus::Failing,
        ExecutionStatus::Failed,
        ExecutionStatus::StopPending,
        ExecutionStatus::Stopping,
        ExecutionStatus::Stopped,
    ];

    pub fn parse(raw: &str) -> ExecutionStatus {
        match raw {
            "START_PENDING" => ExecutionStatus::StartPending,
            "STARTING" => ExecutionStatus::Starting,
            "RUNNING" => ExecutionStatus::Running,
            "FINISHING" => ExecutionStatus::Finishing,
            "FINISHED" => ExecutionStatus::Finished,
            "FAILING" => ExecutionStatus::Failing,
            "FAILED" => ExecutionStatus::Failed,
            "STOP_PENDING" => ExecutionStatus::StopPending,
            "STOPPING" => ExecutionStatus::Stopping,
            "STOPPED" => ExecutionStatus::Stopped,
            other => ExecutionStatus::Unknown(other.to_string()),
        }
    }

    /// The value as the API spells it.
    pub fn as_api(&self) -> &str {
        match self {
            ExecutionStatus::StartPending => "START_PENDING",
            ExecutionStatus::Starting => "STARTING",
            ExecutionStatus::Running => "RUNNING",
            ExecutionStatus::Finishing => "FINISHING",
            ExecutionStatus::Finished => "FINISHED",
            ExecutionStatus::Failing => "FAILING",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::StopPending => "STOP_PENDING",
            ExecutionStatus::Stopping => "STOPPING",
            ExecutionStatus::Stopped => "STOPPED",
            ExecutionStatus::Unknown(s) => s,
        }
    }

    pub fn label(&self) -> String {
        match self {
            ExecutionStatus::StartPending => "Start pending".into(),
            ExecutionStatus::Starting => "Starting".into(),
            ExecutionStatus::Running => "Running".into(),
            ExecutionStatus::Finishing => "Finishing".into(),
            ExecutionStatus::Finished => "Finished".into(),
            ExecutionStatus::Failing => "Failing".into(),
            ExecutionStatus::Failed => "Failed".into(),
            ExecutionStatus::StopPending => "Stop pending".into(),
            ExecutionStatus::Stopping => "Stopping".into(),
            ExecutionStatus::Stopped => "Stopped".into(),
            ExecutionStatus::Unknown(raw) => {
                format!("Unknown ({})", crate::format::shorten(raw, 40))
            }
        }
    }

    pub fn tone(&self) -> Tone {
        match self {
            ExecutionStatus::StartPending | ExecutionStatus::StopPending => Tone::Pending,
            ExecutionStatus::Starting
            | ExecutionStatus::Running
            | ExecutionStatus::Finishing
            | ExecutionStatus::Stopping => Tone::InProgress,
            ExecutionStatus::Finished => Tone::Success,
            ExecutionStatus::Failing => Tone::Warning,
            ExecutionStatus::Failed => Tone::Error,
            ExecutionStatus::Stopped => Tone::Stopped,
            ExecutionStatus::Unknown(_) => Tone::Neutral,
        }
    }

    /// FINISHED, FAILED, STOPPED: nothing will change any more.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            ExecutionStatus::Finished | ExecutionStatus::Failed | ExecutionStatus::Stopped
        )
    }

    /// Where `StopNotebookExecution` is accepted.
    pub fn is_stoppable(&self) -> bool {
        matches!(
            self,
            ExecutionStatus::StartPending | ExecutionStatus::Starting | ExecutionStatus::Running
        )
    }

    pub fn family(&self) -> Family {
        match self {
            ExecutionStatus::Finished => Family::Finished,
            ExecutionStatus::Failed => Family::Failed,
            ExecutionStatus::Stopped => Family::Stopped,
            ExecutionStatus::Unknown(_) => Family::Other,
            _ => Family::Running,
        }
    }

    /// Position in the lifecycle (for sorting by status); unknown values last.
    pub fn rank(&self) -> usize {
        ExecutionStatus::ALL
            .iter()
            .position(|s| s == self)
            .unwrap_or(ExecutionStatus::ALL.len())
    }

    /// A known status from its API spelling; `None` for anything else (URL input).
    pub fn parse_known(raw: &str) -> Option<ExecutionStatus> {
        Some(ExecutionStatus::parse(raw)).filter(|s| !matches!(s, ExecutionStatus::Unknown(_)))
    }

    /// FAILING and FAILED make the state-change reason the headline.
    pub fn is_failure(&self) -> bool {
        matches!(self, ExecutionStatus::Failing | ExecutionStatus::Failed)
    }
}

impl fmt::Display for ExecutionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_api())
    }
}

impl Serialize for ExecutionStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_api())
    }
}

impl<'de> Deserialize<'de> for ExecutionStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Ok(ExecutionStatus::parse(&raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_status_and_keeps_unknown() {
        for s in ExecutionStatus::ALL {
            assert_eq!(ExecutionStatus::parse(s.as_api()), s);
            assert_ne!(s.tone(), Tone::Neutral);
        }
        let u = ExecutionStatus::parse("PAUSED");
        assert_eq!(u, ExecutionStatus::Unknown("PAUSED".into()));
        assert_eq!(u.as_api(), "PAUSED");
        assert_eq!(u.tone(), Tone::Neutral);
        assert_eq!(u.label(), "Unknown (PAUSED)");
    }

    #[test]
    fn terminal_and_stoppable_sets() {
        let terminal: Vec<_> = ExecutionStatus::ALL
            .iter()
            .filter(|s| s.is_terminal())
            .map(|s| s.as_api())
            .collect();
        assert_eq!(terminal, ["FINISHED", "FAILED", "STOPPED"]);
        let stoppable: Vec<_> = ExecutionStatus::ALL
            .iter()
            .filter(|s| s.is_stoppable())
            .map(|s| s.as_api())
            .collect();
        assert_eq!(stoppable, ["START_PENDING", "STARTING", "RUNNING"]);
    }

    #[test]
    fn families_group_the_lifecycle() {
        let running: Vec<_> = ExecutionStatus::ALL
            .iter()
            .filter(|s| s.family() == Family::Running)
            .map(|s| s.as_api())
            .collect();
        assert_eq!(
            running,
            [
                "START_PENDING",
                "STARTING",
                "RUNNING",
                "FINISHING",
                "FAILING",
                "STOP_PENDING",
                "STOPPING"
            ]
        );
        assert_eq!(ExecutionStatus::Failed.family(), Family::Failed);
        assert_eq!(ExecutionStatus::parse("NEW").family(), Family::Other);
        for f in Family::ALL {
            assert_eq!(Family::parse(f.id()), Some(f));
        }
        assert_eq!(Family::parse("Running"), None);
        assert_eq!(
            ExecutionStatus::parse_known("FAILED"),
            Some(ExecutionStatus::Failed)
        );
        assert_eq!(ExecutionStatus::parse_known("failed"), None);
        assert!(ExecutionStatus::StartPending.rank() < ExecutionStatus::Stopped.rank());
        assert_eq!(ExecutionStatus::parse("X").rank(), 10);
    }

    #[test]
    fn tones_follow_the_console() {
        assert_eq!(ExecutionStatus::Finished.tone(), Tone::Success);
        assert_eq!(ExecutionStatus::Failed.tone(), Tone::Error);
        assert_eq!(ExecutionStatus::Failing.tone(), Tone::Warning);
        assert_eq!(ExecutionStatus::Running.tone(), Tone::InProgress);
        assert_eq!(ExecutionStatus::StartPending.tone(), Tone::Pending);
        assert_eq!(ExecutionStatus::Stopped.tone(), Tone::Stopped);
    }
}
