//! What this tab keeps in `sessionStorage`: the opt-in "Remember credentials in this tab", the
//! endpoints the user confirmed, and what a start used that Describe does not return (the relative
//! path and service role, per notebook). Gone when the tab closes; never `localStorage` or cookies.

use emr_core::connection::RememberedCredentials;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::edge::storage;

const CREDENTIALS: &str = "emr-console.credentials";
const TRUSTED: &str = "emr-console.trusted-endpoints";

fn text(object: &JsValue, field: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(field))
        .ok()?
        .as_string()
}

pub fn save(credentials: &RememberedCredentials) {
    let o = Object::new();
    let fields = [
        (
            "access_key_id",
            JsValue::from_str(&credentials.access_key_id),
        ),
        (
            "secret_access_key",
            JsValue::from_str(&credentials.secret_access_key),
        ),
        (
            "session_token",
            JsValue::from_str(&credentials.session_token),
        ),
        (
            "expires_at_ms",
            credentials
                .expires_at_ms
                .map_or(JsValue::NULL, |ms| JsValue::from_f64(ms as f64)),
        ),
    ];
    for (field, value) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(field), &value);
    }
    storage::write(CREDENTIALS, &o);
}

pub fn load() -> Option<RememberedCredentials> {
    let o = storage::read(CREDENTIALS)?;
    let expires = Reflect::get(&o, &JsValue::from_str("expires_at_ms")).ok()?;
    Some(RememberedCredentials {
        access_key_id: text(&o, "access_key_id")?,
        secret_access_key: text(&o, "secret_access_key")?,
        session_token: text(&o, "session_token")?,
        expires_at_ms: match expires.as_f64() {
            Some(ms) if ms.is_finite() => Some(ms as i64),
            Some(_) => return None,
            None if expires.is_null() || expires.is_undefined() => None,
            None => return None,
        },
    })
}

/// Forgets the remembered credentials (the endpoints confirmed in this tab stay).
pub fn clear() {
    storage::remove(CREDENTIALS);
}

fn trusted() -> Vec<String> {
    storage::read(TRUSTED)
        .filter(Array::is_array)
        .map(|list| {
            Array::from(&list)
                .iter()
                .filter_map(|o| o.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Endpoint origins the user confirmed after a link brought them (this tab only).
pub fn is_trusted(origin: &str) -> bool {
    trusted().iter().any(|o| o == origin)
}

pub fn trust(origin: &str) {
    let mut list = trusted();
    if !list.iter().any(|o| o == origin) {
        list.push(origin.to_string());
    }
    let array: Array = list.iter().map(|o| JsValue::from_str(o)).collect();
    storage::write(TRUSTED, &array);
}

const STARTS: &str = "emr-console.starts";
/// Notebooks remembered at most; the oldest is forgotten first.
const MAX_STARTS: usize = 200;

/// What Describe does not return, as the last start of a notebook from this tab gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartMemory {
    pub relative_path: String,
    pub service_role: String,
}

/// `[[notebook key, relative path, service role], …]`, oldest first.
fn starts() -> Vec<(String, StartMemory)> {
    storage::read(STARTS)
        .filter(Array::is_array)
        .map(|list| {
            Array::from(&list)
                .iter()
                .filter(Array::is_array)
                .filter_map(|row| {
                    let row = Array::from(&row);
                    Some((
                        row.get(0).as_string()?,
                        StartMemory {
                            relative_path: row.get(1).as_string()?,
                            service_role: row.get(2).as_string()?,
                        },
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Remembers what a start of the notebook `key` (a `NotebookKey::id`) used.
pub fn save_start(key: &str, memory: &StartMemory) {
    let mut all = starts();
    all.retain(|(k, _)| k != key);
    all.push((key.to_string(), memory.clone()));
    let skip = all.len().saturating_sub(MAX_STARTS);
    let array: Array = all
        .iter()
        .skip(skip)
        .map(|(k, m)| {
            let row: Array = [k, &m.relative_path, &m.service_role]
                .iter()
                .map(|t| JsValue::from_str(t))
                .collect();
            JsValue::from(row)
        })
        .collect();
    storage::write(STARTS, &array);
}

/// What the last start of the notebook `key` from this tab used.
pub fn start_memory(key: &str) -> Option<StartMemory> {
    starts().into_iter().find(|(k, _)| k == key).map(|(_, m)| m)
}
