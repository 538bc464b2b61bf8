//! Focus that survives a redraw, and focus moved where a keyboard user expects it after a
//! navigation. A refresh redraws a record or rows; whatever had focus in it gets it back.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Where the focused element sits under `scope`: its id, or the child positions down to it.
#[derive(Clone, Debug, Default)]
pub struct FocusSpot {
    id: Option<String>,
    path: Vec<u32>,
    scope: String,
}

/// Remembers the focused element if it is inside the first element matching `scope`.
pub fn remember(scope: &str) -> Option<FocusSpot> {
    let d = document()?;
    let root = d.query_selector(scope).ok()??;
    let active = d.active_element()?;
    if !root.contains(Some(&active)) || root.is_same_node(Some(&active)) {
        return None;
    }
    let id = Some(active.id()).filter(|i| !i.is_empty());
    let mut path = Vec::new();
    let mut node: Element = active;
    while !node.is_same_node(Some(&root)) {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|i| {
            children
                .item(*i)
                .is_some_and(|c| c.is_same_node(Some(&node)))
        })?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(FocusSpot {
        id,
        path,
        scope: scope.to_string(),
    })
}

/// Puts focus back on the same place after a redraw, unless the user has moved it meanwhile.
pub fn restore(spot: FocusSpot) {
    leptos::prelude::request_animation_frame(move || {
        let Some(d) = document() else { return };
        let body: Option<web_sys::Node> = d.body().map(Into::into);
        let lost = d
            .active_element()
            .is_none_or(|a| a.is_same_node(body.as_ref()));
        if !lost {
            return;
        }
        let target = spot
            .id
            .as_deref()
            .and_then(|id| d.get_element_by_id(id))
            .or_else(|| {
                let mut node = d.query_selector(&spot.scope).ok()??;
                for i in &spot.path {
                    node = node.children().item(*i)?;
                }
                Some(node)
            });
        if let Some(h) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            let _ = h.focus();
        }
    });
}

/// Moves focus to the element matching `selector` (a view's heading, a row's link) once drawn.
pub fn focus(selector: String) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(h) = document()
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
}

/// Back on the list: the link of the row the user opened, or the list's heading.
pub fn focus_row_or(id: Option<String>, fallback: String) {
    leptos::prelude::request_animation_frame(move || {
        let Some(d) = document() else { return };
        let row = id.and_then(|id| {
            let rows = d.query_selector_all("tr[data-execution-id]").ok()?;
            (0..rows.length())
                .filter_map(|i| rows.item(i)?.dyn_into::<Element>().ok())
                .find(|r| r.get_attribute("data-execution-id").as_deref() == Some(id.as_str()))
                .and_then(|r| r.query_selector("a[href^='#']").ok().flatten())
        });
        let target = row.or_else(|| d.query_selector(&fallback).ok().flatten());
        if let Some(h) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            let _ = h.focus();
        }
    });
}
