//! The EMR notebook-execution API.

pub mod cluster;
pub mod compare;
pub mod error;
pub mod history;
pub mod links;
pub mod list;
pub mod locate;
pub mod model;
pub mod operations;
pub mod search;
pub mod start;
pub mod status;
pub mod timeline;
pub mod watch;
