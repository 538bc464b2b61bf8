//! The `net` chunk's split point: signing, the SDK loop, the requests' JSON, every response
//! parser and the error texts arrive with the first call (see `crate::edge::split`).

use super::transport;
use super::Net;

crate::edge::split::split_point!(net:
    /// Signing and calling AWS (aws-sigv4, retries, clock skew, parsers, explanations).
    pub fn net() -> Net {
        transport::NET
    }
);
