//! The detail's actions in headless Chromium, with fixtures: the stop confirmation (a modal
//! dialog that acts only on Stop, once), which actions each status offers, and the run-again form
//! (pre-filled, editable rows, problems shown before anything is signed).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use emr_console::ui::common::stop::{StopDialog, StopTarget};
use emr_console::ui::detail::{DetailState, Loaded};
use emr_core::emr::model::{ExecutionStatus, NotebookExecution, NotebookExecutionId};
use emr_core::route::{Place, Route};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn button(root: &Element, name: &str) -> Option<HtmlElement> {
    all(root, "button")
        .into_iter()
        .find(|b| text(b) == name)
        .map(|b| b.unchecked_into())
}

fn labelled(root: &Element, label: &str) -> Element {
    let l = all(root, "label")
        .into_iter()
        .find(|l| text(l) == label)
        .unwrap_or_else(|| panic!("no label {label:?}"));
    one(root, &format!("#{}", l.get_attribute("for").unwrap()))
}

/// The detail view showing `execution` as described (no request is made).
fn show(execution: NotebookExecution) -> HtmlElement {
    reset_page();
    let id = execution.notebook_execution_id.clone().unwrap();
    let route = Route::detail(Place::default(), &id);
    let state = DetailState::new();
    state.show(Loaded {
        execution,
        id: NotebookExecutionId::parse(&id).unwrap(),
        place: Place::default(),
        origin: aws_origin(),
        fetched_at: START,
    });
    mount(move || {
        provide_console(route, START + 60_000);
        provide_context(state);
        emr_console::ui::detail::view()
    })
}

#[wasm_bindgen_test]
async fn the_stop_dialog_acts_only_on_stop_and_only_once() {
    let target = RwSignal::new(None::<StopTarget>);
    let confirmed = RwSignal::new(Vec::<String>::new());
    let root = mount(move || {
        let on_confirm = move |t: StopTarget| confirmed.update(|c| c.push(t.id.to_string()));
        view! { <StopDialog target=target on_confirm=on_confirm/> }
    });
    settle().await;
    let dialog: web_sys::HtmlDialogElement = one(&root, "dialog").unchecked_into();
    assert!(!dialog.open());
    assert!(
        all(&root, "dialog h2").is_empty(),
        "no content while closed"
    );
    let t = StopTarget {
        id: NotebookExecutionId::parse("ex-STOPME").unwrap(),
        name: "nightly-etl".into(),
        origin: aws_origin(),
    };
    target.set(Some(t.clone()));
    settle().await;
    assert!(dialog.open());
    let content = text(&dialog);
    assert!(
        content.contains("nightly-etl") && content.contains("ex-STOPME"),
        "{content}"
    );
    button(&root, "Cancel").unwrap().click();
    settle().await;
    assert!(!dialog.open());
    assert_eq!(target.get_untracked(), None);
    assert!(confirmed.get_untracked().is_empty(), "Cancel sends nothing");

    target.set(Some(t));
    settle().await;
    let stop = button(&root, "Stop").unwrap();
    stop.click();
    stop.click();
    settle().await;
    assert_eq!(confirmed.get_untracked(), ["ex-STOPME"], "exactly once");
    assert!(!dialog.open());
    root.remove();
}

#[wasm_bindgen_test]
async fn each_status_offers_its_actions() {
    for (status, stop, notify) in [
        ("START_PENDING", true, true),
        ("STARTING", true, true),
        ("RUNNING", true, true),
        ("FINISHING", false, true),
        ("STOPPING", false, true),
        ("FINISHED", false, false),
        ("FAILED", false, false),
        ("STOPPED", false, false),
    ] {
        let root = show(minimal(ExecutionStatus::parse(status)));
        settle().await;
        assert_eq!(button(&root, "Stop execution").is_some(), stop, "{status}");
        assert!(button(&root, "Run again").is_some(), "{status}");
        let has_notify = all(&root, "label")
            .iter()
            .any(|l| text(l) == "Notify me when it ends");
        assert_eq!(has_notify, notify, "{status}");
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn run_again_is_prefilled_and_refuses_bad_input_before_signing() {
    let root = show(full());
    settle().await;
    button(&root, "Run again").unwrap().click();
    settle().await;
    let value = |label: &str| {
        labelled(&root, label)
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    assert_eq!(value("Execution name"), "demo-execution");
    assert_eq!(
        value("Input notebook"),
        "s3://studio-bucket/notebooks/find best.ipynb"
    );
    assert_eq!(value("Cluster ID"), "j-142PVKGDZTTXS");
    assert_eq!(value("Service role"), "EMR_Notebooks_DefaultRole");
    assert_eq!(value("Output notebook"), "s3://studio-bucket/out/");
    assert_eq!(value("Variable 1 name"), "SPARK_ENV");
    assert_eq!(value("Tag 1 value"), "data");
    let params: HtmlTextAreaElement = labelled(&root, "Notebook parameters").unchecked_into();
    assert!(params.value().contains("\"FROM_DATE\": \"2015-08-27\""));

    // Rows can be added and removed.
    button(&root, "Add variable").unwrap().click();
    settle().await;
    assert_eq!(value("Variable 2 name"), "");
    let remove = one(&root, "button[aria-label='Remove Variable 2']");
    remove.unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert!(all(&root, "label")
        .iter()
        .all(|l| text(l) != "Variable 2 name"));

    // Broken JSON and an empty service role: both named, both fields marked, nothing sent.
    params.set_value("{\"a\": 1,,}");
    params
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let role: HtmlInputElement = labelled(&root, "Service role").unchecked_into();
    role.set_value("  ");
    role.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    button(&root, "Start execution").unwrap().click();
    settle().await;
    let alert = text(&one(&root, "form.run-again [role=alert]"));
    assert!(alert.contains("Nothing was sent"), "{alert}");
    assert!(
        alert.contains("Notebook parameters are not valid JSON: line 1, column 9"),
        "{alert}"
    );
    assert!(alert.contains("Service role is required"), "{alert}");
    assert_eq!(
        params.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(role.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        labelled(&root, "Cluster ID").get_attribute("aria-invalid"),
        None
    );
    button(&root, "Cancel").unwrap().click();
    settle().await;
    assert!(root.query_selector("form.run-again").unwrap().is_none());
    root.remove();
}
