//! Describe, List and Stop: EMR's notebook-execution reads and the one state change besides Start.

use emr_core::emr::model::{ExecutionStatus, NotebookExecution, Timestamp};
use emr_core::emr::operations::{
    DescribeNotebookExecutionInput, ListNotebookExecutionsInput, ListNotebookExecutionsOutput,
};
use serde_json::{json, Value};

use crate::emulator::{Emulator, PAGE_SIZE, THIRTY_DAYS_MS};
use crate::errors::{invalid_request, validation, ApiError};
use crate::lifecycle::Execution;
use crate::sigv4;

impl Emulator {
    pub(crate) fn bad_input(e: serde_json::Error) -> ApiError {
        ApiError {
            status: 400,
            code: "SerializationException".into(),
            modeled: false,
            message: e.to_string(),
            error_code: None,
        }
    }

    /// The execution `id` in `region` (an id from another region does not exist here, as on AWS).
    pub(crate) fn find(&self, id: &str, region: &str) -> Result<&Execution, ApiError> {
        self.executions
            .get(id)
            .filter(|e| e.region == region)
            .ok_or_else(|| invalid_request(format!("Notebook execution {id} does not exist.")))
    }

    pub(crate) fn id_of(body: Value) -> Result<String, ApiError> {
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

    pub(crate) fn describe(&self, body: Value, region: &str) -> Result<Value, ApiError> {
        let id = Self::id_of(body)?;
        let record = self
            .find(&id, region)?
            .view(&self.clock, self.clock.lifecycle_now());
        Ok(json!({ "NotebookExecution": record }))
    }

    pub(crate) fn list(&self, body: Value, region: &str) -> Result<Value, ApiError> {
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
            .filter(|e| e.region == region)
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

    pub(crate) fn stop(&mut self, body: Value, region: &str) -> Result<Value, ApiError> {
        let id = Self::id_of(body)?;
        let now = self.clock.lifecycle_now();
        let status = self.find(&id, region)?.status_at(&self.clock, now);
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
