//! The S3 side: output and input notebooks, served only to presigned GETs that verify.

use crate::auth;
use crate::emulator::Emulator;
use crate::errors::s3_error;
use crate::http::{Request, Response};
use crate::notebooks::{self, Object};
use crate::sigv4;

impl Emulator {
    pub(crate) fn s3_get(&mut self, request: &Request, request_id: &str) -> Response {
        let server_now = self.clock.server_now();
        if let Err(e) = auth::verify_presigned(
            request,
            &self.config.identities,
            &self.config.regions(),
            server_now,
        ) {
            return s3_error(e.status, e.code, &e.message, request_id);
        }
        let path = sigv4::uri_decode(&request.path);
        let uri = format!("s3:/{path}");
        let now = self.clock.lifecycle_now();
        // A `response-content-type` that is part of the signature overrides the stored type.
        let override_type = sigv4::query_pairs(&request.query)
            .into_iter()
            .find(|(k, _)| k == "response-content-type")
            .map(|(_, v)| v);
        // An execution's output (once its run has started), the .ipynb beside an HTML output, or
        // the notebook it runs.
        let output = self.executions.values().find_map(|e| {
            let beside = e
                .output_uri
                .strip_suffix(".html")
                .map(|stem| format!("{stem}.ipynb"));
            let html = e.output_uri == uri && uri.ends_with(".html");
            (e.output_uri == uri || beside.as_deref() == Some(uri.as_str())).then_some((e, html))
        });
        let object = match output {
            Some((e, _)) if !e.output_exists(&self.clock, now) || e.object == Object::Missing => {
                None
            }
            Some((e, _)) if e.object == Object::Denied => {
                return s3_error(403, "AccessDenied", "Access Denied", request_id);
            }
            Some((e, html)) => {
                let record = e.view(&self.clock, now);
                Some(if html {
                    (
                        notebooks::HTML_STORED_AS.to_string(),
                        notebooks::html(&record),
                    )
                } else {
                    (
                        notebooks::IPYNB.to_string(),
                        serde_json::to_vec(&notebooks::output(&record, e.object))
                            .unwrap_or_default(),
                    )
                })
            }
            None => self
                .executions
                .values()
                .find(|e| {
                    e.template.notebook_s3_location.as_ref().is_some_and(|l| {
                        format!(
                            "s3://{}/{}",
                            l.bucket.as_deref().unwrap_or_default(),
                            l.key.as_deref().unwrap_or_default()
                        ) == uri
                    })
                })
                .map(|e| {
                    (
                        notebooks::IPYNB.to_string(),
                        serde_json::to_vec_pretty(&notebooks::source(&e.template))
                            .unwrap_or_default(),
                    )
                }),
        };
        let object = object.map(|(stored, body)| (override_type.clone().unwrap_or(stored), body));
        match object {
            Some((content_type, body)) => {
                let etag = format!("\"{}\"", &sigv4::sha256_hex(&body)[..32]);
                Response::new(200, &content_type, body).with_header("etag", etag)
            }
            None => s3_error(
                404,
                "NoSuchKey",
                "The specified key does not exist.",
                request_id,
            ),
        }
    }
}
