//! The whole page in headless Chromium: the form's UI contract, validation that keeps what was
//! typed, and a describe against the emulator (EMR_TEST_ENDPOINT).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use emr_console::ui::App;
use emr_core::demo;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The control a `<label>` with this exact text is tied to (`for` → `id`).
fn control(root: &Element, label: &str) -> Element {
    let l = all(root, "label")
        .into_iter()
        .find(|l| text(l) == label)
        .unwrap_or_else(|| panic!("no label {label:?}"));
    let id = l.get_attribute("for").expect("label has for=");
    one(root, &format!("#{id}"))
}

fn type_into(root: &Element, label: &str, value: &str) {
    let input: HtmlInputElement = control(root, label).unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| text(b) == name)
        .unwrap_or_else(|| panic!("no button {name:?}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_ui_contract() {
    reset_page();
    let root = mount(|| view! { <App/> });
    settle().await;
    for label in [
        "Access key ID",
        "Secret access key",
        "Session token",
        "Notebook execution ID",
        "Endpoint URL",
    ] {
        assert_eq!(control(&root, label).tag_name(), "INPUT", "{label}");
    }
    let secret = control(&root, "Secret access key");
    assert_eq!(secret.get_attribute("type").as_deref(), Some("password"));
    // Masked, and not a password for the browser to offer to save (issue 22, item 10).
    assert_eq!(
        secret.get_attribute("autocomplete").as_deref(),
        Some("one-time-code")
    );
    let region = control(&root, "Region");
    assert_eq!(region.tag_name(), "SELECT");
    let values: Vec<String> = all(&region, "option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap())
        .collect();
    assert_eq!(values.len(), 38);
    assert_eq!(all(&region, "optgroup").len(), 3);
    for r in [
        "us-east-1",
        "eu-west-1",
        "cn-north-1",
        "cn-northwest-1",
        "us-gov-west-1",
        "us-gov-east-1",
        "ap-southeast-7",
        "mx-central-1",
    ] {
        assert!(values.iter().any(|v| v == r), "{r}");
    }
    let endpoint = control(&root, "Endpoint URL");
    let details = endpoint
        .closest("details")
        .unwrap()
        .expect("Endpoint URL is inside <details>");
    assert_eq!(text(&one(&details, "summary")), "Advanced");
    let describe = button(&root, "Describe");
    assert_eq!(describe.get_attribute("type").as_deref(), Some("submit"));
    // Enter in the id field submits: the field and the submit button share one form.
    let form = control(&root, "Notebook execution ID")
        .closest("form")
        .unwrap()
        .unwrap();
    assert!(form.contains(Some(&describe)));
    root.remove();
}

#[wasm_bindgen_test]
async fn bad_input_is_explained_and_nothing_typed_is_lost() {
    reset_page();
    let root = mount(|| view! { <App/> });
    settle().await;
    type_into(&root, "Access key ID", "ASIAIOSFODNN7EXAMPLE");
    type_into(&root, "Secret access key", "secret-value");
    type_into(&root, "Endpoint URL", "http://example.com");
    button(&root, "Describe").click();
    settle().await;
    let alert = one(&root, "[role=alert]");
    let t = text(&alert);
    assert!(t.contains("ASIA"), "temporary key without token: {t}");
    assert!(t.contains("http:// is only allowed for localhost"), "{t}");
    assert!(t.contains("Enter a notebook execution ID"), "{t}");
    assert!(!t.contains("secret-value"));
    assert_eq!(
        control(&root, "Session token")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        control(&root, "Endpoint URL")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        control(&root, "Access key ID").get_attribute("aria-invalid"),
        None
    );
    let kept: HtmlInputElement = control(&root, "Secret access key").unchecked_into();
    assert_eq!(kept.value(), "secret-value");
    let kept: HtmlInputElement = control(&root, "Endpoint URL").unchecked_into();
    assert_eq!(kept.value(), "http://example.com");
    root.remove();
}

#[wasm_bindgen_test]
async fn describes_against_the_emulator_with_a_trimmed_id() {
    reset_page();
    let root = mount(|| view! { <App/> });
    settle().await;
    type_into(&root, "Access key ID", demo::ACCESS_KEY_ID);
    type_into(&root, "Secret access key", demo::SECRET_ACCESS_KEY);
    type_into(&root, "Session token", demo::SESSION_TOKEN);
    type_into(&root, "Endpoint URL", ENDPOINT);
    type_into(
        &root,
        "Notebook execution ID",
        &format!("  {}\n", demo::RUNNING_EXECUTION_ID),
    );
    settle().await;
    assert_eq!(text(&one(&root, "[data-testid=target]")), ENDPOINT);
    button(&root, "Describe").click();
    assert!(
        wait_for(5_000, || root
            .query_selector("article.execution")
            .unwrap()
            .is_some())
        .await,
        "no record: {}",
        text(&root)
    );
    let badge = one(&root, "article header [data-status]");
    assert_eq!(
        badge.get_attribute("data-status").as_deref(),
        Some("RUNNING")
    );
    assert!(all(&root, "[role=alert]").is_empty());

    // An unknown id: the alert shows AWS's code; the form keeps everything.
    type_into(&root, "Notebook execution ID", "ex-DOESNOTEXIST");
    button(&root, "Describe").click();
    assert!(
        wait_for(5_000, || root
            .query_selector("[role=alert]")
            .unwrap()
            .is_some())
        .await
    );
    assert_eq!(text(&one(&root, ".alert__code")), "InvalidRequestException");
    let kept: HtmlInputElement = control(&root, "Session token").unchecked_into();
    assert_eq!(kept.value(), demo::SESSION_TOKEN);
    root.remove();
}

#[wasm_bindgen_test]
async fn paste_fills_the_fields_and_says_what_it_recognised() {
    reset_page();
    let root = mount(|| view! { <App/> });
    settle().await;
    let paste = control(&root, "Paste credentials");
    assert_eq!(paste.tag_name(), "TEXTAREA");
    let paste: web_sys::HtmlTextAreaElement = paste.unchecked_into();
    let sts = r#"{"Credentials":{"SessionToken":"IQoJb3JpZ2luX2VjEXAMPLE","Expiration":"2099-01-02T03:04:05Z","AccessKeyId":"ASIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}"#;
    paste.set_value(sts);
    paste
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let value = |label| {
        control(&root, label)
            .unchecked_into::<HtmlInputElement>()
            .value()
    };
    assert_eq!(value("Access key ID"), "ASIAIOSFODNN7EXAMPLE");
    assert_eq!(
        value("Secret access key"),
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    );
    assert_eq!(value("Session token"), "IQoJb3JpZ2luX2VjEXAMPLE");
    assert_eq!(paste.value(), "", "no second copy of the secrets");
    assert!(text(&one(&root, ".paste-ok")).contains("AWS STS JSON"));
    assert!(text(&one(&root, ".expiry")).starts_with("Credentials expire at 2099-01-02"));

    paste.set_value(
        "export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=topsecret",
    );
    paste
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
    let problem = text(&one(&root, ".paste-problem"));
    assert!(problem.contains("no AWS_SESSION_TOKEN"), "{problem}");
    assert!(!problem.contains("topsecret"));
    assert_eq!(
        one(&root, ".paste-problem")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn remember_and_forget() {
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage.clear().unwrap();
    reset_page();
    let root = mount(|| view! { <App/> });
    settle().await;
    type_into(&root, "Access key ID", "ASIAIOSFODNN7EXAMPLE");
    type_into(&root, "Secret access key", "remember-me-secret");
    settle().await;
    assert_eq!(storage.length().unwrap(), 0, "memory only by default");
    let remember: HtmlInputElement =
        control(&root, "Remember credentials in this tab").unchecked_into();
    remember.set_checked(true);
    remember
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    let kept = storage
        .get_item("emr-console.credentials")
        .unwrap()
        .unwrap();
    assert!(kept.contains("remember-me-secret"));
    button(&root, "Forget credentials").click();
    settle().await;
    assert_eq!(storage.length().unwrap(), 0);
    assert!(!remember.checked());
    for label in ["Access key ID", "Secret access key", "Session token"] {
        assert_eq!(
            control(&root, label)
                .unchecked_into::<HtmlInputElement>()
                .value(),
            "",
            "{label}"
        );
    }
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(local.length().unwrap(), 0, "never localStorage");
    root.remove();
}
