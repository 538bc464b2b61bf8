//! The Describe form as data: what the user typed → a validated session and id, or a list of
//! specific problems (per field). Nothing is signed unless everything here passes.

use crate::aws::credentials::{Credentials, CredentialsError, KeyKind};
use crate::aws::endpoint::{self, Endpoint, EndpointError, EndpointOptions};
use crate::aws::region::Region;
use crate::emr::model::NotebookExecutionId;

/// The form's raw values, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DescribeForm {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub region: String,
    pub endpoint_url: String,
    pub fips: bool,
    pub dual_stack: bool,
    pub execution_id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
    Region,
    EndpointUrl,
    ExecutionId,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
}

/// Everything needed to call EMR as this user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub credentials: Credentials,
    pub region: Region,
    /// Where requests go (and what `host` is signed).
    pub endpoint: Endpoint,
    /// The user's override, if any (S3 downloads then go path-style to the same place).
    pub endpoint_override: Option<Endpoint>,
}

impl Session {
    /// A long-term key works but deserves a visible warning.
    pub fn warning(&self) -> Option<&'static str> {
        (self.credentials.kind() == KeyKind::LongTerm).then_some(
            "This is a long-term access key (AKIA…). It works, but if it leaks it stays valid until someone deletes it; prefer temporary credentials (ASIA… with a session token).",
        )
    }
}

impl DescribeForm {
    /// The endpoint the form currently points at, for display ("Requests go to …").
    pub fn endpoint(&self) -> Result<Endpoint, String> {
        let region = Region::parse(&self.region).map_err(|e| e.to_string())?;
        endpoint::resolve(&region, self.options(), Some(&self.endpoint_url))
            .map_err(|e| e.to_string())
    }

    fn options(&self) -> EndpointOptions {
        EndpointOptions {
            fips: self.fips,
            dual_stack: self.dual_stack,
        }
    }

    /// The session alone (for actions that need no id).
    pub fn session(&self) -> Result<Session, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut push = |field, message: String| problems.push(Problem { field, message });
        let credentials = Credentials::new(
            &self.access_key_id,
            &self.secret_access_key,
            &self.session_token,
        )
        .map_err(|e| {
            let field = match e {
                CredentialsError::MissingAccessKeyId | CredentialsError::MalformedAccessKeyId => {
                    Field::AccessKeyId
                }
                CredentialsError::MissingSecret | CredentialsError::MalformedSecret => {
                    Field::SecretAccessKey
                }
                CredentialsError::MalformedSessionToken
                | CredentialsError::TemporaryWithoutToken => Field::SessionToken,
            };
            push(field, e.to_string());
        })
        .ok();
        let region = Region::parse(&self.region)
            .map_err(|e| push(Field::Region, e.to_string()))
            .ok();
        let endpoint = region.as_ref().and_then(|r| {
            endpoint::resolve(r, self.options(), Some(&self.endpoint_url))
                .map_err(|e| {
                    let field = match e {
                        EndpointError::Override(_) | EndpointError::VariantWithOverride => {
                            Field::EndpointUrl
                        }
                        _ => Field::Region,
                    };
                    push(field, e.to_string())
                })
                .ok()
        });
        let endpoint_override = if self.endpoint_url.trim().is_empty() {
            None
        } else {
            endpoint.clone()
        };
        match (credentials, region, endpoint) {
            (Some(credentials), Some(region), Some(endpoint)) if problems.is_empty() => {
                Ok(Session {
                    credentials,
                    region,
                    endpoint,
                    endpoint_override,
                })
            }
            _ => Err(problems),
        }
    }

    /// Session and execution id, or every problem at once.
    pub fn validate(&self) -> Result<(Session, NotebookExecutionId), Vec<Problem>> {
        let id = NotebookExecutionId::parse(&self.execution_id);
        match (self.session(), id) {
            (Ok(s), Ok(id)) => Ok((s, id)),
            (session, id) => {
                let mut problems = session.err().unwrap_or_default();
                if let Err(e) = id {
                    problems.push(Problem {
                        field: Field::ExecutionId,
                        message: e.to_string(),
                    });
                }
                Err(problems)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> DescribeForm {
        DescribeForm {
            access_key_id: "ASIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            session_token: "IQoJb3JpZ2luX2VjEXAMPLE".into(),
            region: "eu-west-1".into(),
            endpoint_url: String::new(),
            fips: false,
            dual_stack: false,
            execution_id: " ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV\n".into(),
        }
    }

    #[test]
    fn a_good_form_validates() {
        let (s, id) = good().validate().unwrap();
        assert_eq!(id.as_str(), "ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV");
        assert_eq!(
            s.endpoint.url(),
            "https://elasticmapreduce.eu-west-1.amazonaws.com/"
        );
        assert_eq!(s.endpoint_override, None);
        assert_eq!(s.warning(), None);
    }

    #[test]
    fn all_problems_are_reported_with_their_fields() {
        let form = DescribeForm {
            session_token: String::new(),
            endpoint_url: "http://evil.example".into(),
            execution_id: "  ".into(),
            ..good()
        };
        let problems = form.validate().unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [Field::SessionToken, Field::EndpointUrl, Field::ExecutionId]
        );
        // Nothing typed is echoed back when it is a secret.
        let form = DescribeForm {
            secret_access_key: "top secret value".into(),
            ..good()
        };
        let problems = form.validate().unwrap_err();
        assert!(problems.iter().all(|p| !p.message.contains("top secret")));
    }

    #[test]
    fn override_is_kept_and_long_term_keys_warn() {
        let form = DescribeForm {
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            session_token: String::new(),
            endpoint_url: "http://127.0.0.1:9100/".into(),
            ..good()
        };
        let (s, _) = form.validate().unwrap();
        assert_eq!(
            s.endpoint_override.as_ref().unwrap().url(),
            "http://127.0.0.1:9100/"
        );
        assert!(s.warning().unwrap().contains("long-term"));
    }

    #[test]
    fn region_problems() {
        let form = DescribeForm {
            region: "us-east-1.evil.com".into(),
            ..good()
        };
        assert_eq!(form.validate().unwrap_err()[0].field, Field::Region);
        let form = DescribeForm {
            fips: true,
            ..good()
        };
        let p = form.validate().unwrap_err();
        assert_eq!(p[0].field, Field::Region);
        assert!(p[0].message.contains("FIPS"));
        assert!(form.endpoint().is_err());
    }
}
