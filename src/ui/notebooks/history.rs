//! One notebook's history: all its loaded runs, newest first, in the list's table contract, and
//! `Load older runs`, which keeps asking EMR further back (30 days at a time, by the workspace's
//! editor where it has one) until the user stops or EMR has nothing older. Choosing two runs
//! compares them.

use emr_core::connection::Session;
use emr_core::emr::history::{Notebook, NotebookKey, Run, Streak, Trend};
use emr_core::emr::links::emr_cluster_url;
use emr_core::emr::list::ListFilters;
use emr_core::format;
use emr_core::route::{NotebooksRoute, Route, View};
use leptos::prelude::*;

use super::grid::streak_text;
use super::state::{History, NotebooksState};
use crate::console::executions::{page, Executions};
use crate::console::{input_failure, Console, Origin};
use crate::edge::clock::{now_ms, tz_offset_minutes};
use crate::task::{Busy, Ctx, Failure};
use crate::ui::common::alert::FailureAlert;
use crate::ui::common::badge::StatusBadge;
use crate::ui::common::focus::focus;

/// How far back one `Load older runs` asks.
pub const WINDOW_S: i64 = 30 * 86_400;

/// The runs of `key` that EMR lists between `from_s` and `to_s` (every page), and how many
/// executions the window held in all.
pub async fn runs_in(
    session: &Session,
    key: &NotebookKey,
    from_s: i64,
    to_s: i64,
    ctx: &Ctx,
) -> Result<(Vec<Run>, usize), Failure> {
    let filters = ListFilters {
        from: Some(from_s),
        to: Some(to_s),
        editor_id: key.editor_id().unwrap_or_default().to_string(),
        ..Default::default()
    };
    let (mut runs, mut seen, mut marker) = (Vec::new(), 0, None::<String>);
    loop {
        let out = page(session, &filters, marker.as_deref(), ctx).await?;
        seen += out.notebook_executions.len();
        runs.extend(
            out.notebook_executions
                .iter()
                .filter(|s| NotebookKey::of_summary(s).as_ref() == Some(key))
                .filter_map(Run::of),
        );
        match out.marker {
            Some(m) if ctx.is_current() => marker = Some(m),
            _ => return Ok((runs, seen)),
        }
    }
}

/// The window the list's filters cover (EMR's 30 days when From is empty).
fn window(filters: &ListFilters) -> (i64, i64) {
    let to = filters.to.unwrap_or(now_ms() / 1000);
    (filters.from.unwrap_or(to - WINDOW_S), to)
}

/// Loads the history of `key`: the loaded rows, then the filters' window asked for it alone.
fn load(
    console: Console,
    state: NotebooksState,
    executions: Executions,
    key: NotebookKey,
    filters: ListFilters,
) {
    let session = match console.session() {
        Ok(s) => s,
        Err(p) => return state.history.fail(input_failure(p)),
    };
    let loaded: Vec<Run> = executions.0.data.with_untracked(|l| {
        l.as_ref()
            .map(|l| {
                l.listing
                    .rows()
                    .iter()
                    .filter(|r| NotebookKey::of_summary(&r.summary).as_ref() == Some(&key))
                    .filter_map(|r| Run::of(&r.summary))
                    .collect()
            })
            .unwrap_or_default()
    });
    state.chosen.set(vec![]);
    state.history.load(
        key.id(),
        "Reading the history",
        false,
        move |ctx| async move {
            let (from, to) = window(&filters);
            let (runs, _) = runs_in(&session, &key, from, to, &ctx).await?;
            let mut h = History {
                key,
                runs: loaded,
                looked_back_to_ms: from * 1000,
                exhausted: false,
                origin: Origin::of(&session),
            };
            h.merge(runs);
            Ok(h)
        },
    );
}

/// `Load older runs`: the 30 days before what was asked so far.
fn older(console: Console, state: NotebooksState) {
    let Some((key, origin, to_ms)) = state.history.data.with_untracked(|h| {
        h.as_ref()
            .map(|h| (h.key.clone(), h.origin.clone(), h.looked_back_to_ms))
    }) else {
        return;
    };
    let session = match console.session_for(&origin) {
        Ok(s) => s,
        Err(p) => return state.history.error.set(Some(input_failure(p))),
    };
    state.history.more(
        "Looking further back",
        move |ctx| async move {
            let to = to_ms / 1000;
            let (runs, seen) = runs_in(&session, &key, to - WINDOW_S, to, &ctx).await?;
            Ok((runs, seen, (to - WINDOW_S) * 1000))
        },
        |h: &mut History, (runs, seen, back): (Vec<Run>, usize, i64)| {
            h.merge(runs);
            h.looked_back_to_ms = back;
            // A whole window without any execution: EMR keeps nothing older.
            h.exhausted = seen == 0;
        },
    );
}

fn trend_text(t: Trend) -> Option<String> {
    match t {
        Trend::Unknown => None,
        Trend::Steady => Some("duration steady".into()),
        Trend::Slower(p) => Some(format!(
            "getting slower: recent runs take {p} % longer than earlier ones"
        )),
        Trend::Faster(p) => Some(format!(
            "getting faster: recent runs take {p} % less time than earlier ones"
        )),
    }
}

fn time(ms: Option<i64>, missing: &'static str) -> AnyView {
    match ms {
        Some(ms) => view! { <time datetime=format::iso_utc(ms) title=format::utc_display(ms)>{format::local_short(ms, tz_offset_minutes(ms))}</time> }.into_any(),
        None => view! { <span class="absent">{missing}</span> }.into_any(),
    }
}

#[component]
pub fn HistoryView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<NotebooksState>();
    let executions = expect_context::<Executions>();
    let task = state.history;
    let subject = Memo::new(move |_| {
        console.route.with(|r| match &r.view {
            View::Notebook { key, filters } => {
                Some((key.clone(), filters.clone(), r.place.clone()))
            }
            _ => None,
        })
    });
    Effect::new(move |_| {
        let Some((key, filters, _)) = subject.get() else {
            return;
        };
        if task.is_for(&key) {
            return;
        }
        match NotebookKey::parse(&key) {
            Some(k) => load(console, state, executions, k, filters),
            None => task.fail(Failure::Input(vec![format!(
                "“{key}” does not name a notebook: s3://bucket/key or e-…/name."
            )])),
        }
    });
    if console.take_focus() {
        focus("#history-heading".into());
    }
    let stats = move || {
        task.data.with(|h| {
            h.as_ref().map(|h| {
                let nb = Notebook {
                    key: h.key.clone(),
                    runs: h.runs.clone(),
                };
                let (ok, all) = nb.success();
                let mut parts = vec![format!(
                    "{} run{}",
                    nb.runs.len(),
                    if nb.runs.len() == 1 { "" } else { "s" }
                )];
                if let Some(p) = nb.success_percent() {
                    parts.push(format!("{p} % succeeded ({ok} of {all} that ended)"));
                }
                if let Some(s) = streak_text(&nb.streak()) {
                    parts.push(s);
                }
                if let Some(t) = trend_text(nb.trend()) {
                    parts.push(t);
                }
                if let Some(m) = nb.median_ms() {
                    parts.push(format!("median {}", format::duration(m)));
                }
                (
                    parts.join(" · "),
                    matches!(nb.streak(), Streak::Failing { .. }),
                )
            })
        })
    };
    let back_to = move || {
        task.data.with(|h| {
            h.as_ref().map(|h| {
                let ms = h.looked_back_to_ms;
                if h.exhausted {
                    format!(
                        "EMR has nothing older than {}.",
                        format::local_short(ms, tz_offset_minutes(ms))
                    )
                } else {
                    format!(
                        "Runs since {}.",
                        format::local_short(ms, tz_offset_minutes(ms))
                    )
                }
            })
        })
    };
    let list_href = move || {
        subject.with(|s| {
            s.as_ref().map(|(_, filters, place)| {
                format!(
                    "#{}",
                    Route {
                        place: place.clone(),
                        view: View::Notebooks(NotebooksRoute {
                            filters: filters.clone(),
                            ..Default::default()
                        })
                    }
                    .to_fragment()
                )
            })
        })
    };
    let choose = move |id: String, on: bool| {
        state.chosen.update(|c| {
            c.retain(|x| *x != id);
            if on {
                c.push(id);
                if c.len() > 2 {
                    c.remove(0);
                }
            }
        })
    };
    let compare = move |_| {
        let chosen = state.chosen.get_untracked();
        let Some(h) = task.data.get_untracked() else {
            return;
        };
        if chosen.len() != 2 {
            return;
        }
        // The older run is the base.
        let pos = |id: &String| h.runs.iter().position(|r| &r.id == id).unwrap_or(0);
        let (mut a, mut b) = (chosen[0].clone(), chosen[1].clone());
        if pos(&a) < pos(&b) {
            std::mem::swap(&mut a, &mut b);
        }
        console.go(Route {
            place: console.place(),
            view: View::Compare { a, b },
        });
    };
    let rows = move || {
        let place = console.place();
        task.data.with(|h| {
            let Some(h) = h else { return vec![] };
            h.runs
                .iter()
                .map(|r| {
                    let href = format!("#{}", Route::detail(place.clone(), &r.id).to_fragment());
                    let cluster = r.cluster_id.clone().unwrap_or_default();
                    let cluster_link = emr_cluster_url(&cluster, &h.origin.region);
                    let id = r.id.clone();
                    let checked = {
                        let id = id.clone();
                        move || state.chosen.with(|c| c.contains(&id))
                    };
                    let name = if r.name.is_empty() { r.id.clone() } else { r.name.clone() };
                    view! {
                        <tr data-execution-id=r.id.clone()>
                            <td><input type="checkbox" aria-label=format!("Choose {name} to compare") prop:checked=checked
                                on:change:target=move |ev| choose(id.clone(), ev.target().checked())/></td>
                            <td>{r.status.clone().map(|s| view! { <StatusBadge status=s/> })}</td>
                            <td class="cell-name"><a href=href>{name.clone()}</a></td>
                            <td><code>{r.id.clone()}</code></td>
                            <td>{time(r.start_ms, "not started")}</td>
                            <td>{time(r.end_ms, if r.family() == emr_core::emr::status::Family::Running { "running" } else { "—" })}</td>
                            <td>{r.duration_ms().map(format::duration).unwrap_or_else(|| "—".into())}</td>
                            <td><code>{r.editor_id.clone().unwrap_or_default()}</code></td>
                            <td>{match cluster_link {
                                Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer"><code>{cluster}</code></a> }.into_any(),
                                None => view! { <code>{cluster}</code> }.into_any(),
                            }}</td>
                        </tr>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
    };
    let title = move || {
        task.data
            .with(|h| h.as_ref().map(|h| h.key.name().to_string()))
            .or_else(|| {
                subject.with(|s| {
                    s.as_ref()
                        .and_then(|(k, ..)| NotebookKey::parse(k))
                        .map(|k| k.name().to_string())
                })
            })
            .unwrap_or_else(|| "Notebook".into())
    };
    let place = move || task.data.with(|h| h.as_ref().map(|h| h.key.place()));
    let busy = Memo::new(move |_| task.busy.get());
    let exhausted = Memo::new(move |_| task.data.with(|h| h.as_ref().is_some_and(|h| h.exhausted)));
    view! {
        <section class="view view--history" aria-labelledby="history-heading">
            <p class="crumbs"><a href=list_href>"← Notebooks"</a></p>
            <h2 id="history-heading" class="view-heading" tabindex="-1">{title}</h2>
            {move || place().map(|p| view! { <p class="muted"><code>{p}</code></p> })}
            {move || stats().map(|(text, failing)| view! {
                <p class=if failing { "history-stats history-stats--failing" } else { "history-stats" } data-testid="history-stats">{text}</p>
            })}
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || task.progress.get()}</p>
                {move || (busy.get() != Busy::Idle).then(|| view! { <button type="button" class="secondary" on:click=move |_| task.cancel()>"Stop"</button> })}
            </div>
            {move || task.error.get().map(|f| view! { <FailureAlert failure=f/> })}
            <div class="actions">
                <button type="button" class="primary" disabled=move || state.chosen.with(|c| c.len() != 2) on:click=compare>"Compare"</button>
                <span class="hint">{move || match state.chosen.with(Vec::len) { 0 => "Choose two runs to compare them.".to_string(), 1 => "Choose one more run.".to_string(), _ => "Two runs chosen.".to_string() }}</span>
            </div>
            <div class="table-scroll" role="region" aria-label="Runs of this notebook" tabindex="0">
                <table class="executions history">
                    <thead><tr>
                        <th scope="col">"Compare"</th><th scope="col">"Status"</th><th scope="col">"Name"</th><th scope="col">"ID"</th>
                        <th scope="col">"Started"</th><th scope="col">"Ended"</th><th scope="col">"Duration"</th>
                        <th scope="col">"Editor"</th><th scope="col">"Cluster"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="pager">
                <span class="muted" data-testid="looked-back">{back_to}</span> " "
                {move || (!exhausted.get()).then(|| view! {
                    <button type="button" class="secondary" disabled=move || busy.get() != Busy::Idle
                        on:click=move |_| older(console, state)>"Load older runs"</button>
                })}
            </p>
        </section>
    }
}
