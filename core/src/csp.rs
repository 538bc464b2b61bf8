//! The hosts the page's Content-Security-Policy lets it reach, generated from the one region table
//! so that it cannot drift from what the endpoint resolver and the S3 links produce: every EMR
//! endpoint (each region of the three partitions, FIPS and dual-stack where listed), the S3
//! endpoints presigned previews use (virtual-hosted and path-style), and loopback for development.
//!
//! `deploy/headers.json` holds the result (the `<meta>` policy); a test keeps the two equal.

use crate::aws::endpoint::{aws_endpoint, EndpointOptions};
use crate::aws::region::{Region, KNOWN_REGIONS};

/// Development and the local emulator (the CSP host grammar has no IPv6 literals).
pub const LOOPBACK: [&str; 2] = ["http://localhost:*", "http://127.0.0.1:*"];

/// `connect-src`: the page's own files (its WebAssembly and chunks are fetched), EMR's
/// endpoints, then S3's, then loopback.
pub fn connect_sources() -> Vec<String> {
    let mut out = vec!["'self'".to_string()];
    for k in KNOWN_REGIONS {
        let Ok(region) = Region::parse(k.name) else {
            continue;
        };
        for (fips, dual_stack) in [(false, false), (true, false), (false, true)] {
            if let Ok(e) = aws_endpoint(&region, EndpointOptions { fips, dual_stack }) {
                push(&mut out, format!("https://{}", e.host()));
            }
        }
    }
    out.extend(s3_sources());
    out.extend(LOOPBACK.iter().map(|s| s.to_string()));
    out
}

/// `frame-src`: HTML output notebooks load from S3 (and the emulator) in a sandboxed frame.
pub fn frame_sources() -> Vec<String> {
    let mut out = s3_sources();
    out.extend(LOOPBACK.iter().map(|s| s.to_string()));
    out
}

/// Where presigned S3 URLs point (see `links::s3_object_url`): `bucket.s3.region.suffix` and
/// `s3.region.suffix/bucket`.
fn s3_sources() -> Vec<String> {
    let mut out = Vec::new();
    for k in KNOWN_REGIONS {
        let Ok(region) = Region::parse(k.name) else {
            continue;
        };
        let suffix = region.partition().dns_suffix();
        push(&mut out, format!("https://*.s3.{}.{suffix}", k.name));
        push(&mut out, format!("https://s3.{}.{suffix}", k.name));
    }
    out
}

fn push(out: &mut Vec<String>, source: String) {
    if !out.contains(&source) {
        out.push(source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::links::{s3_object_url, S3Uri};

    #[test]
    fn every_endpoint_the_resolver_produces_is_listed() {
        let sources = connect_sources();
        for k in KNOWN_REGIONS {
            let region = Region::parse(k.name).unwrap();
            for options in [
                EndpointOptions::default(),
                EndpointOptions {
                    fips: true,
                    dual_stack: false,
                },
                EndpointOptions {
                    fips: false,
                    dual_stack: true,
                },
            ] {
                if let Ok(e) = aws_endpoint(&region, options) {
                    assert!(sources.contains(&e.origin()), "{}", e.origin());
                }
            }
        }
        assert!(sources.contains(
            &"https://elasticmapreduce.cn-north-1.api.amazonwebservices.com.cn".to_string()
        ));
        assert!(
            sources.contains(&"https://elasticmapreduce-fips.us-east-2.amazonaws.com".to_string())
        );
        assert!(
            !sources
                .iter()
                .any(|s| s.contains("*.amazonaws.com") && !s.contains(".s3.")),
            "no wildcard over all of AWS"
        );
    }

    #[test]
    fn presigned_s3_urls_point_at_listed_hosts() {
        let sources = frame_sources();
        for name in ["us-east-1", "eu-west-1", "cn-northwest-1", "us-gov-west-1"] {
            let region = Region::parse(name).unwrap();
            for uri in ["s3://my-bucket/a.html", "s3://my.dotted.bucket/a.html"] {
                let url = s3_object_url(&S3Uri::parse(uri).unwrap(), &region, None);
                let host = url.split('/').nth(2).unwrap();
                let allowed = sources.iter().any(|s| {
                    let h = s.trim_start_matches("https://");
                    match h.strip_prefix("*.") {
                        Some(rest) => host.ends_with(&format!(".{rest}")),
                        None => host == h,
                    }
                });
                assert!(allowed, "{url}");
            }
        }
    }
}
