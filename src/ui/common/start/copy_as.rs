//! `Copy as`: the start the form (or a record) would send, as AWS CLI, boto3, Airflow or
//! EventBridge Scheduler code (`emr_core::emr::start::code`), put on the clipboard and shown.
//! Only the request body and the place go in: never credentials.

use emr_core::emr::operations::StartNotebookExecutionInput;
use emr_core::emr::start::code::{write, Language, Place};
use leptos::prelude::*;

use crate::edge::clipboard;

/// What would be sent, or why nothing can be yet.
pub type Sendable = Result<(StartNotebookExecutionInput, Place), Vec<String>>;

/// The `Copy as` button and its menu. `id` prefixes the menu's ids (two may share a page).
#[component]
pub fn CopyAs(input: Signal<Sendable>, id: &'static str) -> impl IntoView {
    let open = RwSignal::new(false);
    let copied = RwSignal::new(None::<(Language, String, bool)>);
    let menu_id = format!("{id}-menu");
    let button = NodeRef::<leptos::html::Button>::new();
    let copy = move |language: Language| {
        let Ok((input, place)) = input.get_untracked() else {
            return;
        };
        let text = write(language, &input, &place);
        leptos::task::spawn_local(async move {
            let ok = clipboard::write(&text).await;
            copied.set(Some((language, text, ok)));
        });
    };
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let items = move || {
        match input.get() {
        Err(problems) => view! {
            <div role="alert" class="copy-as__cannot">
                <p>"Nothing to copy yet: the start is not complete."</p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Ok(_) => Language::ALL
            .into_iter()
            .map(|l| {
                view! {
                    <button type="button" class="secondary" data-language=l.id() on:click=move |_| copy(l)>
                        {l.label()}
                    </button>
                }
            })
            .collect_view()
            .into_any(),
    }
    };
    let status = move || {
        copied.get().map(|(l, _, ok)| {
            if ok {
                format!("Copied as {}.", l.label())
            } else {
                format!(
                    "The clipboard refused: select the {} code below and copy it.",
                    l.label()
                )
            }
        })
    };
    view! {
        <div class="copy-as" on:keydown=move |ev| {
            if ev.key() == "Escape" && open.get_untracked() {
                ev.prevent_default();
                close();
            }
        }>
            <button type="button" class="secondary" node_ref=button aria-expanded=move || open.get().to_string()
                aria-controls=menu_id.clone() on:click=move |_| open.update(|o| *o = !*o)>
                "Copy as"
            </button>
            <div id=menu_id class="copy-as__menu" role="group" aria-label="Copy as" hidden=move || !open.get()>
                {move || open.get().then(items)}
                <p class="copy-as__status" role="status">{status}</p>
                {move || copied.get().map(|(l, text, _)| view! {
                    <pre class="copy-as__code" data-snippet=l.id() tabindex="0" aria-label=format!("{} code", l.label())><code>{text}</code></pre>
                })}
            </div>
        </div>
    }
}
