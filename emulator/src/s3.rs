//! The S3 side: output and input notebooks, served only to presigned GETs that verify.

use crate::auth;
use crate::emulator::Emulator;
use crate::errors::s3_error;
use crate::http::{Request, Response};
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
        // An execution's output (once its run has started), or the notebook it runs.
        let output = self
            .executions
            .values()
            .find(|e| e.output_uri == uri && e.output_exists(&self.clock, now))
            .map(|e| crate::notebooks::render(&e.view(&self.clock, now), uri.ends_with(".html")));
        let object = output.or_else(|| {
            self.executions
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
                .map(|e| crate::notebooks::render_source(&e.template))
        });
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
