//! AWS in general: nothing here knows about EMR.

pub mod call;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod paste;
pub mod region;
pub mod retry;
pub mod signing;
pub mod skew;
