//! Where a result came from.

use emr_core::aws::credentials::Credentials;
use emr_core::aws::endpoint::Endpoint;
use emr_core::aws::region::Region;
use emr_core::connection::Session;

/// Where a result came from: needed to build console links, downloads, and to refresh it against
/// the same endpoint (the user may point the panel elsewhere meanwhile).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub region: Region,
    /// What was called (a refresh calls it again).
    pub endpoint: Endpoint,
    /// The user's override: S3 downloads then go path-style to the same place.
    pub endpoint_override: Option<Endpoint>,
}

impl Origin {
    pub fn of(session: &Session) -> Origin {
        Origin {
            region: session.region.clone(),
            endpoint: session.endpoint.clone(),
            endpoint_override: session.endpoint_override.clone(),
        }
    }

    /// The same place with the credentials in the panel now.
    pub fn session(&self, credentials: Credentials) -> Session {
        Session {
            credentials,
            region: self.region.clone(),
            endpoint: self.endpoint.clone(),
            endpoint_override: self.endpoint_override.clone(),
        }
    }
}
