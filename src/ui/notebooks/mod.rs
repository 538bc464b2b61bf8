//! Notebooks, not just runs: the executions the list has loaded grouped by the notebook they ran
//! (`grid`), one notebook's history reaching back as far as EMR keeps it (`history`), and two runs
//! side by side (`compare`). All of it is the notebooks chunk (`chunk`), fetched when a Notebooks
//! link is pointed at or the route names one of these views.

pub mod chunk;
mod compare;
mod grid;
mod history;
mod state;
mod strip;
mod view;

pub use self::state::NotebooksState;

/// Starts fetching the views' code (a Notebooks link was pointed at).
pub fn prefetch() {
    chunk::notebooks::prefetch();
}
