//! The connection panel as data (credentials, region, endpoint, and the execution to open): what the user typed → a validated session and id, or a list of
//! specific problems (per field). Nothing is signed unless everything here passes — in particular
//! nothing is signed with credentials known to have expired.

use crate::aws::credentials::{Credentials, CredentialsError, KeyKind};
use crate::aws::endpoint::{self, Endpoint, EndpointError, EndpointOptions};
use crate::aws::paste::{self, PasteError, PasteFormat};
use crate::aws::region::Region;
use crate::emr::model::NotebookExecutionId;
use crate::format::EpochMs;
use crate::route::Place;

/// The form's raw values, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnectionForm {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub region: String,
    pub endpoint_url: String,
    pub fips: bool,
    pub dual_stack: bool,
    pub execution_id: String,
    /// When the credentials expire (from a paste), epoch milliseconds.
    pub expires_at_ms: Option<EpochMs>,
    /// AWS said `ExpiredTokenException` for these credentials.
    pub rejected_as_expired: bool,
    /// The Endpoint URL arrived with a link, not typed here, and the user has not confirmed it:
    /// nothing is signed for it until they do.
    pub endpoint_unconfirmed: bool,
}

/// What "Remember credentials in this tab" keeps in sessionStorage (and nothing else).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RememberedCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expires_at_ms: Option<EpochMs>,
}

impl std::fmt::Debug for RememberedCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RememberedCredentials(<redacted>)")
    }
}

/// Where the credentials stand in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// No expiration known (typed by hand, or long-term).
    Unknown,
    Valid {
        remaining_ms: i64,
    },
    /// In the last five minutes.
    Soon {
        remaining_ms: i64,
    },
    Expired,
}

/// The last stretch in which the page warns that credentials are about to expire.
pub const EXPIRY_WARNING_MS: i64 = 5 * 60_000;

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
    fn with_expiry(mut self, expires_at_ms: Option<EpochMs>) -> Session {
        self.credentials = self.credentials.with_expiry(expires_at_ms);
        self
    }

    /// A long-term key works but deserves a visible warning.
    pub fn warning(&self) -> Option<&'static str> {
        (self.credentials.kind() == KeyKind::LongTerm).then_some(
            "This is a long-term access key (AKIA…). It works, but if it leaks it stays valid until someone deletes it; prefer temporary credentials (ASIA… with a session token).",
        )
    }
}

impl ConnectionForm {
    pub fn expiry(&self, now_ms: EpochMs) -> Expiry {
        if self.rejected_as_expired {
            return Expiry::Expired;
        }
        match self.expires_at_ms {
            None => Expiry::Unknown,
            Some(at) if at <= now_ms => Expiry::Expired,
            Some(at) if at - now_ms <= EXPIRY_WARNING_MS => Expiry::Soon {
                remaining_ms: at - now_ms,
            },
            Some(at) => Expiry::Valid {
                remaining_ms: at - now_ms,
            },
        }
    }

    /// Fills the three credential fields and the expiry from pasted text; says what it recognised.
    pub fn apply_paste(&mut self, text: &str) -> Result<PasteFormat, PasteError> {
        let p = paste::parse(text)?;
        self.access_key_id = p.access_key_id;
        self.secret_access_key = p.secret_access_key;
        self.session_token = p.session_token.unwrap_or_default();
        self.expires_at_ms = p.expires_at_ms;
        self.rejected_as_expired = false;
        Ok(p.format)
    }

    pub fn remembered(&self) -> RememberedCredentials {
        RememberedCredentials {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: self.session_token.clone(),
            expires_at_ms: self.expires_at_ms,
        }
    }

    pub fn recall(&mut self, r: RememberedCredentials) {
        self.access_key_id = r.access_key_id;
        self.secret_access_key = r.secret_access_key;
        self.session_token = r.session_token;
        self.expires_at_ms = r.expires_at_ms;
        self.rejected_as_expired = false;
    }

    pub fn has_credentials(&self) -> bool {
        !self.access_key_id.trim().is_empty() && !self.secret_access_key.trim().is_empty()
    }

    /// Typing into a credential field starts a new set: the old expiry no longer applies.
    pub fn credentials_edited(&mut self) {
        self.expires_at_ms = None;
        self.rejected_as_expired = false;
    }

    /// Forget credentials: clears the three fields and everything known about them.
    pub fn forget_credentials(&mut self) {
        self.access_key_id.clear();
        self.secret_access_key.clear();
        self.session_token.clear();
        self.credentials_edited();
    }

    /// Where the form points, for the URL fragment (never credentials).
    pub fn place(&self) -> Place {
        Place {
            region: Some(self.region.trim().to_string()),
            endpoint: self.endpoint_url.trim().to_string(),
            fips: self.fips,
            dual_stack: self.dual_stack,
        }
    }

    /// Points the form where a link says; a link without a region keeps the form's.
    pub fn apply_place(&mut self, place: &Place) {
        if let Some(r) = &place.region {
            self.region = r.clone();
        }
        self.endpoint_url = place.endpoint.clone();
        self.fips = place.fips;
        self.dual_stack = place.dual_stack;
    }

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
        .map_err(|e| push(credential_field(&e), e.to_string()))
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
        if self.endpoint_unconfirmed && !self.endpoint_url.trim().is_empty() {
            push(Field::EndpointUrl, "The Endpoint URL came with the link you opened: confirm it (Use this endpoint) or refuse it; nothing is signed for it until then.".to_string());
        }
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

    /// The session for actions that need no id (listing), refused when the credentials have
    /// expired.
    pub fn session_at(&self, now_ms: EpochMs) -> Result<Session, Vec<Problem>> {
        let expired = self.expiry(now_ms) == Expiry::Expired;
        match self.session() {
            Ok(s) if !expired => Ok(s.with_expiry(self.expires_at_ms)),
            Ok(_) => Err(vec![expired_problem()]),
            Err(mut problems) => {
                if expired {
                    problems.insert(0, expired_problem());
                }
                Err(problems)
            }
        }
    }

    /// The credentials alone (for a refresh or a download of what is on screen), refused when
    /// they have expired.
    pub fn credentials_at(&self, now_ms: EpochMs) -> Result<Credentials, Vec<Problem>> {
        if self.expiry(now_ms) == Expiry::Expired {
            return Err(vec![expired_problem()]);
        }
        Credentials::new(
            &self.access_key_id,
            &self.secret_access_key,
            &self.session_token,
        )
        .map(|c| c.with_expiry(self.expires_at_ms))
        .map_err(|e| {
            vec![Problem {
                field: credential_field(&e),
                message: e.to_string(),
            }]
        })
    }

    /// Session and execution id, or every problem at once. Expired credentials are refused here,
    /// before anything is signed.
    pub fn validate(
        &self,
        now_ms: EpochMs,
    ) -> Result<(Session, NotebookExecutionId), Vec<Problem>> {
        // A bare ID, an ARN or a link (the UI applies an ARN's region before this).
        let id = crate::emr::locate::locate(&self.execution_id).map(|l| l.id);
        let expired = self.expiry(now_ms) == Expiry::Expired;
        match (self.session(), id) {
            (Ok(s), Ok(id)) if !expired => Ok((s.with_expiry(self.expires_at_ms), id)),
            (session, id) => {
                let mut problems = session.err().unwrap_or_default();
                if expired {
                    problems.insert(0, expired_problem());
                }
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

fn credential_field(e: &CredentialsError) -> Field {
    match e {
        CredentialsError::MissingAccessKeyId | CredentialsError::MalformedAccessKeyId => {
            Field::AccessKeyId
        }
        CredentialsError::MissingSecret | CredentialsError::MalformedSecret => {
            Field::SecretAccessKey
        }
        CredentialsError::MalformedSessionToken | CredentialsError::TemporaryWithoutToken => {
            Field::SessionToken
        }
    }
}

fn expired_problem() -> Problem {
    Problem {
        field: Field::SessionToken,
        message: "These credentials have expired. Paste fresh ones (region, endpoint and ID stay as they are).".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ConnectionForm {
        ConnectionForm {
            access_key_id: "ASIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            session_token: "IQoJb3JpZ2luX2VjEXAMPLE".into(),
            region: "eu-west-1".into(),
            endpoint_url: String::new(),
            fips: false,
            dual_stack: false,
            execution_id: " ex-J02QDLG4TWXSNWLO4OGZ9NNX609MV\n".into(),
            expires_at_ms: None,
            rejected_as_expired: false,
            endpoint_unconfirmed: false,
        }
    }

    #[test]
    fn a_good_form_validates() {
        let (s, id) = good().validate(0).unwrap();
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
        let form = ConnectionForm {
            session_token: String::new(),
            endpoint_url: "http://evil.example".into(),
            execution_id: "  ".into(),
            ..good()
        };
        let problems = form.validate(0).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [Field::SessionToken, Field::EndpointUrl, Field::ExecutionId]
        );
        // Nothing typed is echoed back when it is a secret.
        let form = ConnectionForm {
            secret_access_key: "top secret value".into(),
            ..good()
        };
        let problems = form.validate(0).unwrap_err();
        assert!(problems.iter().all(|p| !p.message.contains("top secret")));
    }

    #[test]
    fn override_is_kept_and_long_term_keys_warn() {
        let form = ConnectionForm {
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            session_token: String::new(),
            endpoint_url: "http://127.0.0.1:9100/".into(),
            ..good()
        };
        let (s, _) = form.validate(0).unwrap();
        assert_eq!(
            s.endpoint_override.as_ref().unwrap().url(),
            "http://127.0.0.1:9100/"
        );
        assert!(s.warning().unwrap().contains("long-term"));
    }

    #[test]
    fn region_problems() {
        let form = ConnectionForm {
            region: "us-east-1.evil.com".into(),
            ..good()
        };
        assert_eq!(form.validate(0).unwrap_err()[0].field, Field::Region);
        let form = ConnectionForm {
            fips: true,
            ..good()
        };
        let p = form.validate(0).unwrap_err();
        assert_eq!(p[0].field, Field::Region);
        assert!(p[0].message.contains("FIPS"));
        assert!(form.endpoint().is_err());
    }

    #[test]
    fn expiry_states_and_refusal() {
        let mut form = good();
        assert_eq!(form.expiry(1_000), Expiry::Unknown);
        form.expires_at_ms = Some(1_000_000);
        assert_eq!(
            form.expiry(0),
            Expiry::Valid {
                remaining_ms: 1_000_000
            }
        );
        assert_eq!(
            form.expiry(1_000_000 - 60_000),
            Expiry::Soon {
                remaining_ms: 60_000
            }
        );
        assert_eq!(form.expiry(1_000_000), Expiry::Expired);
        let (s, _) = form.validate(10).unwrap();
        assert_eq!(s.credentials.expires_at_ms(), Some(1_000_000));
        let problems = form.validate(1_000_000).unwrap_err();
        assert!(problems[0].message.contains("expired"));
        assert!(form.credentials_at(1_000_000).is_err());
        assert_eq!(
            form.credentials_at(10).unwrap().expires_at_ms(),
            Some(1_000_000)
        );
        form.expires_at_ms = None;
        form.rejected_as_expired = true;
        assert_eq!(form.expiry(0), Expiry::Expired);
        assert!(form.validate(0).is_err());
        form.credentials_edited();
        assert!(form.validate(0).is_ok());
    }

    #[test]
    fn an_endpoint_from_a_link_signs_nothing_until_confirmed() {
        let mut form = ConnectionForm {
            endpoint_url: "http://127.0.0.1:9100".into(),
            endpoint_unconfirmed: true,
            ..good()
        };
        let p = form.validate(0).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, Field::EndpointUrl);
        assert!(p[0].message.contains("came with the link you opened"));
        assert!(form.session_at(0).is_err());
        form.endpoint_unconfirmed = false;
        assert!(form.validate(0).is_ok());
        // Without an endpoint there is nothing to confirm.
        let form = ConnectionForm {
            endpoint_unconfirmed: true,
            ..good()
        };
        assert!(form.validate(0).is_ok());
    }

    #[test]
    fn the_id_may_be_an_arn_or_a_link() {
        let form = ConnectionForm {
            execution_id:
                "arn:aws:elasticmapreduce:eu-west-1:111122223333:notebook-execution/ex-ARN1".into(),
            ..good()
        };
        assert_eq!(form.validate(0).unwrap().1.as_str(), "ex-ARN1");
        let form = ConnectionForm {
            execution_id: "arn:aws:s3:::bucket".into(),
            ..good()
        };
        assert!(form.validate(0).unwrap_err()[0]
            .message
            .contains("ARN of s3"));
    }

    #[test]
    fn a_session_without_an_id() {
        let mut form = ConnectionForm {
            execution_id: String::new(),
            ..good()
        };
        assert!(form.validate(0).is_err());
        assert_eq!(form.session_at(0).unwrap().region.name(), "eu-west-1");
        form.expires_at_ms = Some(10);
        assert!(form.session_at(10).unwrap_err()[0]
            .message
            .contains("expired"));
        assert_eq!(
            form.session_at(5).unwrap().credentials.expires_at_ms(),
            Some(10)
        );
        form.region = "nowhere".into();
        let p = form.session_at(10).unwrap_err();
        assert_eq!(
            p.iter().map(|p| p.field).collect::<Vec<_>>(),
            [Field::SessionToken, Field::Region]
        );
    }

    #[test]
    fn paste_fills_and_forget_clears() {
        let mut form = ConnectionForm {
            region: "eu-west-1".into(),
            execution_id: "ex-1".into(),
            ..Default::default()
        };
        let text = "export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=s/e+c\nexport AWS_SESSION_TOKEN=tok\nexport AWS_CREDENTIAL_EXPIRATION=2026-01-02T03:04:05Z";
        assert_eq!(form.apply_paste(text), Ok(PasteFormat::ShellExport));
        assert_eq!(
            (
                form.access_key_id.as_str(),
                form.secret_access_key.as_str(),
                form.session_token.as_str()
            ),
            ("ASIAIOSFODNN7EXAMPLE", "s/e+c", "tok")
        );
        assert_eq!(form.expires_at_ms, Some(1_767_323_045_000));
        assert!(form.apply_paste("nonsense").is_err());
        assert_eq!(
            form.access_key_id, "ASIAIOSFODNN7EXAMPLE",
            "a failed paste changes nothing"
        );
        form.forget_credentials();
        assert_eq!(
            form,
            ConnectionForm {
                region: "eu-west-1".into(),
                execution_id: "ex-1".into(),
                ..Default::default()
            }
        );
    }

    #[test]
    fn place_round_trip_carries_no_credentials() {
        let form = ConnectionForm {
            endpoint_url: " http://127.0.0.1:9100 ".into(),
            dual_stack: true,
            ..good()
        };
        let place = form.place();
        assert_eq!(place.endpoint, "http://127.0.0.1:9100");
        let printed = crate::route::Route {
            place: place.clone(),
            view: Default::default(),
        }
        .to_fragment();
        assert!(
            !printed.contains("ASIA") && !printed.contains("wJalr") && !printed.contains("IQoJ")
        );
        let mut back = ConnectionForm::default();
        back.apply_place(&place);
        assert_eq!(
            (
                back.region.as_str(),
                back.endpoint_url.as_str(),
                back.dual_stack
            ),
            ("eu-west-1", "http://127.0.0.1:9100", true)
        );
        assert!(back.secret_access_key.is_empty());
        back.apply_place(&Place {
            region: None,
            ..Default::default()
        });
        assert_eq!(
            (back.region.as_str(), back.endpoint_url.as_str()),
            ("eu-west-1", "")
        );
    }
}
