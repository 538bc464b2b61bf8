//! The output notebooks the S3 side serves: small but real `.ipynb` (nbformat 4) and HTML files.

use emr_core::emr::model::{ExecutionStatus, NotebookExecution};

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The output of `record` as it stands (a running execution has a partial notebook).
pub fn render(record: &NotebookExecution, html: bool) -> (String, Vec<u8>) {
    let name = record.notebook_execution_name.clone().unwrap_or_default();
    let params = record
        .notebook_params
        .clone()
        .unwrap_or_else(|| "{}".into());
    let status = record.status.clone().unwrap_or(ExecutionStatus::Running);
    let done = status == ExecutionStatus::Finished;
    let result_lines = if done {
        vec![
            "+----------+---------+\n",
            "| product  | revenue |\n",
            "+----------+---------+\n",
            "| widget-a |  120394 |\n",
            "| widget-b |   98310 |\n",
            "+----------+---------+\n",
        ]
    } else {
        vec!["(execution still in progress)\n"]
    };
    if html {
        let body = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title></head><body><h1>{t}</h1><h2>Parameters</h2><pre>{p}</pre><h2>Result</h2><pre>{r}</pre></body></html>",
            t = html_escape(&name),
            p = html_escape(&params),
            r = html_escape(&result_lines.concat())
        );
        return ("text/html; charset=utf-8".into(), body.into_bytes());
    }
    let notebook = serde_json::json!({
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "pysparkkernel", "display_name": "PySpark", "language": "python"},
            "language_info": {"name": "pyspark", "mimetype": "text/x-python"}
        },
        "cells": [
            {"cell_type": "markdown", "id": "title", "metadata": {}, "source": [format!("# {name}\n")]},
            {"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"]}, "execution_count": 1,
             "source": [format!("params = {params}\n")], "outputs": []},
            {"cell_type": "code", "id": "result", "metadata": {}, "execution_count": if done { 2 } else { 1 },
             "source": ["df = spark.sql(\"SELECT product, sum(revenue) AS revenue FROM sales GROUP BY product\")\n", "df.show()\n"],
             "outputs": [{"output_type": "stream", "name": "stdout", "text": result_lines}]}
        ]
    });
    (
        "application/x-ipynb+json".into(),
        serde_json::to_vec_pretty(&notebook).unwrap_or_default(),
    )
}

/// The input notebook an execution runs (no outputs yet).
pub fn render_source(record: &NotebookExecution) -> (String, Vec<u8>) {
    let name = record.notebook_execution_name.clone().unwrap_or_default();
    let notebook = serde_json::json!({
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "pysparkkernel", "display_name": "PySpark", "language": "python"}},
        "cells": [
            {"cell_type": "markdown", "id": "title", "metadata": {}, "source": [format!("# {name}\n")]},
            {"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"]}, "execution_count": null,
             "source": ["params = {}\n"], "outputs": []},
            {"cell_type": "code", "id": "result", "metadata": {}, "execution_count": null,
             "source": ["df = spark.sql(\"SELECT product, sum(revenue) AS revenue FROM sales GROUP BY product\")\n", "df.show()\n"],
             "outputs": []}
        ]
    });
    (
        "application/x-ipynb+json".into(),
        serde_json::to_vec_pretty(&notebook).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notebooks_are_valid_json_and_html_is_escaped() {
        let record = NotebookExecution {
            notebook_execution_name: Some("<b>x</b>".into()),
            status: Some(ExecutionStatus::Finished),
            ..Default::default()
        };
        let (ct, body) = render(&record, false);
        assert_eq!(ct, "application/x-ipynb+json");
        let nb: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(nb["nbformat"], 4);
        let (ct, body) = render(&record, true);
        assert!(ct.starts_with("text/html"));
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains("&lt;b&gt;x&lt;/b&gt;") && !text.contains("<b>x"));
    }
}
