//! Output notebooks: the nbformat model, ANSI escapes, and the first error of a failed run. Pure
//! and fuzzed: a notebook is outside input like any API response.

pub mod ansi;
pub mod diff;
pub mod failure;
pub mod html;
pub mod model;
