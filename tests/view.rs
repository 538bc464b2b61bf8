//! The execution view in headless Chromium, with fixtures: each status, minimal and full records,
//! hostile strings shown as text.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use emr_console::ui::detail::ExecutionView;
use emr_core::emr::model::ExecutionStatus;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn show(execution: emr_core::emr::model::NotebookExecution, now_ms: i64) -> web_sys::HtmlElement {
    let now = RwSignal::new(now_ms);
    mount(move || view! { <ExecutionView execution=execution origin=aws_origin() now=now.into()/> })
}

#[wasm_bindgen_test]
async fn every_status_gets_a_badge_with_raw_status_label_tone_and_icon() {
    let want = [
        ("START_PENDING", "Start pending", "pending"),
        ("STARTING", "Starting", "in-progress"),
        ("RUNNING", "Running", "in-progress"),
        ("FINISHING", "Finishing", "in-progress"),
        ("FINISHED", "Finished", "success"),
        ("FAILING", "Failing", "warning"),
        ("FAILED", "Failed", "error"),
        ("STOP_PENDING", "Stop pending", "pending"),
        ("STOPPING", "Stopping", "in-progress"),
        ("STOPPED", "Stopped", "stopped"),
        ("SOMETHING_NEW", "Unknown (SOMETHING_NEW)", "neutral"),
    ];
    for (raw, label, tone) in want {
        let root = show(minimal(ExecutionStatus::parse(raw)), START);
        settle().await;
        let badge = one(&root, "header [data-status]");
        assert_eq!(badge.get_attribute("data-status").as_deref(), Some(raw));
        assert_eq!(text(&one(&badge, ".badge__label")), label);
        assert!(
            badge.class_list().contains(&format!("badge--{tone}")),
            "{raw}: {:?}",
            badge.class_name()
        );
        let icon = one(&badge, ".badge__icon");
        assert_eq!(icon.get_attribute("aria-hidden").as_deref(), Some("true"));
        assert!(!text(&icon).is_empty());
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn a_minimal_record_shows_dashes_not_errors() {
    let root = show(minimal(ExecutionStatus::Starting), START);
    settle().await;
    assert_eq!(text(&one(&root, "h2")), "ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV");
    assert_eq!(text(&field(&root, "Started")), "not started yet");
    assert!(text(&field(&root, "Output notebook")).contains("Not available yet"));
    assert_eq!(text(&field(&root, "Cluster")), "—");
    assert!(all(&root, "time").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_full_record_shows_every_member() {
    let root = show(full(), START + 10 * 60_000);
    settle().await;
    assert_eq!(text(&one(&root, "h2")), "demo-execution");
    let times = all(&root, "time");
    assert_eq!(times.len(), 2);
    assert_eq!(
        times[0].get_attribute("datetime").as_deref(),
        Some("2025-11-24T16:00:00.250Z")
    );
    assert_eq!(
        times[0].get_attribute("title").as_deref(),
        Some("2025-11-24 16:00:00 UTC")
    );
    assert_eq!(
        times[1].get_attribute("datetime").as_deref(),
        Some("2025-11-24T16:02:03.706Z")
    );
    assert!(text(&field(&root, "Started")).contains("(10 min ago)"));
    assert_eq!(text(&field(&root, "Duration")), "2 min 3 s");

    let output = field(&root, "Output notebook");
    assert!(
        text(&output).contains("s3://studio-bucket/notebook/e-1/executions/ex-1/find best.ipynb")
    );
    let link = one(&output, "a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://s3.console.aws.amazon.com/s3/object/studio-bucket?region=us-east-1&prefix=notebook%2Fe-1%2Fexecutions%2Fex-1%2Ffind%20best.ipynb")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert!(one(&output, "button[aria-label='Copy output notebook URI']").is_object());
    assert!(text(&field(&root, "Input notebook"))
        .contains("s3://studio-bucket/notebooks/find best.ipynb"));
    assert!(text(&field(&root, "Output location")).contains("s3://studio-bucket/out/"));

    let cluster = one(&field(&root, "Cluster"), "a");
    assert_eq!(cluster.get_attribute("href").as_deref(), Some("https://console.aws.amazon.com/emr/home?region=us-east-1#/clusterDetails/j-142PVKGDZTTXS"));
    assert!(
        text(&field(&root, "ARN")).contains("notebook-execution/ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV")
    );
    assert!(one(&field(&root, "ARN"), "button[aria-label='Copy ARN']").is_object());
    assert!(one(
        &field(&root, "Notebook execution ID"),
        "button[aria-label='Copy notebook execution ID']"
    )
    .is_object());
    assert_eq!(
        text(&field(&root, "Editor ID")),
        "e-C9ZY9CMD24CCF4F2B4UZ7D7MA"
    );
    assert_eq!(
        text(&field(&root, "Execution role")),
        "arn:aws:iam::111122223333:role/ExecRole"
    );
    assert_eq!(
        text(&field(&root, "Master instance security group")),
        "sg-066e6805267d1d69c"
    );
    assert_eq!(
        text(&field(&root, "Notebook instance security group")),
        "sg-05e5e70bcaa4a624f"
    );
    assert_eq!(text(&field(&root, "Output format")), "HTML");
    assert_eq!(
        text(&field(&root, "Last state change reason")),
        "Execution is finished for cluster j-142PVKGDZTTXS."
    );
    assert_eq!(
        text(&one(&field(&root, "Notebook parameters"), "pre")),
        "{\n  \"FROM_DATE\": \"2015-08-27\",\n  \"n\": [\n    1,\n    2\n  ]\n}"
    );
    assert!(text(&field(&root, "Environment variables")).contains("SPARK_ENV"));
    assert!(
        text(&field(&root, "Tags")).contains("team")
            && text(&field(&root, "Tags")).contains("data")
    );
    // Not failing: no failure callout.
    assert!(all(&root, ".reason--failure").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn running_shows_a_live_duration_and_failures_are_prominent() {
    let mut running = full();
    running.status = Some(ExecutionStatus::Running);
    running.end_time = None;
    let now = RwSignal::new(START + 65_000);
    let root = mount(
        move || view! { <ExecutionView execution=running origin=aws_origin() now=now.into()/> },
    );
    settle().await;
    assert_eq!(text(&field(&root, "Duration")), "running for 1 min 5 s");
    now.set(START + 125_000);
    settle().await;
    assert_eq!(text(&field(&root, "Duration")), "running for 2 min 5 s");
    root.remove();

    let mut failed = full();
    failed.status = Some(ExecutionStatus::Failed);
    failed.last_state_change_reason = Some("Kernel died".into());
    let root = show(failed, START);
    settle().await;
    assert_eq!(
        text(&one(&root, ".reason--failure .reason__text")),
        "Kernel died"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn params_that_are_not_json_are_shown_raw() {
    let mut e = full();
    e.notebook_params = Some("not {json".into());
    let root = show(e, START);
    settle().await;
    assert_eq!(
        text(&one(&field(&root, "Notebook parameters"), "pre")),
        "not {json"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn hostile_strings_are_text_and_build_no_links() {
    let root = show(hostile(), START);
    settle().await;
    assert!(
        all(&root, "script, img, svg").is_empty(),
        "no element from API strings"
    );
    assert!(text(&one(&root, "h2")).starts_with("<script>"));
    for a in all(&root, "a") {
        let href = a.get_attribute("href").unwrap_or_default();
        assert!(href.starts_with("https://"), "unexpected link {href}");
    }
    assert!(text(&field(&root, "Output notebook")).contains("javascript:window.__xss=4"));
    assert!(all(&field(&root, "Output notebook"), "a").is_empty());
    assert!(all(&field(&root, "Cluster"), "a").is_empty());
    let xss = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined(), "a script ran");
    root.remove();
}
