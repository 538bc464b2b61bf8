#!/usr/bin/env python3
"""boto3, a client independent of the page, for the start tests: reads
{"endpoint", "start"?: {...StartNotebookExecution input...}, "describe"?: [ids]} on stdin, starts
the input with start_notebook_execution(**start) if given, and prints
{"started": id, "described": {id: record}} (timestamps as ISO text) as JSON."""

import json
import sys

import boto3
from botocore.config import Config

args = json.load(sys.stdin)
emr = boto3.client(
    "emr",
    region_name=args.get("region", "us-east-1"),
    endpoint_url=args["endpoint"],
    aws_access_key_id="ASIAEMULATORDEMO0001",
    aws_secret_access_key="emulator/demo/secret/KEY0000000000000000",
    aws_session_token="IQoJemulator//demo+session+token=0001",
    config=Config(retries={"mode": "standard", "max_attempts": 1}),
)
out = {"described": {}}
ids = list(args.get("describe", []))
if "start" in args:
    out["started"] = emr.start_notebook_execution(**args["start"])["NotebookExecutionId"]
    ids.append(out["started"])
for i in ids:
    out["described"][i] = emr.describe_notebook_execution(NotebookExecutionId=i)["NotebookExecution"]
print(json.dumps(out, default=str))
