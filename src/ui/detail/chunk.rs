//! The detail chunk's split point: an execution's page (the record, its actions, the notebook
//! preview, the region search) and the describes that keep it current (see `crate::edge::split`).

use leptos::prelude::*;

use super::view::DetailView;
use crate::ui::common::lazy::ViewFn;

crate::edge::split::split_point!(detail:
    /// An execution's page.
    pub fn detail() -> ViewFn {
        || view! { <DetailView/> }.into_any()
    }
);
