//! The S3 side: output and input notebooks, served only to presigned GETs that verify.

use crate::auth;
use crate::emulator::Emulator;
use crate::errors::s3_error;
use crate::http::{Request, Response};
use crate::notebooks::{self, Object};
use crate::sigv4;

/// The account that owns a bucket: the 12-digit account its name carries (EMR Studio's buckets
/// are `aws-emr-studio-<account>-<region>`), else the emulator's own.
pub fn bucket_owner(uri: &str) -> String {
    let bucket = uri
        .strip_prefix("s3://")
        .and_then(|r| r.split('/').next())
        .unwrap_or_default();
    bucket
        .split('-')
        .find(|p| p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(crate::seed::ACCOUNT)
        .to_string()
}

/// A 60 MB notebook: a small one padded with whitespace (JSON allows it).
fn huge() -> Vec<u8> {
    let mut body = br#"{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[]}"#.to_vec();
    body.resize(60_000_000, b' ');
    body
}

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
        // `response-content-disposition` too (a download stays a download).
        let disposition = sigv4::query_pairs(&request.query)
            .into_iter()
            .find(|(k, _)| k == "response-content-disposition")
            .map(|(_, v)| v);
        let expected_owner = request.header("x-amz-expected-bucket-owner");
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
            Some(_) if expected_owner.is_some_and(|o| o != bucket_owner(&uri)) => {
                // S3 answers a GET whose expected owner is not the bucket's with 403.
                return s3_error(403, "AccessDenied", "Access Denied", request_id);
            }
            Some((e, html)) => {
                let record = e.view(&self.clock, now);
                Some(if html {
                    (
                        notebooks::HTML_STORED_AS.to_string(),
                        notebooks::html(&record, e.object),
                    )
                } else {
                    (
                        notebooks::IPYNB.to_string(),
                        if e.object == Object::Huge {
                            huge()
                        } else {
                            serde_json::to_vec(&notebooks::output(&record, e.object))
                                .unwrap_or_default()
                        },
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
                let r = Response::new(200, &content_type, body).with_header("etag", etag);
                match disposition {
                    Some(d) => r.with_header("content-disposition", d),
                    None => r,
                }
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
