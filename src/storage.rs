//! The opt-in "Remember credentials in this tab": sessionStorage only (gone when the tab closes),
//! never localStorage or cookies. Failures (storage disabled, quota) degrade to memory-only.

use emr_core::connection::RememberedCredentials;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

const KEY: &str = "emr-console.credentials";

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

// The values are JSON, read and written with the browser's own JSON (the first load carries no
// JSON library of its own).

fn read(key: &str) -> Option<JsValue> {
    JSON::parse(&store()?.get_item(key).ok()??).ok()
}

fn write(key: &str, value: &JsValue) {
    if let (Some(s), Some(json)) = (
        store(),
        JSON::stringify(value).ok().and_then(|j| j.as_string()),
    ) {
        let _ = s.set_item(key, &json);
    }
}

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
    write(KEY, &o);
}

pub fn load() -> Option<RememberedCredentials> {
    let o = read(KEY)?;
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
    if let Some(s) = store() {
        let _ = s.remove_item(KEY);
    }
}

const TRUSTED: &str = "emr-console.trusted-endpoints";

fn trusted() -> Vec<String> {
    read(TRUSTED)
        .filter(Array::is_array)
        .map(|list| {
            Array::from(&list)
                .iter()
                .filter_map(|o| o.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Endpoint origins the user confirmed after a link brought them (this tab only: sessionStorage).
pub fn is_trusted(origin: &str) -> bool {
    trusted().iter().any(|o| o == origin)
}

pub fn trust(origin: &str) {
    let mut list = trusted();
    if !list.iter().any(|o| o == origin) {
        list.push(origin.to_string());
    }
    let array: Array = list.iter().map(|o| JsValue::from_str(o)).collect();
    write(TRUSTED, &array);
}

/// The URL fragment (`#region=…&id=…`), which carries no credentials.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a navigation or a history entry (nothing when it is the same:
/// `replaceState` is a costly call at start-up).
pub fn set_fragment(fragment: &str) {
    if self::fragment().strip_prefix('#') == Some(fragment) {
        return;
    }
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// Sets the fragment as a new history entry (Back returns to the one before); no `hashchange`
/// fires, the caller updates the page itself.
pub fn push_fragment(fragment: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}
