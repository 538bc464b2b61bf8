//! One execution: described when the route names it (a row link, Back/Forward, a shared link) or
//! when Describe is pressed, and described again while it changes, on the refresh plan.

mod actions;
mod describe;
pub mod preview;
mod record;
mod run_again;
mod search;
mod state;

pub use self::state::{DetailState, Loaded};
pub use record::ExecutionView;
pub use run_again::RunAgain;

use emr_core::emr::links::S3Uri;
use emr_core::emr::model::NotebookExecutionId;
use emr_core::format;
use emr_core::route::{Route, View};
use leptos::prelude::*;

use self::actions::{confirmed_stop, Actions};
use self::describe::{describe, download, schedule_refresh, HEADING};
use self::preview::{FailureSummary, PreviewPanel, Target, Which};
use self::run_again::RunAgainForm;
use self::search::SearchAllRegions;
use self::state::Phase;
use super::common::alert::{Failure, FailureAlert};
use super::common::fields::Check;
use super::common::stop::StopDialog;
use crate::client::{now_ms, tz_offset_minutes};
use crate::state::{input_failure, Channel, Console};

/// The view, for `crate::split` (in a release build it is loaded on first use).
pub fn view() -> AnyView {
    view! { <DetailView/> }.into_any()
}

#[component]
fn DetailView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<DetailState>();

    // Arriving at an execution (or pressing Describe) describes it, unless it is what is shown.
    Effect::new(move |_| {
        let again = console.describe_again.get();
        let Route { place, view } = console.route.get();
        let View::Detail { id } = view else {
            return;
        };
        let forced = state.handled_again.get_value() != again;
        state.handled_again.set_value(again);
        if !forced && state.phase.with_untracked(|p| p.is_for(&id, &place)) {
            console.settle_focus(HEADING.into());
            return;
        }
        let (has_credentials, validated) = console.form.with_untracked(|f| {
            let mut f = f.clone();
            f.execution_id = id.clone();
            (f.has_credentials(), f.validate(now_ms()))
        });
        if !forced && !has_credentials {
            state.channel.with_value(Channel::cancel);
            state.phase.set(Phase::Idle(Some(format!(
                "Paste or type your credentials above, then press Describe to see {}.",
                format::shorten(&id, 60)
            ))));
            return;
        }
        match validated {
            Ok((session, id)) => {
                console.invalid.set(vec![]);
                console.warning.set(session.warning());
                describe(console, state, session, id, place, false);
            }
            Err(problems) => {
                state.channel.with_value(Channel::cancel);
                state.progress.set(None);
                console
                    .invalid
                    .set(problems.iter().map(|p| p.field).collect());
                state.phase.set(Phase::Failed {
                    id,
                    place,
                    failure: input_failure(problems),
                });
            }
        }
    });

    // The refresh of a record that is still changing: same execution, same endpoint, the
    // credentials in the panel now. It waits while the tab is hidden and runs as soon as it shows.
    Effect::new(move |_| {
        let Some(generation) = state.refresh_due.get() else {
            return;
        };
        if !console.visible.get()
            || !state.auto_refresh.get()
            || !state.channel.with_value(|c| c.is_current(generation))
        {
            return;
        }
        state.refresh_due.set(None);
        let Some(loaded) = state.loaded() else {
            return;
        };
        match console.session_for(&loaded.origin) {
            Ok(session) => describe(console, state, session, loaded.id, loaded.place, true),
            Err(problems) => state.progress.set(Some(format!(
                "Automatic refresh stopped: {}",
                problems
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or_default()
            ))),
        }
    });
    // Turning it back on resumes refreshing a record that is still changing.
    Effect::new(move |was_on: Option<bool>| {
        let on = state.auto_refresh.get();
        if on && was_on == Some(false) {
            if let Some(l) = state.loaded().filter(|l| !l.is_final()) {
                schedule_refresh(state, &l, state.channel.with_value(Channel::current));
            }
        }
        on
    });

    let cancel = move |_| {
        state.channel.with_value(Channel::cancel);
        state.progress.set(Some("Cancelled.".into()));
        state.phase.set(Phase::Idle(None));
    };
    let download = Callback::new(move |uri: S3Uri| download(console, state, uri));
    let open_preview = Callback::new(move |(uri, input): (S3Uri, bool)| {
        preview::open(
            console,
            state,
            Target {
                uri,
                which: if input { Which::Input } else { Which::Output },
            },
        );
    });
    let working = Memo::new(move |_| state.phase.with(|p| matches!(p, Phase::Working { .. })));
    let list_href = move || {
        let route = Route {
            place: console.place(),
            view: View::List(console.list_route.get()),
        };
        format!("#{}", route.to_fragment())
    };

    view! {
        <section class="view view--detail" aria-label="Notebook execution">
            <p class="crumbs"><a href=list_href>"← All executions"</a></p>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || state.progress.get()}</p>
                {move || working.get().then(|| view! { <button type="button" class="secondary" on:click=cancel>"Cancel"</button> })}
            </div>
            {move || state.refresh_problem.get().map(|f| view! { <FailureAlert failure=f/> })}
            {move || match state.phase.get() {
                Phase::Failed { failure, id, .. } => {
                    // An ID this region does not know may live in another one.
                    let unknown = matches!(&failure, Failure::Call(e) if e.class == emr_core::aws::error::ErrorClass::ClientInput);
                    let id = NotebookExecutionId::parse(&id).ok().filter(|_| unknown);
                    view! {
                        <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                        {match id {
                            Some(id) => view! { <FailureAlert failure=failure><SearchAllRegions id=id/></FailureAlert> }.into_any(),
                            None => view! { <FailureAlert failure=failure/> }.into_any(),
                        }}
                    }.into_any()
                }
                Phase::Loaded(l) => {
                    let final_ = l.is_final();
                    view! {
                        <Actions loaded=(*l).clone()/>
                        {move || state.action_problem.get().map(|f| view! { <FailureAlert failure=f/> })}
                        {move || state.run_again_open.get().then(|| view! { <RunAgainForm/> })}
                        <ExecutionView execution=l.execution origin=l.origin now=console.now download=download preview=open_preview>
                            <FailureSummary/>
                        </ExecutionView>
                        <PreviewPanel/>
                        <p class="fetched muted">
                            "Described at " {format::local_display(l.fetched_at, tz_offset_minutes(l.fetched_at))}
                            {move || (!final_ && state.auto_refresh.get()).then_some(" · refreshed until it ends")}
                        </p>
                    }.into_any()
                }
                Phase::Idle(text) => view! {
                    <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                    {text.map(|t| view! { <p class="hint">{t}</p> })}
                }.into_any(),
                Phase::Working { .. } => view! {
                    <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                }.into_any(),
            }}
            <div class="checks">
                <Check value=state.auto_refresh id="auto-refresh" label="Refresh until the execution ends"/>
                <Check value=state.preview.auto id="auto-preview" label="Read a failed run's output notebook for its error"/>
            </div>
            <StopDialog target=state.stop_target on_confirm=move |t| confirmed_stop(console, state, t)/>
        </section>
    }
}
