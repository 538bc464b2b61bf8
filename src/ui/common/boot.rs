//! The page's first build, in slices: a slow phone gets several short tasks instead of one long
//! one, so the static first screen stays responsive while the app builds itself behind it (each
//! task stays under the 50 ms that makes a "long task" on a phone four times slower than a laptop).
//!
//! `main` calls [`start`]: the app is built into a detached element, the shell in one task and each
//! [`Slice`] in its own task after it, in [`Turn`] order; when the last one is built, the finished
//! app replaces the static first screen (`#boot` in index.html) in one step, so nothing moves.
//! Without a `Boot` in context (the browser tests) everything is built at once.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The slices of the first build, in the order they are built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Turn {
    /// The connection panel's frame (its forms, where requests go).
    Panel = 1,
    /// The paste box and the three credential fields.
    Credentials,
    /// Remember / Forget.
    Remember,
    /// Region, Advanced (endpoint, FIPS, dual-stack).
    Region,
    /// The Notebook execution ID box.
    Open,
    /// The view the fragment names (the list or an execution).
    View,
    /// The list's filters.
    Filters,
}

const LAST: Turn = Turn::Filters;

/// The build's progress: the last turn built.
#[derive(Clone, Copy)]
pub struct Boot {
    built: RwSignal<u8>,
}

/// Builds `app` into a detached `<div class="app">` a slice per task, then puts it in place of
/// `#boot`.
pub fn start<V: IntoView + 'static>(app: fn() -> V) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(root) = document.create_element("div") else {
        return;
    };
    root.set_class_name("app");
    let boot = Boot {
        built: RwSignal::new(0),
    };
    // Not in the task that instantiated the WebAssembly: that one has work enough.
    next_task(move || {
        let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
            provide_context(boot);
            app()
        });
        // The app lives as long as the page.
        std::mem::forget(handle);
        boot.build_next(move || match document.get_element_by_id("boot") {
            Some(first_screen) => {
                let _ = first_screen.replace_with_with_node_1(&root);
            }
            None => {
                if let Some(body) = document.body() {
                    let _ = body.append_child(&root);
                }
            }
        });
    });
}

fn next_task(f: impl FnOnce() + 'static) {
    set_timeout(f, Duration::ZERO);
}

impl Boot {
    /// Builds the next slice in a task of its own, and so on; `done` once the last is built.
    fn build_next(self, done: impl FnOnce() + 'static) {
        next_task(move || {
            let turn = self.built.get_untracked() + 1;
            // The slice builds in this task (its effects run as this task's microtasks).
            self.built.set(turn);
            if turn < LAST as u8 {
                self.build_next(done);
            } else {
                next_task(done);
            }
        });
    }
}

/// Its children, built on `turn` (at once when nothing boots in slices).
#[component]
pub fn Slice(turn: Turn, children: ChildrenFn) -> impl IntoView {
    let Some(boot) = use_context::<Boot>() else {
        return children().into_any();
    };
    let reached = Memo::new(move |_| boot.built.get() >= turn as u8);
    (move || reached.get().then(|| children())).into_any()
}
