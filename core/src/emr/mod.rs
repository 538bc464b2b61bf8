//! The EMR notebook-execution API.

pub mod error;
pub mod links;
pub mod model;
pub mod operations;
pub mod status;
