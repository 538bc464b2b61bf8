//! The notebooks chunk's split point: the Notebooks view, a notebook's history, a comparison.

use leptos::prelude::*;

use super::view::NotebooksPage;
use crate::ui::common::lazy::ViewFn;

crate::edge::split::split_point!(notebooks:
    /// The notebook views.
    pub fn notebooks() -> ViewFn {
        || view! { <NotebooksPage/> }.into_any()
    }
);
