//! `Copy as` against what bash and Python made of it: scripts/gen_code_vectors.py ran every
//! committed output (CLI and Scheduler commands in bash, boto3 and Airflow code in Python with
//! stand-in modules) and checked it sends exactly the input; the writers must still produce them.

use emr_core::emr::operations::StartNotebookExecutionInput;
use emr_core::emr::start::code::{python_string, shell_quote, write, Language, Place};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/code_vectors.json")).unwrap()
}

#[test]
fn every_writer_matches_the_checked_output() {
    let v = vectors();
    let starts = v["starts"].as_array().unwrap();
    assert!(starts.len() >= 4);
    for case in starts {
        let input: StartNotebookExecutionInput =
            serde_json::from_value(case["input"].clone()).unwrap();
        let place = Place {
            region: case["place"]["region"].as_str().unwrap().into(),
            endpoint_url: case["place"]["endpoint_url"].as_str().map(str::to_string),
        };
        for l in Language::ALL {
            assert_eq!(
                write(l, &input, &place),
                case["written"][l.id()].as_str().unwrap(),
                "{} for {}",
                l.label(),
                case["input"]
            );
        }
    }
}

#[test]
fn hostile_strings_quote_as_checked() {
    let v = vectors();
    let strings = v["strings"].as_array().unwrap();
    assert!(strings.len() >= 30);
    for s in strings {
        let value = s["value"].as_str().unwrap();
        assert_eq!(
            shell_quote(value),
            s["shell"].as_str().unwrap(),
            "{value:?}"
        );
        assert_eq!(
            python_string(value),
            s["python"].as_str().unwrap(),
            "{value:?}"
        );
    }
}
