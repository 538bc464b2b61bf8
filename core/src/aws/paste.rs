//! "Paste once": recognises credentials in whatever shape the user's tool printed.
//!
//! JSON from `aws sts …` (a `Credentials` object), `aws configure export-credentials` (the
//! credential_process document, `Version: 1`) and `aws sso get-role-credentials` (camelCase,
//! expiration in epoch milliseconds); shell lines (`export`, plain, PowerShell `$Env:`, cmd `set`,
//! fish `set -gx`), quoted or not; INI blocks with or without spaces around `=`; the legacy
//! `AWS_SECURITY_TOKEN`. Errors name what is missing and never echo a value.

use std::fmt;

use serde::Deserialize;

use super::credentials::clean_value;
use crate::format::{parse_iso8601, EpochMs};

/// Which shape was recognised, for the "Recognised: …" message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PasteFormat {
    StsJson,
    ProcessJson,
    SsoJson,
    Json,
    ShellExport,
    EnvLines,
    PowerShell,
    WindowsCmd,
    Fish,
    Ini,
}

impl PasteFormat {
    pub fn describe(self) -> &'static str {
        match self {
            PasteFormat::StsJson => "AWS STS JSON (aws sts get-session-token / assume-role)",
            PasteFormat::ProcessJson => {
                "credential-process JSON (aws configure export-credentials)"
            }
            PasteFormat::SsoJson => "IAM Identity Center JSON (aws sso get-role-credentials)",
            PasteFormat::Json => "JSON with AccessKeyId / SecretAccessKey",
            PasteFormat::ShellExport => "shell export lines",
            PasteFormat::EnvLines => "environment variable lines",
            PasteFormat::PowerShell => "PowerShell $Env: lines",
            PasteFormat::WindowsCmd => "Windows cmd set lines",
            PasteFormat::Fish => "fish set -gx lines",
            PasteFormat::Ini => "credentials file (INI) block",
        }
    }
}

/// Credentials found in a paste (not yet validated: `Credentials::new` does that).
#[derive(Clone, PartialEq, Eq)]
pub struct Pasted {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub expires_at_ms: Option<EpochMs>,
    pub format: PasteFormat,
}

impl fmt::Debug for Pasted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pasted")
            .field(
                "access_key_id",
                &super::credentials::redact_key_id(&self.access_key_id),
            )
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .field("expires_at_ms", &self.expires_at_ms)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteError {
    Empty,
    /// The text looks like JSON but does not parse; carries serde's position message (no content).
    InvalidJson(String),
    /// Nothing that looks like credentials.
    NotRecognized,
    /// Recognised, but these parts are missing.
    Missing {
        format: PasteFormat,
        missing: Vec<&'static str>,
    },
    /// An expiration that is not a date.
    BadExpiration(PasteFormat),
}

impl fmt::Display for PasteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasteError::Empty => f.write_str("Paste the output of aws sts, aws configure export-credentials, or the IAM Identity Center portal."),
            PasteError::InvalidJson(e) => write!(f, "This looks like JSON but is not valid ({e}); copy the whole output again."),
            PasteError::NotRecognized => f.write_str(
                "No credentials recognised. Paste the JSON from aws sts / aws configure export-credentials / aws sso get-role-credentials, export or $Env: lines with AWS_ACCESS_KEY_ID, or an INI block with aws_access_key_id.",
            ),
            PasteError::Missing { format, missing } => write!(
                f,
                "Recognised {}, but it has no {}.",
                format.describe(),
                join_names(missing)
            ),
            PasteError::BadExpiration(format) => write!(f, "Recognised {}, but its expiration is not a date.", format.describe()),
        }
    }
}

impl std::error::Error for PasteError {}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Reads credentials out of pasted text.
pub fn parse(text: &str) -> Result<Pasted, PasteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PasteError::Empty);
    }
    if text.starts_with('{') {
        return parse_json(text);
    }
    parse_lines(text)
}

#[derive(Deserialize, Default)]
struct JsonCreds {
    #[serde(rename = "AccessKeyId", alias = "accessKeyId")]
    access_key_id: Option<String>,
    #[serde(rename = "SecretAccessKey", alias = "secretAccessKey")]
    secret_access_key: Option<String>,
    #[serde(rename = "SessionToken", alias = "sessionToken")]
    session_token: Option<String>,
    #[serde(rename = "Expiration", alias = "expiration")]
    expiration: Option<Expiration>,
}

/// An ISO-8601 string (STS, credential_process) or epoch milliseconds (`aws sso`).
enum Expiration {
    Text(String),
    Millis(i64),
}

impl<'de> Deserialize<'de> for Expiration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Expiration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date or epoch milliseconds")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Expiration, E> {
                Ok(Expiration::Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Expiration, E> {
                Ok(Expiration::Millis(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Expiration, E> {
                i64::try_from(v)
                    .map(Expiration::Millis)
                    .map_err(|_| E::custom("out of range"))
            }
        }
        d.deserialize_any(V)
    }
}

/// The three JSON shapes at once: nested `Credentials` (STS), nested `roleCredentials` (SSO), or
/// the members at the top (credential_process, with `Version`).
#[derive(Deserialize)]
struct JsonDoc {
    #[serde(rename = "Credentials")]
    credentials: Option<JsonCreds>,
    #[serde(rename = "roleCredentials")]
    role_credentials: Option<JsonCreds>,
    #[serde(rename = "Version")]
    version: Option<serde::de::IgnoredAny>,
    #[serde(rename = "AccessKeyId")]
    access_key_id: Option<String>,
    #[serde(rename = "SecretAccessKey")]
    secret_access_key: Option<String>,
    #[serde(rename = "SessionToken")]
    session_token: Option<String>,
    #[serde(rename = "Expiration")]
    expiration: Option<Expiration>,
}

fn parse_json(text: &str) -> Result<Pasted, PasteError> {
    let doc: JsonDoc = serde_json::from_str(text).map_err(|e| {
        // serde_json's message may quote a fragment of the input (e.g. an unknown variant);
        // keep only its position.
        PasteError::InvalidJson(format!("line {}, column {}", e.line(), e.column()))
    })?;
    let (creds, format) = if let Some(c) = doc.credentials {
        (c, PasteFormat::StsJson)
    } else if let Some(c) = doc.role_credentials {
        (c, PasteFormat::SsoJson)
    } else {
        let top = JsonCreds {
            access_key_id: doc.access_key_id,
            secret_access_key: doc.secret_access_key,
            session_token: doc.session_token,
            expiration: doc.expiration,
        };
        (
            top,
            if doc.version.is_some() {
                PasteFormat::ProcessJson
            } else {
                PasteFormat::Json
            },
        )
    };
    if creds.access_key_id.is_none()
        && creds.secret_access_key.is_none()
        && creds.session_token.is_none()
    {
        return Err(if format == PasteFormat::Json {
            PasteError::NotRecognized
        } else {
            PasteError::Missing {
                format,
                missing: vec!["access key ID", "secret access key"],
            }
        });
    }
    let expires_at_ms = match creds.expiration {
        None => None,
        Some(Expiration::Millis(ms)) => Some(ms),
        Some(Expiration::Text(t)) => {
            Some(parse_iso8601(&t).ok_or(PasteError::BadExpiration(format))?)
        }
    };
    finish(
        format,
        creds.access_key_id,
        creds.secret_access_key,
        creds.session_token,
        expires_at_ms,
        "SessionToken",
    )
}

fn finish(
    format: PasteFormat,
    id: Option<String>,
    secret: Option<String>,
    token: Option<String>,
    expires_at_ms: Option<EpochMs>,
    token_name: &'static str,
) -> Result<Pasted, PasteError> {
    let id = id
        .map(|v| clean_value(&v).to_string())
        .filter(|v| !v.is_empty());
    let secret = secret
        .map(|v| clean_value(&v).to_string())
        .filter(|v| !v.is_empty());
    let token = token
        .map(|v| clean_value(&v).to_string())
        .filter(|v| !v.is_empty());
    let mut missing = Vec::new();
    if id.is_none() {
        missing.push("access key ID");
    }
    if secret.is_none() {
        missing.push("secret access key");
    }
    // A temporary key without its token is useless: say so here, where the user can re-copy.
    if token.is_none() && id.as_deref().is_some_and(|i| i.starts_with("ASIA")) {
        missing.push(token_name);
    }
    if !missing.is_empty() {
        return Err(PasteError::Missing { format, missing });
    }
    Ok(Pasted {
        access_key_id: id.unwrap_or_default(),
        secret_access_key: secret.unwrap_or_default(),
        session_token: token,
        expires_at_ms,
        format,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    Secret,
    Token,
    Expiration,
}

fn key_of(name: &str) -> Option<Key> {
    match name.to_ascii_uppercase().as_str() {
        "AWS_ACCESS_KEY_ID" => Some(Key::Id),
        "AWS_SECRET_ACCESS_KEY" => Some(Key::Secret),
        "AWS_SESSION_TOKEN" | "AWS_SECURITY_TOKEN" => Some(Key::Token),
        "AWS_CREDENTIAL_EXPIRATION" => Some(Key::Expiration),
        _ => None,
    }
}

/// One `NAME=value`-style line in any of the shell dialects: (format, name, value).
fn split_line(line: &str) -> Option<(PasteFormat, &str, &str)> {
    let lower = line.to_ascii_lowercase();
    if let Some(rest) = line
        .strip_prefix("export ")
        .or_else(|| line.strip_prefix("export\t"))
    {
        let (n, v) = rest.trim_start().split_once('=')?;
        return Some((PasteFormat::ShellExport, n.trim(), v));
    }
    if lower.starts_with("$env:") {
        let (n, v) = line[5..].split_once('=')?;
        return Some((PasteFormat::PowerShell, n.trim(), v));
    }
    if lower.starts_with("set -gx ") || lower.starts_with("set -x ") {
        let rest = line
            .split_once(' ')?
            .1
            .trim_start()
            .split_once(' ')?
            .1
            .trim_start();
        let (n, v) = rest.split_once(char::is_whitespace)?;
        return Some((PasteFormat::Fish, n.trim(), v));
    }
    if lower.starts_with("set ") {
        let (n, v) = line[4..].split_once('=')?;
        return Some((PasteFormat::WindowsCmd, n.trim(), v));
    }
    let (n, v) = line.split_once('=')?;
    let n = n.trim();
    if n.starts_with("AWS_") || n.starts_with("aws_") {
        let format = if n.starts_with("aws_") {
            PasteFormat::Ini
        } else {
            PasteFormat::EnvLines
        };
        return Some((format, n, v));
    }
    None
}

fn parse_lines(text: &str) -> Result<Pasted, PasteError> {
    let mut format = None;
    let (mut id, mut secret, mut token, mut expiration) = (None, None, None, None);
    let mut sections = 0;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty()
            || line.starts_with('#')
            || line.starts_with(';')
            || line.starts_with("REM ")
        {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            sections += 1;
            if sections > 1 && id.is_some() {
                // The first complete profile wins.
                break;
            }
            format.get_or_insert(PasteFormat::Ini);
            continue;
        }
        let Some((line_format, name, value)) = split_line(line) else {
            continue;
        };
        let Some(key) = key_of(name) else { continue };
        // The first recognised line names the format.
        format.get_or_insert(line_format);
        let value = clean_value(value).to_string();
        let slot = match key {
            Key::Id => &mut id,
            Key::Secret => &mut secret,
            Key::Token => &mut token,
            Key::Expiration => &mut expiration,
        };
        // The legacy AWS_SECURITY_TOKEN never overrides AWS_SESSION_TOKEN.
        if slot.is_none() || !name.eq_ignore_ascii_case("AWS_SECURITY_TOKEN") {
            *slot = Some(value);
        }
    }
    let Some(format) = format.filter(|_| id.is_some() || secret.is_some() || token.is_some())
    else {
        return Err(PasteError::NotRecognized);
    };
    let expires_at_ms = match expiration {
        None => None,
        Some(t) => Some(parse_iso8601(&t).ok_or(PasteError::BadExpiration(format))?),
    };
    let token_name = if format == PasteFormat::Ini {
        "aws_session_token"
    } else {
        "AWS_SESSION_TOKEN"
    };
    finish(format, id, secret, token, expires_at_ms, token_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "ASIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE";
    const EXP: i64 = 1_767_323_045_000; // 2026-01-02T03:04:05Z

    /// Every example block in the reference file parses to the same credentials.
    #[test]
    fn every_reference_format() {
        let text = include_str!("../../tests/data/credential_formats.txt");
        let mut blocks: Vec<(String, String)> = vec![];
        let mut title = String::new();
        let mut body = String::new();
        for line in text.lines() {
            if line.starts_with("### ")
                || line.starts_with("# --format")
                || line.starts_with("# Option")
                || line.starts_with("# (")
            {
                if !body.trim().is_empty() {
                    blocks.push((title.clone(), body.clone()));
                }
                title = line.to_string();
                body.clear();
            } else if !line.starts_with("# ") {
                body.push_str(line);
                body.push('\n');
            }
        }
        blocks.push((title, body));
        let mut formats = std::collections::HashSet::new();
        let mut parsed = 0;
        for (title, body) in &blocks {
            if title.starts_with("# (") || title.starts_with("# Option 3") || body.trim().is_empty()
            {
                continue;
            }
            let p = parse(body).unwrap_or_else(|e| panic!("{title}: {e}"));
            assert!(p.access_key_id.starts_with("ASIA"), "{title}");
            assert!(p.session_token.is_some(), "{title}");
            formats.insert(p.format);
            parsed += 1;
        }
        assert!(parsed >= 11, "parsed {parsed}");
        for f in [
            PasteFormat::StsJson,
            PasteFormat::ProcessJson,
            PasteFormat::SsoJson,
            PasteFormat::ShellExport,
            PasteFormat::EnvLines,
            PasteFormat::PowerShell,
            PasteFormat::WindowsCmd,
            PasteFormat::Fish,
            PasteFormat::Ini,
        ] {
            assert!(formats.contains(&f), "{f:?} not exercised");
        }
    }

    fn ok(text: &str) -> Pasted {
        parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn sts_json_any_order_extra_members_and_both_expiration_forms() {
        let p = ok(&format!(
            r#"{{"AssumedRoleUser":{{"Arn":"x"}},"Credentials":{{"Expiration":"2026-01-02T03:04:05+00:00","SessionToken":"{TOKEN}","Extra":1,"SecretAccessKey":"{SECRET}","AccessKeyId":"{ID}"}},"PackedPolicySize":6}}"#
        ));
        assert_eq!(
            (
                p.access_key_id.as_str(),
                p.secret_access_key.as_str(),
                p.session_token.as_deref(),
                p.expires_at_ms,
                p.format
            ),
            (ID, SECRET, Some(TOKEN), Some(EXP), PasteFormat::StsJson)
        );
        let p = ok(&format!(
            r#"{{"Credentials":{{"AccessKeyId":"{ID}","SecretAccessKey":"{SECRET}","SessionToken":"{TOKEN}","Expiration":"2026-01-02T03:04:05Z"}}}}"#
        ));
        assert_eq!(p.expires_at_ms, Some(EXP));
    }

    #[test]
    fn process_and_sso_json() {
        let p = ok(&format!(
            r#"{{"Version": 1, "AccessKeyId": "{ID}", "SecretAccessKey": "{SECRET}", "SessionToken": "{TOKEN}", "Expiration": "2026-01-02T03:04:05+00:00"}}"#
        ));
        assert_eq!(
            (p.format, p.expires_at_ms),
            (PasteFormat::ProcessJson, Some(EXP))
        );
        let p = ok(&format!(
            r#"{{"roleCredentials":{{"accessKeyId":"{ID}","secretAccessKey":"{SECRET}","sessionToken":"{TOKEN}","expiration":{EXP}}}}}"#
        ));
        assert_eq!(
            (p.format, p.expires_at_ms),
            (PasteFormat::SsoJson, Some(EXP))
        );
    }

    #[test]
    fn lines_quoted_or_not_and_legacy_token() {
        for (text, format) in [
            (format!("export AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}"), PasteFormat::ShellExport),
            (format!("export AWS_ACCESS_KEY_ID=\"{ID}\"\nexport AWS_SECRET_ACCESS_KEY='{SECRET}'\nexport AWS_SESSION_TOKEN=\"{TOKEN}\""), PasteFormat::ShellExport),
            (format!("AWS_ACCESS_KEY_ID={ID}\nAWS_SECRET_ACCESS_KEY={SECRET}\nAWS_SECURITY_TOKEN={TOKEN}"), PasteFormat::EnvLines),
            (format!("$Env:AWS_ACCESS_KEY_ID=\"{ID}\"\r\n$Env:AWS_SECRET_ACCESS_KEY=\"{SECRET}\"\r\n$Env:AWS_SESSION_TOKEN=\"{TOKEN}\""), PasteFormat::PowerShell),
            (format!("SET AWS_ACCESS_KEY_ID={ID}\nSET AWS_SECRET_ACCESS_KEY={SECRET}\nSET AWS_SESSION_TOKEN={TOKEN}"), PasteFormat::WindowsCmd),
            (format!("set -gx AWS_ACCESS_KEY_ID \"{ID}\"\nset -gx AWS_SECRET_ACCESS_KEY \"{SECRET}\"\nset -gx AWS_SESSION_TOKEN \"{TOKEN}\""), PasteFormat::Fish),
            (format!("[123456789012_PowerUserAccess]\naws_access_key_id = {ID}\naws_secret_access_key={SECRET}\naws_security_token = {TOKEN}"), PasteFormat::Ini),
            (format!("aws_access_key_id={ID}\naws_secret_access_key={SECRET}\naws_session_token={TOKEN}"), PasteFormat::Ini),
        ] {
            let p = ok(&text);
            assert_eq!((p.access_key_id.as_str(), p.secret_access_key.as_str(), p.session_token.as_deref(), p.format), (ID, SECRET, Some(TOKEN), format), "{text}");
        }
        let both = ok(&format!("AWS_ACCESS_KEY_ID={ID}\nAWS_SECRET_ACCESS_KEY={SECRET}\nAWS_SECURITY_TOKEN=old\nAWS_SESSION_TOKEN={TOKEN}"));
        assert_eq!(both.session_token.as_deref(), Some(TOKEN));
    }

    #[test]
    fn first_complete_ini_profile_wins() {
        let p = ok(&format!("[a]\naws_access_key_id={ID}\naws_secret_access_key={SECRET}\naws_session_token={TOKEN}\n[b]\naws_access_key_id=ASIAOTHEROTHEROTHER1\n"));
        assert_eq!(p.access_key_id, ID);
    }

    #[test]
    fn malformed_variants_say_precisely_what_is_missing_without_echoing() {
        let missing = |text: &str| match parse(text) {
            Err(PasteError::Missing { missing, .. }) => missing,
            other => panic!("{other:?} for {text}"),
        };
        assert_eq!(
            missing(&format!(
                "export AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY={SECRET}"
            )),
            ["AWS_SESSION_TOKEN"]
        );
        assert_eq!(
            missing(&format!("export AWS_ACCESS_KEY_ID={ID}")),
            ["secret access key", "AWS_SESSION_TOKEN"]
        );
        assert_eq!(
            missing(&format!("aws_secret_access_key={SECRET}")),
            ["access key ID"]
        );
        assert_eq!(
            missing(&format!(
                r#"{{"Credentials":{{"AccessKeyId":"{ID}","SecretAccessKey":"{SECRET}"}}}}"#
            )),
            ["SessionToken"]
        );
        assert_eq!(
            missing(r#"{"Credentials":{}}"#),
            ["access key ID", "secret access key"]
        );
        assert_eq!(parse("   \n"), Err(PasteError::Empty));
        assert_eq!(
            parse("hello world\nnothing here"),
            Err(PasteError::NotRecognized)
        );
        assert_eq!(parse(r#"{"foo": 1}"#), Err(PasteError::NotRecognized));
        let e = parse(&format!(
            r#"{{"Credentials":{{"AccessKeyId":"{ID}","SecretAccessKey":"{SECRET}""#
        ))
        .unwrap_err();
        assert!(matches!(e, PasteError::InvalidJson(_)));
        assert!(!e.to_string().contains(SECRET) && !e.to_string().contains(ID));
        let e = parse(&format!(
            r#"{{"Credentials":{{"AccessKeyId":{{"x":"{SECRET}"}}}}}}"#
        ))
        .unwrap_err();
        assert!(!e.to_string().contains(SECRET), "{e}");
        let e = parse(&format!("export AWS_ACCESS_KEY_ID={ID}\nexport AWS_SECRET_ACCESS_KEY={SECRET}\nexport AWS_SESSION_TOKEN={TOKEN}\nexport AWS_CREDENTIAL_EXPIRATION=soon")).unwrap_err();
        assert_eq!(e, PasteError::BadExpiration(PasteFormat::ShellExport));
        // A long-term key needs no token.
        let p = ok(&format!(
            "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY={SECRET}"
        ));
        assert_eq!(p.session_token, None);
        assert!(!format!("{p:?}").contains(SECRET));
    }
}
