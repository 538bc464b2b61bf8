//! An execution's page: described when the route names it (a row link, Back/Forward, a shared
//! link) or when Describe is pressed, and described again while it changes, on the plan.

use emr_core::emr::links::S3Uri;
use emr_core::emr::model::NotebookExecutionId;
use emr_core::format;
use emr_core::route::{Route, View};
use leptos::prelude::*;

use super::actions::{confirmed_stop, Actions};
use super::describe::{describe, download, refresh};
use super::preview::state::{open, summarize, Target, Which};
use super::preview::{FailureSummary, PreviewPanel};
use super::record::ExecutionView;
use super::run_again::RunAgainForm;
use super::search::SearchAllRegions;
use super::state::{delay, DetailState, Loaded};
use crate::console::{input_failure, Console};
use crate::edge::clock::{now_ms, tz_offset_minutes};
use crate::task::{Busy, Failure, Hidden, Refresh};
use crate::ui::common::alert::FailureAlert;
use crate::ui::common::arrive::follow_route;
use crate::ui::common::fields::Check;
use crate::ui::common::focus::focus;
use crate::ui::common::lazy::Kept;
use crate::ui::common::stop::StopDialog;

/// Where focus goes after a navigation to the detail.
const HEADING: &str = ".view--detail .view-heading";

/// What the page shows instead of, or as, the record.
#[derive(Clone, PartialEq)]
enum Phase {
    /// Nothing asked (yet): the text says what to do.
    Idle(Option<String>),
    Working,
    Loaded(Box<Loaded>),
    /// The describe failed; `id` is what was asked for.
    Failed {
        failure: Failure,
        id: String,
    },
}

#[component]
pub(super) fn DetailView() -> impl IntoView {
    let console = expect_context::<Console>();
    // The app keeps the detail's state between visits; the first visit makes it.
    let state = use_context::<DetailState>().unwrap_or_else(|| {
        let state = expect_context::<Kept<DetailState>>().get_or(DetailState::new);
        provide_context(state);
        state
    });
    let task = state.task;
    task.planned(Hidden::Pause, delay, move |l, ctx| refresh(console, l, ctx))
        .on_screen();

    // Arriving at an execution describes it, unless it is what is shown; Describe describes it
    // again.
    follow_route(
        console,
        task,
        move |route| {
            let View::Detail { id } = &route.view else {
                return None;
            };
            let subject = (id.clone(), route.place.clone());
            if task.is_for(&subject) && console.take_focus() {
                focus(HEADING.into());
            }
            Some(subject)
        },
        move |(id, place), forced| {
            let (has_credentials, validated) = console.form.with_untracked(|f| {
                let mut f = f.clone();
                f.execution_id = id.clone();
                (f.has_credentials(), f.validate(now_ms()))
            });
            if !forced && !has_credentials {
                task.reset();
                state.hint.set(Some(format!(
                    "Paste or type your credentials above, then press Describe to see {}.",
                    format::shorten(&id, 60)
                )));
                return;
            }
            match validated {
                Ok((session, id)) => {
                    console.invalid.set(vec![]);
                    console.warning.set(session.warning());
                    describe(console, state, session, id, place);
                }
                Err(problems) => {
                    console
                        .invalid
                        .set(problems.iter().map(|p| p.field).collect());
                    task.fail(input_failure(problems));
                }
            }
        },
    );

    // A describe the user asked for ended: focus on the heading, if a navigation led here.
    Effect::new(move |was: Option<Busy>| {
        let busy = task.busy.get();
        if was == Some(Busy::Loading) && busy == Busy::Idle && console.take_focus() {
            focus(HEADING.into());
        }
        busy
    });
    // Each record shown: the tab title follows it, and a failed run's error is read up front.
    Effect::new(move |_| {
        let loaded = task.data.get();
        console.shown.set(
            loaded
                .as_ref()
                .and_then(|l| Some((l.name(), l.execution.status.clone()?))),
        );
        if let Some(l) = &loaded {
            summarize(console, state.preview, l);
        }
    });
    on_cleanup(move || console.shown.set(None));

    let phase = Memo::new(move |_| {
        if task.busy.get() == Busy::Loading {
            return Phase::Working;
        }
        if let Some(l) = task.data.get() {
            return Phase::Loaded(Box::new(l));
        }
        match task.error.get() {
            Some(failure) => Phase::Failed {
                failure,
                id: task
                    .subject
                    .with(|s| s.as_ref().map(|(id, _)| id.clone()).unwrap_or_default()),
            },
            None => Phase::Idle(state.hint.get()),
        }
    });
    // A refresh that went wrong: shown above the record, which stays.
    let refresh_problem = move || match task.refresh.get() {
        Refresh::Retrying { failure, .. } | Refresh::Stopped(failure) => Some(failure),
        Refresh::Off | Refresh::Planned => None,
    };
    let cancel = move |_| task.cancel();
    let download = Callback::new(move |uri: S3Uri| download(console, state, uri));
    let open_preview = Callback::new(move |(uri, input): (S3Uri, bool)| {
        let Some(l) = state.loaded() else {
            return;
        };
        open(
            console,
            state.preview,
            &l,
            Target {
                uri,
                which: if input { Which::Input } else { Which::Output },
            },
        );
    });
    let working = Memo::new(move |_| phase.with(|p| *p == Phase::Working));
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
                <p class="progress" role="status" aria-live="polite">{move || task.progress.get()}</p>
                {move || working.get().then(|| view! { <button type="button" class="secondary" on:click=cancel>"Cancel"</button> })}
            </div>
            {move || refresh_problem().map(|f| view! { <FailureAlert failure=f/> })}
            {move || match phase.get() {
                Phase::Failed { failure, id, .. } => {
                    // An ID this region does not know may live in another one.
                    let unknown = matches!(&failure, Failure::Call(e) if e.class == emr_core::aws::error::ErrorClass::ClientInput);
                    let id = NotebookExecutionId::parse(&id).ok().filter(|_| unknown);
                    view! {
                        <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                        {match id {
                            Some(id) => view! { <FailureAlert failure=failure><SearchAllRegions id=id search=state.search record=task/></FailureAlert> }.into_any(),
                            None => view! { <FailureAlert failure=failure/> }.into_any(),
                        }}
                    }.into_any()
                }
                Phase::Loaded(l) => {
                    let final_ = l.is_final();
                    view! {
                        <Actions loaded=(*l).clone()/>
                        {move || state.action_problem.get().map(|f| view! { <FailureAlert failure=f/> })}
                        {let record = (*l).clone(); move || state.run_again_open.get().then(|| view! { <RunAgainForm form=state.run_again loaded=record.clone() open=state.run_again_open/> })}
                        <ExecutionView execution=l.execution origin=l.origin now=console.now download=download preview=open_preview>
                            <FailureSummary/>
                        </ExecutionView>
                        <PreviewPanel/>
                        <p class="fetched muted">
                            "Described at " {format::local_display(l.fetched_at, tz_offset_minutes(l.fetched_at))}
                            {move || (!final_ && task.auto.get()).then_some(" · refreshed until it ends")}
                        </p>
                    }.into_any()
                }
                Phase::Idle(text) => view! {
                    <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                    {text.map(|t| view! { <p class="hint">{t}</p> })}
                }.into_any(),
                Phase::Working => view! {
                    <h2 class="view-heading" tabindex="-1">"Notebook execution"</h2>
                }.into_any(),
            }}
            <div class="checks">
                <Check value=task.auto id="auto-refresh" label="Refresh until the execution ends"/>
                <Check value=state.preview.auto id="auto-preview" label="Read a failed run's output notebook for its error"/>
            </div>
            <StopDialog target=state.stop_target on_confirm=move |t| confirmed_stop(console, state, t)/>
        </section>
    }
}
