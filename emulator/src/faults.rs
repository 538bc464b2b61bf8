//! Fault injection: throttling, 5xx, added latency and dropped connections — for one execution id,
//! one operation, or a fraction of all requests; a number of times or forever.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// `ThrottlingException: Rate exceeded` (HTTP 400).
    Throttle,
    /// A server fault: by default `InternalServerException` with HTTP 500.
    ServerError {
        #[serde(default = "default_status")]
        status: u16,
        #[serde(default = "default_code")]
        code: String,
    },
    /// Wait before answering.
    Latency { ms: u64 },
    /// Close the connection without any response.
    Drop,
}

fn default_status() -> u16 {
    500
}

fn default_code() -> String {
    "InternalServerException".into()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Only requests naming this `NotebookExecutionId`.
    #[serde(default)]
    pub execution_id: Option<String>,
    /// Only this operation (`DescribeNotebookExecution`, …).
    #[serde(default)]
    pub operation: Option<String>,
    /// Fraction of matching requests hit, 0–1.
    #[serde(default = "one")]
    pub rate: f64,
    /// Hit this many times, then stop; forever when absent.
    #[serde(default)]
    pub times: Option<u32>,
}

fn one() -> f64 {
    1.0
}

/// What the matching faults decided for one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    pub delay_ms: u64,
    /// The first terminal fault (throttle, 5xx, drop), if any.
    pub fail: Option<FaultKind>,
}

impl Fault {
    /// Parses the start-up form: `throttle,id=ex-…,times=2`, `5xx,status=503,code=ServiceUnavailable,rate=0.2`,
    /// `latency,ms=3000`, `drop,op=DescribeNotebookExecution`.
    pub fn parse_spec(spec: &str) -> Result<Fault, String> {
        let mut parts = spec.split(',');
        let kind_name = parts.next().unwrap_or_default().trim();
        let mut kv = std::collections::HashMap::new();
        for p in parts {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| format!("fault option '{p}' is not key=value"))?;
            kv.insert(k.trim().to_string(), v.trim().to_string());
        }
        let num = |k: &str| -> Result<Option<u64>, String> {
            kv.get(k)
                .map(|v| {
                    v.parse::<u64>()
                        .map_err(|_| format!("fault option {k}={v} is not a number"))
                })
                .transpose()
        };
        let kind = match kind_name {
            "throttle" => FaultKind::Throttle,
            "5xx" | "server_error" => FaultKind::ServerError {
                status: num("status")?.map(|s| s as u16).unwrap_or(500),
                code: kv.get("code").cloned().unwrap_or_else(default_code),
            },
            "latency" => FaultKind::Latency {
                ms: num("ms")?.ok_or("latency needs ms=…")?,
            },
            "drop" => FaultKind::Drop,
            other => {
                return Err(format!(
                    "unknown fault kind '{other}' (throttle, 5xx, latency, drop)"
                ))
            }
        };
        let rate = match kv.get("rate") {
            Some(r) => r
                .parse::<f64>()
                .ok()
                .filter(|r| (0.0..=1.0).contains(r))
                .ok_or_else(|| format!("rate={r} must be between 0 and 1"))?,
            None => 1.0,
        };
        Ok(Fault {
            kind,
            execution_id: kv.get("id").cloned(),
            operation: kv.get("op").cloned(),
            rate,
            times: num("times")?.map(|t| t as u32),
        })
    }

    fn matches(&self, operation: &str, execution_id: Option<&str>) -> bool {
        self.operation.as_deref().is_none_or(|o| o == operation)
            && self
                .execution_id
                .as_deref()
                .is_none_or(|id| Some(id) == execution_id)
            && self.times != Some(0)
    }
}

/// Applies every matching fault to one request; `roll` gives uniform numbers in [0, 1).
pub fn decide(
    faults: &mut [Fault],
    operation: &str,
    execution_id: Option<&str>,
    mut roll: impl FnMut() -> f64,
) -> Verdict {
    let mut verdict = Verdict::default();
    for f in faults.iter_mut() {
        if !f.matches(operation, execution_id) || roll() >= f.rate {
            continue;
        }
        match &f.kind {
            FaultKind::Latency { ms } => verdict.delay_ms += ms,
            terminal if verdict.fail.is_none() => verdict.fail = Some(terminal.clone()),
            _ => continue,
        }
        if let Some(t) = f.times.as_mut() {
            *t -= 1;
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_twice_for_one_id() {
        let mut faults = vec![Fault::parse_spec("throttle,id=ex-A,times=2").unwrap()];
        let d =
            |f: &mut Vec<Fault>, id| decide(f, "DescribeNotebookExecution", Some(id), || 0.0).fail;
        assert_eq!(d(&mut faults, "ex-B"), None);
        assert_eq!(d(&mut faults, "ex-A"), Some(FaultKind::Throttle));
        assert_eq!(d(&mut faults, "ex-A"), Some(FaultKind::Throttle));
        assert_eq!(d(&mut faults, "ex-A"), None);
    }

    #[test]
    fn specs_and_json() {
        let f = Fault::parse_spec(
            "5xx,status=503,code=ServiceUnavailable,rate=0.25,op=ListNotebookExecutions",
        )
        .unwrap();
        assert_eq!(
            f.kind,
            FaultKind::ServerError {
                status: 503,
                code: "ServiceUnavailable".into()
            }
        );
        assert_eq!(
            (f.rate, f.operation.as_deref()),
            (0.25, Some("ListNotebookExecutions"))
        );
        let j: Fault =
            serde_json::from_str(r#"{"kind":"server_error","execution_id":"ex-X"}"#).unwrap();
        assert_eq!(
            j.kind,
            FaultKind::ServerError {
                status: 500,
                code: "InternalServerException".into()
            }
        );
        assert_eq!(j.rate, 1.0);
        assert!(Fault::parse_spec("explode").is_err());
        assert!(Fault::parse_spec("latency").is_err());
        assert!(Fault::parse_spec("throttle,rate=2").is_err());
        assert!(Fault::parse_spec("throttle,times").is_err());
    }

    #[test]
    fn rate_and_latency_accumulate() {
        let mut faults = vec![
            Fault::parse_spec("latency,ms=100").unwrap(),
            Fault::parse_spec("latency,ms=50").unwrap(),
            Fault::parse_spec("drop,rate=0.5").unwrap(),
        ];
        let v = decide(&mut faults, "X", None, || 0.7);
        assert_eq!(
            v,
            Verdict {
                delay_ms: 150,
                fail: None
            }
        );
        let v = decide(&mut faults, "X", None, || 0.1);
        assert_eq!(v.fail, Some(FaultKind::Drop));
    }
}
