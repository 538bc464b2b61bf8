//! SigV4 verification from the *received* request, written from the AWS specification with `sha2`
//! and `hmac` only — deliberately not `aws-sigv4`, so that the app's signer and this verifier are
//! two implementations that botocore's vectors keep honest.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// The four-step key derivation: secret → date → region → service → "aws4_request".
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// Constant-time comparison of two signatures.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `Credential=AKID/20261125/us-east-1/elasticmapreduce/aws4_request`, split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub access_key_id: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub terminator: String,
}

impl Scope {
    pub fn parse(credential: &str) -> Option<Scope> {
        let mut parts = credential.rsplitn(5, '/');
        let terminator = parts.next()?.to_string();
        let service = parts.next()?.to_string();
        let region = parts.next()?.to_string();
        let date = parts.next()?.to_string();
        let access_key_id = parts.next()?.to_string();
        Some(Scope {
            access_key_id,
            date,
            region,
            service,
            terminator,
        })
    }

    pub fn to_scope_string(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.date, self.region, self.service, self.terminator
        )
    }
}

/// A parsed `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthHeader {
    pub credential: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// What is missing from an Authorization header, in AWS's words.
pub fn parse_authorization(value: &str) -> Result<AuthHeader, String> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .filter(|r| r.starts_with(' '))
        .ok_or_else(|| "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Unsupported authorization type.".to_string())?;
    let mut credential = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(',') {
        let part = part.trim();
        if let Some((k, v)) = part.split_once('=') {
            match k {
                "Credential" => credential = Some(v.to_string()),
                "SignedHeaders" => signed = Some(v.to_string()),
                "Signature" => signature = Some(v.to_string()),
                _ => {}
            }
        }
    }
    let mut missing = Vec::new();
    if credential.is_none() {
        missing.push("Authorization header requires 'Credential' parameter.");
    }
    if signature.is_none() {
        missing.push("Authorization header requires 'Signature' parameter.");
    }
    if signed.is_none() {
        missing.push("Authorization header requires 'SignedHeaders' parameter.");
    }
    if !missing.is_empty() {
        return Err(format!(
            "{} Authorization={value_prefix}",
            missing.join(" "),
            value_prefix = ALGORITHM
        ));
    }
    Ok(AuthHeader {
        credential: credential.unwrap_or_default(),
        signed_headers: signed
            .unwrap_or_default()
            .split(';')
            .map(str::to_string)
            .collect(),
        signature: signature.unwrap_or_default(),
    })
}

/// RFC 3986 encoding as SigV4 wants it.
pub fn uri_encode(s: &str, encode_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (b == b'/' && !encode_slash)
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding of a query component (`+` is a literal plus in SigV4, not a space).
pub fn uri_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let h = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = h {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decoded query pairs, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (uri_decode(k), uri_decode(v))
        })
        .collect()
}

/// The canonical query string: every pair but `skip`, re-encoded, sorted.
pub fn canonical_query(pairs: &[(String, String)], skip: Option<&str>) -> String {
    let mut encoded: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| Some(k.as_str()) != skip)
        .map(|(k, v)| (uri_encode(k, true), uri_encode(v, true)))
        .collect();
    encoded.sort();
    encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Header values as SigV4 canonicalises them: trimmed, inner runs of spaces collapsed.
fn canonical_header_value(v: &str) -> String {
    v.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The canonical request from what was received. `headers` are (lower-case name, value) pairs;
/// `path` is the raw path as sent; `payload_hash` is sha256(body) or `UNSIGNED-PAYLOAD`.
pub fn canonical_request(
    method: &str,
    path: &str,
    canonical_query: &str,
    headers: &[(String, String)],
    signed_headers: &[String],
    payload_hash: &str,
) -> Result<String, String> {
    let mut canon_headers = String::new();
    for name in signed_headers {
        let values: Vec<String> = headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| canonical_header_value(v))
            .collect();
        if values.is_empty() {
            return Err(format!(
                "'{name}' is named in SignedHeaders but was not sent"
            ));
        }
        canon_headers.push_str(name);
        canon_headers.push(':');
        canon_headers.push_str(&values.join(","));
        canon_headers.push('\n');
    }
    Ok(format!(
        "{method}\n{path}\n{canonical_query}\n{canon_headers}\n{}\n{payload_hash}",
        signed_headers.join(";")
    ))
}

pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

pub fn signature(secret: &str, scope: &Scope, string_to_sign: &str) -> String {
    let key = signing_key(secret, &scope.date, &scope.region, &scope.service);
    hex(&hmac(&key, string_to_sign.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's documented example (IAM ListUsers, GET with query), from the SigV4 guide.
    #[test]
    fn aws_documentation_example() {
        let headers = vec![
            (
                "content-type".to_string(),
                "application/x-www-form-urlencoded; charset=utf-8".to_string(),
            ),
            ("host".to_string(), "iam.amazonaws.com".to_string()),
            ("x-amz-date".to_string(), "20150830T123600Z".to_string()),
        ];
        let signed: Vec<String> = ["content-type", "host", "x-amz-date"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let q = canonical_query(&query_pairs("Action=ListUsers&Version=2010-05-08"), None);
        let cr = canonical_request("GET", "/", &q, &headers, &signed, &sha256_hex(b"")).unwrap();
        assert_eq!(
            sha256_hex(cr.as_bytes()),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
        );
        let scope = Scope::parse("AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request").unwrap();
        let sts = string_to_sign("20150830T123600Z", &scope.to_scope_string(), &cr);
        assert_eq!(
            signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", &scope, &sts),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        );
    }

    #[test]
    fn parses_authorization_headers() {
        let a = parse_authorization("AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/elasticmapreduce/aws4_request, SignedHeaders=content-type;host, Signature=abc").unwrap();
        assert_eq!(a.signed_headers, ["content-type", "host"]);
        let s = Scope::parse(&a.credential).unwrap();
        assert_eq!(
            (
                s.access_key_id.as_str(),
                s.region.as_str(),
                s.service.as_str()
            ),
            ("AKID", "us-east-1", "elasticmapreduce")
        );
        let e = parse_authorization("AWS4-HMAC-SHA256 SignedHeaders=host").unwrap_err();
        assert!(e.contains("requires 'Credential'") && e.contains("requires 'Signature'"));
        assert!(parse_authorization("Basic dXNlcjpwdw==").is_err());
    }

    #[test]
    fn decoding_and_encoding() {
        assert_eq!(uri_decode("a%2Fb%3D%3d+c"), "a/b==+c");
        assert_eq!(uri_decode("%"), "%");
        assert_eq!(uri_decode("%zz"), "%zz");
        assert_eq!(uri_encode("a b/ü", false), "a%20b/%C3%BC");
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
