//! The list chunk's split point: the loaded rows at a glance (counts, timeline, table, paging),
//! a row's stop confirmation, and the calls that fill them (see `crate::edge::split`).

use emr_core::connection::Session;
use emr_core::emr::list::ListFilters;
use emr_core::route::Place;
use leptos::prelude::*;

use super::load;
use super::results::Results;
use super::state::Loaded;
use crate::console::Console;
use crate::task::{Change, Ctx, Job};

/// The list's quiet line.
pub type Note = RwSignal<Option<String>>;

/// What the list chunk hands back: its view and the jobs the list's task runs.
#[derive(Clone, Copy)]
pub struct Chunk {
    pub results: fn() -> AnyView,
    pub first: fn(Session, ListFilters, Place, Ctx) -> Job<Loaded>,
    /// The first page again; what it says of gaps goes to the note.
    pub refresh: fn(Console, Note, &Loaded, Ctx) -> Job<Change<Loaded>>,
}

crate::edge::split::split_point!(list:
    /// The list's results and the calls that fill them.
    pub fn list() -> Chunk {
        Chunk {
            results: || view! { <Results/> }.into_any(),
            first: crate::console::executions::first,
            refresh: load::refresh,
        }
    }
);
