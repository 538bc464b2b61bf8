//! The EMR console app: Leptos views over `emr_core`, with the browser edge in `client`.

pub mod client;
pub mod split;
pub mod state;
pub mod storage;
pub mod ui;
pub mod watcher;
