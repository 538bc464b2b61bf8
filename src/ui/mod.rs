//! Leptos components. They wire signals to `emr_core` and the browser edge in `client`; they never
//! format wire data or decide policy themselves.

mod alert;
mod badge;
mod copy;
mod execution;
mod form;
mod time;

pub use alert::{Failure, FailureAlert};
pub use badge::StatusBadge;
pub use execution::{ExecutionView, Origin};
pub use form::App;
pub use time::{Elapsed, Instant};
