//! Leptos components. They wire signals to `emr_core` and the browser edge in `client`; they never
//! format wire data or decide policy themselves.

mod alert;
mod app;
mod badge;
mod copy;
mod credentials;
mod execution;
mod fields;
mod time;

pub use alert::{Failure, FailureAlert};
pub use app::App;
pub use badge::StatusBadge;
pub use execution::{ExecutionView, Origin};
pub use time::{Elapsed, Instant};
