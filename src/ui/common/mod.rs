//! Small pieces every view uses: alerts, status badges, times, copy buttons, form controls, focus,
//! the stop confirmation, views that load on first use, following the route, the sliced start-up.

pub mod alert;
pub mod arrive;
pub mod badge;
pub mod boot;
pub mod copy;
pub mod fields;
pub mod focus;
pub mod lazy;
pub mod notebook;
pub mod s3;
pub mod start;
pub mod stop;
pub mod time;
