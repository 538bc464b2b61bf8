//! The pure core of the EMR console: everything that can be decided without a browser.
//!
//! `aws` knows AWS in general (regions, endpoints, credentials, SigV4, errors, retries, clock skew);
//! `emr` knows the notebook-execution API (wire model, operations, links, what errors mean);
//! `format` turns instants and JSON into text. Time, randomness and transport come in as arguments,
//! so this crate runs unchanged in native tests, in the browser and in the emulator.

pub mod aws;
pub mod connection;
pub mod csp;
pub mod demo;
pub mod emr;
pub mod format;
pub mod notebook;
pub mod route;
pub mod s3;
