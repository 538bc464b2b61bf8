//! A faithful local Amazon EMR for notebook executions, and the S3 side that serves their output
//! notebooks — the default backend of the demo and of the end-to-end tests.
//!
//! Layers: `http` (transport-neutral request/response) → `emulator` (routing, EMR operations,
//! S3 GETs, control endpoint) → `auth` + `sigv4` (verification from the received request),
//! `lifecycle` + `clock` (executions that live), `faults`, `seed`, `identity`, `notebooks`.
//! `server` is the hyper glue.

pub mod auth;
pub mod clock;
pub mod clusters;
pub mod control;
pub mod emulator;
pub mod errors;
pub mod faults;
pub mod http;
pub mod identity;
pub mod lifecycle;
pub mod notebooks;
pub mod operations;
pub mod s3;
pub mod seed;
pub mod server;
pub mod sigv4;
pub mod start;
