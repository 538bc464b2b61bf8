//! The question a link's Endpoint URL raises: nothing is signed for it until the user says yes;
//! no refuses it and keeps the rest of the link. In the input chunk: most pages never ask it.

use leptos::prelude::*;

use crate::console::{remember, Console, History};

/// A link brought an Endpoint URL: nothing is signed for it until the user says yes; no refuses
/// it and keeps the rest of the link.
#[component]
pub(super) fn EndpointQuestion() -> impl IntoView {
    let console = expect_context::<Console>();
    let form = console.form;
    let shown = move || {
        form.with(|f| {
            f.endpoint()
                .map(|e| e.origin())
                .unwrap_or_else(|_| f.endpoint_url.trim().to_string())
        })
    };
    let confirm = move |_| {
        if let Ok(e) = form.with_untracked(|f| f.endpoint()) {
            remember::trust(&e.origin());
        }
        form.update(|f| f.endpoint_unconfirmed = false);
        console.invalid.set(vec![]);
        console.reload.notify();
    };
    let refuse = move |_| {
        form.update(|f| {
            f.endpoint_url.clear();
            f.endpoint_unconfirmed = false;
        });
        let mut route = console.route.get_untracked();
        route.place = console.place();
        console.navigate(route, History::Replace);
        console.invalid.set(vec![]);
    };
    view! {
            <div class="confirm-endpoint" role="alert">
                <p>
                    <strong>"The link you opened sends requests to " <code data-testid="link-endpoint">{shown}</code> "."</strong>
                    " That is not AWS. Your requests would be signed with your credentials and go there: nothing is sent until you choose."
                </p>
                <p class="actions">
                    <button type="button" class="primary" on:click=confirm>"Use this endpoint"</button>
                    <button type="button" class="secondary" on:click=refuse>"Don't use it"</button>
                </p>
            </div>
    }
}
