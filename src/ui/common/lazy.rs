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
    pub notebooks: fn(),
    pub start: fn(),
}

impl Prefetch {
    /// The app's, or nothing (a view mounted on its own in a test).
    pub fn get() -> Prefetch {
        use_context::<Prefetch>().unwrap_or(Prefetch {
            detail: || {},
            list: || {},
            notebooks: || {},
            start: || {},
        })
    }
}

/// A view's state that outlives the view (Back finds it as it was) but is made by the view's own
/// code on its first visit, so a view in a chunk brings its state with it. The app provides one
/// per such view; it lives as long as the app.
pub struct Kept<T: 'static> {
    value: StoredValue<Option<T>, LocalStorage>,
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl<T> Clone for Kept<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Kept<T> {}

impl<T: Copy + 'static> Kept<T> {
    /// Empty, to be made by the first visit under the current (the app's) owner.
    pub fn new() -> Kept<T> {
        Kept {
            value: StoredValue::new_local(None),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    /// The state, made with `make` the first time.
    pub fn get_or(&self, make: fn() -> T) -> T {
        if let Some(v) = self.value.get_value() {
            return v;
        }
        let v = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.value.set_value(Some(v));
        v
    }
}

impl<T: Copy + 'static> Default for Kept<T> {
    fn default() -> Self {
        Kept::new()
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
