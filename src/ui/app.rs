//! The page: the header, the connection panel, and the view the URL fragment names.

use std::time::Duration;

use emr_core::connection::ConnectionForm;
use emr_core::route::{Route, View};
use leptos::prelude::*;

use super::common::boot::{Slice, Turn};
use super::common::lazy::{Kept, Lazy, Loader, Prefetch};
use super::connection::ConnectionPanel;
use super::detail::DetailState;
use super::list::{ListState, ListView};
use super::notebooks::NotebooksState;
use crate::console::executions::Executions;
use crate::console::remember;
use crate::console::Console;
use crate::edge::clock::now_ms;
use crate::edge::page::set_title;
use crate::edge::storage;

/// The page's state at start-up: the fragment's route and place, and credentials only if the user
/// chose to remember them in this tab.
fn initial() -> (ConnectionForm, bool, Route) {
    let route = Route::parse(&storage::fragment());
    let mut form = ConnectionForm {
        region: "us-east-1".to_string(),
        ..Default::default()
    };
    form.apply_place(&route.place);
    form.endpoint_unconfirmed = needs_confirmation(&route.place.endpoint);
    if let View::Detail { id } = &route.view {
        form.execution_id = id.clone();
    }
    let remembered = remember::load();
    let remember = remembered.is_some();
    if let Some(r) = remembered {
        form.recall(r);
    }
    (form, remember, route)
}

/// Whether a link's Endpoint URL must be confirmed before anything is signed for it: any endpoint
/// (loopback too) the user has not confirmed in this tab.
fn needs_confirmation(endpoint: &str) -> bool {
    let endpoint = endpoint.trim();
    !endpoint.is_empty()
        && !emr_core::aws::endpoint::parse_override(endpoint)
            .is_ok_and(|e| remember::is_trusted(&e.origin()))
}

/// An execution's page, loaded on first use.
const DETAIL: Loader = Loader {
    now: super::detail::chunk::detail::now,
    load: || Box::pin(super::detail::chunk::detail::load()),
};

/// Notebooks, one notebook's history and comparisons, loaded on first use.
const NOTEBOOKS: Loader = Loader {
    now: super::notebooks::chunk::notebooks::now,
    load: || Box::pin(super::notebooks::chunk::notebooks::load()),
};

/// New execution, loaded on first use.
const START: Loader = Loader {
    now: super::start::chunk::start::now,
    load: || Box::pin(super::start::chunk::start::load()),
};

/// Which view the route names (a new filter or another id is the same view, updated).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    List,
    Detail,
    Notebooks,
    Start,
}

fn kind(route: &Route) -> Kind {
    match route.view {
        View::List(_) => Kind::List,
        View::Detail { .. } => Kind::Detail,
        View::Notebooks(_) | View::Notebook { .. } | View::Compare { .. } => Kind::Notebooks,
        View::Start(_) => Kind::Start,
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (form, remember, route) = initial();
    let now = RwSignal::new(now_ms());
    let _ = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1));
    let console = Console::new(form, remember, route.clone(), now.into());
    provide_context(console);
    let list = ListState::new(&route);
    provide_context(list);
    // The loaded executions: the list shows them, the Notebooks view groups them.
    provide_context(Executions(list.task));
    provide_context(Kept::<NotebooksState>::new());
    // Made by the detail's own code on the first visit (it is in the detail chunk).
    provide_context(Kept::<DetailState>::new());
    // Views ask for each other's code through this (they never name each other).
    provide_context(Prefetch {
        detail: super::detail::prefetch,
        list: super::list::prefetch,
        notebooks: super::notebooks::prefetch,
        start: super::start::prefetch,
    });
    // The tab title says how the watched executions (or the one on screen) are doing.
    Effect::new(move |_| {
        let shown = console.shown.get();
        let shown = shown.as_ref().map(|(name, status)| (name.as_str(), status));
        set_title(&console.watcher.title(shown));
    });
    // One canonical fragment from the start (old links become new ones, in place); a page opened
    // without one shows the default list and needs none yet.
    if !storage::fragment().is_empty() {
        storage::set_fragment(&route.to_fragment());
    }

    // Back/Forward and followed links: the fragment says what to show, and where.
    let arrived = move || {
        let route = Route::parse(&storage::fragment());
        if route == console.route.get_untracked() {
            return;
        }
        console.form.update(|f| {
            // An endpoint a link brings (not the one in use) waits for the user's confirmation.
            if route.place.endpoint != f.endpoint_url.trim() {
                f.endpoint_unconfirmed = needs_confirmation(&route.place.endpoint);
            }
            f.apply_place(&route.place);
            if let View::Detail { id } = &route.view {
                f.execution_id = id.clone();
            }
        });
        console.focus_heading.set_value(true);
        console.route.set(route);
    };
    let _ = window_event_listener(leptos::ev::hashchange, move |_| arrived());
    let _ = window_event_listener(leptos::ev::popstate, move |_| arrived());

    // The view changes only when its kind does (a new search or another id is an update).
    let kind = Memo::new(move |_| console.route.with(kind));

    // The page header is index.html's (static, painted before the WebAssembly arrives).
    view! {
        <Announcements/>
        <p class="visually-hidden" role="status" aria-live="polite">{move || console.announce.get()}</p>
        <div class="console">
            <Slice turn=Turn::Panel><ConnectionPanel/></Slice>
            <main id="main" class="main">
                <Slice turn=Turn::View>
                    {move || match kind.get() {
                        Kind::List => view! { <ListView/> }.into_any(),
                        Kind::Detail => view! { <Lazy loader=DETAIL/> }.into_any(),
                        Kind::Notebooks => view! { <Lazy loader=NOTEBOOKS/> }.into_any(),
                        Kind::Start => view! { <Lazy loader=START/> }.into_any(),
                    }}
                </Slice>
            </main>
        </div>
    }
}

/// Watched executions that ended: said in the page too (whether or not notifications show).
#[component]
fn Announcements() -> impl IntoView {
    let watcher = expect_context::<Console>().watcher;
    let items = move || {
        watcher
            .ended
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    let item = move |(i, (title, body)): (usize, (String, String))| {
        let dismiss = move |_| {
            watcher.ended.update(|e| {
                if i < e.len() {
                    e.remove(i);
                }
            })
        };
        view! {
            <p class="announcement">
                <strong>{title}</strong> " " {body} " "
                <button type="button" class="link-button" aria-label="Dismiss this message" on:click=dismiss>"Dismiss"</button>
            </p>
        }
    };
    view! {
        <div class="announcements" role="status" aria-live="polite">
            {move || items().into_iter().map(item).collect_view()}
        </div>
    }
}
