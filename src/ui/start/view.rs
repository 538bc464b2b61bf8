//! The New execution page: the form filled from the route, the route following the form.

use emr_core::emr::start::StartDraft;
use emr_core::route::{Route, View};
use leptos::prelude::*;

use crate::console::{Console, History};
use crate::ui::common::start::{StartForm, StartFormView};

/// The draft the route carries, if it names this view.
fn routed(route: &Route) -> Option<StartDraft> {
    match &route.view {
        View::Start(link) => Some(StartDraft::from_link(link)),
        _ => None,
    }
}

#[component]
pub(super) fn StartPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let draft = console
        .route
        .with_untracked(routed)
        .unwrap_or_else(StartDraft::blank);
    let form = StartForm::new(draft, None);
    // A link or Back/Forward brought other values: the form shows them.
    Effect::new(move |_| {
        if let Some(d) = console.route.with(routed) {
            if form.draft.with_untracked(|now| *now != d) {
                form.draft.set(d);
            }
        }
    });
    // Every change is written into the fragment (the same history entry), so the page's address
    // is the filled form.
    Effect::new(move |_| {
        let link = form.draft.with(StartDraft::to_link);
        let on_page = console.route.with_untracked(|r| match &r.view {
            View::Start(l) => Some(*l == link),
            _ => None,
        });
        if on_page == Some(false) {
            let route = Route {
                place: console.place(),
                view: View::Start(link),
            };
            console.navigate(route, History::Replace);
        }
    });
    let list_href = move || {
        let view = View::List(console.list_route.get());
        format!(
            "#{}",
            Route {
                place: console.place(),
                view
            }
            .to_fragment()
        )
    };
    let back = Callback::new(move |()| {
        console.go(Route {
            place: console.place(),
            view: View::List(console.list_route.get_untracked()),
        })
    });
    view! {
        <section class="view view--start" aria-labelledby="start-heading">
            <p class="breadcrumb"><a href=list_href>"Executions"</a></p>
            <StartFormView form=form class="start-form" heading_id="start-heading" heading="New execution"
                intro="A notebook from a workspace (Editor ID and Relative path) or from S3 (Input notebook), on a cluster that is checked before anything is signed. What you type is kept in this page's address (never credentials): copy the address to share the filled form."
                place=Signal::derive(move || console.place()) cancel=back
                relative_note=Signal::stored(None) role_note=Signal::stored(None) focus=console.take_focus()/>
        </section>
    }
}
