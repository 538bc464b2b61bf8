//! The page itself: visibility, scroll, title, where it is served from, frames and new windows.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the tab is in the background (`document.visibilityState == "hidden"`).
pub fn hidden() -> bool {
    document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// What waits for the tab to be shown again, and whether the listener is installed.
type Waiting = (bool, Vec<Box<dyn FnOnce()>>);

thread_local! {
    static WHEN_VISIBLE: RefCell<Waiting> = RefCell::new((false, Vec::new()));
}

/// Runs `f` as soon as the tab is visible: now if it is, else when it is shown again.
pub fn when_visible(f: impl FnOnce() + 'static) {
    if !hidden() {
        return f();
    }
    WHEN_VISIBLE.with(|w| {
        let mut w = w.borrow_mut();
        if !w.0 {
            w.0 = true;
            let listener = Closure::<dyn Fn()>::new(|| {
                if hidden() {
                    return;
                }
                let waiting = WHEN_VISIBLE.with(|w| std::mem::take(&mut w.borrow_mut().1));
                waiting.into_iter().for_each(|f| f());
            });
            if let Some(d) = document() {
                let _ = d.add_event_listener_with_callback(
                    "visibilitychange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            // Installed once, for the page's lifetime.
            listener.forget();
        }
        w.1.push(Box::new(f));
    });
}

/// The window's vertical scroll position, and a way back to it.
pub fn scroll_y() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

pub fn scroll_to_y(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

/// Scrolls the element with this id into view and focuses it.
pub fn scroll_to_id(id: &str) {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    el.scroll_into_view();
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Whether an element with this id is in the document.
pub fn has_id(id: &str) -> bool {
    document().is_some_and(|d| d.get_element_by_id(id).is_some())
}

/// Sets the tab's title.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        if d.title() != title {
            d.set_title(title);
        }
    }
}

/// `https://console.example.com`: this page's origin, for the CORS rule a bucket needs.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The host name the page is served from (`127.0.0.1`, `console.example.com`).
pub fn hostname() -> String {
    web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .unwrap_or_default()
}

/// Loads `url` into a frame without writing it into the page: the frame's `src` stays
/// `about:blank`, so a presigned URL (which carries the session token) is in no attribute.
pub fn navigate_frame(frame: &web_sys::HtmlIFrameElement, url: &str) -> bool {
    frame
        .content_window()
        .is_some_and(|w| w.location().replace(url).is_ok())
}

/// Opens `url` in a new tab with no opener and no referrer; it is never put in the DOM.
pub fn open_new_tab(url: &str) -> bool {
    web_sys::window().is_some_and(|w| {
        w.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer")
            .is_ok()
    })
}

thread_local! {
    static ON_USE_STYLES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Adds the stylesheet of the views that load on first use, once: index.html names it (and its
/// integrity hash) in `<meta name="emr-on-use-css">`; a build without one (debug, tests) has none.
pub fn on_use_styles() {
    if ON_USE_STYLES.with(|s| s.replace(true)) {
        return;
    }
    let Some(d) = document() else { return };
    let Some(meta) = d.query_selector("meta[name=emr-on-use-css]").ok().flatten() else {
        return;
    };
    let content = meta.get_attribute("content").unwrap_or_default();
    let mut parts = content.split_whitespace();
    let (Some(href), Some(integrity)) = (parts.next(), parts.next()) else {
        return;
    };
    let Ok(link) = d.create_element("link") else {
        return;
    };
    for (k, v) in [
        ("rel", "stylesheet"),
        ("href", href),
        ("integrity", integrity),
    ] {
        let _ = link.set_attribute(k, v);
    }
    if let Some(head) = d.head() {
        let _ = head.append_child(&link);
    }
}
