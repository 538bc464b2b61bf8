//! The objects the S3 side serves: output notebooks as papermill writes them (`.ipynb`, and HTML
//! with an `.ipynb` beside it), input notebooks, and the special ones the tests need — a failed
//! run's notebook whose error cell is the one its reason names, a 10 MB notebook of 2,000 cells,
//! and a notebook full of hostile content.

use emr_core::emr::model::{ExecutionStatus, NotebookExecution};
use serde_json::{json, Value};

/// What an output object looks like, beyond the ordinary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Object {
    #[default]
    Normal,
    /// 2,000 cells, about 10 MB.
    Big,
    /// The same with every 50th cell's source edited and a cell inserted: the other side of a
    /// comparison at scale.
    BigEdited,
    /// Script tags, `javascript:` links, SVG with scripts, raw HTML, ANSI escapes.
    Hostile,
    /// S3 refuses it (403 AccessDenied).
    Denied,
    /// Never written (404 NoSuchKey), though the record names it.
    Missing,
    /// More than the page reads into memory: 60 MB (the bytes are a notebook's padding).
    Huge,
    /// The recurring `customer-churn` workspace notebook; `edited`: the version whose feature
    /// cell was changed (and fails with the new region parameter).
    Churn { edited: bool },
    /// An HTML output that tries to phone home: a referrer policy that would leak the URL, an
    /// image, a stylesheet, a font, resource hints, a frame and a refresh, all on another host.
    Tracking,
}

/// The host the tracking output points at (the end-to-end tests watch for requests to it).
pub const TRACKER: &str = "http://tracker.example";

/// EMR stores some HTML outputs with this type: a preview must override it.
pub const HTML_STORED_AS: &str = "binary/octet-stream";
pub const IPYNB: &str = "application/x-ipynb+json";

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The failing cell a reason names ("… cell 7 raised Py4JJavaError: An error …").
fn failure_of(reason: &str) -> (i64, String, String) {
    let after = reason.split("cell ").nth(1).unwrap_or_default();
    let number: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n = number.parse().unwrap_or(3);
    if reason.contains("kernel died") {
        return (
            n,
            "DeadKernelError".into(),
            "Kernel died (exit code 137: the container exceeded its memory limit)".into(),
        );
    }
    match after
        .split_once(" raised ")
        .and_then(|(_, rest)| rest.split_once(':'))
    {
        Some((ename, evalue)) => (n, ename.trim().to_string(), evalue.trim().to_string()),
        None => (n, "Exception".into(), reason.to_string()),
    }
}

fn code(count: Option<i64>, source: &[&str], outputs: Vec<Value>) -> Value {
    json!({"cell_type": "code", "execution_count": count, "metadata": {}, "source": source, "outputs": outputs})
}

fn stream(name: &str, text: &[&str]) -> Value {
    json!({"output_type": "stream", "name": name, "text": text})
}

/// IPython's coloured traceback for `ename: evalue` raised in cell `n`.
fn traceback(n: i64, ename: &str, evalue: &str, line: &str) -> Vec<String> {
    vec![
        "\u{1b}[0;31m---------------------------------------------------------------------------\u{1b}[0m".into(),
        format!("\u{1b}[0;31m{ename}\u{1b}[0m                                  Traceback (most recent call last)"),
        format!("Cell \u{1b}[0;32mIn[{n}], line 2\u{1b}[0m\n\u{1b}[1;32m      1\u{1b}[0m df = spark.table(\u{1b}[38;5;124m\"sales\"\u{1b}[39m)\n\u{1b}[0;32m----> 2\u{1b}[0m {line}"),
        format!("File \u{1b}[0;32m/usr/lib/spark/python/pyspark/sql/dataframe.py:1459\u{1b}[0m, in \u{1b}[0;36mDataFrame.collect\u{1b}[0;34m(self)\u{1b}[0m\n\u{1b}[1;32m   1457\u{1b}[0m \u{1b}[38;5;28;01mwith\u{1b}[39;00m SCCallSiteSync(\u{1b}[38;5;28mself\u{1b}[39m\u{1b}[38;5;241m.\u{1b}[39m_sc):\n\u{1b}[0;32m-> 1459\u{1b}[0m     sock_info \u{1b}[38;5;241m=\u{1b}[39m \u{1b}[38;5;28mself\u{1b}[39m\u{1b}[38;5;241m.\u{1b}[39m_jdf\u{1b}[38;5;241m.\u{1b}[39mcollectToPython()"),
        format!("\u{1b}[0;31m{ename}\u{1b}[0m: {evalue}"),
    ]
}

/// The output notebook of `record` as it stands (a running execution's is partial).
pub fn output(record: &NotebookExecution, object: Object) -> Value {
    match object {
        Object::Big => return big(record, false),
        Object::BigEdited => return big(record, true),
        Object::Hostile => return hostile(),
        Object::Churn { edited } => return churn(record, edited),
        _ => {}
    }
    let name = record.notebook_execution_name.clone().unwrap_or_default();
    let params = record
        .notebook_params
        .clone()
        .unwrap_or_else(|| "{}".into());
    let status = record.status.clone().unwrap_or(ExecutionStatus::Running);
    let mut cells = vec![
        json!({"cell_type": "markdown", "metadata": {}, "source": [format!("# {name}\n"), "Daily numbers for the sales team.\n"]}),
        code(
            Some(1),
            &["# Parameters\n", "run_date = \"2026-11-24\"\n"],
            vec![],
        ),
        json!({"cell_type": "code", "execution_count": 2, "metadata": {"tags": ["injected-parameters"]}, "source": [format!("# Injected parameters\nparams = {params}\n")], "outputs": [
            json!({"output_type": "display_data", "metadata": {}, "data": {"image/png": PIXEL_PNG, "text/plain": ["<Figure size 640x480 with 1 Axes>"]}})
        ]}),
    ];
    match status {
        ExecutionStatus::Failed | ExecutionStatus::Failing => {
            let (n, ename, evalue) = failure_of(record.last_state_change_reason.as_deref().unwrap_or_default());
            let line = "df.select(\u{1b}[38;5;124m\"customer_id\"\u{1b}[39m).collect()";
            for k in 3..n {
                cells.push(code(Some(k), &[&format!("step_{k} = spark.sql(\"SELECT count(*) FROM stage_{k}\")\n"), &format!("step_{k}.show()")], vec![stream("stdout", &["+--------+\n", "|count(1)|\n", "+--------+\n", "|   10423|\n", "+--------+\n"])]));
            }
            cells.push(json!({"cell_type": "markdown", "metadata": {"tags": ["papermill-error-cell-tag"]}, "source": ["<span style=\"color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;\">An Exception was encountered at '<a href=\"#papermill-error-cell\">In [", &n.to_string(), "]</a>'.</span>"]}));
            cells.push(code(
                Some(n),
                &["df = spark.table(\"sales\")\n", "df.select(\"customer_id\").collect()"],
                vec![
                    stream("stderr", &["26/11/24 02:14:03 WARN TaskSetManager: Lost task 12.0 in stage 9.0\n"]),
                    json!({"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback(n, &ename, &evalue, line)}),
                ],
            ));
            cells.push(code(None, &["df.write.parquet(\"s3://analytics/out/\")"], vec![]));
        }
        ExecutionStatus::Finished => {
            cells.push(code(
                Some(3),
                &["df = spark.sql(\"SELECT product, sum(revenue) AS revenue FROM sales GROUP BY product\")\n", "df.show()"],
                vec![stream("stdout", &["+----------+---------+\n", "| product  | revenue |\n", "+----------+---------+\n", "| widget-a |  120394 |\n", "| widget-b |   98310 |\n", "+----------+---------+\n"])],
            ));
            cells.push(code(
                Some(4),
                &["df.count()"],
                vec![json!({"output_type": "execute_result", "execution_count": 4, "metadata": {}, "data": {"text/plain": ["2"]}})],
            ));
            cells.push(code(
                Some(5),
                &["plot(df)"],
                vec![json!({"output_type": "display_data", "metadata": {}, "data": {"image/png": PIXEL_PNG, "text/plain": ["<Figure size 640x480 with 1 Axes>"]}})],
            ));
        }
        _ => cells.push(code(None, &["df = spark.sql(\"SELECT product, sum(revenue) AS revenue FROM sales GROUP BY product\")\n", "df.show()"], vec![stream("stdout", &["(execution still in progress)\n"])])),
    }
    notebook(cells)
}

/// The churn notebook as a run of it wrote it: its parameters, and the feature cell as that version
/// has it (the edited one also passes the region, and fails for a region with no events).
fn churn(record: &NotebookExecution, edited: bool) -> Value {
    let params = record
        .notebook_params
        .clone()
        .unwrap_or_else(|| "{}".into());
    let region = serde_json::from_str::<Value>(&params)
        .ok()
        .and_then(|p| p["region"].as_str().map(str::to_string))
        .unwrap_or_default();
    let failed = matches!(
        record.status,
        Some(ExecutionStatus::Failed | ExecutionStatus::Failing)
    );
    let features_src: &[&str] = if edited {
        &["features = build_features(events, window_days=params[\"window_days\"], region=params[\"region\"])\n", "features.count()"]
    } else {
        &[
            "features = build_features(events, window_days=params[\"window_days\"])\n",
            "features.count()",
        ]
    };
    let features_out = if failed {
        let evalue = format!("no events for region {region} in the last window");
        vec![
            json!({"output_type": "error", "ename": "ValueError", "evalue": evalue, "traceback": traceback(4, "ValueError", &evalue, "features = build_features(events, ...)")}),
        ]
    } else {
        vec![
            json!({"output_type": "execute_result", "execution_count": 4, "metadata": {}, "data": {"text/plain": ["184203"]}}),
        ]
    };
    let mut cells = vec![
        json!({"cell_type": "markdown", "metadata": {}, "source": ["# customer-churn\n", "Scores every customer's risk of leaving.\n"]}),
        json!({"cell_type": "code", "execution_count": 2, "metadata": {"tags": ["injected-parameters"]}, "source": [format!("# Injected parameters\nparams = {params}\n")], "outputs": []}),
        code(Some(3), &["events = spark.table(\"events\").where(\"event_date >= date_sub(current_date(), 90)\")\n", "events.count()"], vec![json!({"output_type": "execute_result", "execution_count": 3, "metadata": {}, "data": {"text/plain": ["91822145"]}})]),
        code(Some(4), features_src, features_out),
    ];
    if failed {
        cells.push(code(
            None,
            &[
                "model.fit(features)\n",
                "model.save(\"s3://models/churn/\")",
            ],
            vec![],
        ));
    } else {
        cells.push(code(
            Some(5),
            &[
                "model.fit(features)\n",
                "model.save(\"s3://models/churn/\")",
            ],
            vec![stream("stdout", &["saved model churn-2026\n"])],
        ));
    }
    notebook(cells)
}

/// A 1×1 PNG.
const PIXEL_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

fn notebook(cells: Vec<Value>) -> Value {
    json!({
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "pysparkkernel", "display_name": "PySpark", "language": "python"},
            "language_info": {"name": "pyspark", "mimetype": "text/x-python"},
            "papermill": {"exception": null}
        },
        "cells": cells
    })
}

/// 2,000 cells and about 10 MB: a long report with a few huge outputs.
fn big(record: &NotebookExecution, edited: bool) -> Value {
    let name = record.notebook_execution_name.clone().unwrap_or_default();
    let line = "| 2026-11-24 | widget-000000 | store-0042 |      19.99 |       3 |\n";
    let rows = line.repeat(60);
    let mut cells =
        vec![json!({"cell_type": "markdown", "metadata": {}, "source": [format!("# {name}\n")]})];
    for i in 1..2000i64 {
        let text = if i % 400 == 0 {
            line.repeat(6_000)
        } else {
            rows.clone()
        };
        let source = if edited && i % 50 == 0 {
            format!("report.section({i}).show(120)")
        } else {
            format!("report.section({i}).show(60)")
        };
        cells.push(code(Some(i), &[&source], vec![stream("stdout", &[&text])]));
        if edited && i == 1000 {
            cells.push(code(None, &["report.checkpoint()"], vec![]));
        }
    }
    notebook(cells)
}

/// Everything a notebook can carry that must stay inert in the page.
fn hostile() -> Value {
    let s = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
    notebook(vec![
        json!({"cell_type": "markdown", "metadata": {}, "source": [format!("# Report {s}\n"), "[click me](javascript:window.__xss=5) <a href=\"javascript:window.__xss=6\">or me</a>\n", "<iframe src=\"javascript:window.__xss=7\"></iframe>"]}),
        code(Some(1), &[&format!("print(\"{s}\")")], vec![
            stream("stdout", &[s, "\n\u{1b}]0;evil title\u{7}\u{1b}[2J\u{1b}[31mred\u{1b}[0m \u{1b}]8;;javascript:window.__xss=8\u{1b}\\link\u{1b}]8;;\u{1b}\\\n"]),
            json!({"output_type": "display_data", "metadata": {}, "data": {
                "text/html": [s, "<form action=\"https://evil.example\"><input name=q></form>"],
                "image/svg+xml": ["<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.__xss=9\"><script>window.__xss=10</script></svg>"],
                "application/javascript": ["window.__xss=11"],
                "text/plain": ["<IPython.core.display.HTML object>"]
            }}),
            json!({"output_type": "display_data", "metadata": {}, "data": {"image/png": "\"><img src=x onerror=window.__xss=12>"}}),
            json!({"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/markdown": ["**bold** <script>window.__xss=13</script>"]}}),
        ]),
        code(Some(2), &["raise ValueError(s)"], vec![
            json!({"output_type": "error", "ename": format!("\u{1b}[0;31mValueError\u{1b}[0m{s}"), "evalue": s, "traceback": [format!("\u{1b}[0;31mValueError\u{1b}[0m: {s}")]}),
        ]),
    ])
}

/// An HTML export of the notebook (what `OutputNotebookFormat: HTML` produces), escaped.
pub fn html(record: &NotebookExecution, object: Object) -> Vec<u8> {
    let name = record.notebook_execution_name.clone().unwrap_or_default();
    let nb = output(record, Object::Normal);
    // nbconvert writes its styles inline, like this.
    let style = "<style>body{font-family:sans-serif;margin:2em} pre.source{background:#f5f5f5;padding:.5em} pre.error{color:#b00}</style>";
    let tracking = if object == Object::Tracking {
        format!(
            "<meta name=\"referrer\" content=\"unsafe-url\"><meta http-equiv=\"refresh\" content=\"30;url={TRACKER}/refresh\">\
             <link rel=\"stylesheet\" href=\"{TRACKER}/style.css\"><link rel=\"prefetch\" href=\"{TRACKER}/prefetch\">\
             <LINK REL=\"preconnect\" href=\"{TRACKER}\"><link rel=dns-prefetch href={TRACKER}><link rel=\"preload\" as=\"image\" href=\"{TRACKER}/preload.png\">\
             <link rel=\"modulepreload\" href=\"{TRACKER}/module.js\"><link rel=\"prerender\" href=\"{TRACKER}/prerender\">\
             <style>@font-face{{font-family:t;src:url({TRACKER}/font.woff2)}} h1{{font-family:t}} body{{background:url({TRACKER}/bg.png)}}</style>"
        )
    } else {
        String::new()
    };
    let mut body = format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title>{style}{tracking}</head><body><h1>{t}</h1>", t = html_escape(&name));
    if object == Object::Tracking {
        body.push_str(&format!(
            "<img src=\"{TRACKER}/pixel.gif\" alt=\"\"><iframe src=\"{TRACKER}/frame\"></iframe><video poster=\"{TRACKER}/poster.png\"></video>"
        ));
    }
    for cell in nb["cells"].as_array().into_iter().flatten() {
        let source: String = cell["source"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        body.push_str(&format!(
            "<pre class=\"source\">{}</pre>",
            html_escape(&source)
        ));
        for out in cell["outputs"].as_array().into_iter().flatten() {
            let text: String = out["text"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if !text.is_empty() {
                body.push_str(&format!(
                    "<pre class=\"output\">{}</pre>",
                    html_escape(&text)
                ));
            }
            if let Some(e) = out["ename"].as_str() {
                body.push_str(&format!(
                    "<pre class=\"error\">{}: {}</pre>",
                    html_escape(e),
                    html_escape(out["evalue"].as_str().unwrap_or_default())
                ));
            }
        }
    }
    // A script an unsandboxed preview would run: the page must never let it.
    body.push_str(
        "<script>window.parent && (window.parent.__xss = 'html-preview')</script></body></html>",
    );
    body.into_bytes()
}

/// The input notebook an execution runs (no outputs yet).
pub fn source(record: &NotebookExecution) -> Value {
    let name = record.notebook_execution_name.clone().unwrap_or_default();
    notebook(vec![
        json!({"cell_type": "markdown", "metadata": {}, "source": [format!("# {name}\n")]}),
        json!({"cell_type": "code", "execution_count": null, "metadata": {"tags": ["parameters"]}, "source": ["params = {}\n"], "outputs": []}),
        code(None, &["df = spark.sql(\"SELECT product, sum(revenue) AS revenue FROM sales GROUP BY product\")\n", "df.show()"], vec![]),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use emr_core::notebook::failure::first_error;
    use emr_core::notebook::model::parse;

    fn record(status: ExecutionStatus, reason: &str) -> NotebookExecution {
        NotebookExecution {
            notebook_execution_name: Some("<b>x</b>".into()),
            status: Some(status),
            last_state_change_reason: Some(reason.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_failed_runs_notebook_holds_the_error_its_reason_names() {
        let nb = output(&record(ExecutionStatus::Failed, "Notebook execution failed: cell 7 raised Py4JJavaError: An error occurred while calling o214.save."), Object::Normal);
        let parsed = parse(&serde_json::to_vec(&nb).unwrap()).unwrap();
        let e = first_error(&parsed).unwrap();
        assert_eq!(
            (e.execution_count, e.ename.as_str(), e.evalue.as_str()),
            (
                Some(7),
                "Py4JJavaError",
                "An error occurred while calling o214.save."
            )
        );
        let nb = output(
            &record(
                ExecutionStatus::Failed,
                "the kernel died unexpectedly (exit code 137: …) while running cell 14: df = …",
            ),
            Object::Normal,
        );
        let e = first_error(&parse(&serde_json::to_vec(&nb).unwrap()).unwrap()).unwrap();
        assert_eq!(
            (e.execution_count, e.ename.as_str()),
            (Some(14), "DeadKernelError")
        );
        let done = output(&record(ExecutionStatus::Finished, ""), Object::Normal);
        assert!(first_error(&parse(&serde_json::to_vec(&done).unwrap()).unwrap()).is_none());
    }

    #[test]
    fn the_big_notebook_is_about_ten_megabytes_and_the_html_is_escaped() {
        let big = serde_json::to_vec(&output(&record(ExecutionStatus::Finished, ""), Object::Big))
            .unwrap();
        assert!(
            (9_000_000..12_000_000).contains(&big.len()),
            "{}",
            big.len()
        );
        assert_eq!(parse(&big).unwrap().cells.len(), 2000);
        let html = String::from_utf8(html(&record(ExecutionStatus::Finished, ""), Object::Normal))
            .unwrap();
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x"));
        let hostile = serde_json::to_vec(&output(
            &record(ExecutionStatus::Failed, ""),
            Object::Hostile,
        ))
        .unwrap();
        assert!(parse(&hostile).is_ok());
    }
}
