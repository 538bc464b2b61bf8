//! The tab's `sessionStorage` (gone when the tab closes; never `localStorage` or cookies) and the
//! URL fragment. Values are JSON read and written with the browser's own JSON, so the first load
//! carries no JSON library for them. Failures (storage disabled, quota) are ignored: callers
//! degrade to memory.

use js_sys::JSON;
use wasm_bindgen::JsValue;

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The value stored under `key`, parsed.
pub fn read(key: &str) -> Option<JsValue> {
    JSON::parse(&store()?.get_item(key).ok()??).ok()
}

/// Stores `value` under `key` as JSON.
pub fn write(key: &str, value: &JsValue) {
    if let (Some(s), Some(json)) = (
        store(),
        JSON::stringify(value).ok().and_then(|j| j.as_string()),
    ) {
        let _ = s.set_item(key, &json);
    }
}

/// The text stored under `key`, as stored.
pub fn read_text(key: &str) -> Option<String> {
    store()?.get_item(key).ok()?
}

pub fn write_text(key: &str, text: &str) {
    if let Some(s) = store() {
        let _ = s.set_item(key, text);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = store() {
        let _ = s.remove_item(key);
    }
}

/// The URL fragment with its `#`, or empty.
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
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Sets the fragment as a new history entry (Back returns to the one before); no `hashchange`
/// fires, the caller updates the page itself.
pub fn push_fragment(fragment: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}
