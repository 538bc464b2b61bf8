//! Whatever the user has for an execution: a bare ID (stray whitespace and quotes allowed), an
//! execution ARN (which also says the region), or a link to this console. Execution IDs do not
//! say their region; ARNs and links do.

use std::fmt;

use super::model::{IdError, NotebookExecutionId};
use crate::aws::region::{Partition, Region};
use crate::route::{Route, View};

/// Where the ID came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Id,
    Arn,
    Link,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub id: NotebookExecutionId,
    /// The region the ARN or link names; a bare ID names none.
    pub region: Option<Region>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocateError {
    Id(IdError),
    /// `arn:…` that is not `arn:partition:service:region:account:resource`.
    MalformedArn,
    UnknownPartition(String),
    /// An ARN of another service (`s3`, `iam`, …).
    WrongService(String),
    /// An EMR ARN of something else (`cluster/j-…`, `editor/e-…`).
    WrongResource(String),
    RegionOutsidePartition {
        region: String,
        partition: String,
    },
    /// A link without an execution in it.
    LinkWithoutId,
}

impl fmt::Display for LocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::format::shorten;
        match self {
            LocateError::Id(e) => e.fmt(f),
            LocateError::MalformedArn => f.write_str("This ARN is incomplete: a notebook execution's ARN looks like arn:aws:elasticmapreduce:us-east-1:111122223333:notebook-execution/ex-…."),
            LocateError::UnknownPartition(p) => write!(f, "“{}” is not a partition this console supports (aws, aws-cn, aws-us-gov).", shorten(p, 30)),
            LocateError::WrongService(s) => write!(f, "This is an ARN of {}, not of an EMR notebook execution (arn:aws:elasticmapreduce:…:notebook-execution/ex-…).", shorten(s, 30)),
            LocateError::WrongResource(r) => write!(f, "This EMR ARN names a {}, not a notebook execution; paste the execution's ARN or its ID (ex-…).", shorten(r, 30)),
            LocateError::RegionOutsidePartition { region, partition } => write!(f, "The ARN's region {} is not in the {} partition it names.", shorten(region, 30), shorten(partition, 20)),
            LocateError::LinkWithoutId => f.write_str("This link opens no execution (it has no id= in it); paste an execution ID, ARN or a link to an execution."),
        }
    }
}

impl std::error::Error for LocateError {}

/// Trims whitespace and the quotes and backticks that come along when an ID is copied from JSON,
/// a shell or a chat message.
fn unwrap_text(input: &str) -> &str {
    let mut t = input.trim();
    loop {
        let before = t;
        t = t.trim_matches(|c: char| {
            matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’') || c.is_whitespace()
        });
        t = t.strip_suffix(',').unwrap_or(t);
        if t == before {
            return t;
        }
    }
}

pub fn locate(input: &str) -> Result<Located, LocateError> {
    let text = unwrap_text(input);
    if text.starts_with("arn:") {
        return from_arn(text);
    }
    if let Some((_, fragment)) = text
        .split_once('#')
        .filter(|_| text.contains("://") || text.starts_with('#'))
    {
        return from_link(fragment);
    }
    if text.starts_with("view=") || text.contains("&id=") {
        return from_link(text);
    }
    let id = NotebookExecutionId::parse(text).map_err(LocateError::Id)?;
    Ok(Located {
        id,
        region: None,
        source: Source::Id,
    })
}

fn from_arn(arn: &str) -> Result<Located, LocateError> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [_, partition, service, region, _account, resource] = parts[..] else {
        return Err(LocateError::MalformedArn);
    };
    let partition_kind = Partition::ALL
        .into_iter()
        .find(|p| p.id() == partition)
        .ok_or_else(|| LocateError::UnknownPartition(partition.to_string()))?;
    if service != "elasticmapreduce" {
        return Err(LocateError::WrongService(service.to_string()));
    }
    let (kind, id) = resource.split_once('/').unwrap_or((resource, ""));
    if !matches!(kind, "notebook-execution" | "editor-execution") {
        let what = if kind.is_empty() { "resource" } else { kind };
        return Err(LocateError::WrongResource(what.to_string()));
    }
    let region = Region::parse(region).map_err(|_| LocateError::MalformedArn)?;
    if region.partition() != partition_kind {
        return Err(LocateError::RegionOutsidePartition {
            region: region.name().to_string(),
            partition: partition.to_string(),
        });
    }
    let id = NotebookExecutionId::parse(id).map_err(LocateError::Id)?;
    Ok(Located {
        id,
        region: Some(region),
        source: Source::Arn,
    })
}

fn from_link(fragment: &str) -> Result<Located, LocateError> {
    let route = Route::parse(fragment);
    let View::Detail { id } = route.view else {
        return Err(LocateError::LinkWithoutId);
    };
    let id = NotebookExecutionId::parse(&id).map_err(LocateError::Id)?;
    let region = route
        .place
        .region
        .as_deref()
        .and_then(|r| Region::parse(r).ok());
    Ok(Located {
        id,
        region,
        source: Source::Link,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> (String, Option<String>, Source) {
        let l = locate(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        (
            l.id.to_string(),
            l.region.map(|r| r.name().to_string()),
            l.source,
        )
    }

    #[test]
    fn bare_ids_lose_their_wrapping() {
        for input in [
            "ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK",
            "  ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK\n",
            "\"ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK\",",
            "'ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK'",
            "`ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK`",
            "“ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK”",
        ] {
            assert_eq!(
                ok(input),
                ("ex-J0F0N7JAB9QDXG7XNYJ8HRPCGBNK".into(), None, Source::Id),
                "{input:?}"
            );
        }
        assert_eq!(locate("  \"\" "), Err(LocateError::Id(IdError::Empty)));
    }

    #[test]
    fn arns_of_every_partition_carry_their_region() {
        assert_eq!(
            ok("arn:aws:elasticmapreduce:eu-west-1:111122223333:notebook-execution/ex-ABC"),
            ("ex-ABC".into(), Some("eu-west-1".into()), Source::Arn)
        );
        assert_eq!(
            ok(" arn:aws:elasticmapreduce:us-east-2:111122223333:editor-execution/ex-DEF "),
            ("ex-DEF".into(), Some("us-east-2".into()), Source::Arn)
        );
        assert_eq!(
            ok("arn:aws-cn:elasticmapreduce:cn-north-1:111122223333:notebook-execution/ex-1")
                .1
                .as_deref(),
            Some("cn-north-1")
        );
        assert_eq!(ok("arn:aws-us-gov:elasticmapreduce:us-gov-west-1:111122223333:notebook-execution/ex-1").1.as_deref(), Some("us-gov-west-1"));
    }

    #[test]
    fn other_arns_are_refused_with_a_reason() {
        let err = |s: &str| locate(s).unwrap_err();
        assert_eq!(
            err("arn:aws:s3:::my-bucket/key"),
            LocateError::WrongService("s3".into())
        );
        assert_eq!(
            err("arn:aws:elasticmapreduce:us-east-1:111122223333:cluster/j-1ABC"),
            LocateError::WrongResource("cluster".into())
        );
        assert_eq!(
            err("arn:aws:elasticmapreduce:us-east-1:111122223333:editor/e-1"),
            LocateError::WrongResource("editor".into())
        );
        assert_eq!(
            err("arn:aws:elasticmapreduce:us-east-1"),
            LocateError::MalformedArn
        );
        assert_eq!(
            err("arn:aws-iso:elasticmapreduce:us-iso-east-1:1:notebook-execution/ex-1"),
            LocateError::UnknownPartition("aws-iso".into())
        );
        assert_eq!(
            err("arn:aws:elasticmapreduce:cn-north-1:1:notebook-execution/ex-1"),
            LocateError::RegionOutsidePartition {
                region: "cn-north-1".into(),
                partition: "aws".into()
            }
        );
        assert_eq!(
            err("arn:aws:elasticmapreduce:us-east-1.evil.com:1:notebook-execution/ex-1"),
            LocateError::MalformedArn
        );
        assert_eq!(
            err("arn:aws:elasticmapreduce:us-east-1:1:notebook-execution/"),
            LocateError::Id(IdError::Empty)
        );
        assert!(err("arn:aws:s3:::b")
            .to_string()
            .contains("ARN of s3, not of an EMR notebook execution"));
        assert!(err("arn:aws:elasticmapreduce:us-east-1:1:cluster/j-1")
            .to_string()
            .contains("names a cluster"));
    }

    #[test]
    fn links_to_this_console() {
        assert_eq!(
            ok("https://console.example.com/tools/emr/#view=detail&region=ap-south-1&id=ex-LINKED"),
            ("ex-LINKED".into(), Some("ap-south-1".into()), Source::Link)
        );
        assert_eq!(
            ok("#region=eu-central-1&id=ex-OLDLINK").1.as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(ok("view=detail&id=ex-X").0, "ex-X");
        // A hostile region in a link is dropped, the id kept.
        assert_eq!(
            ok("http://x/#view=detail&region=us-east-1.evil&id=ex-Y"),
            ("ex-Y".into(), None, Source::Link)
        );
        assert_eq!(
            locate("https://console.example.com/tools/emr/#view=list"),
            Err(LocateError::LinkWithoutId)
        );
    }
}
