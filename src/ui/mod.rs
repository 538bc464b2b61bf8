//! Leptos components. They wire signals to `emr_core`, `crate::task` and the console's state;
//! they never format wire data or decide policy themselves.
//!
//! `app` lays out the page; `connection` is the panel every view shares; `list`, `detail`,
//! `notebooks` and `start` are the views the URL fragment chooses between, each a folder owning its state, its chunk and its
//! texts; `common` holds the small shared pieces. Views never import each other.

mod app;
pub mod common;
pub mod connection;
pub mod detail;
pub mod list;
pub mod notebooks;
pub mod start;

pub use app::App;
