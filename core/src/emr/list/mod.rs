//! The executions list: filters → `ListNotebookExecutions` input (filters), pages merged without
//! duplicates and refreshes merged in place (listing), and what the page derives from the loaded
//! rows without another request: counts by family, sorting, searching (view).

mod filters;
mod listing;
mod view;

pub use self::filters::{FilterDraft, FilterField, FilterProblem, ListFilters};
pub use self::listing::{Listing, RefreshOutcome, Row};
pub use self::view::{loaded_text, sort_indices, Counts, Sort, SortKey, ViewQuery};

#[cfg(test)]
mod tests;
