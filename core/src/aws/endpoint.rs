//! Where a request goes: the partition-aware EMR endpoint for a region, or a validated override.
//!
//! Resolution follows botocore's EMR endpoint rule set; FIPS and dual-stack are offered only where
//! botocore's `endpoints.json` lists them. The override is parsed by hand (no URL crate in the
//! bundle) and normalised so that what the user sees is exactly the host that is signed and called.

use std::fmt;

use super::region::Region;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A base URL that requests are sent to and signed for (`host[:port]` is the signed `host`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    scheme: Scheme,
    host: String,
    port: Option<u16>,
}

impl Endpoint {
    /// `scheme://host[:port]`, without a trailing slash.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme.as_str(), self.authority())
    }

    /// The URL EMR's JSON API is posted to.
    pub fn url(&self) -> String {
        format!("{}/", self.origin())
    }

    /// `host[:port]` as the browser sends it in `Host`, default ports elided.
    pub fn authority(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin())
    }
}

/// Opt-in endpoint variants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EndpointOptions {
    pub fips: bool,
    pub dual_stack: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointError {
    FipsNotListed(String),
    DualStackNotListed(String),
    FipsAndDualStackNotListed(String),
    VariantWithOverride,
    Override(OverrideError),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::FipsNotListed(r) => {
                write!(f, "AWS lists no FIPS endpoint for EMR in {r}; turn FIPS off or choose another region.")
            }
            EndpointError::DualStackNotListed(r) => write!(
                f,
                "AWS lists no dual-stack endpoint for EMR in {r}; turn dual-stack off or choose another region."
            ),
            EndpointError::FipsAndDualStackNotListed(r) => write!(
                f,
                "AWS lists no endpoint for EMR in {r} that is both FIPS and dual-stack; choose one of them."
            ),
            EndpointError::VariantWithOverride => f.write_str(
                "FIPS and dual-stack apply to AWS endpoints only; turn them off to use a custom Endpoint URL.",
            ),
            EndpointError::Override(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for EndpointError {}

/// Why an Endpoint URL was refused. Messages quote at most the offending part, never the whole
/// input, so nothing pasted into the wrong field is echoed back at length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverrideError {
    MissingScheme,
    UnsupportedScheme(String),
    InsecureRemote(String),
    UserInfo,
    Query,
    Fragment,
    Path(String),
    BadHost,
    BadPort(String),
}

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::format::shorten;
        match self {
            OverrideError::MissingScheme => f.write_str(
                "The Endpoint URL must start with https:// (or http:// for localhost).",
            ),
            OverrideError::UnsupportedScheme(s) => {
                write!(f, "The Endpoint URL scheme “{}” is not supported; use https:// (or http:// for localhost).", shorten(s, 12))
            }
            OverrideError::InsecureRemote(h) => write!(
                f,
                "http:// is only allowed for localhost, 127.0.0.1 and [::1]; use https://{} so your credentials' signature is not sent in clear text.",
                shorten(h, 60)
            ),
            OverrideError::UserInfo => {
                f.write_str("The Endpoint URL must not contain a user name or password (user@host).")
            }
            OverrideError::Query => f.write_str("The Endpoint URL must not contain a query (?…)."),
            OverrideError::Fragment => {
                f.write_str("The Endpoint URL must not contain a fragment (#…).")
            }
            OverrideError::Path(p) => write!(
                f,
                "The Endpoint URL must not contain a path (“{}”): EMR is called at / and the path is part of the signature.",
                shorten(p, 40)
            ),
            OverrideError::BadHost => f.write_str(
                "The Endpoint URL has no valid host name (letters, digits, dots and hyphens, or an [IPv6] address; use punycode for international names).",
            ),
            OverrideError::BadPort(p) => {
                write!(f, "The Endpoint URL port “{}” is not a number from 1 to 65535.", shorten(p, 12))
            }
        }
    }
}

impl std::error::Error for OverrideError {}

/// The endpoint to call: the override when one is given, else the AWS endpoint for the region.
pub fn resolve(
    region: &Region,
    options: EndpointOptions,
    override_url: Option<&str>,
) -> Result<Endpoint, EndpointError> {
    if let Some(url) = override_url.map(str::trim).filter(|u| !u.is_empty()) {
        if options.fips || options.dual_stack {
            return Err(EndpointError::VariantWithOverride);
        }
        return parse_override(url).map_err(EndpointError::Override);
    }
    aws_endpoint(region, options)
}

/// The AWS endpoint (botocore's rule set), refusing variants `endpoints.json` does not list.
pub fn aws_endpoint(region: &Region, options: EndpointOptions) -> Result<Endpoint, EndpointError> {
    let partition = region.partition();
    let name = region.name();
    // Unknown (newer) regions get the standard endpoint only: we cannot know their variants.
    let listed = region.known();
    let has_fips = listed.is_some_and(|k| k.fips);
    let has_dual = listed.is_some_and(|k| k.dual_stack);
    let host = match (options.fips, options.dual_stack) {
        (true, true) => return Err(EndpointError::FipsAndDualStackNotListed(name.to_string())),
        (true, false) if !has_fips => return Err(EndpointError::FipsNotListed(name.to_string())),
        (false, true) if !has_dual => {
            return Err(EndpointError::DualStackNotListed(name.to_string()))
        }
        // GovCloud's standard endpoints are already FIPS endpoints.
        (true, false) if partition == super::region::Partition::AwsUsGov => {
            format!("elasticmapreduce.{name}.amazonaws.com")
        }
        (true, false) => format!("elasticmapreduce-fips.{name}.{}", partition.dns_suffix()),
        (false, true) => format!(
            "elasticmapreduce.{name}.{}",
            partition.dual_stack_dns_suffix()
        ),
        (false, false) => format!("elasticmapreduce.{name}.{}", partition.dns_suffix()),
    };
    Ok(Endpoint {
        scheme: Scheme::Https,
        host,
        port: None,
    })
}

pub fn is_loopback_host(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Parses an Endpoint URL override: `scheme://host[:port][/]`, nothing else.
pub fn parse_override(input: &str) -> Result<Endpoint, OverrideError> {
    let input = input.trim();
    let (scheme_str, rest) = input
        .split_once("://")
        .ok_or(OverrideError::MissingScheme)?;
    let scheme = match scheme_str.to_ascii_lowercase().as_str() {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        _ if scheme_str.is_empty() => return Err(OverrideError::MissingScheme),
        _ => return Err(OverrideError::UnsupportedScheme(scheme_str.to_string())),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err(OverrideError::UserInfo);
    }
    if tail.contains('#') {
        return Err(OverrideError::Fragment);
    }
    if tail.contains('?') {
        return Err(OverrideError::Query);
    }
    if !(tail.is_empty() || tail == "/") {
        return Err(OverrideError::Path(tail.to_string()));
    }
    let (host, port) = split_host_port(authority)?;
    let host = host.to_ascii_lowercase();
    if !is_valid_host(&host) {
        return Err(OverrideError::BadHost);
    }
    if scheme == Scheme::Http && !is_loopback_host(&host) {
        return Err(OverrideError::InsecureRemote(host));
    }
    let port = port.filter(|p| *p != scheme.default_port());
    Ok(Endpoint { scheme, host, port })
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), OverrideError> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']').ok_or(OverrideError::BadHost)?;
        let (h, after) = authority.split_at(close + 1);
        match after {
            "" => (h, None),
            _ => match after.strip_prefix(':') {
                Some(p) => (h, Some(p)),
                None => return Err(OverrideError::BadHost),
            },
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) => {
            let valid = !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
            match p.parse::<u16>() {
                Ok(n) if valid && n > 0 => Some(n),
                _ => return Err(OverrideError::BadPort(p.to_string())),
            }
        }
    };
    Ok((host, port))
}

fn is_valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(n: &str) -> Region {
        Region::parse(n).unwrap()
    }

    const PLAIN: EndpointOptions = EndpointOptions {
        fips: false,
        dual_stack: false,
    };
    const FIPS: EndpointOptions = EndpointOptions {
        fips: true,
        dual_stack: false,
    };
    const DUAL: EndpointOptions = EndpointOptions {
        fips: false,
        dual_stack: true,
    };

    #[test]
    fn standard_endpoints_per_partition() {
        let e = |r| aws_endpoint(&region(r), PLAIN).unwrap().url();
        assert_eq!(
            e("us-east-1"),
            "https://elasticmapreduce.us-east-1.amazonaws.com/"
        );
        assert_eq!(
            e("eu-west-3"),
            "https://elasticmapreduce.eu-west-3.amazonaws.com/"
        );
        assert_eq!(
            e("cn-north-1"),
            "https://elasticmapreduce.cn-north-1.amazonaws.com.cn/"
        );
        assert_eq!(
            e("us-gov-west-1"),
            "https://elasticmapreduce.us-gov-west-1.amazonaws.com/"
        );
    }

    #[test]
    fn fips_where_listed() {
        let e = |r| aws_endpoint(&region(r), FIPS).map(|e| e.url());
        assert_eq!(
            e("us-west-2").unwrap(),
            "https://elasticmapreduce-fips.us-west-2.amazonaws.com/"
        );
        assert_eq!(
            e("ca-west-1").unwrap(),
            "https://elasticmapreduce-fips.ca-west-1.amazonaws.com/"
        );
        assert_eq!(
            e("us-gov-east-1").unwrap(),
            "https://elasticmapreduce.us-gov-east-1.amazonaws.com/"
        );
        assert_eq!(
            e("eu-west-1"),
            Err(EndpointError::FipsNotListed("eu-west-1".into()))
        );
        assert_eq!(
            e("cn-north-1"),
            Err(EndpointError::FipsNotListed("cn-north-1".into()))
        );
    }

    #[test]
    fn dual_stack_where_listed() {
        let e = |r| aws_endpoint(&region(r), DUAL).map(|e| e.url());
        assert_eq!(
            e("us-east-2").unwrap(),
            "https://elasticmapreduce.us-east-2.api.aws/"
        );
        assert_eq!(
            e("cn-northwest-1").unwrap(),
            "https://elasticmapreduce.cn-northwest-1.api.amazonwebservices.com.cn/"
        );
        assert_eq!(
            e("us-gov-west-1").unwrap(),
            "https://elasticmapreduce.us-gov-west-1.api.aws/"
        );
        assert_eq!(
            e("us-east-1"),
            Err(EndpointError::DualStackNotListed("us-east-1".into()))
        );
        let both = EndpointOptions {
            fips: true,
            dual_stack: true,
        };
        assert!(matches!(
            aws_endpoint(&region("us-east-2"), both),
            Err(EndpointError::FipsAndDualStackNotListed(_))
        ));
    }

    #[test]
    fn unknown_regions_get_the_standard_endpoint_only() {
        let r = region("ap-southeast-9");
        assert_eq!(
            aws_endpoint(&r, PLAIN).unwrap().host(),
            "elasticmapreduce.ap-southeast-9.amazonaws.com"
        );
        assert!(aws_endpoint(&r, FIPS).is_err());
    }

    #[test]
    fn override_wins_and_is_normalised() {
        let r = region("us-east-1");
        let e = resolve(&r, PLAIN, Some("  http://127.0.0.1:9100/ \n")).unwrap();
        assert_eq!(e.url(), "http://127.0.0.1:9100/");
        assert_eq!(e.authority(), "127.0.0.1:9100");
        let e = resolve(&r, PLAIN, Some("HTTPS://Proxy.Example.COM:443")).unwrap();
        assert_eq!(e.url(), "https://proxy.example.com/");
        assert_eq!(e.authority(), "proxy.example.com");
        let e = resolve(&r, PLAIN, Some("http://[::1]:8080")).unwrap();
        assert_eq!(e.authority(), "[::1]:8080");
        assert!(e.is_loopback());
        let e = resolve(&r, PLAIN, Some("http://localhost")).unwrap();
        assert_eq!(e.url(), "http://localhost/");
        // Blank override means "use AWS".
        assert_eq!(
            resolve(&r, PLAIN, Some("   ")).unwrap().host(),
            "elasticmapreduce.us-east-1.amazonaws.com"
        );
        assert_eq!(
            resolve(&r, FIPS, Some("https://x.example")),
            Err(EndpointError::VariantWithOverride)
        );
    }

    #[test]
    fn override_refusals() {
        use OverrideError::*;
        let cases: &[(&str, OverrideError)] = &[
            ("127.0.0.1:9100", MissingScheme),
            ("://x", MissingScheme),
            ("ftp://x.example", UnsupportedScheme("ftp".into())),
            ("javascript://x", UnsupportedScheme("javascript".into())),
            ("http://example.com", InsecureRemote("example.com".into())),
            ("http://127.0.0.2", InsecureRemote("127.0.0.2".into())),
            (
                "http://localhost.evil.com",
                InsecureRemote("localhost.evil.com".into()),
            ),
            ("https://user:pw@example.com", UserInfo),
            ("https://example.com?x=1", Query),
            ("https://example.com/#frag", Fragment),
            ("https://example.com/emr", Path("/emr".into())),
            ("https://", BadHost),
            ("https://exa mple.com", BadHost),
            ("https://ex_ample.com", BadHost),
            ("https://bücher.example", BadHost),
            ("https://-x.example", BadHost),
            ("https://[zz::1]", BadHost),
            ("https://example.com:0", BadPort("0".into())),
            ("https://example.com:65536", BadPort("65536".into())),
            ("https://example.com:", BadPort("".into())),
            ("https://example.com:+80", BadPort("+80".into())),
        ];
        for (input, want) in cases {
            assert_eq!(parse_override(input).as_ref(), Err(want), "{input}");
        }
    }

    #[test]
    fn messages_do_not_echo_long_input() {
        let long = format!("http://{}.example", "a".repeat(200));
        let msg = parse_override(&long).unwrap_err().to_string();
        assert!(msg.len() < 260, "{msg}");
    }
}
