//! Cross-check against botocore: every committed vector (scripts/gen_signing_vectors.py) must be
//! reproduced byte for byte — the request body our operations serialise, and the `Authorization`
//! header or presigned signature our signer computes.

use emr_core::aws::credentials::Credentials;
use emr_core::aws::endpoint::{self, EndpointOptions};
use emr_core::aws::region::Region;
use emr_core::aws::signing::sign_json_request;
use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::emr::model::NotebookExecutionId;
use emr_core::emr::operations::{self, ListNotebookExecutionsInput, SIGNING_NAME};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let all: Value = serde_json::from_str(include_str!("data/signing_vectors.json")).unwrap();
    all["vectors"].as_array().unwrap().clone()
}

fn credentials(v: &Value) -> Credentials {
    Credentials::new(
        v["access_key_id"].as_str().unwrap(),
        v["secret_access_key"].as_str().unwrap(),
        v["session_token"].as_str().unwrap(),
    )
    .unwrap()
}

fn query_params(url: &str) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = url
        .split_once('?')
        .unwrap()
        .1
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect();
    p.sort();
    p
}

#[test]
fn json_requests_match_botocore_byte_for_byte() {
    let vectors: Vec<Value> = vectors()
        .into_iter()
        .filter(|v| v["kind"] == "json")
        .collect();
    assert!(vectors.len() >= 200, "only {} vectors", vectors.len());
    let mut partitions = std::collections::BTreeSet::new();
    let mut long_tokens = 0;
    for (i, v) in vectors.iter().enumerate() {
        let region = Region::parse(v["region"].as_str().unwrap()).unwrap();
        partitions.insert(region.partition().id());
        let endpoint = endpoint::resolve(
            &region,
            EndpointOptions::default(),
            v["endpoint_override"].as_str(),
        )
        .unwrap();
        assert_eq!(
            endpoint.url(),
            v["url"].as_str().unwrap(),
            "vector {i}: url"
        );
        let input = &v["input"];
        let request = match v["operation"].as_str().unwrap() {
            "DescribeNotebookExecution" => operations::describe_request(
                &NotebookExecutionId::parse(input["NotebookExecutionId"].as_str().unwrap())
                    .unwrap(),
            ),
            "StopNotebookExecution" => operations::stop_request(
                &NotebookExecutionId::parse(input["NotebookExecutionId"].as_str().unwrap())
                    .unwrap(),
            ),
            "ListNotebookExecutions" => {
                let parsed: ListNotebookExecutionsInput =
                    serde_json::from_value(input.clone()).unwrap();
                operations::list_request(&parsed)
            }
            other => panic!("unexpected operation {other}"),
        };
        assert_eq!(
            request.body,
            v["body"].as_str().unwrap(),
            "vector {i}: body"
        );
        let creds = credentials(v);
        if creds
            .session_token()
            .is_some_and(|t| t.expose().len() >= 800)
        {
            long_tokens += 1;
        }
        let signed = sign_json_request(
            &request,
            &endpoint,
            &region,
            SIGNING_NAME,
            &creds,
            v["epoch_ms"].as_i64().unwrap(),
        )
        .unwrap();
        let expected = &v["expected"];
        for name in [
            "authorization",
            "x-amz-date",
            "x-amz-target",
            "content-type",
        ] {
            assert_eq!(
                signed.header(name),
                expected[name].as_str(),
                "vector {i}: {name}"
            );
        }
        assert_eq!(
            signed.header("x-amz-security-token"),
            expected["x-amz-security-token"].as_str(),
            "vector {i}: token"
        );
        // Nothing sent beyond what botocore signed (the browser adds content-length itself).
        for (name, _) in &signed.headers {
            assert!(
                expected.get(name.as_str()).is_some(),
                "vector {i}: extra header {name}"
            );
        }
    }
    assert_eq!(partitions.len(), 3, "{partitions:?}");
    assert!(long_tokens > 20);
}

#[test]
fn presigned_urls_match_botocore() {
    let vectors: Vec<Value> = vectors()
        .into_iter()
        .filter(|v| v["kind"] == "presign")
        .collect();
    assert!(vectors.len() >= 40);
    for (i, v) in vectors.iter().enumerate() {
        let region = Region::parse(v["region"].as_str().unwrap()).unwrap();
        let override_endpoint = v["endpoint_override"]
            .as_str()
            .map(|u| endpoint::parse_override(u).unwrap());
        let uri = S3Uri::parse(&format!(
            "s3://{}/{}",
            v["bucket"].as_str().unwrap(),
            v["key"].as_str().unwrap()
        ))
        .unwrap();
        let url = match v["response_content_type"].as_str() {
            // HTML previews: the content-type override is signed with the rest.
            Some(_) => emr_core::s3::html_preview_url(
                &uri,
                &region,
                override_endpoint.as_ref(),
                &credentials(v),
                v["epoch_ms"].as_i64().unwrap(),
            ),
            None => presigned_object_url(
                &uri,
                &region,
                override_endpoint.as_ref(),
                &credentials(v),
                v["epoch_ms"].as_i64().unwrap(),
                v["expires"].as_u64().unwrap(),
            ),
        }
        .unwrap();
        let expected = v["expected_url"].as_str().unwrap();
        assert_eq!(
            url.split('?').next(),
            expected.split('?').next(),
            "vector {i}: object URL"
        );
        assert_eq!(
            query_params(&url),
            query_params(expected),
            "vector {i}: query"
        );
    }
}
