//! Time as the browser tells it. `SystemTime::now()` panics on wasm32, so the clock is `Date.now()`.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Milliseconds since the epoch by the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The browser time zone's offset from UTC at `ms`, in minutes east (DST-aware).
pub fn tz_offset_minutes(ms: i64) -> i32 {
    let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    -(d.get_timezone_offset() as i32)
}

/// A `setTimeout` delay: the browser takes a 32-bit number of milliseconds.
pub fn timeout_arg(ms: u64) -> i32 {
    ms.min(i32::MAX as u64) as i32
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_arg(ms));
        }
    });
    let _ = JsFuture::from(promise).await;
}
