//! Failures, in one `role="alert"` element: the code as sent, what it means, what to do.

use leptos::prelude::*;

pub use crate::task::Failure;

/// The alert for `failure`; `children` (an action it offers, like "Search all regions") go last.
#[component]
pub fn FailureAlert(
    failure: Failure,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let extra = children.map(|c| c());
    match failure {
        Failure::Input(problems) => view! {
            <div role="alert" class="alert alert--input">
                <p class="alert__title">"Nothing was sent. Please fix:"</p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                {extra}
            </div>
        }
        .into_any(),
        Failure::Call(e) => view! {
            <div role="alert" class="alert" data-error-class=e.class.id()>
                <p class="alert__title">
                    <code class="alert__code">{e.code.clone()}</code>
                    {e.error_code.clone().map(|c| view! { " " <code class="alert__code">{c}</code> })}
                </p>
                <p class="alert__meaning">{e.meaning.clone()}</p>
                <p class="alert__remedy">{e.remedy.clone()}</p>
                {e.message.clone().map(|m| view! {
                    <p class="alert__message">"AWS says: " <q>{m}</q></p>
                })}
                {e.request_id.clone().map(|r| view! {
                    <p class="alert__request-id">"Request ID (for AWS Support): " <code>{r}</code></p>
                })}
                {extra}
            </div>
        }
        .into_any(),
    }
}
