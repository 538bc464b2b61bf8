//! The loaded rows at a glance: counts by status family (each a filter), how many are loaded and
//! whether EMR has more, the search box, and `Load more`.

use emr_core::emr::list::{loaded_text, ViewQuery};
use emr_core::emr::status::Family;
use leptos::prelude::*;

use super::query::show;
use super::state::ListState;
use crate::console::executions::load_more;
use crate::console::Console;
use crate::task::Busy;

#[component]
pub fn Summary(shown: Memo<Vec<usize>>) -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let counts = Memo::new(move |_| {
        state
            .task
            .data
            .with(|l| l.as_ref().map(|l| l.listing.counts()).unwrap_or_default())
    });
    let pick = move |family: Option<Family>| {
        let q = state.query.get_untracked();
        show(console, state, ViewQuery { family, ..q });
    };
    let buttons = move || {
        let active = state.query.with(|q| q.family);
        counts
            .get()
            .present()
            .into_iter()
            .map(|(family, n)| {
                let pressed = active == Some(family);
                let next = (!pressed).then_some(family);
                view! {
                    <button type="button" class=format!("count count--{}", family.id()) data-family=family.id()
                        aria-pressed=if pressed { "true" } else { "false" }
                        on:click=move |_| pick(next)>
                        {format!("{n} {}", family.id())}
                    </button>
                }
            })
            .collect_view()
    };
    let text = move || {
        let filtered = state
            .query
            .with(|q| q.family.is_some() || !q.search.trim().is_empty());
        let shown = shown.with(Vec::len);
        state.task.data.with(|l| {
            l.as_ref()
                .map(|l| loaded_text(l.listing.len(), shown, l.listing.has_more(), filtered))
                .unwrap_or_default()
        })
    };
    let search = move |value: String| {
        let q = state.query.get_untracked();
        show(console, state, ViewQuery { search: value, ..q });
    };

    view! {
        <div class="summary">
            <div class="counts" role="group" aria-label="Loaded executions by status (press to show only those)">
                {buttons}
            </div>
            <p class="loaded" data-testid="loaded" aria-live="polite">{text}</p>
            <div class="search">
                <label for="search-loaded">"Search loaded"</label>
                <input id="search-loaded" type="search" autocomplete="off" spellcheck="false"
                    placeholder="Name, ID, editor or cluster"
                    prop:value=move || state.query.with(|q| q.search.clone())
                    on:input:target=move |ev| search(ev.target().value())/>
            </div>
        </div>
    }
}

/// `Load more` while EMR has more; nothing once the last page is in.
#[component]
pub fn Pager() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let more = move || {
        state
            .task
            .data
            .with(|l| l.as_ref().is_some_and(|l| l.listing.has_more()))
    };
    let more = Memo::new(move |_| more());
    let loading = move || state.task.busy.get() == Busy::More;
    view! {
        {move || more.get().then(|| view! {
            <p class="pager">
                <button type="button" class="secondary" disabled=loading on:click=move |_| load_more(console, state.task)>
                    "Load more"
                </button>
            </p>
        })}
    }
}
