//! Reads `[{"input": StartNotebookExecutionInput, "place": {"region", "endpoint_url"?}}, …]` on
//! stdin and prints each with every `Copy as` writer's output, for `scripts/gen_code_vectors.py`
//! to check with bash and Python and commit as `core/tests/data/code_vectors.json`.

use std::io::Read;

use emr_core::emr::operations::StartNotebookExecutionInput;
use emr_core::emr::start::code::{python_string, shell_quote, write, Language, Place};
use serde_json::{json, Value};

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let cases: Value = serde_json::from_str(&text).expect("JSON on stdin");
    let mut out = vec![];
    for case in cases["starts"].as_array().expect("starts") {
        let input: StartNotebookExecutionInput =
            serde_json::from_value(case["input"].clone()).expect("an input");
        let place = Place {
            region: case["place"]["region"]
                .as_str()
                .unwrap_or("us-east-1")
                .into(),
            endpoint_url: case["place"]["endpoint_url"].as_str().map(str::to_string),
        };
        let mut written = serde_json::Map::new();
        for l in Language::ALL {
            written.insert(l.id().into(), json!(write(l, &input, &place)));
        }
        out.push(json!({ "input": case["input"], "place": case["place"], "written": written }));
    }
    let strings: Vec<Value> = cases["strings"]
        .as_array()
        .expect("strings")
        .iter()
        .map(|s| {
            let s = s.as_str().expect("a string");
            json!({ "value": s, "shell": shell_quote(s), "python": python_string(s) })
        })
        .collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "starts": out, "strings": strings })).unwrap()
    );
}
