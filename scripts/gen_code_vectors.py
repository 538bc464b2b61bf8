#!/usr/bin/env python3
"""Check the `Copy as` writers with the programs that will run their output, and commit vectors.

Our writers (core/src/emr/start/code.rs) print each start below as AWS CLI, boto3, Airflow and
EventBridge Scheduler code (`cargo run -p emr-core --example write_code`). This script runs what
they wrote, not a copy of their logic:
  - the CLI and Scheduler commands in bash, with `aws` a function that reports its arguments:
    the `--cli-input-json` word must parse to exactly the input (for Scheduler, Target.Input);
  - the boto3 code with a stand-in boto3 module that records start_notebook_execution's keyword
    arguments: they must equal the input;
  - the Airflow code with stand-in airflow modules: the hook task must send the input, the
    operator must be given exactly the arguments that make it send the input's members;
  - every hostile string quoted for the shell (bash `printf %s`) and for Python (`ast.literal_eval`).
Then it writes core/tests/data/code_vectors.json; `cargo test -p emr-core --test code_vectors`
asserts the writers still produce exactly that, so CI needs no Python for them.

Run:  python3 scripts/gen_code_vectors.py
"""

import ast
import json
import pathlib
import subprocess
import sys
import types

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "core/tests/data/code_vectors.json"

HOSTILE = [
    "it's", 'say "hi"', "$(touch /tmp/pwned)", "`touch /tmp/pwned`", "${HOME}", "a\nb", "a\r\nb",
    "tab\there", "back\\slash\\", "'", "''", "'\\''", "!!", "*", "~", "# not a comment", "; rm -rf /",
    "| cat", "Zürich 東京 🚀", "line\u2028sep", "bom\ufeff", "nul\u0000byte", "del\u007f", "c1\u0085",
    "rtl\u202eevil", "\"\"\"", "{}", "%s %d", "\\x41", "\\u0041", " leading and trailing ",
]

ENGINE = {"Id": "j-142PVKGDZTTXS", "Type": "EMR"}
STARTS = [
    {  # a workspace notebook with what the Airflow operator can send: the operator is used
        "input": {
            "EditorId": "e-C9ZY9CMD24CCF4F2B4UZ7D7MA", "RelativePath": "reports/daily revenue.ipynb",
            "NotebookExecutionName": "daily-revenue", "NotebookParams": '{"run_date": "2026-12-08", "note": "it\'s $(now)"}',
            "ExecutionEngine": {**ENGINE, "MasterInstanceSecurityGroupId": "sg-0123456789abcdef0"},
            "ServiceRole": "EMR_Notebooks_DefaultRole", "NotebookInstanceSecurityGroupId": "sg-0fedcba9876543210",
            "Tags": [{"Key": "team", "Value": "data's `eng`"}, {"Key": "cost-center", "Value": "42"}],
        },
        "place": {"region": "us-east-1"},
    },
    {  # an S3 notebook with members the operator lacks: the hook task is used; an emulator endpoint
        "input": {
            "NotebookExecutionName": "churn 'weekly'\n$(whoami)", "NotebookParams": '{"a": "\\u2028", "b": [1, 2.5, null, true]}',
            "ExecutionEngine": {**ENGINE, "ExecutionRoleArn": "arn:aws:iam::111122223333:role/Runtime"},
            "ServiceRole": "arn:aws:iam::111122223333:role/EMR_Notebooks_DefaultRole",
            "NotebookS3Location": {"Bucket": "my-bucket", "Key": "notebooks/churn`x`.ipynb"},
            "OutputNotebookS3Location": {"Bucket": "my-bucket", "Key": "outputs/"},
            "OutputNotebookFormat": "HTML",
            "EnvironmentVariables": {"QUOTE'S": "a\"b'c", "UNICODE": "東京\u2028🚀", "EMPTY": ""},
        },
        "place": {"region": "eu-west-1", "endpoint_url": "http://127.0.0.1:9100"},
    },
    {  # the fewest members, in China's partition
        "input": {"EditorId": "e-ABC", "RelativePath": "a.ipynb", "ExecutionEngine": {"Id": "j-1"}, "ServiceRole": "r"},
        "place": {"region": "cn-north-1"},
    },
    {  # every hostile string as a parameter value and a tag
        "input": {
            "EditorId": "e-ABC", "RelativePath": "x.ipynb", "ExecutionEngine": ENGINE, "ServiceRole": "r",
            "NotebookParams": json.dumps({f"k{i}": s for i, s in enumerate(HOSTILE)}, ensure_ascii=False),
            "Tags": [{"Key": f"t{i}", "Value": s} for i, s in enumerate(HOSTILE[:40])],
        },
        "place": {"region": "us-gov-west-1"},
    },
]


def aws_args(command):
    """The arguments bash gives `aws` when it runs `command`."""
    script = 'aws() { python3 -c \'import json,sys; print(json.dumps(sys.argv[1:]))\' "$@"; }\n' + command
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def word_after(args, flag):
    return args[args.index(flag) + 1]


def run_python(code, modules):
    """Runs `code` with stand-in modules; returns what they recorded."""
    saved = {name: sys.modules.get(name) for name in modules}
    sys.modules.update(modules)
    try:
        scope = {}
        exec(compile(code, "<copied>", "exec"), scope)
        return scope
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def fake_boto3(record):
    class Client:
        def __init__(self, service, **kwargs):
            record["client"] = (service, kwargs)

        def start_notebook_execution(self, **kwargs):
            record["sent"] = kwargs
            return {"NotebookExecutionId": "ex-FAKE"}

    return types.SimpleNamespace(client=Client)


def check_start(case):
    inp, place, w = case["input"], case["place"], case["written"]
    # AWS CLI: bash hands `aws` a --cli-input-json word that is the input.
    args = aws_args(w["cli"])
    assert args[:2] == ["emr", "start-notebook-execution"], args
    assert word_after(args, "--region") == place["region"]
    assert json.loads(word_after(args, "--cli-input-json")) == inp
    if "endpoint_url" in place:
        assert word_after(args, "--endpoint-url") == place["endpoint_url"]
    else:
        assert "--endpoint-url" not in args
    # EventBridge Scheduler: the target's Input is the input.
    args = aws_args(w["scheduler"])
    schedule = json.loads(word_after(args, "--cli-input-json"))
    partition = {"cn": "aws-cn", "us-gov": "aws-us-gov"}.get(place["region"].rsplit("-", 2)[0], "aws")
    assert schedule["Target"]["Arn"] == f"arn:{partition}:scheduler:::aws-sdk:emr:startNotebookExecution"
    assert json.loads(schedule["Target"]["Input"]) == inp
    # boto3: start_notebook_execution(**…) gets the input.
    record = {}
    run_python(w["boto3"], {"boto3": fake_boto3(record)})
    assert record["sent"] == inp, record
    assert record["client"][0] == "emr" and record["client"][1]["region_name"] == place["region"]
    assert record["client"][1].get("endpoint_url") == place.get("endpoint_url")
    # Airflow: the operator's arguments, or the hook task's call.
    record = {}

    class Operator:
        def __init__(self, **kwargs):
            record["operator"] = kwargs

    class Hook:
        def __init__(self, **kwargs):
            record["hook"] = kwargs
            self.conn = fake_boto3(record).client("emr")

    def task(**_kw):
        return lambda f: f

    airflow = types.ModuleType("airflow")
    modules = {
        "airflow": airflow,
        "airflow.decorators": types.SimpleNamespace(task=task),
        "airflow.providers": types.ModuleType("airflow.providers"),
        "airflow.providers.amazon": types.ModuleType("airflow.providers.amazon"),
        "airflow.providers.amazon.aws": types.ModuleType("airflow.providers.amazon.aws"),
        "airflow.providers.amazon.aws.operators": types.ModuleType("airflow.providers.amazon.aws.operators"),
        "airflow.providers.amazon.aws.operators.emr": types.SimpleNamespace(EmrStartNotebookExecutionOperator=Operator),
        "airflow.providers.amazon.aws.hooks": types.ModuleType("airflow.providers.amazon.aws.hooks"),
        "airflow.providers.amazon.aws.hooks.emr": types.SimpleNamespace(EmrHook=Hook),
    }
    scope = run_python(w["airflow"], modules)
    if "operator" in record:
        op = record["operator"]
        engine = inp["ExecutionEngine"]
        assert op["editor_id"] == inp["EditorId"] and op["relative_path"] == inp["RelativePath"]
        assert op["cluster_id"] == engine["Id"] and op["service_role"] == inp["ServiceRole"]
        pairs = [("notebook_execution_name", inp.get("NotebookExecutionName")), ("notebook_params", inp.get("NotebookParams")),
                 ("notebook_instance_security_group_id", inp.get("NotebookInstanceSecurityGroupId")),
                 ("master_instance_security_group_id", engine.get("MasterInstanceSecurityGroupId")), ("tags", inp.get("Tags"))]
        for name, value in pairs:
            assert op.get(name) == value, (name, op.get(name), value)
        assert op["wait_for_completion"] is True
    else:
        scope["start_notebook_execution"]()
        assert record["sent"] == inp, record
        assert record["hook"]["region_name"] == place["region"]


def main():
    cases = {"starts": STARTS, "strings": HOSTILE}
    written = subprocess.run(
        ["cargo", "run", "-q", "-p", "emr-core", "--example", "write_code"],
        input=json.dumps(cases), capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    vectors = json.loads(written)
    for s in vectors["strings"]:
        # No program takes NUL in its arguments (the writers only shell-quote JSON, where it is
        # \u0000); everything else must come back from bash byte for byte.
        if "\0" not in s["value"]:
            shell = subprocess.run(["bash", "-c", "printf %s " + s["shell"]], capture_output=True, check=True).stdout
            assert shell == s["value"].encode(), (s, shell)
        assert ast.literal_eval(s["python"]) == s["value"], s
    for case in vectors["starts"]:
        check_start(case)
    vectors["_comment"] = ("Written by scripts/gen_code_vectors.py after running every output in bash "
                           "and Python; core/tests/code_vectors.rs asserts the writers still produce them.")
    OUT.write_text(json.dumps(vectors, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(vectors['starts'])} starts x 4 languages and {len(vectors['strings'])} strings checked; wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
