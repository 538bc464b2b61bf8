//! The local control endpoint (`/__emulator/*`, only with `X-Emulator-Control: 1`): health,
//! seeds, the request log, faults, the clock, reset. It answers without CORS on purpose.

use serde_json::{json, Value};

use crate::emulator::Emulator;
use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::seed;

impl Emulator {
    pub(crate) fn control(&mut self, request: &Request) -> Response {
        if request.header("x-emulator-control").is_none() {
            return Response::json(
                403,
                &json!({"error": "control requests need the header X-Emulator-Control: 1 (so that web pages cannot send them)"}),
            );
        }
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/__emulator/health") => Response::json(
                200,
                &json!({
                    "ok": true,
                    "region": self.config.region,
                    "regions": self.config.regions(),
                    "not_enabled": self.config.not_enabled,
                    "executions": self.executions.values().filter(|e| e.region == self.config.region).count(),
                    "frozen": self.clock.is_frozen(),
                    "speed": self.clock.speed,
                    "server_offset_ms": self.clock.server_offset_ms,
                }),
            ),
            ("GET", "/__emulator/seeds") => Response::json(
                200,
                &json!({
                    "region": self.config.region,
                    "executions": seed::well_known()
                        .into_iter()
                        .map(|(label, id)| json!({"label": label, "id": id}))
                        .collect::<Vec<_>>(),
                    "elsewhere": self.config.regions().into_iter().skip(1).map(|r| {
                        let ids: Vec<_> = seed::elsewhere_ids(&r).into_iter().map(|(label, id)| json!({"label": label, "id": id})).collect();
                        (r, json!(ids))
                    }).collect::<serde_json::Map<_, _>>(),
                    "clusters": self.config.clusters,
                    "editors": self.config.editors,
                }),
            ),
            ("POST", "/__emulator/reset") => {
                self.reset();
                Response::json(200, &json!({"ok": true}))
            }
            ("GET", "/__emulator/requests") => Response::json(
                200,
                &json!(self
                    .log
                    .iter()
                    .map(|(op, id)| json!({"operation": op, "execution_id": id}))
                    .collect::<Vec<_>>()),
            ),
            ("GET", "/__emulator/faults") => Response::json(200, &json!(self.faults)),
            ("POST", "/__emulator/faults") => match serde_json::from_value::<Fault>(body) {
                Ok(f) => {
                    self.faults.push(f);
                    Response::json(200, &json!(self.faults))
                }
                Err(e) => Response::json(400, &json!({"error": e.to_string()})),
            },
            ("DELETE", "/__emulator/faults") => {
                self.faults.clear();
                Response::json(200, &json!([]))
            }
            ("POST", "/__emulator/clock") => {
                if let Some(off) = body["server_offset_ms"].as_i64() {
                    self.clock.server_offset_ms = off;
                }
                if let Some(adv) = body["advance_ms"].as_i64() {
                    self.clock.advance(adv);
                }
                Response::json(
                    200,
                    &json!({"server_offset_ms": self.clock.server_offset_ms, "lifecycle_now_ms": self.clock.lifecycle_now()}),
                )
            }
            _ => Response::json(
                404,
                &json!({"error": "unknown control endpoint", "endpoints": ["GET /__emulator/health", "GET /__emulator/seeds", "GET /__emulator/requests", "POST /__emulator/reset", "GET|POST|DELETE /__emulator/faults", "POST /__emulator/clock"]}),
            ),
        }
    }
}
