//! A view whose code arrives on first use (see `crate::split`): drawn at once when its chunk is
//! loaded, a "Loading…" line until then, and the alert with **Try again** if it cannot be loaded.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::alert::FailureAlert;
use crate::split::{Unavailable, ViewFn};
use crate::state::unavailable;

/// How a chunk's view is reached: already loaded (`now`), or loading it (`load`).
#[derive(Clone, Copy)]
pub struct Loader {
    pub now: fn() -> Option<ViewFn>,
    pub load: fn() -> Loading,
}

/// A chunk's view on its way.
pub type Loading = Pin<Box<dyn Future<Output = Result<ViewFn, Unavailable>>>>;

#[component]
pub fn Lazy(loader: Loader) -> impl IntoView {
    let state = RwSignal::new((loader.now)().map(Ok));
    let fetch = move || {
        state.set(None);
        spawn_local(async move {
            let loaded = (loader.load)().await;
            // The view may be gone meanwhile (the user navigated on).
            let _ = state.try_set(Some(loaded));
        });
    };
    if state.get_untracked().is_none() {
        // Calls from the view will need the signing code: it loads beside the view's.
        crate::split::net::prefetch();
        fetch();
    }
    move || match state.get() {
        Some(Ok(view)) => view(),
        Some(Err(Unavailable)) => view! {
            <FailureAlert failure=unavailable()>
                <button type="button" on:click=move |_| fetch()>"Try again"</button>
            </FailureAlert>
        }
        .into_any(),
        None => view! { <p class="hint" role="status">"Loading…"</p> }.into_any(),
    }
}
