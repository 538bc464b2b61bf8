//! The emulator accepts requests signed by botocore (an independent client) and refuses tampered
//! copies: every committed vector, replayed as the request botocore would have sent.

use emr_emulator::auth::{self, AuthError};
use emr_emulator::http::Request;
use emr_emulator::identity::Identity;
use serde_json::Value;

/// The verifiers for one region (the vectors each name theirs).
fn verify_header_signed<'a>(
    req: &Request,
    ids: &'a [Identity],
    region: &str,
    service: &str,
    now: i64,
) -> Result<&'a Identity, AuthError> {
    auth::verify_header_signed(req, ids, &[region.to_string()], &[], service, now).map(|(i, _)| i)
}

fn verify_presigned<'a>(
    req: &Request,
    ids: &'a [Identity],
    region: &str,
    now: i64,
) -> Result<&'a Identity, AuthError> {
    auth::verify_presigned(req, ids, &[region.to_string()], now)
}

fn vectors(kind: &str) -> Vec<Value> {
    let all: Value =
        serde_json::from_str(include_str!("../../core/tests/data/signing_vectors.json")).unwrap();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["kind"] == kind)
        .cloned()
        .collect()
}

fn identity(v: &Value) -> Identity {
    Identity {
        access_key_id: v["access_key_id"].as_str().unwrap().into(),
        secret_access_key: v["secret_access_key"].as_str().unwrap().into(),
        session_token: v["session_token"]
            .as_str()
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        expired: false,
        denied_actions: vec![],
        arn: "arn:aws:iam::111122223333:user/test".into(),
    }
}

fn authority(url: &str) -> String {
    let rest = url.split_once("://").unwrap().1;
    rest.split('/').next().unwrap().to_string()
}

fn json_request(v: &Value) -> Request {
    let mut headers: Vec<(String, String)> = v["expected"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    headers.push(("host".into(), authority(v["url"].as_str().unwrap())));
    headers.push(("user-agent".into(), "Boto3/1.43 (not signed)".into()));
    Request {
        method: "POST".into(),
        path: "/".into(),
        query: String::new(),
        headers,
        body: v["body"].as_str().unwrap().as_bytes().to_vec(),
    }
}

#[test]
fn accepts_every_botocore_json_vector() {
    let vs = vectors("json");
    assert!(vs.len() >= 200);
    for (i, v) in vs.iter().enumerate() {
        let ids = [identity(v)];
        let r = verify_header_signed(
            &json_request(v),
            &ids,
            v["region"].as_str().unwrap(),
            "elasticmapreduce",
            v["epoch_ms"].as_i64().unwrap(),
        );
        assert!(r.is_ok(), "vector {i}: {r:?}");
    }
}

#[test]
fn refuses_tampered_json_vectors() {
    for (i, v) in vectors("json").iter().enumerate().step_by(7) {
        let ids = [identity(v)];
        let region = v["region"].as_str().unwrap();
        let now = v["epoch_ms"].as_i64().unwrap();
        let check =
            |req: &Request| verify_header_signed(req, &ids, region, "elasticmapreduce", now);

        let mut body = json_request(v);
        body.body.push(b' ');
        assert_eq!(
            check(&body).unwrap_err().code,
            "InvalidSignatureException",
            "vector {i}: body"
        );

        let mut target = json_request(v);
        for (n, val) in target.headers.iter_mut() {
            if n == "x-amz-target" {
                *val = "ElasticMapReduce.StopNotebookExecution".into();
            }
        }
        if v["operation"] != "StopNotebookExecution" {
            assert_eq!(
                check(&target).unwrap_err().code,
                "InvalidSignatureException",
                "vector {i}: target"
            );
        }

        let mut host = json_request(v);
        for (n, val) in host.headers.iter_mut() {
            if n == "host" {
                *val = "elasticmapreduce.evil.example".into();
            }
        }
        assert_eq!(
            check(&host).unwrap_err().code,
            "InvalidSignatureException",
            "vector {i}: host"
        );

        let wrong_secret = [Identity {
            secret_access_key: "not-the-secret".into(),
            ..identity(v)
        }];
        let r = verify_header_signed(
            &json_request(v),
            &wrong_secret,
            region,
            "elasticmapreduce",
            now,
        );
        assert_eq!(
            r.unwrap_err().code,
            "InvalidSignatureException",
            "vector {i}: secret"
        );

        let late = verify_header_signed(
            &json_request(v),
            &ids,
            region,
            "elasticmapreduce",
            now + 16 * 60_000,
        )
        .unwrap_err();
        assert!(
            late.message.starts_with("Signature expired:"),
            "vector {i}: {}",
            late.message
        );
        let early = verify_header_signed(
            &json_request(v),
            &ids,
            region,
            "elasticmapreduce",
            now - 16 * 60_000,
        )
        .unwrap_err();
        assert!(
            early.message.starts_with("Signature not yet current:"),
            "vector {i}: {}",
            early.message
        );

        let other_region = if region == "us-east-1" {
            "us-west-2"
        } else {
            "us-east-1"
        };
        assert_eq!(
            check_region(v, &ids, other_region, now),
            "InvalidSignatureException"
        );
    }
}

fn check_region(v: &Value, ids: &[Identity], region: &str, now: i64) -> &'static str {
    verify_header_signed(&json_request(v), ids, region, "elasticmapreduce", now)
        .unwrap_err()
        .code
}

fn presigned_request(url: &str) -> Request {
    let rest = url.split_once("://").unwrap().1;
    let (authority, path_query) = rest.split_at(rest.find('/').unwrap());
    let (path, query) = path_query.split_once('?').unwrap();
    Request {
        method: "GET".into(),
        path: path.into(),
        query: query.into(),
        headers: vec![
            ("host".into(), authority.into()),
            ("accept".into(), "*/*".into()),
        ],
        body: vec![],
    }
}

#[test]
fn accepts_botocore_presigned_urls_and_refuses_tampering() {
    let vs = vectors("presign");
    assert!(vs.len() >= 40);
    for (i, v) in vs.iter().enumerate() {
        let ids = [identity(v)];
        let region = v["region"].as_str().unwrap();
        let now = v["epoch_ms"].as_i64().unwrap() + 1_000;
        let url = v["expected_url"].as_str().unwrap();
        let ok = verify_presigned(&presigned_request(url), &ids, region, now);
        assert!(ok.is_ok(), "vector {i}: {ok:?}");

        let mut other_key = presigned_request(url);
        other_key.path = format!("/x{}", &other_key.path[1..]);
        assert_eq!(
            verify_presigned(&other_key, &ids, region, now)
                .unwrap_err()
                .code,
            "SignatureDoesNotMatch",
            "vector {i}: path"
        );
        let expires = v["expires"].as_i64().unwrap();
        let expired = verify_presigned(
            &presigned_request(url),
            &ids,
            region,
            now + expires * 1000 + 1_000,
        )
        .unwrap_err();
        assert_eq!(
            (expired.code, expired.message.as_str()),
            ("AccessDenied", "Request has expired"),
            "vector {i}"
        );
        let longer = presigned_request(&url.replace(
            &format!("X-Amz-Expires={expires}&"),
            &format!(
                "X-Amz-Expires={}&",
                if expires == 604_800 {
                    expires - 1
                } else {
                    expires + 1
                }
            ),
        ));
        assert!(
            verify_presigned(&longer, &ids, region, now).is_err(),
            "vector {i}: expires"
        );
    }
}
