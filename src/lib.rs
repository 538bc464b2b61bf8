//! The EMR console app: Leptos views over `emr_core`, in layers (see `src/README.md`): the
//! browser edge, the one call path, the one async primitive, the console's state, the common UI,
//! the views, the app. Nothing imports a layer above it; views never import each other
//! (`tests/layers.rs` checks both).

pub mod console;
pub mod edge;
pub mod net;
pub mod task;
pub mod ui;
