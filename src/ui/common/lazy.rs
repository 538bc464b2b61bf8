//! A view whose code arrives on first use (see `crate::edge::split`): drawn at once when its chunk
//! is loaded, a "Loading…" line until then, and the alert with **Try again** if it cannot be
//! loaded. And [`Prefetch`]: how a view asks for another view's code ahead of time without
//! naming it (views never import each other; the app fills it in).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::alert::FailureAlert;
use crate::console::unavailable;
use crate::edge::split::Unavailable;

/// A view built by code in a chunk.
pub type ViewFn = fn() -> AnyView;

/// A chunk's view on its way.
pub type Loading = Pin<Box<dyn Future<Output = Result<ViewFn, Unavailable>>>>;

/// How a chunk's view is reached: already loaded (`now`), or loading it (`load`).
#[derive(Clone, Copy)]
pub struct Loader {
    pub now: fn() -> Option<ViewFn>,
    pub load: fn() -> Loading,
}

/// Starts fetching the views' code when the user shows the intent to open them: a listed
/// execution pointed at (the detail), credentials entered (the list's results).
#[derive(Clone, Copy)]
pub struct Prefetch {
    pub detail: fn(),
    pub list: fn(),
}

impl Prefetch {
    /// The app's, or nothing (a view mounted on its own in a test).
    pub fn get() -> Prefetch {
        use_context::<Prefetch>().unwrap_or(Prefetch {
            detail: || {},
            list: || {},
        })
    }
}

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
        crate::net::prefetch();
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
