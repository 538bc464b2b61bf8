//! The notebook view in headless Chromium, with fixtures: every output kind drawn as text, ANSI
//! colours as classes, images only from base64, long outputs truncated with a way to see them,
//! and long notebooks drawn over several frames.
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::Arc;

use common::*;
use emr_console::ui::common::notebook::NotebookView;
use emr_core::notebook::model::parse;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn show(json: &str) -> HtmlElement {
    let nb = Arc::new(parse(json.as_bytes()).unwrap());
    mount(move || view! { <NotebookView notebook=nb/> })
}

#[wasm_bindgen_test]
async fn outputs_are_text_colours_are_classes_images_are_base64_only() {
    let root = show(
        r##"{"nbformat":4,"cells":[
        {"cell_type":"markdown","source":["# Title <script>window.__nb=1</script>\n","[x](javascript:window.__nb=2)"]},
        {"cell_type":"code","execution_count":7,"source":"print('<b>hi</b>')","outputs":[
          {"output_type":"stream","name":"stdout","text":"\u001b[1;31mred\u001b[0m plain <img src=x onerror=window.__nb=3>"},
          {"output_type":"display_data","data":{"image/png":"iVBORw0KGgo=","text/plain":"fig"}},
          {"output_type":"display_data","data":{"image/png":"\"><svg onload=window.__nb=4>","text/html":"<iframe src=javascript:window.__nb=5>"}},
          {"output_type":"error","ename":"\u001b[0;31mKeyError\u001b[0m","evalue":"'id'","traceback":["\u001b[0;32mline\u001b[0m 1"]}
        ]}
    ]}"##,
    );
    settle().await;
    assert!(
        all(&root, "script, iframe, svg, a, b").is_empty(),
        "no markup from the notebook"
    );
    let text = text(&root);
    assert!(
        text.contains("<script>window.__nb=1</script>")
            && text.contains("<img src=x onerror=window.__nb=3>")
    );
    assert!(!text.contains('\u{1b}'));
    let red = one(&root, ".nb-stream .ansi-fg-1");
    assert!(red.class_list().contains("ansi-bold"));
    assert_eq!(red.text_content().unwrap(), "red");
    let imgs = all(&root, "img");
    assert_eq!(imgs.len(), 1, "only the real base64 image");
    assert_eq!(
        imgs[0].get_attribute("src").as_deref(),
        Some("data:image/png;base64,iVBORw0KGgo=")
    );
    assert!(imgs[0]
        .get_attribute("alt")
        .unwrap()
        .starts_with("Image output"));
    assert_eq!(text_of(&root, ".nb-error__title"), "KeyError: 'id'");
    assert_eq!(text_of(&root, ".nb-cell--code .nb-prompt"), "[7]");
    assert!(
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__nb".into())
            .unwrap()
            .is_undefined()
    );
    root.remove();
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    text(&one(root, selector))
}

#[wasm_bindgen_test]
async fn huge_outputs_are_cut_and_long_notebooks_drawn_over_frames() {
    let big = "x".repeat(50_000);
    let cells: Vec<String> = (0..300).map(|i| format!(r#"{{"cell_type":"code","execution_count":{i},"source":"c{i}","outputs":[{{"output_type":"stream","name":"stdout","text":"{}"}}]}}"#, if i == 0 { big.as_str() } else { "ok" })).collect();
    let root = show(&format!(
        r#"{{"nbformat":4,"cells":[{}]}}"#,
        cells.join(",")
    ));
    settle().await;
    let first = all(&root, ".nb-cell").len();
    assert!(
        first < 300,
        "the first frame draws a batch, not everything ({first})"
    );
    assert!(
        wait_for(5_000, || all(&root, ".nb-cell").len() == 300).await,
        "all drawn in the end"
    );
    let note = one(&root, ".nb-truncated");
    assert!(text(&note).starts_with("Showing the first 20000 of 50000 characters."));
    assert_eq!(text(&one(&root, ".nb-stream")).len(), 20_000);
    one(&note, "button").unchecked_into::<HtmlElement>().click();
    settle().await;
    assert_eq!(text(&one(&root, ".nb-stream")).len(), 50_000);
    assert!(root.query_selector(".nb-truncated").unwrap().is_none());
    root.remove();
}
