#!/usr/bin/env python3
"""Generate SigV4 cross-check vectors with botocore, an implementation independent of ours.

Writes core/tests/data/signing_vectors.json. The vectors are committed, so CI needs no Python:
`cargo test -p emr-core --test botocore_vectors` asserts that our signer produces byte-identical
`Authorization` headers (and presigned S3 signatures), and the emulator's tests assert that it
accepts every vector and refuses tampered copies.

Run:  pip install botocore && python3 scripts/gen_signing_vectors.py
Deterministic: a fixed seed, fixed times; re-running changes nothing unless botocore changes.
"""

import datetime
import json
import pathlib
import random
import string
import sys
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

OUT = pathlib.Path(__file__).resolve().parent.parent / "core/tests/data/signing_vectors.json"

REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
    "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
    "cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1",
]

OVERRIDES = [
    "http://127.0.0.1:9100",
    "http://localhost:8080",
    "http://[::1]:4566",
    "https://emr-proxy.example.com",
    "https://emr-proxy.example.com:8443",
]

IDS = [
    "ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK",
    "ex-日本語のノートブック",
    "ex-ÄÖÜ-ß-é",
    "ex-🚀-emoji",
    'ex-"quoted"-\\back\\slash',
    "ex-with space and/slash+plus=eq",
    "ex-" + "Ω" * 200,
]

STATUSES = ["START_PENDING", "STARTING", "RUNNING", "FINISHING", "FINISHED", "FAILING",
            "FAILED", "STOP_PENDING", "STOPPING", "STOPPED"]

# Fixed instants: the captured request's, a leap day, a year boundary, the epoch's 2038 edge.
TIMES_MS = [1795631913000, 1709164799999, 1767225599000, 1767225600000, 2147483647000,
            1647768150761]

B64 = string.ascii_letters + string.digits + "/+="


def dns_suffix(region):
    return "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"


def key_id(rng, temporary):
    return ("ASIA" if temporary else "AKIA") + "".join(
        rng.choice(string.ascii_uppercase + string.digits) for _ in range(16))


def secret(rng):
    return "".join(rng.choice(string.ascii_letters + string.digits + "/+") for _ in range(40))


def token(rng, length):
    body = "".join(rng.choice(B64) for _ in range(length - 2))
    return "IQ" + body if length >= 2 else ""


def compact(obj):
    # serde_json's output: no spaces, UTF-8 as is.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def operation_input(rng, op):
    if op in ("DescribeNotebookExecution", "StopNotebookExecution"):
        return {"NotebookExecutionId": rng.choice(IDS)}
    # ListNotebookExecutions: members in the model's (and our struct's) order.
    inp = {}
    if rng.random() < 0.5:
        inp["EditorId"] = rng.choice(["e-BKTM2DIHXBEDRU44ANWRKIU8N", "e-ünïcødé"])
    if rng.random() < 0.5:
        inp["Status"] = rng.choice(STATUSES)
    if rng.random() < 0.5:
        ms = rng.choice([1704067200000, 1704198615500, 1700000000123])
        inp["From"] = ms // 1000 if ms % 1000 == 0 else ms / 1000
    if rng.random() < 0.3:
        inp["To"] = 1704198615.5
    if rng.random() < 0.3:
        inp["Marker"] = rng.choice(["abc", "eyJwYWdlIjoyfQ==", "märker/+="])
    if rng.random() < 0.3:
        inp["ExecutionEngineId"] = "j-142PVKGDZTTXS"
    return inp


def at(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)


def sign_json(vector):
    creds = Credentials(vector["access_key_id"], vector["secret_access_key"],
                        vector["session_token"] or None)
    url = vector["url"]
    request = AWSRequest(
        method="POST", url=url, data=vector["body"].encode("utf-8"),
        headers={"Content-Type": "application/x-amz-json-1.1",
                 "X-Amz-Target": "ElasticMapReduce." + vector["operation"]})
    with mock.patch("botocore.auth.get_current_datetime", return_value=at(vector["epoch_ms"])):
        botocore.auth.SigV4Auth(creds, "elasticmapreduce", vector["region"]).add_auth(request)
    prepared = request.prepare()
    return {k.lower(): v for k, v in prepared.headers.items()}


def presign(vector):
    creds = Credentials(vector["access_key_id"], vector["secret_access_key"],
                        vector["session_token"] or None)
    request = AWSRequest(method="GET", url=vector["object_url"])
    with mock.patch("botocore.auth.get_current_datetime", return_value=at(vector["epoch_ms"])):
        botocore.auth.S3SigV4QueryAuth(creds, "s3", vector["region"],
                                       expires=vector["expires"]).add_auth(request)
    return request.prepare().url


def quote_key(key):
    from urllib.parse import quote
    return quote(key.encode("utf-8"), safe="/-_.~")


def main():
    rng = random.Random(20261125)
    vectors = []
    ops = ["DescribeNotebookExecution", "ListNotebookExecutions", "StopNotebookExecution"]
    for i in range(240):
        region = REGIONS[i % len(REGIONS)]
        override = rng.choice(OVERRIDES) if i % 4 == 3 else None
        temporary = i % 7 != 0
        tok_len = rng.choice([16, 356, 800, 1200]) if temporary else 0
        op = ops[i % 3]
        inp = operation_input(rng, op)
        url = (override + "/") if override else f"https://elasticmapreduce.{region}.{dns_suffix(region)}/"
        v = {
            "kind": "json",
            "region": region,
            "endpoint_override": override,
            "url": url,
            "access_key_id": key_id(rng, temporary),
            "secret_access_key": secret(rng),
            "session_token": token(rng, tok_len) if tok_len else "",
            "epoch_ms": TIMES_MS[i % len(TIMES_MS)],
            "operation": op,
            "input": inp,
            "body": compact(inp),
        }
        headers = sign_json(v)
        v["expected"] = {k: headers[k] for k in sorted(headers)}
        vectors.append(v)
    keys = ["notebook/e-1/executions/ex-1/output.ipynb", "a b/ü+x=.html", "日本/ノート.ipynb",
            "deep/" * 20 + "file.ipynb", "~tilde-_.dots"]
    for i in range(40):
        region = REGIONS[(i * 5) % len(REGIONS)]
        temporary = i % 5 != 0
        bucket = rng.choice(["studio-111122223333-bucket", "my.dotted.bucket"])
        key = keys[i % len(keys)]
        emulator = i % 4 == 0
        if emulator:
            object_url = f"http://127.0.0.1:9100/{bucket}/{quote_key(key)}"
        elif "." in bucket:
            object_url = f"https://s3.{region}.{dns_suffix(region)}/{bucket}/{quote_key(key)}"
        else:
            object_url = f"https://{bucket}.s3.{region}.{dns_suffix(region)}/{quote_key(key)}"
        v = {
            "kind": "presign",
            "region": region,
            "endpoint_override": "http://127.0.0.1:9100" if emulator else None,
            "bucket": bucket,
            "key": key,
            "object_url": object_url,
            "access_key_id": key_id(rng, temporary),
            "secret_access_key": secret(rng),
            "session_token": token(rng, rng.choice([16, 800])) if temporary else "",
            "epoch_ms": TIMES_MS[i % len(TIMES_MS)],
            "expires": rng.choice([60, 900, 3600, 604800]),
        }
        v["expected_url"] = presign(v)
        vectors.append(v)
    # HTML previews: presigned with a signed response-content-type (S3 then answers text/html).
    # A separate generator, so that the vectors above stay as they were.
    rng = random.Random(20261202)
    for i in range(12):
        region = REGIONS[(i * 3) % len(REGIONS)]
        emulator = i % 3 == 0
        bucket = "studio-111122223333-bucket"
        key = keys[i % len(keys)].replace(".ipynb", ".html")
        query = "response-content-type=text%2Fhtml%3B%20charset%3Dutf-8"
        if emulator:
            object_url = f"http://127.0.0.1:9100/{bucket}/{quote_key(key)}?{query}"
        else:
            object_url = f"https://{bucket}.s3.{region}.{dns_suffix(region)}/{quote_key(key)}?{query}"
        v = {
            "kind": "presign",
            "region": region,
            "endpoint_override": "http://127.0.0.1:9100" if emulator else None,
            "bucket": bucket,
            "key": key,
            "object_url": object_url,
            "response_content_type": "text/html; charset=utf-8",
            "access_key_id": key_id(rng, True),
            "secret_access_key": secret(rng),
            "session_token": token(rng, 800),
            "epoch_ms": TIMES_MS[i % len(TIMES_MS)],
            "expires": 900,
        }
        v["expected_url"] = presign(v)
        vectors.append(v)
    OUT.write_text(json.dumps({"generator": f"botocore {botocore.__version__}",
                               "vectors": vectors}, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(vectors)} vectors to {OUT} with botocore {botocore.__version__}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
