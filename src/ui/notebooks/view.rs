//! The notebooks chunk's page: which of its views the route names.

use emr_core::route::View;
use leptos::prelude::*;

use super::compare::CompareView;
use super::grid::Grid;
use super::history::HistoryView;
use super::state::NotebooksState;
use crate::console::Console;
use crate::ui::common::lazy::Kept;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Grid,
    History,
    Compare,
}

#[component]
pub(super) fn NotebooksPage() -> impl IntoView {
    let console = expect_context::<Console>();
    // The app keeps the views' state between visits; the first visit makes it.
    if use_context::<NotebooksState>().is_none() {
        provide_context(expect_context::<Kept<NotebooksState>>().get_or(NotebooksState::new));
    }
    let which = Memo::new(move |_| {
        console.route.with(|r| match r.view {
            View::Notebook { .. } => Which::History,
            View::Compare { .. } => Which::Compare,
            _ => Which::Grid,
        })
    });
    move || match which.get() {
        Which::Grid => view! { <Grid/> }.into_any(),
        Which::History => view! { <HistoryView/> }.into_any(),
        Which::Compare => view! { <CompareView/> }.into_any(),
    }
}
