//! The first build in slices (ui::boot): each slice in a task of its own, in turn order, off the
//! document; the static first screen (#boot) stays until the whole app replaces it in one step.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::{Cell, RefCell};
use std::time::Duration;

use common::{all, document, mount, one, text};
use emr_console::ui::common::boot::{start, Slice, Turn};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    /// Bumped by a timer of the test's own in every task: two slices built in one task see the
    /// same value.
    static TASK: Cell<u32> = const { Cell::new(0) };
    static BUILT: RefCell<Vec<(Turn, u32)>> = const { RefCell::new(Vec::new()) };
}

fn built(turn: Turn) -> impl IntoView {
    BUILT.with(|b| b.borrow_mut().push((turn, TASK.with(Cell::get))));
    view! { <p class="slice" data-turn=format!("{turn:?}")>{format!("{turn:?}")}</p> }
}

fn probe() -> impl IntoView {
    view! {
        <p id="shell">"shell"</p>
        // Declared out of order: built in turn order all the same.
        <Slice turn=Turn::Filters>{built(Turn::Filters)}</Slice>
        <Slice turn=Turn::Panel>{built(Turn::Panel)}</Slice>
        <Slice turn=Turn::Credentials>{built(Turn::Credentials)}</Slice>
        <Slice turn=Turn::Remember>{built(Turn::Remember)}</Slice>
        <Slice turn=Turn::Region>{built(Turn::Region)}</Slice>
        <Slice turn=Turn::Open>{built(Turn::Open)}</Slice>
        <Slice turn=Turn::View>{built(Turn::View)}</Slice>
    }
}

fn ticker() {
    TASK.with(|t| t.set(t.get() + 1));
    if TASK.with(Cell::get) < 1_000 {
        set_timeout(ticker, Duration::ZERO);
    }
}

async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn slices_are_built_one_task_each_off_the_page_then_replace_the_first_screen_at_once() {
    let first_screen = document().create_element("div").unwrap();
    first_screen.set_id("boot");
    first_screen.set_text_content(Some("Loading the console…"));
    document()
        .body()
        .unwrap()
        .append_child(&first_screen)
        .unwrap();

    BUILT.with(|b| b.borrow_mut().clear());
    ticker();
    start(probe);
    let mut tasks = 0;
    while document().get_element_by_id("boot").is_some() {
        // Until the swap nothing of the app is in the document, not even its shell.
        assert!(document().query_selector(".app").unwrap().is_none());
        next_task().await;
        tasks += 1;
        assert!(tasks < 100, "the first screen was never replaced");
    }

    let app = one(&document().body().unwrap(), ".app");
    assert_eq!(text(&one(&app, "#shell")), "shell");
    let order: Vec<String> = all(&app, ".slice")
        .iter()
        .map(|e| e.get_attribute("data-turn").unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "Filters",
            "Panel",
            "Credentials",
            "Remember",
            "Region",
            "Open",
            "View"
        ],
        "each slice where it was declared"
    );
    let built = BUILT.with(|b| b.borrow().clone());
    let turns: Vec<Turn> = built.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        turns,
        [
            Turn::Panel,
            Turn::Credentials,
            Turn::Remember,
            Turn::Region,
            Turn::Open,
            Turn::View,
            Turn::Filters
        ],
        "built in turn order"
    );
    for pair in built.windows(2) {
        assert!(
            pair[1].1 > pair[0].1,
            "{:?} and {:?} were built in the same task",
            pair[0].0,
            pair[1].0
        );
    }
}

#[wasm_bindgen_test]
fn without_a_boot_everything_is_built_at_once() {
    let root = mount(probe);
    assert_eq!(all(&root, ".slice").len(), 7);
}
