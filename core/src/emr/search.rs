//! "Search all regions": describe one ID in every region of the partition, a few at a time,
//! until one knows it. The regions most accounts use go first; the region already tried is not
//! asked again; opt-in regions the account has not enabled are told apart from real errors.

use super::error::EmrError;
use crate::aws::error::ErrorClass;
use crate::aws::region::{Partition, Region};

/// At most this many describes in flight (EMR's rate limits are per account and region, but a
/// browser tab should not burst either).
pub const MAX_IN_FLIGHT: usize = 4;

/// Where executions usually are, asked first.
const LIKELY_FIRST: [&str; 12] = [
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "us-east-2",
    "eu-central-1",
    "ap-southeast-1",
    "ap-northeast-1",
    "ap-southeast-2",
    "eu-west-2",
    "ap-south-1",
    "us-west-1",
    "ca-central-1",
];

/// What one region said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Found,
    /// The region answered: no such execution here.
    NotHere,
    /// An opt-in region the account has not enabled.
    NotEnabled,
    /// The endpoint does not serve this region (a custom Endpoint URL).
    NotServed,
    /// Anything else, by its code (throttling was already retried by the call loop).
    Failed(String),
}

/// What a region's answer means for the search.
pub fn classify(result: &Result<(), EmrError>, region: &Region) -> Outcome {
    let Err(e) = result else {
        return Outcome::Found;
    };
    match e {
        EmrError::Service(s) => {
            let message = s.message.as_deref().unwrap_or_default();
            let opt_in = region.known().is_some_and(|k| k.opt_in);
            let token_refused = matches!(
                s.code.as_str(),
                "UnrecognizedClientException" | "InvalidClientTokenId"
            ) || message
                .contains("security token included in the request is invalid");
            if s.class == ErrorClass::ClientInput {
                Outcome::NotHere
            } else if token_refused && opt_in {
                Outcome::NotEnabled
            } else if message.starts_with("Credential should be scoped to a valid region") {
                Outcome::NotServed
            } else {
                Outcome::Failed(s.code.clone())
            }
        }
        EmrError::Network(_) => Outcome::Failed("NetworkError".into()),
        EmrError::Timeout { .. } => Outcome::Failed("Timeout".into()),
        EmrError::Cancelled => Outcome::Failed("Cancelled".into()),
        EmrError::Signing(_) => Outcome::Failed("SigningError".into()),
        EmrError::InvalidResponse(_) => Outcome::Failed("InvalidResponse".into()),
        EmrError::ConsoleUnavailable => Outcome::Failed("ConsoleUnavailable".into()),
    }
}

/// The search's state: which regions are left, in flight and answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionSearch {
    order: Vec<Region>,
    next: usize,
    in_flight: usize,
    /// Every answer, in the order they came (the region already tried first).
    pub answers: Vec<(Region, Outcome)>,
    cancelled: bool,
}

impl RegionSearch {
    /// Every known region of `tried`'s partition, likely ones first; `tried` counts as asked.
    pub fn new(tried: &Region) -> RegionSearch {
        let partition: Partition = tried.partition();
        let mut order: Vec<Region> = LIKELY_FIRST
            .iter()
            .filter_map(|n| Region::parse(n).ok())
            .filter(|r| r.partition() == partition)
            .collect();
        for k in partition.known_regions() {
            if let Ok(r) = Region::parse(k.name) {
                if !order.contains(&r) {
                    order.push(r);
                }
            }
        }
        order.retain(|r| r != tried);
        RegionSearch {
            order,
            next: 0,
            in_flight: 0,
            answers: vec![(tried.clone(), Outcome::NotHere)],
            cancelled: false,
        }
    }

    /// The next region to ask, if the search may start another request now.
    pub fn next_region(&mut self) -> Option<Region> {
        if self.is_over() || self.in_flight >= MAX_IN_FLIGHT || self.next >= self.order.len() {
            return None;
        }
        self.in_flight += 1;
        self.next += 1;
        Some(self.order[self.next - 1].clone())
    }

    pub fn record(&mut self, region: Region, outcome: Outcome) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if !self.answers.iter().any(|(r, _)| *r == region) {
            self.answers.push((region, outcome));
        }
    }

    pub fn cancel(&mut self) {
        self.cancelled = true;
        self.in_flight = 0;
    }

    pub fn found(&self) -> Option<&Region> {
        self.answers
            .iter()
            .find(|(_, o)| *o == Outcome::Found)
            .map(|(r, _)| r)
    }

    /// Found, cancelled, or every region answered.
    pub fn is_over(&self) -> bool {
        self.cancelled || self.found().is_some() || self.answers.len() == self.total()
    }

    /// Nothing more will be asked and nothing is in flight.
    pub fn is_settled(&self) -> bool {
        self.in_flight == 0 && (self.is_over() || self.next >= self.order.len())
    }

    pub fn total(&self) -> usize {
        self.order.len() + 1
    }

    /// "12 of 34 regions".
    pub fn progress(&self) -> String {
        format!("{} of {} regions", self.answers.len(), self.total())
    }

    pub fn with(&self, wanted: fn(&Outcome) -> bool) -> Vec<&str> {
        self.answers
            .iter()
            .filter(|(_, o)| wanted(o))
            .map(|(r, _)| r.name())
            .collect()
    }

    /// The end of it in words: where it was, or that it is nowhere, with the regions that could not
    /// say.
    pub fn summary(&self) -> String {
        if let Some(r) = self.found() {
            return format!("Found in {} (after {}).", r.name(), self.progress());
        }
        let mut out = if self.cancelled {
            format!("Search cancelled after {}.", self.progress())
        } else {
            format!(
                "Not found in any of the {} regions of {}.",
                self.total(),
                self.order
                    .first()
                    .map_or("this partition", |r| r.partition().label())
            )
        };
        let not_enabled = self.with(|o| *o == Outcome::NotEnabled);
        if !not_enabled.is_empty() {
            out.push_str(&format!(
                " Not enabled for this account: {}.",
                not_enabled.join(", ")
            ));
        }
        let not_served = self.with(|o| *o == Outcome::NotServed);
        if !not_served.is_empty() {
            out.push_str(&format!(
                " Not served by this Endpoint URL: {}.",
                not_served.len()
            ));
        }
        let failed: Vec<String> = self
            .answers
            .iter()
            .filter_map(|(r, o)| match o {
                Outcome::Failed(code) => Some(format!("{} ({code})", r.name())),
                _ => None,
            })
            .collect();
        if !failed.is_empty() {
            out.push_str(&format!(" Could not ask: {}.", failed.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::error::ServiceError;

    fn region(n: &str) -> Region {
        Region::parse(n).unwrap()
    }

    fn service(code: &str, message: &str) -> Result<(), EmrError> {
        Err(EmrError::Service(ServiceError::from_response(
            400,
            |_| None,
            format!(r#"{{"__type":"{code}","message":"{message}"}}"#).as_bytes(),
        )))
    }

    #[test]
    fn likely_regions_first_nothing_twice_and_the_partition_only() {
        let mut s = RegionSearch::new(&region("us-east-1"));
        assert_eq!(s.total(), 34);
        assert_eq!(s.progress(), "1 of 34 regions");
        let mut asked = vec![];
        loop {
            match s.next_region() {
                Some(r) => asked.push(r),
                None if asked.len() < 33 => {
                    let r = asked[asked.len() - 1].clone();
                    s.record(r, Outcome::NotHere);
                }
                None => break,
            }
        }
        let names: Vec<&str> = asked.iter().map(|r| r.name()).collect();
        assert_eq!(&names[..3], ["us-west-2", "eu-west-1", "us-east-2"]);
        assert!(!names.contains(&"us-east-1"), "the region already tried");
        assert!(names
            .iter()
            .all(|n| !n.starts_with("cn-") && !n.starts_with("us-gov-")));
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_eq!(RegionSearch::new(&region("cn-north-1")).total(), 2);
    }

    #[test]
    fn at_most_four_in_flight_and_it_stops_at_the_first_hit() {
        let mut s = RegionSearch::new(&region("us-east-1"));
        let first: Vec<Region> = std::iter::from_fn(|| s.next_region()).collect();
        assert_eq!(first.len(), MAX_IN_FLIGHT);
        assert_eq!(s.next_region(), None, "the fifth waits");
        s.record(first[0].clone(), Outcome::NotHere);
        let fifth = s.next_region().unwrap();
        s.record(first[1].clone(), Outcome::Found);
        assert_eq!(s.found(), Some(&first[1]));
        assert_eq!(s.next_region(), None, "nothing after a hit");
        assert!(!s.is_settled(), "three still in flight");
        for r in [first[2].clone(), first[3].clone(), fifth] {
            s.record(r, Outcome::NotHere);
        }
        assert!(s.is_settled());
        assert!(s
            .summary()
            .starts_with(&format!("Found in {} (after ", first[1].name())));
    }

    #[test]
    fn answers_are_classified() {
        let opt_in = region("af-south-1");
        let plain = region("us-west-2");
        assert_eq!(classify(&Ok(()), &plain), Outcome::Found);
        assert_eq!(
            classify(
                &service(
                    "InvalidRequestException",
                    "Notebook execution ex-1 does not exist."
                ),
                &plain
            ),
            Outcome::NotHere
        );
        assert_eq!(
            classify(
                &service(
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid."
                ),
                &opt_in
            ),
            Outcome::NotEnabled
        );
        assert_eq!(
            classify(&service("InvalidClientTokenId", "x"), &opt_in),
            Outcome::NotEnabled
        );
        // In a region every account has, a refused token is a real problem.
        assert_eq!(
            classify(
                &service(
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid."
                ),
                &plain
            ),
            Outcome::Failed("UnrecognizedClientException".into())
        );
        assert_eq!(
            classify(
                &service(
                    "InvalidSignatureException",
                    "Credential should be scoped to a valid region, not 'us-west-2'. "
                ),
                &plain
            ),
            Outcome::NotServed
        );
        assert_eq!(
            classify(&service("AccessDeniedException", "no"), &plain),
            Outcome::Failed("AccessDeniedException".into())
        );
        assert_eq!(
            classify(&Err(EmrError::Network("x".into())), &plain),
            Outcome::Failed("NetworkError".into())
        );
    }

    #[test]
    fn the_summary_names_what_could_not_be_asked() {
        let mut s = RegionSearch::new(&region("cn-north-1"));
        let r = s.next_region().unwrap();
        s.record(r, Outcome::Failed("ThrottlingException".into()));
        assert!(s.is_over() && s.is_settled());
        assert_eq!(s.summary(), "Not found in any of the 2 regions of AWS China. Could not ask: cn-northwest-1 (ThrottlingException).");
        let mut s = RegionSearch::new(&region("us-east-1"));
        let r = s.next_region().unwrap();
        s.record(r, Outcome::NotEnabled);
        s.cancel();
        assert!(s.summary().starts_with(
            "Search cancelled after 2 of 34 regions. Not enabled for this account: us-west-2."
        ));
    }
}
