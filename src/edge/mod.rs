//! The browser and nothing else: the clock, timers, `fetch`, storage, the page (visibility, scroll,
//! title, frames, windows), notifications, the clipboard and the loading of chunks.
//!
//! The bottom layer of the app crate: nothing here knows an app type (a credential, a route, a
//! view). Everything above reaches the browser through these functions, so the rest of the crate
//! reads as Rust over `emr_core`.

pub mod clipboard;
pub mod clock;
pub mod fetch;
pub mod notify;
pub mod page;
pub mod split;
pub mod storage;
