//! The executions list in headless Chromium, with fixtures: rows, badges and times, counts and the
//! family filter, search and sort, paging controls, the empty state, a long list rendered by
//! windows, the timeline, and hostile strings shown as text.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use emr_console::ui::list::{ListState, ListView, Loaded};
use emr_core::emr::list::{ListFilters, Listing};
use emr_core::emr::model::{ExecutionStatus, NotebookExecutionSummary, Timestamp};
use emr_core::emr::operations::ListNotebookExecutionsOutput;
use emr_core::route::{Place, Route};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn summary(
    id: &str,
    name: &str,
    status: &str,
    start: i64,
    end: Option<i64>,
) -> NotebookExecutionSummary {
    NotebookExecutionSummary {
        notebook_execution_id: Some(id.into()),
        notebook_execution_name: Some(name.into()),
        status: Some(ExecutionStatus::parse(status)),
        start_time: Some(Timestamp(start)),
        end_time: end.map(Timestamp),
        editor_id: Some("e-C9ZY9CMD24CCF4F2B4UZ7D7MA".into()),
        execution_engine_id: Some("j-142PVKGDZTTXS".into()),
        ..Default::default()
    }
}

fn fixtures() -> Vec<NotebookExecutionSummary> {
    vec![
        summary("ex-RUN", "zeta-run", "RUNNING", START + 600_000, None),
        summary(
            "ex-FAIL",
            "Alpha-fail",
            "FAILED",
            START + 300_000,
            Some(START + 360_250),
        ),
        summary(
            "ex-DONE",
            "mid-done",
            "FINISHED",
            START,
            Some(START + 123_456),
        ),
    ]
}

/// Mounts the list view showing `rows` as loaded (no request is made: the route's filters are
/// the loaded ones).
fn show(rows: Vec<NotebookExecutionSummary>, marker: Option<&str>) -> (HtmlElement, ListState) {
    reset_page();
    let route = Route::default();
    let state = ListState::new(&route);
    let listing = Listing::from_first_page(ListNotebookExecutionsOutput {
        notebook_executions: rows,
        marker: marker.map(str::to_string),
    });
    state.show(Loaded {
        listing,
        filters: ListFilters::default(),
        place: Place::default(),
        origin: aws_origin(),
        // Listed "now" (the console's clock below): running durations and bars reach this time.
        fetched_at: START + 900_000,
    });
    let root = mount(move || {
        provide_console(route, START + 900_000);
        provide_context(state);
        view! { <ListView/> }
    });
    (root, state)
}

fn row_ids(root: &Element) -> Vec<String> {
    all(root, "tr[data-execution-id]")
        .iter()
        .map(|r| r.get_attribute("data-execution-id").unwrap())
        .collect()
}

fn type_search(root: &Element, value: &str) {
    let input: HtmlInputElement = one(root, "#search-loaded").unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn click(e: &Element) {
    e.unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn rows_carry_badges_times_and_links() {
    let (root, _) = show(fixtures(), None);
    settle().await;
    assert_eq!(
        row_ids(&root),
        ["ex-RUN", "ex-FAIL", "ex-DONE"],
        "newest first"
    );
    let failed = one(&root, "tr[data-execution-id=ex-FAIL]");
    let badge = one(&failed, "[data-status]");
    assert_eq!(
        badge.get_attribute("data-status").as_deref(),
        Some("FAILED")
    );
    assert_eq!(text(&one(&badge, ".badge__label")), "Failed");
    assert!(!text(&one(&badge, ".badge__icon")).is_empty());
    let times: Vec<String> = all(&failed, "time")
        .iter()
        .map(|t| t.get_attribute("datetime").unwrap())
        .collect();
    assert_eq!(
        times,
        ["2025-11-24T16:05:00.250Z", "2025-11-24T16:06:00.500Z"]
    );
    assert!(text(&failed).contains("1 min 0 s"));
    let link = one(&failed, "a[href^='#']");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#view=detail&id=ex-FAIL")
    );
    assert_eq!(text(&link), "Alpha-fail");
    let cluster = one(&failed, "a[href^='https://']");
    assert_eq!(
        cluster.get_attribute("href").as_deref(),
        Some("https://console.aws.amazon.com/emr/home?region=us-east-1#/clusterDetails/j-142PVKGDZTTXS")
    );
    assert_eq!(
        cluster.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    let running = one(&root, "tr[data-execution-id=ex-RUN]");
    assert!(
        text(&running).contains("running for 5 min 0 s"),
        "{}",
        text(&running)
    );
    assert_eq!(
        text(&one(&root, "[data-testid=loaded]")),
        "All 3 executions loaded."
    );
    assert!(
        root.query_selector(".pager").unwrap().is_none(),
        "no Load more without a marker"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn counts_filter_the_loaded_rows_by_family() {
    let (root, state) = show(fixtures(), Some("m1"));
    settle().await;
    let buttons = all(&root, ".counts button");
    let labels: Vec<String> = buttons.iter().map(text).collect();
    assert_eq!(labels, ["1 running", "1 failed", "1 finished"]);
    click(&one(&root, ".counts button[data-family=failed]"));
    settle().await;
    assert_eq!(row_ids(&root), ["ex-FAIL"]);
    assert_eq!(
        one(&root, ".counts button[data-family=failed]")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        text(&one(&root, "[data-testid=loaded]")),
        "Showing 1 of them. 3 executions loaded; EMR has more."
    );
    assert!(web_sys::window()
        .unwrap()
        .location()
        .hash()
        .unwrap()
        .contains("only=failed"));
    click(&one(&root, ".counts button[data-family=failed]"));
    settle().await;
    assert_eq!(row_ids(&root).len(), 3);
    assert_eq!(state.query.get_untracked().family, None);
    assert!(
        root.query_selector(".pager button").unwrap().is_some(),
        "Load more with a marker"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn search_and_sort_without_a_request() {
    let (root, _) = show(fixtures(), None);
    settle().await;
    type_search(&root, "ALPHA");
    settle().await;
    assert_eq!(row_ids(&root), ["ex-FAIL"]);
    type_search(&root, "j-142pvkgdzttxs");
    settle().await;
    assert_eq!(row_ids(&root).len(), 3, "the cluster is searched too");
    type_search(&root, "nothing like it");
    settle().await;
    assert!(row_ids(&root).is_empty());
    assert!(text(&one(&root, ".empty")).contains("None of the loaded executions match"));
    type_search(&root, "");
    settle().await;
    let name_header = all(&root, "th button.sort")
        .into_iter()
        .find(|b| text(b).starts_with("Name"))
        .unwrap();
    click(&name_header);
    settle().await;
    assert_eq!(
        row_ids(&root),
        ["ex-FAIL", "ex-DONE", "ex-RUN"],
        "names A–Z, case-insensitively"
    );
    assert_eq!(
        one(&root, "th[aria-sort]")
            .get_attribute("aria-sort")
            .as_deref(),
        Some("ascending")
    );
    click(&name_header);
    settle().await;
    assert_eq!(row_ids(&root), ["ex-RUN", "ex-DONE", "ex-FAIL"]);
    let duration = all(&root, "th button.sort")
        .into_iter()
        .find(|b| text(b).starts_with("Duration"))
        .unwrap();
    click(&duration);
    settle().await;
    assert_eq!(
        row_ids(&root),
        ["ex-RUN", "ex-DONE", "ex-FAIL"],
        "longest first: 5 min running, 2 min, 1 min"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn an_empty_listing_says_so() {
    let (root, _) = show(vec![], None);
    settle().await;
    assert!(text(&one(&root, ".empty"))
        .contains("No notebook executions match these filters in the last 30 days"));
    assert!(row_ids(&root).is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn five_thousand_rows_render_a_window_with_the_real_row_count() {
    let rows: Vec<_> = (0..5_000)
        .map(|i| {
            summary(
                &format!("ex-{i:05}"),
                "bulk",
                "FINISHED",
                START - i * 60_000,
                Some(START - i * 60_000 + 30_000),
            )
        })
        .collect();
    let (root, _) = show(rows, None);
    settle().await;
    let rendered = row_ids(&root);
    assert!(rendered.len() < 200, "{} rows in the DOM", rendered.len());
    assert_eq!(rendered[0], "ex-00000");
    assert_eq!(
        one(&root, "table.executions")
            .get_attribute("aria-rowcount")
            .as_deref(),
        Some("5001")
    );
    // The suite runs without the stylesheet: give the table its scroll box here.
    let scroller: HtmlElement = one(&root, ".table-scroll").unchecked_into();
    scroller
        .style()
        .set_property("max-height", "400px")
        .unwrap();
    scroller.style().set_property("overflow", "auto").unwrap();
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    settle().await;
    let row_h = one(&root, "tr[data-execution-id]")
        .unchecked_into::<HtmlElement>()
        .offset_height();
    scroller.set_scroll_top(row_h * 2_500);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    settle().await;
    let later = row_ids(&root);
    assert!(
        later.iter().any(|id| id == "ex-02500"),
        "scrolling renders the rows in view"
    );
    assert!(!later.iter().any(|id| id == "ex-00000"));
    assert_eq!(
        all(&root, "svg rect[data-execution-id]").len(),
        5_000,
        "the timeline draws them all"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_timeline_draws_one_bar_per_row() {
    let (root, _) = show(fixtures(), None);
    settle().await;
    let svg = one(&root, "svg.timeline__svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert!(svg
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("Timeline of 3 executions from "));
    let mut bars: Vec<String> = all(&root, "svg rect[data-execution-id]")
        .iter()
        .map(|b| b.get_attribute("data-execution-id").unwrap())
        .collect();
    bars.sort();
    assert_eq!(bars, ["ex-DONE", "ex-FAIL", "ex-RUN"]);
    assert!(one(&root, "rect[data-execution-id=ex-FAIL]")
        .class_list()
        .contains("bar--failed"));
    assert!(one(&root, "rect[data-execution-id=ex-RUN]")
        .class_list()
        .contains("bar--open"));
    assert!(!all(&root, ".timeline__label").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn hostile_strings_stay_text() {
    let evil = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
    let mut row = summary("ex-<b>x</b>", evil, "<i>NEW</i>", START, None);
    row.editor_id = Some(evil.into());
    row.execution_engine_id = Some("javascript:window.__xss=3".into());
    let (root, _) = show(vec![row], None);
    settle().await;
    assert!(all(&root, "tbody script, tbody img, tbody b, tbody i").is_empty());
    let tr = one(&root, "tr[data-execution-id]");
    assert_eq!(
        tr.get_attribute("data-execution-id").as_deref(),
        Some("ex-<b>x</b>")
    );
    assert!(text(&tr).contains("<script>window.__xss=1</script>"));
    for a in all(&tr, "a") {
        let href = a.get_attribute("href").unwrap();
        assert!(href.starts_with('#'), "only the detail link: {href}");
    }
    assert!(
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into())
            .unwrap()
            .is_undefined()
    );
    root.remove();
}
