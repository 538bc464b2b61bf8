//! Authentication like AWS: SigV4 verified from the received request, ±15 minutes, AWS's codes and
//! messages, for EMR's header-signed JSON calls and S3's presigned GETs.

use emr_core::aws::skew::{format_amz_date, parse_amz_date};

use crate::http::Request;
use crate::identity::Identity;
use crate::sigv4::{self, Scope};

const WINDOW_MS: i64 = 15 * 60_000;

/// An authentication failure, as AWS reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

fn fail(status: u16, code: &'static str, message: impl Into<String>) -> AuthError {
    AuthError {
        status,
        code,
        message: message.into(),
    }
}

/// How a service words the three ways a credential is refused before any signature check.
struct Refusals {
    unknown_key: AuthError,
    wrong_token: AuthError,
    expired: AuthError,
}

/// The configured identity behind an access key id, checked against the session token sent.
fn caller<'a>(
    identities: &'a [Identity],
    access_key_id: &str,
    token_sent: Option<&str>,
    refusals: Refusals,
) -> Result<&'a Identity, AuthError> {
    let identity = identities
        .iter()
        .find(|i| i.access_key_id == access_key_id)
        .ok_or(refusals.unknown_key)?;
    // In constant time, like the signature: how long a wrong token took says nothing of the right one.
    let token_ok = match (token_sent, identity.session_token.as_deref()) {
        (Some(sent), Some(wanted)) => sigv4::same(sent, wanted),
        (None, None) => true,
        _ => false,
    };
    if !token_ok {
        return Err(refusals.wrong_token);
    }
    if identity.expired {
        return Err(refusals.expired);
    }
    Ok(identity)
}

const BAD_SIGNATURE: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/// Verifies an EMR JSON call (`Authorization` header). Returns the caller.
/// Verifies a header-signed request scoped to one of `regions`; returns who signed it and the
/// region it is scoped to. A region in `not_enabled` answers like an opt-in region the account has
/// not enabled.
pub fn verify_header_signed<'a>(
    request: &Request,
    identities: &'a [Identity],
    regions: &[String],
    not_enabled: &[String],
    service: &str,
    server_now_ms: i64,
) -> Result<(&'a Identity, String), AuthError> {
    let Some(authorization) = request.header("authorization") else {
        return Err(fail(
            400,
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    };
    let auth = sigv4::parse_authorization(authorization)
        .map_err(|m| fail(400, "IncompleteSignatureException", m))?;
    let amz_date = request.header("x-amz-date").ok_or_else(|| {
        fail(
            400,
            "IncompleteSignatureException",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        )
    })?;
    let scope = Scope::parse(&auth.credential).ok_or_else(|| {
        fail(400, "IncompleteSignatureException", format!("Credential should be of the form <AccessKeyId>/<Date>/<Region>/<Service>/aws4_request, not '{}'.", auth.credential))
    })?;
    let identity = caller(
        identities,
        &scope.access_key_id,
        request.header("x-amz-security-token"),
        Refusals {
            unknown_key: fail(
                400,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
            wrong_token: fail(
                400,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
            expired: fail(
                400,
                "ExpiredTokenException",
                "The security token included in the request is expired",
            ),
        },
    )?;
    check_time(amz_date, server_now_ms, |m| {
        fail(400, "InvalidSignatureException", m)
    })?;
    if not_enabled.contains(&scope.region) {
        return Err(fail(
            400,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ));
    }
    let region = regions
        .iter()
        .find(|r| **r == scope.region)
        .unwrap_or(&regions[0]);
    check_scope(&scope, amz_date, region, service)
        .map_err(|m| fail(400, "InvalidSignatureException", m))?;
    if !auth.signed_headers.iter().any(|h| h == "host") {
        return Err(fail(
            400,
            "InvalidSignatureException",
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        ));
    }
    // The body as received is what was signed: a header that says otherwise is refused, never
    // believed (it would let a changed body through with the old signature).
    let payload_hash = sigv4::sha256_hex(&request.body);
    if request
        .header("x-amz-content-sha256")
        .is_some_and(|claimed| claimed != payload_hash)
    {
        return Err(fail(
            400,
            "InvalidSignatureException",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        ));
    }
    let query = sigv4::canonical_query(&sigv4::query_pairs(&request.query), None);
    let path = sigv4::uri_encode(&sigv4::uri_decode(&request.path), false);
    let creq = sigv4::canonical_request(
        &request.method,
        &path,
        &query,
        &request.headers,
        &auth.signed_headers,
        &payload_hash,
    )
    .map_err(|m| {
        fail(
            400,
            "InvalidSignatureException",
            format!("{BAD_SIGNATURE} ({m})"),
        )
    })?;
    let sts = sigv4::string_to_sign(amz_date, &scope.to_scope_string(), &creq);
    let expected = sigv4::signature(&identity.secret_access_key, &scope, &sts);
    if !sigv4::same(&expected, &auth.signature) {
        return Err(fail(400, "InvalidSignatureException", BAD_SIGNATURE));
    }
    Ok((identity, region.clone()))
}

fn check_time(
    amz_date: &str,
    server_now_ms: i64,
    err: impl Fn(String) -> AuthError,
) -> Result<i64, AuthError> {
    let signed_at = parse_amz_date(amz_date)
        .ok_or_else(|| err(format!("Date must be in ISO-8601 'basic format'. Got '{amz_date}'. See http://en.wikipedia.org/wiki/ISO_8601")))?;
    let now = format_amz_date(server_now_ms);
    if signed_at < server_now_ms - WINDOW_MS {
        return Err(err(format!(
            "Signature expired: {amz_date} is now earlier than {} ({now} - 15 min.)",
            format_amz_date(server_now_ms - WINDOW_MS)
        )));
    }
    if signed_at > server_now_ms + WINDOW_MS {
        return Err(err(format!(
            "Signature not yet current: {amz_date} is still later than {} ({now} + 15 min.)",
            format_amz_date(server_now_ms + WINDOW_MS)
        )));
    }
    Ok(signed_at)
}

fn check_scope(scope: &Scope, amz_date: &str, region: &str, service: &str) -> Result<(), String> {
    if !amz_date.starts_with(&scope.date) || scope.date.len() != 8 {
        return Err(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{amz_date}'.",
            scope.date,
            amz_date.get(..8).unwrap_or(amz_date)
        ));
    }
    if scope.region != region {
        return Err(format!(
            "Credential should be scoped to a valid region, not '{}'. ",
            scope.region
        ));
    }
    if scope.service != service {
        return Err(format!(
            "Credential should be scoped to correct service: '{service}'. "
        ));
    }
    if scope.terminator != "aws4_request" {
        return Err(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'. ",
            scope.terminator
        ));
    }
    Ok(())
}

/// Verifies an S3 presigned GET (query-string SigV4: `UNSIGNED-PAYLOAD`, token in the query).
pub fn verify_presigned<'a>(
    request: &Request,
    identities: &'a [Identity],
    regions: &[String],
    server_now_ms: i64,
) -> Result<&'a Identity, AuthError> {
    let pairs = sigv4::query_pairs(&request.query);
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if get("X-Amz-Algorithm").is_none() && request.header("authorization").is_none() {
        return Err(fail(403, "AccessDenied", "Access Denied"));
    }
    let (
        Some(algorithm),
        Some(credential),
        Some(amz_date),
        Some(expires),
        Some(signed),
        Some(signature),
    ) = (
        get("X-Amz-Algorithm"),
        get("X-Amz-Credential"),
        get("X-Amz-Date"),
        get("X-Amz-Expires"),
        get("X-Amz-SignedHeaders"),
        get("X-Amz-Signature"),
    )
    else {
        return Err(fail(400, "AuthorizationQueryParametersError", "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."));
    };
    if algorithm != sigv4::ALGORITHM {
        return Err(fail(
            400,
            "AuthorizationQueryParametersError",
            "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"",
        ));
    }
    let scope = Scope::parse(credential)
        .ok_or_else(|| fail(400, "AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."))?;
    let identity = caller(
        identities,
        &scope.access_key_id,
        get("X-Amz-Security-Token"),
        Refusals {
            unknown_key: fail(
                403,
                "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.",
            ),
            wrong_token: fail(
                400,
                "InvalidToken",
                "The provided token is malformed or otherwise invalid.",
            ),
            expired: fail(400, "ExpiredToken", "The provided token has expired."),
        },
    )?;
    let expires: i64 = expires.parse().map_err(|_| {
        fail(
            400,
            "AuthorizationQueryParametersError",
            "X-Amz-Expires should be a number",
        )
    })?;
    if !(1..=604_800).contains(&expires) {
        return Err(fail(
            400,
            "AuthorizationQueryParametersError",
            "X-Amz-Expires must be less than a week (in seconds) that is 604800",
        ));
    }
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| {
        fail(
            400,
            "AuthorizationQueryParametersError",
            "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
        )
    })?;
    if signed_at > server_now_ms + WINDOW_MS {
        return Err(fail(403, "AccessDenied", "Request is not valid yet"));
    }
    if server_now_ms > signed_at + expires * 1000 {
        return Err(fail(403, "AccessDenied", "Request has expired"));
    }
    let Some(region) = regions.iter().find(|r| **r == scope.region) else {
        return Err(fail(400, "AuthorizationQueryParametersError", format!("Error parsing the X-Amz-Credential parameter; the region '{}' is wrong; expecting '{}'", scope.region, regions[0])));
    };
    check_scope(&scope, amz_date, region, "s3")
        .map_err(|m| fail(400, "AuthorizationQueryParametersError", m))?;
    let signed: Vec<String> = signed.split(';').map(str::to_string).collect();
    if !signed.iter().any(|h| h == "host") {
        return Err(fail(
            400,
            "AuthorizationQueryParametersError",
            "Query-string authentication requires the host header to be signed (X-Amz-SignedHeaders must include host).",
        ));
    }
    // S3 refuses x-amz-* headers that the signature does not cover.
    if let Some((name, _)) = request
        .headers
        .iter()
        .find(|(n, _)| n.starts_with("x-amz-") && !signed.contains(n))
    {
        return Err(fail(
            403,
            "AccessDenied",
            format!("There were headers present in the request which were not signed: {name}"),
        ));
    }
    let query = sigv4::canonical_query(&pairs, Some("X-Amz-Signature"));
    let path = sigv4::uri_encode(&sigv4::uri_decode(&request.path), false);
    let creq = sigv4::canonical_request(
        &request.method,
        &path,
        &query,
        &request.headers,
        &signed,
        sigv4::UNSIGNED_PAYLOAD,
    )
    .map_err(|m| fail(403, "SignatureDoesNotMatch", m))?;
    let sts = sigv4::string_to_sign(amz_date, &scope.to_scope_string(), &creq);
    if !sigv4::same(
        &sigv4::signature(&identity.secret_access_key, &scope, &sts),
        signature,
    ) {
        return Err(fail(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method."));
    }
    Ok(identity)
}
