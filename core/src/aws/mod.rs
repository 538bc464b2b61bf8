//! AWS in general: nothing here knows about EMR.

pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod region;
pub mod signing;
