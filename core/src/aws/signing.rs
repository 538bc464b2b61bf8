//! SigV4 with `aws-sigv4`: (request, credentials, time) → the exact headers to send.
//!
//! Signing is separate from transport (as in smithy-rs): the caller passes the clock reading and
//! gets back plain header pairs, so the same code signs in the browser, in native tests and in the
//! botocore cross-check. Only headers that are really sent are signed; the browser adds others
//! (`user-agent`, `content-length`, …) that must stay out of the signature.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{
    sign, PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use super::credentials::Credentials;
use super::endpoint::Endpoint;
use super::region::Region;

/// The AWS JSON 1.1 protocol's content type.
pub const JSON_1_1: &str = "application/x-amz-json-1.1";

/// An unsigned JSON 1.1 call: `X-Amz-Target` plus the JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonRequest {
    pub target: String,
    pub body: String,
}

/// A request ready for the transport: URL, headers (lower-case names) and body.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("SignedRequest")
            .field("url", &self.url)
            .field("headers", &names)
            .finish_non_exhaustive()
    }
}

/// Case-insensitive lookup in a list of header pairs.
pub fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

impl SignedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Signing failed: a value could not go into a header. Never carries the value itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningError(String);

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The request could not be signed: {}", self.0)
    }
}

impl std::error::Error for SigningError {}

fn identity(credentials: &Credentials) -> Identity {
    aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key().expose(),
        credentials.session_token().map(|t| t.expose().to_string()),
        None,
        "emr-console",
    )
    .into()
}

fn system_time(epoch_ms: i64) -> std::time::SystemTime {
    // Built from the epoch, never from SystemTime::now(), which panics on wasm32.
    UNIX_EPOCH + Duration::from_millis(epoch_ms.max(0) as u64)
}

/// Signs a JSON 1.1 POST to `endpoint` as botocore does: `content-type;host;x-amz-date;
/// x-amz-security-token;x-amz-target`, payload hash of the body, no `x-amz-content-sha256`.
pub fn sign_json_request(
    request: &JsonRequest,
    endpoint: &Endpoint,
    region: &Region,
    signing_name: &str,
    credentials: &Credentials,
    epoch_ms: i64,
) -> Result<SignedRequest, SigningError> {
    let url = endpoint.url();
    let identity = identity(credentials);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region.name())
        .name(signing_name)
        .time(system_time(epoch_ms))
        .settings(SigningSettings::default())
        .build()
        .map_err(|_| SigningError("incomplete signing parameters".into()))?
        .into();
    let sent = [
        ("content-type", JSON_1_1),
        ("x-amz-target", request.target.as_str()),
    ];
    let signable = SignableRequest::new(
        "POST",
        url.as_str(),
        sent.iter().copied(),
        SignableBody::Bytes(request.body.as_bytes()),
    )
    .map_err(|_| SigningError("the endpoint URL is not valid".into()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|_| {
            SigningError(
                "a credential or header value contains characters HTTP does not allow".into(),
            )
        })?
        .into_parts();
    let mut headers: Vec<(String, String)> = sent
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    headers.extend(
        instructions
            .headers()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string())),
    );
    Ok(SignedRequest {
        url,
        headers,
        body: request.body.clone(),
    })
}

/// A SigV4 query-signed GET URL (S3 presigning: `UNSIGNED-PAYLOAD`, `X-Amz-SignedHeaders=host`,
/// the session token inside the signed query). `url` must already be percent-encoded.
pub fn presign_get(
    url: &str,
    region: &Region,
    signing_name: &str,
    credentials: &Credentials,
    epoch_ms: i64,
    expires_in_secs: u64,
    headers: &[(&str, &str)],
) -> Result<String, SigningError> {
    let identity = identity(credentials);
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(Duration::from_secs(expires_in_secs));
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region.name())
        .name(signing_name)
        .time(system_time(epoch_ms))
        .settings(settings)
        .build()
        .map_err(|_| SigningError("incomplete signing parameters".into()))?
        .into();
    // Headers the GET will send, signed with it (S3 refuses x-amz-* headers it does not cover).
    let signable = SignableRequest::new(
        "GET",
        url,
        headers.iter().copied(),
        SignableBody::UnsignedPayload,
    )
    .map_err(|_| SigningError("the object URL is not valid".into()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|_| SigningError("a credential contains characters a URL cannot carry".into()))?
        .into_parts();
    let mut out = String::from(url);
    let mut sep = if url.contains('?') { '&' } else { '?' };
    for (name, value) in instructions.params() {
        out.push(sep);
        sep = '&';
        out.push_str(name);
        out.push('=');
        out.push_str(&uri_encode(value, true));
    }
    Ok(out)
}

/// RFC 3986 percent-encoding as SigV4 defines it (unreserved characters kept; `/` kept unless
/// `encode_slash`).
pub fn uri_encode(value: &str, encode_slash: bool) -> Cow<'_, str> {
    let keep = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
    if value
        .bytes()
        .all(|b| keep(b) || (b == b'/' && !encode_slash))
    {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if keep(b) || (b == b'/' && !encode_slash) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[(b >> 4) as usize]));
            out.push(char::from(b"0123456789ABCDEF"[(b & 15) as usize]));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::endpoint::parse_override;

    fn creds() -> Credentials {
        Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "FQoGZXIvYXdzEXAMPLETOKEN",
        )
        .unwrap()
    }

    /// The captured botocore request in the reference notes (2026-11-25T18:38:33Z).
    #[test]
    fn matches_a_captured_botocore_request() {
        let region = Region::parse("us-east-1").unwrap();
        let endpoint = crate::aws::endpoint::aws_endpoint(&region, Default::default()).unwrap();
        let req = JsonRequest {
            target: "ElasticMapReduce.DescribeNotebookExecution".into(),
            body: r#"{"NotebookExecutionId": "ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK"}"#.into(),
        };
        let signed = sign_json_request(
            &req,
            &endpoint,
            &region,
            "elasticmapreduce",
            &creds(),
            1_795_631_913_000,
        )
        .unwrap();
        assert_eq!(signed.header("x-amz-date"), Some("20261125T183833Z"));
        assert_eq!(
            signed.header("authorization"),
            Some("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261125/us-east-1/elasticmapreduce/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=73af5ee9d9b604923d4993a2a2a2b8d9ade0f2f82d8c716f706026b2850b5e86")
        );
        let names: Vec<&str> = signed.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-type",
                "x-amz-target",
                "x-amz-date",
                "authorization",
                "x-amz-security-token"
            ]
        );
    }

    #[test]
    fn override_port_is_part_of_the_signed_host() {
        let region = Region::parse("us-east-1").unwrap();
        let req = JsonRequest {
            target: "T".into(),
            body: "{}".into(),
        };
        let a = parse_override("http://127.0.0.1:9100").unwrap();
        let b = parse_override("http://127.0.0.1:9101").unwrap();
        let sa = sign_json_request(&req, &a, &region, "elasticmapreduce", &creds(), 0).unwrap();
        let sb = sign_json_request(&req, &b, &region, "elasticmapreduce", &creds(), 0).unwrap();
        assert_eq!(sa.url, "http://127.0.0.1:9100/");
        assert_ne!(sa.header("authorization"), sb.header("authorization"));
    }

    #[test]
    fn presigned_url_carries_the_signed_token() {
        let region = Region::parse("us-east-1").unwrap();
        let url = presign_get(
            "https://bucket.s3.us-east-1.amazonaws.com/a%20b/c.ipynb",
            &region,
            "s3",
            &creds(),
            1_795_631_913_000,
            900,
            &[],
        )
        .unwrap();
        let (base, query) = url.split_once('?').unwrap();
        assert_eq!(
            base,
            "https://bucket.s3.us-east-1.amazonaws.com/a%20b/c.ipynb"
        );
        let mut params: Vec<&str> = query
            .split('&')
            .map(|p| p.split('=').next().unwrap())
            .collect();
        params.sort_unstable();
        assert_eq!(
            params,
            [
                "X-Amz-Algorithm",
                "X-Amz-Credential",
                "X-Amz-Date",
                "X-Amz-Expires",
                "X-Amz-Security-Token",
                "X-Amz-Signature",
                "X-Amz-SignedHeaders"
            ]
        );
        assert!(query.contains(
            "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261125%2Fus-east-1%2Fs3%2Faws4_request&"
        ));
        assert!(
            query.contains("X-Amz-Expires=900&") && query.contains("X-Amz-SignedHeaders=host&")
        );
    }

    #[test]
    fn uri_encoding() {
        assert_eq!(uri_encode("a b/ü+=", false), "a%20b/%C3%BC%2B%3D");
        assert_eq!(uri_encode("a/b", true), "a%2Fb");
        assert!(matches!(uri_encode("plain-._~", true), Cow::Borrowed(_)));
    }
}
