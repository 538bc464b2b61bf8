//! System notifications.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// What the browser lets this page do with notifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    Granted,
    Denied,
    /// Not decided yet: asking is possible.
    Default,
    /// No Notification API (or not in this context).
    Unsupported,
}

fn api() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

pub fn permission() -> Permission {
    if !api() {
        return Permission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => Permission::Granted,
        web_sys::NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Default,
    }
}

/// Asks for permission (only call this from a user's click: browsers require it).
pub async fn request_permission() -> Permission {
    match permission() {
        Permission::Default => {}
        decided => return decided,
    }
    match web_sys::Notification::request_permission() {
        Ok(promise) => {
            let _ = JsFuture::from(promise).await;
            permission()
        }
        Err(_) => Permission::Unsupported,
    }
}

/// Shows a system notification; `false` when the browser would not.
pub fn show(title: &str, body: &str) -> bool {
    if permission() != Permission::Granted {
        return false;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag("emr-console");
    web_sys::Notification::new_with_options(title, &options).is_ok()
}
