//! One execution: its record, its actions (stop, run again, notify), the notebook preview and the
//! region search. All of it is the detail chunk (`chunk`), loaded when an execution is first
//! opened, or earlier when the user points at one.

mod actions;
pub mod chunk;
mod describe;
mod loaded;
pub mod preview;
mod record;
mod run_again;
mod search;
mod state;
mod view;

pub use self::record::ExecutionView;
pub use self::state::{DetailState, Loaded};

use leptos::prelude::*;

/// The page, drawn directly (the browser suites; the app goes through `chunk`).
pub fn view() -> AnyView {
    view! { <view::DetailView/> }.into_any()
}

/// Starts fetching the page's code (the user points at an execution: opening it is near).
pub fn prefetch() {
    chunk::detail::prefetch();
}
