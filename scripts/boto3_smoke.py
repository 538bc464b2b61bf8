#!/usr/bin/env python3
"""A stock AWS client against the local emulator: boto3 with endpoint_url starts, lists,
describes and stops notebook executions with the configured credentials, and is refused with
wrong ones. Exits non-zero on the first mismatch.

Usage: python3 scripts/boto3_smoke.py http://127.0.0.1:9100
"""

import sys

import boto3
import botocore.exceptions
from botocore.config import Config

ENDPOINT = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9100"
DEMO = dict(aws_access_key_id="ASIAEMULATORDEMO0001",
            aws_secret_access_key="emulator/demo/secret/KEY0000000000000000",
            aws_session_token="IQoJemulator//demo+session+token=0001")
CONFIG = Config(retries={"mode": "standard", "max_attempts": 1})


def client(**creds):
    return boto3.client("emr", region_name="us-east-1", endpoint_url=ENDPOINT, config=CONFIG, **creds)


def expect_error(code, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e}"
        return e
    raise AssertionError(f"expected {code}, got success")


def main():
    emr = client(**DEMO)
    started = emr.start_notebook_execution(
        EditorId="e-C9ZY9CMD24CCF4F2B4UZ7D7MA",
        RelativePath="reports/boto3_smoke.ipynb",
        NotebookExecutionName="boto3-smoke",
        ExecutionEngine={"Id": "j-142PVKGDZTTXS", "Type": "EMR"},
        ServiceRole="EMR_Notebooks_DefaultRole",
        Tags=[{"Key": "source", "Value": "boto3"}],
    )
    exec_id = started["NotebookExecutionId"]
    assert exec_id.startswith("ex-") and len(exec_id) == 32, exec_id

    described = emr.describe_notebook_execution(NotebookExecutionId=exec_id)["NotebookExecution"]
    assert described["Status"] == "START_PENDING", described["Status"]
    assert described["NotebookExecutionName"] == "boto3-smoke"
    assert "OutputNotebookURI" not in described
    assert described["StartTime"].year >= 2026  # botocore parsed the fractional epoch seconds

    pages = list(emr.get_paginator("list_notebook_executions").paginate())
    listed = [e for p in pages for e in p["NotebookExecutions"]]
    assert len(pages) >= 2, "more than one page of 50"
    assert exec_id in {e["NotebookExecutionId"] for e in listed}
    running = emr.list_notebook_executions(Status="RUNNING")["NotebookExecutions"]
    assert running and all(e["Status"] == "RUNNING" for e in running)

    emr.stop_notebook_execution(NotebookExecutionId=exec_id)
    assert emr.describe_notebook_execution(NotebookExecutionId=exec_id)["NotebookExecution"]["Status"] == "STOP_PENDING"
    expect_error("InvalidRequestException", emr.stop_notebook_execution,
                 NotebookExecutionId="ex-FINISHED000000000000000000001")
    expect_error("InvalidRequestException", emr.describe_notebook_execution, NotebookExecutionId="ex-NOPE")

    # Clusters: boto3's paginator over ListClusters, the state filter, DescribeCluster, and Start's refusals.
    active = emr.list_clusters(ClusterStates=["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"])["Clusters"]
    assert {"j-3BOOTSTRAP001", "j-1RUNTIMEROLE1"} <= {c["Id"] for c in active}, active
    assert all(c["Status"]["State"] in ("STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING") for c in active)
    every = [c for p in emr.get_paginator("list_clusters").paginate() for c in p["Clusters"]]
    assert len(every) > 50 and "j-2TERMINATED01" in {c["Id"] for c in every}, len(every)
    ended = emr.describe_cluster(ClusterId="j-2TERMINATED01")["Cluster"]
    assert ended["Status"]["State"] == "TERMINATED" and ended["Status"]["StateChangeReason"]["Code"] == "USER_REQUEST"
    assert ended["Status"]["Timeline"]["EndDateTime"].year >= 2026
    assert emr.describe_cluster(ClusterId="j-1RUNTIMEROLE1")["Cluster"]["SecurityConfiguration"]
    start = dict(EditorId="e-C9ZY9CMD24CCF4F2B4UZ7D7MA", RelativePath="a.ipynb", ServiceRole="EMR_Notebooks_DefaultRole")
    expect_error("InvalidRequestException", emr.start_notebook_execution,
                 ExecutionEngine={"Id": "j-2TERMINATED01"}, **start)
    expect_error("InvalidRequestException", emr.start_notebook_execution,
                 ExecutionEngine={"Id": "j-1RUNTIMEROLE1"}, **start)

    wrong_secret = client(**{**DEMO, "aws_secret_access_key": "not-the-secret"})
    e = expect_error("InvalidSignatureException", wrong_secret.list_notebook_executions)
    assert "does not match" in e.response["Error"]["Message"]
    stranger = client(aws_access_key_id="ASIASTRANGER00000001", aws_secret_access_key="x", aws_session_token="y")
    expect_error("UnrecognizedClientException", stranger.list_notebook_executions)
    expired = client(aws_access_key_id="ASIAEMULATOREXPIRED1",
                     aws_secret_access_key="emulator/expired/secret/KEY0000000000000",
                     aws_session_token="IQoJemulator//expired+token=0001")
    expect_error("ExpiredTokenException", expired.list_notebook_executions)
    denied = client(aws_access_key_id="ASIAEMULATORDENIED01",
                    aws_secret_access_key="emulator/denied/secret/KEY00000000000000",
                    aws_session_token="IQoJemulator//denied+token=0001")
    expect_error("AccessDeniedException", denied.describe_notebook_execution, NotebookExecutionId=exec_id)
    print(f"boto3 smoke test passed against {ENDPOINT} ({len(listed)} executions listed over {len(pages)} pages)")


if __name__ == "__main__":
    main()
