//! Regions and partitions where EMR exists.
//!
//! The list mirrors botocore's `endpoints.json` for the `elasticmapreduce` service in the `aws`,
//! `aws-cn` and `aws-us-gov` partitions. A [`Region`] can only be built from a syntactically valid
//! region name in one of those partitions, so nothing a user types can reach the signer or the
//! endpoint resolver as a host fragment.

use std::fmt;

/// An AWS partition: decides DNS suffixes and console domains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Partition {
    Aws,
    AwsCn,
    AwsUsGov,
}

impl Partition {
    pub fn id(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Partition::Aws => "AWS",
            Partition::AwsCn => "AWS China",
            Partition::AwsUsGov => "AWS GovCloud (US)",
        }
    }

    pub fn dns_suffix(self) -> &'static str {
        match self {
            Partition::AwsCn => "amazonaws.com.cn",
            Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
        }
    }

    pub fn dual_stack_dns_suffix(self) -> &'static str {
        match self {
            Partition::AwsCn => "api.amazonwebservices.com.cn",
            Partition::Aws | Partition::AwsUsGov => "api.aws",
        }
    }

    /// Origin of the AWS Management Console for this partition.
    pub fn console_origin(self) -> &'static str {
        match self {
            Partition::Aws => "https://console.aws.amazon.com",
            Partition::AwsCn => "https://console.amazonaws.cn",
            Partition::AwsUsGov => "https://console.amazonaws-us-gov.com",
        }
    }

    pub const ALL: [Partition; 3] = [Partition::Aws, Partition::AwsCn, Partition::AwsUsGov];
}

/// Which endpoint variants botocore lists for a region (`tags: ["fips"]`, `["dualstack"]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownRegion {
    pub name: &'static str,
    pub description: &'static str,
    pub fips: bool,
    pub dual_stack: bool,
    /// An opt-in region (launched after March 2019): an account must enable it first, and until
    /// then its endpoints answer `UnrecognizedClientException`.
    pub opt_in: bool,
}

const fn r(name: &'static str, description: &'static str) -> KnownRegion {
    KnownRegion {
        name,
        description,
        fips: false,
        dual_stack: false,
        opt_in: false,
    }
}

/// An opt-in region.
const fn o(name: &'static str, description: &'static str) -> KnownRegion {
    KnownRegion {
        opt_in: true,
        ..r(name, description)
    }
}

const fn r_v(
    name: &'static str,
    description: &'static str,
    fips: bool,
    dual_stack: bool,
) -> KnownRegion {
    KnownRegion {
        name,
        description,
        fips,
        dual_stack,
        opt_in: false,
    }
}

/// Every region where EMR has an endpoint (botocore endpoints.json), in display order.
pub const KNOWN_REGIONS: &[KnownRegion] = &[
    r_v("us-east-1", "US East (N. Virginia)", true, false),
    r_v("us-east-2", "US East (Ohio)", true, true),
    r_v("us-west-1", "US West (N. California)", true, false),
    r_v("us-west-2", "US West (Oregon)", true, false),
    o("af-south-1", "Africa (Cape Town)"),
    o("ap-east-1", "Asia Pacific (Hong Kong)"),
    o("ap-east-2", "Asia Pacific (Taipei)"),
    r("ap-northeast-1", "Asia Pacific (Tokyo)"),
    r("ap-northeast-2", "Asia Pacific (Seoul)"),
    r("ap-northeast-3", "Asia Pacific (Osaka)"),
    r("ap-south-1", "Asia Pacific (Mumbai)"),
    o("ap-south-2", "Asia Pacific (Hyderabad)"),
    r("ap-southeast-1", "Asia Pacific (Singapore)"),
    r("ap-southeast-2", "Asia Pacific (Sydney)"),
    o("ap-southeast-3", "Asia Pacific (Jakarta)"),
    o("ap-southeast-4", "Asia Pacific (Melbourne)"),
    o("ap-southeast-5", "Asia Pacific (Malaysia)"),
    o("ap-southeast-6", "Asia Pacific (New Zealand)"),
    o("ap-southeast-7", "Asia Pacific (Thailand)"),
    r_v("ca-central-1", "Canada (Central)", true, false),
    KnownRegion {
        opt_in: true,
        ..r_v("ca-west-1", "Canada West (Calgary)", true, false)
    },
    r("eu-central-1", "Europe (Frankfurt)"),
    o("eu-central-2", "Europe (Zurich)"),
    r("eu-north-1", "Europe (Stockholm)"),
    o("eu-south-1", "Europe (Milan)"),
    o("eu-south-2", "Europe (Spain)"),
    r("eu-west-1", "Europe (Ireland)"),
    r("eu-west-2", "Europe (London)"),
    r("eu-west-3", "Europe (Paris)"),
    o("il-central-1", "Israel (Tel Aviv)"),
    o("me-central-1", "Middle East (UAE)"),
    o("me-south-1", "Middle East (Bahrain)"),
    o("mx-central-1", "Mexico (Central)"),
    r("sa-east-1", "South America (São Paulo)"),
    r_v("cn-north-1", "China (Beijing)", false, true),
    r_v("cn-northwest-1", "China (Ningxia)", false, true),
    r_v("us-gov-east-1", "AWS GovCloud (US-East)", true, true),
    r_v("us-gov-west-1", "AWS GovCloud (US-West)", true, true),
];

impl Partition {
    /// The regions this build knows in this partition, in display order.
    pub fn known_regions(self) -> impl Iterator<Item = &'static KnownRegion> {
        KNOWN_REGIONS
            .iter()
            .filter(move |k| Region::parse(k.name).is_ok_and(|r| r.partition() == self))
    }
}

/// A validated region name in one of the supported partitions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Region {
    name: String,
    partition: Partition,
}

/// Why a region name was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionError {
    Empty,
    Malformed(String),
    UnsupportedPartition(String),
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionError::Empty => f.write_str("Choose a region."),
            RegionError::Malformed(v) => write!(
                f,
                "“{}” is not an AWS region name (expected something like us-east-1).",
                crate::format::shorten(v, 40)
            ),
            RegionError::UnsupportedPartition(v) => write!(
                f,
                "{v} is in a partition this console does not support (only aws, aws-cn and aws-us-gov)."
            ),
        }
    }
}

impl std::error::Error for RegionError {}

impl Region {
    /// Accepts any well-formed region of a supported partition, so regions AWS opens after this
    /// build still work; the dropdown offers [`KNOWN_REGIONS`].
    pub fn parse(input: &str) -> Result<Region, RegionError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(RegionError::Empty);
        }
        if !is_region_syntax(name) {
            return Err(RegionError::Malformed(name.to_string()));
        }
        let partition = if name.starts_with("cn-") {
            Partition::AwsCn
        } else if name.starts_with("us-gov-") {
            Partition::AwsUsGov
        } else if name.starts_with("us-iso") || name.contains("-iso") || name.starts_with("eusc-") {
            return Err(RegionError::UnsupportedPartition(name.to_string()));
        } else {
            Partition::Aws
        };
        Ok(Region {
            name: name.to_string(),
            partition,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn partition(&self) -> Partition {
        self.partition
    }

    /// The botocore listing for this region, if it is one we know.
    pub fn known(&self) -> Option<&'static KnownRegion> {
        KNOWN_REGIONS.iter().find(|k| k.name == self.name)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// `xx(-word)+-N`: lowercase words, a final number; nothing that could carry a dot, slash or port.
fn is_region_syntax(s: &str) -> bool {
    if s.len() > 32 {
        return false;
    }
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() < 3 {
        return false;
    }
    let (last, words) = parts.split_last().expect("at least three parts");
    let number_ok = !last.is_empty() && last.len() <= 2 && last.bytes().all(|b| b.is_ascii_digit());
    let words_ok = words
        .iter()
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    number_ok && words_ok && words[0].len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_follow_the_prefix() {
        assert_eq!(
            Region::parse("us-east-1").unwrap().partition(),
            Partition::Aws
        );
        assert_eq!(
            Region::parse("cn-northwest-1").unwrap().partition(),
            Partition::AwsCn
        );
        assert_eq!(
            Region::parse("us-gov-west-1").unwrap().partition(),
            Partition::AwsUsGov
        );
    }

    #[test]
    fn every_known_region_parses_and_is_found() {
        for k in KNOWN_REGIONS {
            let r = Region::parse(k.name).unwrap();
            assert_eq!(r.known().unwrap().name, k.name);
        }
        assert_eq!(KNOWN_REGIONS.len(), 38);
    }

    #[test]
    fn opt_in_regions_and_partitions() {
        let opt_in: Vec<_> = KNOWN_REGIONS
            .iter()
            .filter(|k| k.opt_in)
            .map(|k| k.name)
            .collect();
        assert_eq!(opt_in.len(), 17);
        assert!(opt_in.contains(&"af-south-1") && opt_in.contains(&"ca-west-1"));
        assert!(!opt_in.contains(&"us-east-1") && !opt_in.contains(&"ap-northeast-3"));
        assert_eq!(Partition::Aws.known_regions().count(), 34);
        assert_eq!(Partition::AwsCn.known_regions().count(), 2);
        assert_eq!(Partition::AwsUsGov.known_regions().count(), 2);
    }

    #[test]
    fn future_regions_are_accepted() {
        let r = Region::parse("ap-southeast-9").unwrap();
        assert!(r.known().is_none());
    }

    #[test]
    fn input_that_could_steer_the_host_is_refused() {
        for bad in [
            "us-east-1.evil.com",
            "evil.com/",
            "us-east-1:443",
            "US-EAST-1",
            "us-east-",
            "us--1",
            "useast1",
            "us-east-1 ",
            "us-east-1#",
            "us-east-1/..",
            "x-east-1",
            "us-east-123",
            "ünïcode-east-1",
        ] {
            // Surrounding whitespace is trimmed, so "us-east-1 " is the one that passes.
            if bad == "us-east-1 " {
                assert!(Region::parse(bad).is_ok());
                continue;
            }
            assert!(
                matches!(Region::parse(bad), Err(RegionError::Malformed(_))),
                "{bad} should be refused"
            );
        }
        assert_eq!(Region::parse("  "), Err(RegionError::Empty));
    }

    #[test]
    fn unsupported_partitions_are_named() {
        for iso in [
            "us-iso-east-1",
            "us-isob-east-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
        ] {
            assert!(matches!(
                Region::parse(iso),
                Err(RegionError::UnsupportedPartition(_))
            ));
        }
    }
}
