//! Leptos components. They wire signals to `emr_core` and the browser edge in `client`; they never
//! format wire data or decide policy themselves.
//!
//! `app` lays out the page; `connection` is the panel both views share; `list` and `detail` are
//! the two views the URL fragment chooses between; `common` holds the small shared pieces.

mod app;
pub mod boot;
pub mod common;
mod connection;
pub mod detail;
pub mod list;

pub use crate::state::Origin;
pub use app::App;
pub use common::alert::{Failure, FailureAlert};
pub use common::badge::StatusBadge;
pub use common::time::{Elapsed, Instant};
pub use detail::ExecutionView;
