//! The clipboard.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; `false` when the browser refuses (no permission, not secure).
pub async fn write(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}
