//! A described execution, as the detail holds it.

use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::route::Place;

use crate::console::Origin;

/// A described execution and where it came from; no credentials are kept with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub execution: NotebookExecution,
    pub id: NotebookExecutionId,
    pub place: Place,
    pub origin: Origin,
    pub fetched_at: i64,
}

impl Loaded {
    pub fn is_final(&self) -> bool {
        self.execution
            .status
            .as_ref()
            .is_some_and(|s| s.is_terminal())
    }

    /// The name to call it by: its name, or its id.
    pub fn name(&self) -> String {
        self.execution
            .notebook_execution_name
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.id.to_string())
    }
}

/// What the detail is about: this execution id at this place.
pub type Subject = (String, Place);
