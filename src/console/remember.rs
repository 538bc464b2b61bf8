//! What this tab keeps in `sessionStorage`: the opt-in "Remember credentials in this tab" and the
//! endpoints the user confirmed. Gone when the tab closes; never `localStorage` or cookies.

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
