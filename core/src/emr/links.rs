//! Links users expect next to an execution: S3 console, EMR console, presigned downloads.
//!
//! Links are only ever built from validated parts (an `s3://` location with a well-formed bucket, a
//! `j-` cluster id) and a fixed console origin, so an API string can never become a
//! `javascript:` or data URL.

use std::fmt;

use super::model::S3Location;
use crate::aws::credentials::Credentials;
use crate::aws::endpoint::Endpoint;
use crate::aws::region::Region;
use crate::aws::signing::{presign_get, uri_encode, SigningError};

/// A parsed `s3://bucket/key`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Uri {
    pub bucket: String,
    pub key: String,
}

impl S3Uri {
    /// Parses `s3://bucket/key`; `None` for anything else (shown as plain text then).
    pub fn parse(uri: &str) -> Option<S3Uri> {
        let rest = uri.trim().strip_prefix("s3://")?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        S3Uri::new(bucket, key)
    }

    pub fn from_location(loc: &S3Location) -> Option<S3Uri> {
        S3Uri::new(loc.bucket.as_deref()?, loc.key.as_deref().unwrap_or(""))
    }

    fn new(bucket: &str, key: &str) -> Option<S3Uri> {
        is_bucket_name(bucket).then(|| S3Uri {
            bucket: bucket.to_string(),
            key: key.to_string(),
        })
    }

    /// The object (not a folder) is addressable.
    pub fn is_object(&self) -> bool {
        !self.key.is_empty() && !self.key.ends_with('/')
    }

    /// An HTML export (EMR's `OutputNotebookFormat: HTML`), by its extension.
    pub fn is_html(&self) -> bool {
        let k = self.key.to_ascii_lowercase();
        k.ends_with(".html") || k.ends_with(".htm")
    }

    /// The file name, for download labels.
    pub fn file_name(&self) -> &str {
        self.key.rsplit('/').next().unwrap_or(&self.key)
    }
}

impl fmt::Display for S3Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.key)
    }
}

/// S3 naming rules, relaxed to the legacy us-east-1 names (upper case, `_`), never `/`, `:` or `%`.
fn is_bucket_name(b: &str) -> bool {
    (3..=255).contains(&b.len())
        && b.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
}

/// The S3 console page of an object (or a folder, when the key ends in `/`).
pub fn s3_console_url(uri: &S3Uri, region: &Region) -> String {
    let origin = match region.partition() {
        crate::aws::region::Partition::Aws => "https://s3.console.aws.amazon.com",
        other => other.console_origin(),
    };
    let page = if uri.is_object() { "object" } else { "buckets" };
    format!(
        "{origin}/s3/{page}/{}?region={}&prefix={}",
        uri_encode(&uri.bucket, true),
        region.name(),
        uri_encode(&uri.key, true)
    )
}

/// EMR cluster ids are `j-` and upper-case alphanumerics.
pub fn is_cluster_id(id: &str) -> bool {
    id.strip_prefix("j-").is_some_and(|r| {
        (1..=64).contains(&r.len())
            && r.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

/// The EMR console's cluster page; `None` when the id is not a cluster id.
pub fn emr_cluster_url(cluster_id: &str, region: &Region) -> Option<String> {
    is_cluster_id(cluster_id).then(|| {
        format!(
            "{}/emr/home?region={}#/clusterDetails/{cluster_id}",
            region.partition().console_origin(),
            region.name()
        )
    })
}

/// The object's HTTPS URL: virtual-hosted on AWS when the bucket allows it, path-style otherwise
/// and on a custom endpoint (the local emulator).
pub fn s3_object_url(uri: &S3Uri, region: &Region, endpoint_override: Option<&Endpoint>) -> String {
    let key = uri_encode(&uri.key, false);
    if let Some(e) = endpoint_override {
        return format!("{}/{}/{key}", e.origin(), uri_encode(&uri.bucket, true));
    }
    let suffix = region.partition().dns_suffix();
    let dns_safe = uri
        .bucket
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if dns_safe {
        format!("https://{}.s3.{}.{suffix}/{key}", uri.bucket, region.name())
    } else {
        format!(
            "https://s3.{}.{suffix}/{}/{key}",
            region.name(),
            uri_encode(&uri.bucket, true)
        )
    }
}

/// Longest validity S3 accepts for a presigned URL (7 days).
pub const MAX_PRESIGN_SECS: u64 = 604_800;

/// What a presigned GET asks S3 for besides the object. S3 honours the overrides only when they
/// are part of the signature, and refuses an `x-amz-*` header the signature does not cover.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GetOptions<'a> {
    /// `response-content-type`: what S3 says the object is.
    pub content_type: Option<&'a str>,
    /// `response-content-disposition: attachment; filename="…"`: a download, never a page.
    pub attachment: Option<&'a str>,
    /// `x-amz-expected-bucket-owner`: S3 refuses the GET unless this account owns the bucket.
    /// The request must send it as a header (signed, see [`GetOptions::headers`]).
    pub expected_owner: Option<&'a str>,
}

impl GetOptions<'_> {
    /// The headers the GET must send with the URL.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        self.expected_owner
            .map(|a| ("x-amz-expected-bucket-owner", a.to_string()))
            .into_iter()
            .collect()
    }
}

/// A presigned GET for the object, valid for `wanted_secs` but never past the credentials' expiry.
pub fn presigned_object_url(
    uri: &S3Uri,
    region: &Region,
    endpoint_override: Option<&Endpoint>,
    credentials: &Credentials,
    now_ms: i64,
    wanted_secs: u64,
) -> Result<String, SigningError> {
    presign_object(
        uri,
        region,
        endpoint_override,
        credentials,
        now_ms,
        wanted_secs,
        GetOptions::default(),
    )
}

/// The same with what `options` asks of S3, signed.
pub fn presign_object(
    uri: &S3Uri,
    region: &Region,
    endpoint_override: Option<&Endpoint>,
    credentials: &Credentials,
    now_ms: i64,
    wanted_secs: u64,
    options: GetOptions<'_>,
) -> Result<String, SigningError> {
    let mut secs = wanted_secs.clamp(1, MAX_PRESIGN_SECS);
    if let Some(exp) = credentials.expires_at_ms() {
        let left = ((exp - now_ms) / 1000).max(1) as u64;
        secs = secs.min(left);
    }
    let mut url = s3_object_url(uri, region, endpoint_override);
    let mut query = Vec::new();
    if let Some(d) = options.attachment {
        let disposition = format!("attachment; filename=\"{}\"", download_name(d));
        query.push(format!(
            "response-content-disposition={}",
            uri_encode(&disposition, true)
        ));
    }
    if let Some(t) = options.content_type {
        query.push(format!("response-content-type={}", uri_encode(t, true)));
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    let headers = options.headers();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    presign_get(&url, region, "s3", credentials, now_ms, secs, &headers)
}

/// A file name safe in a `Content-Disposition` header and on any file system: the key's last
/// part with everything but letters, digits, `.`, `-` and `_` replaced, no leading dot, at most
/// 120 characters; "download" when nothing is left.
pub fn download_name(key: &str) -> String {
    let last = key.rsplit('/').next().unwrap_or_default();
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    while name.starts_with('.') {
        name.remove(0);
    }
    if name.trim_matches('_').is_empty() {
        "download".to_string()
    } else {
        name
    }
}

/// The 12-digit account of an ARN (`arn:aws:elasticmapreduce:us-east-1:111122223333:…`).
pub fn account_of_arn(arn: &str) -> Option<&str> {
    let account = arn.strip_prefix("arn:")?.split(':').nth(3)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_safe_file_names() {
        assert_eq!(download_name("out/e-1/find best.ipynb"), "find_best.ipynb");
        assert_eq!(download_name("report.html"), "report.html");
        assert_eq!(
            download_name("a/\"; filename=evil.exe\r\nX: y"),
            "___filename_evil.exe__X__y"
        );
        assert_eq!(download_name("../../.bashrc"), "bashrc");
        assert_eq!(download_name("out/"), "download");
        assert_eq!(download_name("ünïcødé.ipynb"), "_n_c_d_.ipynb");
        assert_eq!(download_name(&"x".repeat(500)).len(), 120);
    }

    #[test]
    fn the_account_of_an_arn() {
        assert_eq!(
            account_of_arn(
                "arn:aws:elasticmapreduce:us-east-1:111122223333:notebook-execution/ex-1"
            ),
            Some("111122223333")
        );
        assert_eq!(
            account_of_arn("arn:aws-cn:elasticmapreduce:cn-north-1:123456789012:x"),
            Some("123456789012")
        );
        assert_eq!(
            account_of_arn("arn:aws:elasticmapreduce:us-east-1:1111:x"),
            None
        );
        assert_eq!(account_of_arn("not an arn"), None);
    }

    #[test]
    fn a_download_is_signed_as_an_attachment_and_an_owner_check_as_a_signed_header() {
        let creds = Credentials::new("ASIAEXAMPLE0000000001", "secret", "token").unwrap();
        let u = S3Uri::parse("s3://bkt/out/report.html").unwrap();
        let url = presign_object(
            &u,
            &region("us-east-1"),
            None,
            &creds,
            1_795_631_913_000,
            900,
            GetOptions {
                attachment: Some(&u.key),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(
            url.contains(
                "response-content-disposition=attachment%3B%20filename%3D%22report.html%22&"
            ),
            "{url}"
        );
        assert!(url.contains("X-Amz-SignedHeaders=host&"), "{url}");
        let opts = GetOptions {
            expected_owner: Some("111122223333"),
            ..Default::default()
        };
        let url = presign_object(
            &u,
            &region("us-east-1"),
            None,
            &creds,
            1_795_631_913_000,
            900,
            opts,
        )
        .unwrap();
        assert!(
            url.contains("X-Amz-SignedHeaders=host%3Bx-amz-expected-bucket-owner"),
            "{url}"
        );
        assert_eq!(
            opts.headers(),
            vec![("x-amz-expected-bucket-owner", "111122223333".to_string())]
        );
    }

    fn region(n: &str) -> Region {
        Region::parse(n).unwrap()
    }

    #[test]
    fn parses_s3_uris() {
        let u =
            S3Uri::parse("s3://studio-1111/notebook/e-1/executions/ex-1/find best.ipynb").unwrap();
        assert_eq!(u.bucket, "studio-1111");
        assert_eq!(u.key, "notebook/e-1/executions/ex-1/find best.ipynb");
        assert_eq!(u.file_name(), "find best.ipynb");
        assert!(!u.is_html());
        for html in ["s3://bkt/out/report.html", "s3://bkt/out/REPORT.HTM"] {
            assert!(S3Uri::parse(html).unwrap().is_html(), "{html}");
        }
        assert!(u.is_object());
        assert_eq!(
            u.to_string(),
            "s3://studio-1111/notebook/e-1/executions/ex-1/find best.ipynb"
        );
        assert!(S3Uri::parse("s3://bucket").is_some_and(|u| !u.is_object()));
        for bad in [
            "https://bucket/key",
            "s3:/bucket/key",
            "s3://b/k",
            "s3://bad%2Fbucket/k",
            "s3://java:script/x",
            "javascript:alert(1)",
        ] {
            assert_eq!(S3Uri::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn console_links_per_partition() {
        let u = S3Uri::parse("s3://my-bucket/a b/ü+x.ipynb").unwrap();
        assert_eq!(
            s3_console_url(&u, &region("us-east-1")),
            "https://s3.console.aws.amazon.com/s3/object/my-bucket?region=us-east-1&prefix=a%20b%2F%C3%BC%2Bx.ipynb"
        );
        assert!(s3_console_url(&u, &region("cn-north-1"))
            .starts_with("https://console.amazonaws.cn/s3/object/my-bucket?region=cn-north-1&"));
        assert!(s3_console_url(&u, &region("us-gov-west-1"))
            .starts_with("https://console.amazonaws-us-gov.com/s3/object/"));
        let folder = S3Uri::parse("s3://my-bucket/out/").unwrap();
        assert!(s3_console_url(&folder, &region("us-east-1")).contains("/s3/buckets/my-bucket?"));
    }

    #[test]
    fn cluster_links_only_for_cluster_ids() {
        assert_eq!(
            emr_cluster_url("j-142PVKGDZTTXS", &region("eu-west-1")).unwrap(),
            "https://console.aws.amazon.com/emr/home?region=eu-west-1#/clusterDetails/j-142PVKGDZTTXS"
        );
        assert!(emr_cluster_url("j-1", &region("cn-north-1"))
            .unwrap()
            .starts_with("https://console.amazonaws.cn/emr/"));
        for bad in [
            "",
            "j-",
            "j-abc",
            "javascript:alert(1)",
            "j-1\"onmouseover",
            "j-../x",
        ] {
            assert_eq!(emr_cluster_url(bad, &region("us-east-1")), None, "{bad}");
        }
    }

    #[test]
    fn object_urls() {
        let u = S3Uri::parse("s3://my-bucket/a b/c.ipynb").unwrap();
        assert_eq!(
            s3_object_url(&u, &region("us-west-2"), None),
            "https://my-bucket.s3.us-west-2.amazonaws.com/a%20b/c.ipynb"
        );
        let dotted = S3Uri::parse("s3://my.bucket/c").unwrap();
        assert_eq!(
            s3_object_url(&dotted, &region("cn-north-1"), None),
            "https://s3.cn-north-1.amazonaws.com.cn/my.bucket/c"
        );
        let emu = crate::aws::endpoint::parse_override("http://127.0.0.1:9100").unwrap();
        assert_eq!(
            s3_object_url(&u, &region("us-west-2"), Some(&emu)),
            "http://127.0.0.1:9100/my-bucket/a%20b/c.ipynb"
        );
    }

    #[test]
    fn presigned_expiry_is_capped_by_the_credentials() {
        let creds = Credentials::new("ASIAIOSFODNN7EXAMPLE", "secret", "token")
            .unwrap()
            .with_expiry(Some(1_000_000 + 120_000));
        let u = S3Uri::parse("s3://my-bucket/k").unwrap();
        let url =
            presigned_object_url(&u, &region("us-east-1"), None, &creds, 1_000_000, 3600).unwrap();
        assert!(url.contains("X-Amz-Expires=120&"), "{url}");
        let long_lived = Credentials::new("AKIAIOSFODNN7EXAMPLE", "secret", "").unwrap();
        let url = presigned_object_url(&u, &region("us-east-1"), None, &long_lived, 0, 10_000_000)
            .unwrap();
        assert!(url.contains("X-Amz-Expires=604800&"), "{url}");
        assert!(!url.contains("X-Amz-Security-Token"));
    }
}
