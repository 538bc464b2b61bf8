//! The opt-in "Remember credentials in this tab": sessionStorage only (gone when the tab closes),
//! never localStorage or cookies. Failures (storage disabled, quota) degrade to memory-only.

use emr_core::connection::RememberedCredentials;

const KEY: &str = "emr-console.credentials";

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn save(credentials: &RememberedCredentials) {
    if let (Some(s), Ok(json)) = (store(), serde_json::to_string(credentials)) {
        let _ = s.set_item(KEY, &json);
    }
}

pub fn load() -> Option<RememberedCredentials> {
    serde_json::from_str(&store()?.get_item(KEY).ok()??).ok()
}

/// Forgets the remembered credentials (the endpoints confirmed in this tab stay).
pub fn clear() {
    if let Some(s) = store() {
        let _ = s.remove_item(KEY);
    }
}

const TRUSTED: &str = "emr-console.trusted-endpoints";

/// Endpoint origins the user confirmed after a link brought them (this tab only: sessionStorage).
pub fn is_trusted(origin: &str) -> bool {
    store()
        .and_then(|s| s.get_item(TRUSTED).ok().flatten())
        .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
        .is_some_and(|list| list.iter().any(|o| o == origin))
}

pub fn trust(origin: &str) {
    let Some(s) = store() else { return };
    let mut list: Vec<String> = s
        .get_item(TRUSTED)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    if !list.iter().any(|o| o == origin) {
        list.push(origin.to_string());
    }
    if let Ok(json) = serde_json::to_string(&list) {
        let _ = s.set_item(TRUSTED, &json);
    }
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
