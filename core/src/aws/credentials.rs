//! The user's AWS credentials, validated before anything is signed.
//!
//! Secrets are wrapped so that `Debug` and error messages can never print them; the only way to
//! read one is the explicit `expose()` used by the signer.

use std::fmt;

/// A secret string whose `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the signer and the form field that owns it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// What an access key id's prefix says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// `ASIA…`: temporary (STS); needs its session token.
    Temporary,
    /// `AKIA…`: a long-term IAM user key; works, but is riskier to paste into a page.
    LongTerm,
    /// Any other prefix (emulators, future formats).
    Other,
}

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: Secret,
    session_token: Option<Secret>,
    /// When STS says they expire, in epoch milliseconds.
    expires_at_ms: Option<i64>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &redact_key_id(&self.access_key_id))
            .field("secret_access_key", &self.secret_access_key)
            .field("session_token", &self.session_token)
            .field("expires_at_ms", &self.expires_at_ms)
            .finish()
    }
}

/// Shows the 4-letter prefix only: enough to tell ASIA from AKIA in a bug report.
pub fn redact_key_id(id: &str) -> String {
    let prefix: String = id.chars().take(4).collect();
    format!("{prefix}…")
}

/// Why credentials were refused. No variant carries a secret value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialsError {
    MissingAccessKeyId,
    MalformedAccessKeyId,
    MissingSecret,
    MalformedSecret,
    MalformedSessionToken,
    TemporaryWithoutToken,
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CredentialsError::MissingAccessKeyId => "Enter an access key ID.",
            CredentialsError::MalformedAccessKeyId => {
                "The access key ID should be 16 to 128 upper-case letters and digits (like ASIA… or AKIA…)."
            }
            CredentialsError::MissingSecret => "Enter the secret access key.",
            CredentialsError::MalformedSecret => {
                "The secret access key contains spaces or characters a key never has; copy it again."
            }
            CredentialsError::MalformedSessionToken => {
                "The session token contains spaces or characters a token never has; copy it again in one piece."
            }
            CredentialsError::TemporaryWithoutToken => {
                "This access key ID starts with ASIA, so it is temporary and only works together with its session token. Paste the session token that was issued with it."
            }
        })
    }
}

impl std::error::Error for CredentialsError {}

/// Removes what copying from a terminal, JSON or a shell script leaves around a value.
pub fn clean_value(raw: &str) -> &str {
    let mut v = raw.trim();
    if let Some(stripped) = v.strip_suffix(',') {
        v = stripped.trim_end();
    }
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            v = v[1..v.len() - 1].trim();
        }
    }
    v
}

impl Credentials {
    /// Validates the three form values (cleaned of whitespace and quotes).
    pub fn new(
        access_key_id: &str,
        secret_access_key: &str,
        session_token: &str,
    ) -> Result<Credentials, CredentialsError> {
        let id = clean_value(access_key_id);
        let secret = clean_value(secret_access_key);
        let token = clean_value(session_token);
        if id.is_empty() {
            return Err(CredentialsError::MissingAccessKeyId);
        }
        if !(16..=128).contains(&id.len())
            || !id
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(CredentialsError::MalformedAccessKeyId);
        }
        if secret.is_empty() {
            return Err(CredentialsError::MissingSecret);
        }
        if !is_visible_ascii(secret) {
            return Err(CredentialsError::MalformedSecret);
        }
        if !token.is_empty() && !is_visible_ascii(token) {
            return Err(CredentialsError::MalformedSessionToken);
        }
        if token.is_empty() && key_kind(id) == KeyKind::Temporary {
            return Err(CredentialsError::TemporaryWithoutToken);
        }
        Ok(Credentials {
            access_key_id: id.to_string(),
            secret_access_key: Secret::new(secret),
            session_token: (!token.is_empty()).then(|| Secret::new(token)),
            expires_at_ms: None,
        })
    }

    pub fn with_expiry(mut self, expires_at_ms: Option<i64>) -> Credentials {
        self.expires_at_ms = expires_at_ms;
        self
    }

    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn secret_access_key(&self) -> &Secret {
        &self.secret_access_key
    }

    pub fn session_token(&self) -> Option<&Secret> {
        self.session_token.as_ref()
    }

    pub fn expires_at_ms(&self) -> Option<i64> {
        self.expires_at_ms
    }

    pub fn kind(&self) -> KeyKind {
        key_kind(&self.access_key_id)
    }

    pub fn is_expired_at(&self, now_ms: i64) -> bool {
        self.expires_at_ms.is_some_and(|e| e <= now_ms)
    }
}

pub fn key_kind(access_key_id: &str) -> KeyKind {
    if access_key_id.starts_with("ASIA") {
        KeyKind::Temporary
    } else if access_key_id.starts_with("AKIA") {
        KeyKind::LongTerm
    } else {
        KeyKind::Other
    }
}

fn is_visible_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "ASIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE/+=";

    #[test]
    fn cleans_quotes_whitespace_and_commas() {
        let c = Credentials::new(
            &format!("  \"{ID}\",\n"),
            &format!("'{SECRET}'"),
            &format!("\n{TOKEN}\t"),
        )
        .unwrap();
        assert_eq!(c.access_key_id(), ID);
        assert_eq!(c.secret_access_key().expose(), SECRET);
        assert_eq!(c.session_token().unwrap().expose(), TOKEN);
        assert_eq!(c.kind(), KeyKind::Temporary);
    }

    #[test]
    fn temporary_key_needs_its_token() {
        assert_eq!(
            Credentials::new(ID, SECRET, "  "),
            Err(CredentialsError::TemporaryWithoutToken)
        );
    }

    #[test]
    fn long_term_key_works_without_token() {
        let c = Credentials::new("AKIAIOSFODNN7EXAMPLE", SECRET, "").unwrap();
        assert_eq!(c.kind(), KeyKind::LongTerm);
        assert!(c.session_token().is_none());
    }

    #[test]
    fn refusals_are_specific() {
        assert_eq!(
            Credentials::new("", SECRET, TOKEN),
            Err(CredentialsError::MissingAccessKeyId)
        );
        assert_eq!(
            Credentials::new("asia-lower", SECRET, TOKEN),
            Err(CredentialsError::MalformedAccessKeyId)
        );
        assert_eq!(
            Credentials::new(ID, "", TOKEN),
            Err(CredentialsError::MissingSecret)
        );
        assert_eq!(
            Credentials::new(ID, "has space inside", TOKEN),
            Err(CredentialsError::MalformedSecret)
        );
        assert_eq!(
            Credentials::new(ID, SECRET, "tok en"),
            Err(CredentialsError::MalformedSessionToken)
        );
        assert_eq!(
            Credentials::new(ID, SECRET, "tökén"),
            Err(CredentialsError::MalformedSessionToken)
        );
    }

    #[test]
    fn debug_and_errors_never_show_secrets() {
        let c = Credentials::new(ID, SECRET, TOKEN).unwrap();
        let dbg = format!("{c:?}");
        assert!(
            !dbg.contains(SECRET) && !dbg.contains(TOKEN) && !dbg.contains(ID),
            "{dbg}"
        );
        assert!(dbg.contains("ASIA…"));
        for e in [
            Credentials::new(ID, "bad secret", TOKEN).unwrap_err(),
            Credentials::new(ID, SECRET, "bad token").unwrap_err(),
        ] {
            let m = e.to_string();
            assert!(!m.contains("bad"), "{m}");
        }
    }

    #[test]
    fn expiry() {
        let c = Credentials::new(ID, SECRET, TOKEN)
            .unwrap()
            .with_expiry(Some(1_000));
        assert!(!c.is_expired_at(999));
        assert!(c.is_expired_at(1_000));
    }
}
