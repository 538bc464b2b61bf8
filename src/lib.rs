//! The EMR console app: Leptos views over `emr_core`, in layers (see `src/README.md`): the
//! browser edge, the one call path, the one async primitive, the console's state, the common UI,
//! the views, the app. Nothing imports a layer above it; views never import each other
//! (`tests/layers.rs` checks both).

// A failure is an explanation with its texts: made once per failed call and moved a few times;
// boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

pub mod console;
pub mod edge;
pub mod net;
pub mod task;
pub mod ui;
