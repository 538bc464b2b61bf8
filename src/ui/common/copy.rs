//! Copyable values: the value as text plus a button that puts it on the clipboard.

use leptos::prelude::*;

use crate::edge::clipboard;

/// A copy button whose accessible name says what it copies ("Copy ARN").
#[component]
pub fn CopyButton(text: String, what: &'static str) -> impl IntoView {
    let (feedback, set_feedback) = signal(None::<&'static str>);
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let ok = clipboard::write(&text).await;
            set_feedback.set(Some(if ok {
                "Copied"
            } else {
                "Copy failed: select the text instead"
            }));
        });
    };
    view! {
        <button type="button" class="copy" aria-label=format!("Copy {what}") on:click=copy>
            "Copy"
        </button>
        <span class="copy__feedback" role="status">{move || feedback.get()}</span>
    }
}

/// A value in `<code>` with its copy button.
#[component]
pub fn Copyable(text: String, what: &'static str) -> impl IntoView {
    view! {
        <code class="value">{text.clone()}</code>
        " "
        <CopyButton text=text what=what/>
    }
}
