//! The start chunk's split point: the New execution page (the form, the cluster checks, Copy as).

use leptos::prelude::*;

use super::view::StartPage;
use crate::ui::common::lazy::ViewFn;

crate::edge::split::split_point!(start:
    /// The New execution page.
    pub fn start() -> ViewFn {
        || view! { <StartPage/> }.into_any()
    }
);
