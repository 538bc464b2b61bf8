//! The CSP in `deploy/headers.json` is the one the region table implies: the `<meta>` policy lists
//! exactly the EMR and S3 hosts `emr_core::csp` generates; the header policy (what CloudFront
//! sends) stays under CloudFront's length quota and allows no less. Run with
//! `EMR_WRITE_CSP=1 cargo test -p emr-core --test csp` to rewrite the file after a region change.

use emr_core::csp::{connect_sources, frame_sources};

/// CloudFront refuses a response headers policy whose Content-Security-Policy is longer
/// (`TooLongCSPInResponseHeadersPolicy`; CloudFront Developer Guide, Quotas).
const CLOUDFRONT_CSP_MAX: usize = 1783;

fn directives(policy: &str) -> Vec<(String, String)> {
    policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let (name, value) = d.split_once(' ').unwrap_or((d, ""));
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// The `<meta>` policy: the header's directives with the exact host lists, without
/// `frame-ancestors` (which only works as a header).
fn meta_from(header: &str) -> String {
    directives(header)
        .into_iter()
        .filter(|(n, _)| n != "frame-ancestors")
        .map(|(n, v)| match n.as_str() {
            "connect-src" => format!("{n} {}", connect_sources().join(" ")),
            "frame-src" => format!("{n} {}", frame_sources().join(" ")),
            _ => format!("{n} {v}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn the_meta_policy_is_generated_from_the_region_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/headers.json");
    let text = std::fs::read_to_string(path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let header = json["content_security_policy"]
        .as_str()
        .unwrap()
        .to_string();
    let want = meta_from(&header);
    if std::env::var("EMR_WRITE_CSP").is_ok() {
        json["meta_content_security_policy"] = serde_json::Value::String(want.clone());
        std::fs::write(path, serde_json::to_string_pretty(&json).unwrap() + "\n").unwrap();
    }
    let meta = json["meta_content_security_policy"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        meta, want,
        "deploy/headers.json is stale: run EMR_WRITE_CSP=1 cargo test -p emr-core --test csp"
    );
}

#[test]
fn the_header_policy_fits_cloudfront_and_allows_everything_the_meta_lists() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../deploy/headers.json"
    ))
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let header = json["content_security_policy"].as_str().unwrap();
    assert!(
        header.len() <= CLOUDFRONT_CSP_MAX,
        "{} characters",
        header.len()
    );
    let header_dirs = directives(header);
    let allowed = |directive: &str, source: &str| {
        let list = &header_dirs.iter().find(|(n, _)| n == directive).unwrap().1;
        let host = source.split("://").nth(1).unwrap_or(source);
        list.split(' ').any(|s| {
            let (scheme, pattern) = s.split_once("://").unwrap_or(("", s));
            source.starts_with(scheme)
                && match pattern.strip_prefix("*.") {
                    Some(rest) => {
                        host.ends_with(&format!(".{rest}"))
                            || host.trim_start_matches("*.").ends_with(&format!(".{rest}"))
                    }
                    None => pattern == host,
                }
        })
    };
    for s in connect_sources() {
        assert!(allowed("connect-src", &s), "the header blocks {s}");
    }
    for s in frame_sources() {
        assert!(allowed("frame-src", &s), "the header blocks {s}");
    }
    assert!(header.contains("frame-ancestors 'none'"));
}
