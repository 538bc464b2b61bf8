//! Small pieces every view uses: alerts, status badges, times, copy buttons, form controls.

pub mod alert;
pub mod badge;
pub mod copy;
pub mod fields;
pub mod focus;
pub mod lazy;
pub mod stop;
pub mod time;
