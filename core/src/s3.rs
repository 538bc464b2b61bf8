//! Reading output notebooks from S3 in the browser: presigned GETs for previews, S3's XML error
//! bodies, what they mean, and the CORS rule a bucket needs before a page may `fetch` from it.

use crate::aws::credentials::Credentials;
use crate::aws::endpoint::Endpoint;
use crate::aws::error::ErrorClass;
use crate::aws::region::Region;
use crate::aws::signing::SigningError;
use crate::emr::error::Explanation;
use crate::emr::links::{presign_object, GetOptions, S3Uri};

/// How long a preview's presigned URL lives (capped by the credentials' expiry).
pub const PREVIEW_SECS: u64 = 900;

/// The presigned GET an HTML output is shown with: S3 answers `Content-Type: text/html` whatever
/// the object was stored with (EMR writes some as `binary/octet-stream`).
pub fn html_preview_url(
    uri: &S3Uri,
    region: &Region,
    endpoint_override: Option<&Endpoint>,
    credentials: &Credentials,
    now_ms: i64,
) -> Result<String, SigningError> {
    presign_object(
        uri,
        region,
        endpoint_override,
        credentials,
        now_ms,
        PREVIEW_SECS,
        GetOptions {
            content_type: Some("text/html; charset=utf-8"),
            ..Default::default()
        },
    )
}

/// The `.ipynb` EMR writes beside an HTML output (same key, other extension), if the key has one.
pub fn notebook_beside(uri: &S3Uri) -> Option<S3Uri> {
    let stem = uri
        .key
        .strip_suffix(".html")
        .or_else(|| uri.key.strip_suffix(".htm"))?;
    Some(S3Uri {
        bucket: uri.bucket.clone(),
        key: format!("{stem}.ipynb"),
    })
}

/// An S3 error response (`<Error><Code>…</Code><Message>…</Message><RequestId>…`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct S3Error {
    pub status: u16,
    pub code: String,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

/// The text of the first `<tag>…</tag>` in `xml`, entities decoded, capped.
fn element(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    let text = xml[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    Some(crate::format::shorten(text.trim(), 500)).filter(|t| !t.is_empty())
}

pub fn parse_error(status: u16, body: &[u8]) -> S3Error {
    let xml = String::from_utf8_lossy(body);
    let code = element(&xml, "Code")
        .map(|c| crate::aws::error::sanitize_code(&c))
        .filter(|c| !c.is_empty());
    S3Error {
        status,
        code: code.unwrap_or_else(|| match status {
            403 => "AccessDenied".into(),
            404 => "NoSuchKey".into(),
            s => format!("HTTP {s}"),
        }),
        message: element(&xml, "Message"),
        request_id: element(&xml, "RequestId").map(|r| crate::aws::error::sanitize_code(&r)),
    }
}

/// What an S3 error means for the notebook at `uri`.
pub fn explain(e: &S3Error, uri: &S3Uri) -> Explanation {
    let (class, meaning, remedy) = match e.code.as_str() {
        "AccessDenied" => (
            ErrorClass::Permission,
            format!("S3 refused to give these credentials {uri}."),
            format!("Ask for the IAM permission s3:GetObject on arn:aws:s3:::{}/{} (and, if the bucket is encrypted with a KMS key, kms:Decrypt on that key) for the role or user these credentials belong to.", e.bucket_or(uri), uri.key),
        ),
        "NoSuchKey" => (
            ErrorClass::ClientInput,
            format!("There is no object at {uri}."),
            "The run may not have written it yet (output notebooks appear once the run starts running, and are complete once it ends), or it was deleted. Try again later.".to_string(),
        ),
        "NoSuchBucket" => (ErrorClass::ClientInput, format!("The bucket {} does not exist (any more).", uri.bucket), "Check the output location of the run.".to_string()),
        "ExpiredToken" | "TokenRefreshRequired" => (ErrorClass::ExpiredCredentials, "Your temporary credentials have expired.".to_string(), "Paste fresh credentials and try again.".to_string()),
        "SignatureDoesNotMatch" | "InvalidAccessKeyId" => (ErrorClass::Auth, "S3 did not accept the signature of these credentials.".to_string(), "Copy the credentials again; check that a proxy does not change the request.".to_string()),
        "RequestTimeTooSkewed" => (ErrorClass::Clock, "Your computer's clock is too far from AWS's.".to_string(), "Set your clock automatically (network time), then try again.".to_string()),
        _ => (ErrorClass::Unknown, format!("S3 answered {} for {uri}.", e.code), "AWS's message below may say more.".to_string()),
    };
    Explanation {
        code: e.code.clone(),
        class,
        meaning,
        remedy,
        message: e.message.clone(),
        error_code: None,
        request_id: e.request_id.clone(),
    }
}

impl S3Error {
    fn bucket_or<'a>(&self, uri: &'a S3Uri) -> &'a str {
        &uri.bucket
    }
}

/// The opaque failure of a `fetch` from S3 (no response the page may read): almost always the
/// bucket's missing CORS rule for this page.
pub fn fetch_blocked(uri: &S3Uri) -> Explanation {
    Explanation {
        code: "CORS".into(),
        class: ErrorClass::Network,
        meaning: format!("The browser did not let this page read {uri}. It says nothing more, but the usual cause is that the bucket {} has no CORS rule that allows this page's origin (buckets have none by default).", uri.bucket),
        remedy: "Add the CORS rule below to the bucket (or ask its owner to). The HTML preview and Download do not need it: they still work.".into(),
        message: None,
        error_code: None,
        request_id: None,
    }
}

/// The most the page reads of one object into memory (a notebook, an HTML output); anything
/// larger is offered as a download instead.
pub const MAX_READ_BYTES: u64 = 50_000_000;

/// An object too large to read in the page; `bytes` is its size when S3 said it.
pub fn too_large(uri: &S3Uri, bytes: Option<u64>) -> Explanation {
    let size = match bytes {
        Some(b) => format!("{:.1} MB", b as f64 / 1_000_000.0),
        None => format!("more than {} MB", MAX_READ_BYTES / 1_000_000),
    };
    Explanation {
        code: "TooLarge".into(),
        class: ErrorClass::ClientInput,
        meaning: format!(
            "{uri} is {size}: more than this page reads into memory ({} MB).",
            MAX_READ_BYTES / 1_000_000
        ),
        remedy: "Download it instead and open it on your computer.".into(),
        message: None,
        error_code: None,
        request_id: None,
    }
}

/// The marker of [`not_owned`] (its `error_code`): the page may offer to read the bucket anyway.
pub const NOT_OWNED: &str = "ExpectedBucketOwner";

/// S3 refused a read sent with `x-amz-expected-bucket-owner: account`. S3 says the same to a
/// bucket of another account and to credentials that may not read it, so both are named.
pub fn not_owned(uri: &S3Uri, account: &str, request_id: Option<String>) -> Explanation {
    Explanation {
        code: "AccessDenied".into(),
        class: ErrorClass::Permission,
        meaning: format!("S3 refused {uri} to account {account}, the execution's own: either the bucket {} belongs to another account (a record can name any bucket, so the page checks before reading), or these credentials may not read it.", uri.bucket),
        remedy: format!("If you expect this run's output in another account's bucket, read it anyway. If the bucket is your account's, ask for the IAM permission s3:GetObject on arn:aws:s3:::{}/{} (and kms:Decrypt on its KMS key, if it has one).", uri.bucket, uri.key),
        message: None,
        error_code: Some(NOT_OWNED.into()),
        request_id,
    }
}

/// A read of `uri` that did not finish in time.
pub fn fetch_timed_out(uri: &S3Uri) -> Explanation {
    Explanation {
        code: "Timeout".into(),
        class: ErrorClass::Network,
        meaning: format!("{uri} did not arrive within a minute."),
        remedy: "Check your connection, or Download it instead.".into(),
        message: None,
        error_code: None,
        request_id: None,
    }
}

/// The rule to paste into the S3 console (bucket → Permissions → Cross-origin resource sharing).
pub fn cors_rule_json(origin: &str) -> String {
    format!(
        "[\n  {{\n    \"AllowedOrigins\": [\"{origin}\"],\n    \"AllowedMethods\": [\"GET\"],\n    \"AllowedHeaders\": [\"*\"],\n    \"MaxAgeSeconds\": 3000\n  }}\n]"
    )
}

/// The same rule as an AWS CLI command. It replaces the bucket's CORS configuration: merge it
/// with existing rules first (`aws s3api get-bucket-cors`).
pub fn cors_cli(bucket: &str, origin: &str) -> String {
    format!(
        "aws s3api put-bucket-cors --bucket {bucket} --cors-configuration '{{\"CORSRules\": [{{\"AllowedOrigins\": [\"{origin}\"], \"AllowedMethods\": [\"GET\"], \"AllowedHeaders\": [\"*\"], \"MaxAgeSeconds\": 3000}}]}}'"
    )
}

#[cfg(test)]
mod guard_tests {
    use super::*;

    #[test]
    fn too_large_and_not_owned_say_why_and_what_to_do() {
        let u = S3Uri::parse("s3://other-bucket/out/x.ipynb").unwrap();
        let e = too_large(&u, Some(73_400_320));
        assert_eq!(e.code, "TooLarge");
        assert!(
            e.meaning.contains("73.4 MB") && e.meaning.contains("50 MB"),
            "{}",
            e.meaning
        );
        assert!(too_large(&u, None).meaning.contains("more than 50 MB"));
        let e = not_owned(&u, "111122223333", Some("R1".into()));
        assert_eq!(
            (e.code.as_str(), e.error_code.as_deref()),
            ("AccessDenied", Some(NOT_OWNED))
        );
        assert!(e.meaning.contains("other-bucket") && e.meaning.contains("111122223333"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri() -> S3Uri {
        S3Uri::parse("s3://my-bucket/e-1/executions/ex-1/report.html").unwrap()
    }

    #[test]
    fn s3_error_bodies() {
        let e = parse_error(403, b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied &amp; more</Message><RequestId>ABC123</RequestId><HostId>x</HostId></Error>");
        assert_eq!(
            e,
            S3Error {
                status: 403,
                code: "AccessDenied".into(),
                message: Some("Access Denied & more".into()),
                request_id: Some("ABC123".into())
            }
        );
        let x = explain(&e, &uri());
        assert_eq!(x.class, ErrorClass::Permission);
        assert!(x
            .remedy
            .contains("s3:GetObject on arn:aws:s3:::my-bucket/e-1/executions/ex-1/report.html"));
        let e = parse_error(404, b"<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
        assert!(explain(&e, &uri())
            .remedy
            .contains("may not have written it yet"));
        // No body (HEAD, a proxy): the status decides; markup in a code is cut away.
        assert_eq!(parse_error(403, b"").code, "AccessDenied");
        assert_eq!(parse_error(500, b"<html>").code, "HTTP 500");
        assert_eq!(
            parse_error(400, b"<Error><Code><script>x</Code></Error>").code,
            "scriptx"
        );
        assert_eq!(
            parse_error(400, b"<Error><Code>ExpiredToken</Code></Error>").code,
            "ExpiredToken"
        );
        assert_eq!(
            explain(
                &parse_error(400, b"<Error><Code>ExpiredToken</Code></Error>"),
                &uri()
            )
            .class,
            ErrorClass::ExpiredCredentials
        );
    }

    #[test]
    fn the_cors_rule_for_this_origin() {
        let json = cors_rule_json("https://console.example.com");
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            parsed[0]["AllowedOrigins"][0],
            "https://console.example.com"
        );
        assert_eq!(parsed[0]["AllowedMethods"][0], "GET");
        let cli = cors_cli("my-bucket", "https://console.example.com");
        let config = cli
            .split_once("--cors-configuration '")
            .unwrap()
            .1
            .trim_end_matches('\'');
        let parsed: serde_json::Value = serde_json::from_str(config).unwrap();
        assert_eq!(
            parsed["CORSRules"][0]["AllowedOrigins"][0],
            "https://console.example.com"
        );
        assert!(cli.starts_with("aws s3api put-bucket-cors --bucket my-bucket "));
        assert!(fetch_blocked(&uri()).meaning.contains("has no CORS rule"));
        let late = fetch_timed_out(&uri());
        assert_eq!(
            (late.code.as_str(), late.class),
            ("Timeout", ErrorClass::Network)
        );
        assert!(late
            .meaning
            .starts_with("s3://my-bucket/e-1/executions/ex-1/report.html "));
    }

    #[test]
    fn html_outputs_have_a_notebook_beside_them() {
        assert_eq!(
            notebook_beside(&uri()).unwrap().to_string(),
            "s3://my-bucket/e-1/executions/ex-1/report.ipynb"
        );
        assert_eq!(
            notebook_beside(&S3Uri::parse("s3://bucket/k.ipynb").unwrap()),
            None
        );
    }

    #[test]
    fn html_previews_override_the_content_type_inside_the_signature() {
        let creds = Credentials::new("ASIAIOSFODNN7EXAMPLE", "secret", "token").unwrap();
        let url = html_preview_url(
            &uri(),
            &Region::parse("us-east-1").unwrap(),
            None,
            &creds,
            1_764_000_000_000,
        )
        .unwrap();
        assert!(url.starts_with("https://my-bucket.s3.us-east-1.amazonaws.com/e-1/executions/ex-1/report.html?response-content-type=text%2Fhtml%3B%20charset%3Dutf-8&X-Amz-Algorithm=AWS4-HMAC-SHA256&"), "{url}");
        assert!(url.contains("X-Amz-Expires=900&"));
    }
}
