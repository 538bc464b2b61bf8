//! Two runs side by side: parameters key by key, environment variables, the fields that decide
//! how a run goes, and the notebooks themselves (cells aligned, changed sources as line diffs, a
//! failed run's failing cell next to the same cell of the good run). `a` is the base; "the last
//! success" is found among the loaded runs, else by paging back.

use std::sync::Arc;

use emr_core::connection::Session;
use emr_core::emr::compare::{differing, environment, fields, params, Params, Row};
use emr_core::emr::history::{group, NotebookKey};
use emr_core::emr::links::{account_of_arn, S3Uri};
use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::operations::Operation;
use emr_core::notebook::diff::{align, changed, lines, Aligned, CellChange, Line};
use emr_core::notebook::failure::first_error;
use emr_core::notebook::model::Notebook;
use emr_core::route::{Route, View, LAST_SUCCESS};
use emr_core::s3::notebook_beside;
use leptos::prelude::*;

use super::history::{runs_in, WINDOW_S};
use super::state::{Compared, NotebooksState, Pair};
use crate::console::executions::Executions;
use crate::console::{failure, input_failure, Console, Origin};
use crate::edge::clock::now_ms;
use crate::net;
use crate::task::{Busy, Ctx, Failure};
use crate::ui::common::alert::FailureAlert;
use crate::ui::common::focus::focus;
use crate::ui::common::notebook::cell_view;
use crate::ui::common::s3::{read_notebook, unreadable, Remedies};

/// How far back the last success is looked for (EMR keeps executions for a while; a year of
/// windows is plenty and bounds the search).
const SEARCH_WINDOWS: usize = 12;
/// Cell rows drawn per frame (the first ones at once).
const BATCH: usize = 150;

async fn describe(session: &Session, id: &str, ctx: &Ctx) -> Result<NotebookExecution, Failure> {
    let id = NotebookExecutionId::parse(id).map_err(|e| Failure::Input(vec![e.to_string()]))?;
    net::describe(session, &id, &ctx.abort, &|e| ctx.report(e))
        .await
        .map_err(|e| failure(&e, Operation::DescribeNotebookExecution, session))
}

/// The last run of `b`'s notebook that finished before `b` started: among the loaded runs, else
/// paging back 30 days at a time.
async fn last_success(
    session: &Session,
    executions: Executions,
    b: &NotebookExecution,
    b_id: &str,
    ctx: &Ctx,
) -> Result<String, Failure> {
    let key = NotebookKey::of_summary(&b.summary()).ok_or_else(|| {
        Failure::Input(vec!["This execution names no notebook (no S3 location, no workspace), so there is no earlier run of it to compare with.".into()])
    })?;
    let before = b.start_time.map(|t| t.millis());
    let loaded = executions.0.data.with_untracked(|l| {
        l.as_ref().and_then(|l| {
            group(l.listing.rows().iter().map(|r| &r.summary))
                .into_iter()
                .find(|n| n.key == key)
                .and_then(|n| n.last_success_before(before, b_id).map(|r| r.id.clone()))
        })
    });
    if let Some(id) = loaded {
        return Ok(id);
    }
    let mut to = before.unwrap_or_else(now_ms) / 1000 + 1;
    for _ in 0..SEARCH_WINDOWS {
        let (runs, seen) = runs_in(session, &key, to - WINDOW_S, to, ctx).await?;
        let mut nb = emr_core::emr::history::Notebook {
            key: key.clone(),
            runs,
        };
        nb.runs.sort_by_key(|r| std::cmp::Reverse(r.start_ms));
        if let Some(r) = nb.last_success_before(before, b_id) {
            return Ok(r.id.clone());
        }
        if seen == 0 {
            break;
        }
        to -= WINDOW_S;
    }
    Err(Failure::Input(vec![format!(
        "No earlier run of {} finished successfully: EMR was asked back to {}.",
        key.name(),
        emr_core::format::iso_utc(to * 1000)
    )]))
}

fn load(console: Console, state: NotebooksState, executions: Executions, a: String, b: String) {
    let session = match console.session() {
        Ok(s) => s,
        Err(p) => return state.compare.fail(input_failure(p)),
    };
    state.notebooks.reset();
    state.compare.load(
        (a.clone(), b.clone()),
        "Describing both runs",
        false,
        move |ctx| async move {
            let rb = describe(&session, &b, &ctx).await?;
            let a = if a == LAST_SUCCESS {
                last_success(&session, executions, &rb, &b, &ctx).await?
            } else {
                a
            };
            let ra = describe(&session, &a, &ctx).await?;
            Ok(Compared {
                a: ra,
                b: rb,
                a_id: a,
                b_id: b,
                origin: Origin::of(&session),
            })
        },
    );
}

/// The `.ipynb` a record's output is (or the one EMR writes beside an HTML output).
fn notebook_of(e: &NotebookExecution) -> Option<S3Uri> {
    let out = S3Uri::parse(e.output_notebook_uri.as_deref()?)?;
    if out.is_html() {
        notebook_beside(&out)
    } else {
        Some(out)
    }
    .filter(|u| u.is_object())
}

fn read_both(console: Console, state: NotebooksState, c: &Compared) {
    let (Some(ua), Some(ub)) = (notebook_of(&c.a), notebook_of(&c.b)) else {
        return state.notebooks.fail(Failure::Input(vec![
            "One of the two runs has no output notebook to compare (it may not have started)."
                .into(),
        ]));
    };
    let (origin, oa, ob) = (
        c.origin.clone(),
        c.a.arn
            .as_deref()
            .and_then(account_of_arn)
            .map(str::to_string),
        c.b.arn
            .as_deref()
            .and_then(account_of_arn)
            .map(str::to_string),
    );
    let failed = c.b.status.as_ref().is_some_and(|s| s.is_failure());
    state.notebooks.load(
        (c.a_id.clone(), c.b_id.clone()),
        "Reading both notebooks",
        false,
        move |ctx| async move {
            let a = read_notebook(console, &origin, &ua, oa.as_deref(), &ctx.abort).await?;
            let b = read_notebook(console, &origin, &ub, ob.as_deref(), &ctx.abort).await?;
            let rows = align(&a, &b);
            let failing = failed.then(|| first_error(&b)).flatten().and_then(|e| {
                let row = rows.iter().position(|r| r.b == Some(e.cell))?;
                Some((e, row))
            });
            Ok(Pair {
                a,
                b,
                rows,
                failing,
            })
        },
    );
}

/// A table of compared rows: `attr` names the row's key (`data-param-key`, `data-env-key`,
/// `data-field`); unchanged rows fold away but stay reachable.
fn table(caption: &'static str, attr: &'static str, rows: Vec<Row>) -> AnyView {
    let changed_rows: Vec<Row> = rows
        .iter()
        .filter(|r| r.change != emr_core::emr::compare::Change::Same)
        .cloned()
        .collect();
    let same: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.change == emr_core::emr::compare::Change::Same)
        .collect();
    let tr = move |r: Row| {
        let value = |v: Option<String>| match v {
            Some(v) => view! { <td><code class="value">{v}</code></td> }.into_any(),
            None => view! { <td><span class="absent">"not set"</span></td> }.into_any(),
        };
        let key = r.key.clone();
        let row = view! {
            <tr data-change=r.change.id()>
                <th scope="row"><code>{r.key.clone()}</code></th>
                {value(r.a)}
                {value(r.b)}
                <td class=format!("change change--{}", r.change.id())>{r.change.label()}</td>
            </tr>
        };
        // The key goes in the attribute the contract names.
        match attr {
            "data-param-key" => {
                view! { <tbody class="cmp-row" data-param-key=key>{row}</tbody> }.into_any()
            }
            "data-env-key" => {
                view! { <tbody class="cmp-row" data-env-key=key>{row}</tbody> }.into_any()
            }
            _ => view! { <tbody class="cmp-row" data-field=key>{row}</tbody> }.into_any(),
        }
    };
    let n_same = same.len();
    let summary = format!("{} changed, {n_same} the same", changed_rows.len());
    view! {
        <section class="cmp-section">
            <h3>{caption} <span class="muted">{format!(" ({summary})")}</span></h3>
            {if changed_rows.is_empty() && n_same == 0 {
                view! { <p class="muted">"None in either run."</p> }.into_any()
            } else {
                view! {
                    <table class="cmp">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Last success (base)"</th><th scope="col">"This run"</th><th scope="col">"Change"</th></tr></thead>
                        {changed_rows.into_iter().map(tr).collect_view()}
                    </table>
                    {(n_same > 0).then(|| view! {
                        <details class="cmp-same">
                            <summary>{format!("{n_same} unchanged")}</summary>
                            <table class="cmp">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Last success (base)"</th><th scope="col">"This run"</th><th scope="col">"Change"</th></tr></thead>
                                {same.into_iter().map(tr).collect_view()}
                            </table>
                        </details>
                    })}
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

fn line_diff(a: &str, b: &str) -> AnyView {
    let rows = lines(a, b)
        .into_iter()
        .map(|l| match l {
            Line::Same(t) => {
                view! { <span class="diff-line">{format!("  {t}\n")}</span> }.into_any()
            }
            Line::Removed(t) => {
                view! { <del class="diff-line diff-line--removed">{format!("− {t}\n")}</del> }
                    .into_any()
            }
            Line::Added(t) => {
                view! { <ins class="diff-line diff-line--added">{format!("+ {t}\n")}</ins> }
                    .into_any()
            }
        })
        .collect_view();
    view! { <pre class="diff" aria-label="Source changes: lines with − were removed, lines with + added">{rows}</pre> }.into_any()
}

fn cell_row(pair: &Pair, r: Aligned, k: usize) -> AnyView {
    let label = |nb: &Arc<Notebook>, i: Option<usize>| {
        i.map(|i| match nb.cells[i].execution_count {
            Some(n) => format!("Cell [{n}]"),
            None => format!("Cell {}", i + 1),
        })
    };
    let (la, lb) = (label(&pair.a, r.a), label(&pair.b, r.b));
    let what = match r.change {
        CellChange::Same => "the same",
        CellChange::Changed => "changed",
        CellChange::Inserted => "added in this run",
        CellChange::Deleted => "removed in this run",
        CellChange::Moved => "moved",
    };
    let injected = [(&pair.a, r.a), (&pair.b, r.b)]
        .iter()
        .any(|(nb, i)| i.is_some_and(|i| nb.cells[i].injected));
    let what = if injected && r.change != CellChange::Same {
        "the injected parameters (compared key by key above)"
    } else {
        what
    };
    let heading = format!(
        "{} · {} — {what}",
        la.clone().unwrap_or_else(|| "—".into()),
        lb.clone().unwrap_or_else(|| "—".into())
    );
    let src = |nb: &Arc<Notebook>, i: Option<usize>| i.map(|i| nb.cells[i].source.clone());
    let body = match (r.change, src(&pair.a, r.a), src(&pair.b, r.b)) {
        (CellChange::Changed, Some(a), Some(b)) => line_diff(&a, &b),
        (_, a, b) => view! {
            <div class="cmp-cells">
                <pre class="nb-source">{a.unwrap_or_default()}</pre>
                <pre class="nb-source">{b.unwrap_or_default()}</pre>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="cmp-cell" data-change=r.change.id() data-injected=injected.then_some("true") data-cell-a=r.a.map(|i| i.to_string()) data-cell-b=r.b.map(|i| i.to_string()) id=format!("cmp-cell-{k}")>
            <p class="cmp-cell__title">{heading}</p>
            {body}
        </div>
    }
    .into_any()
}

#[component]
fn Cells(pair: Pair) -> impl IntoView {
    let pair = Arc::new(pair);
    // The injected parameters cell differs whenever the parameters do: they are compared above.
    let n_changed = changed(&pair.rows)
        - pair
            .rows
            .iter()
            .filter(|r| {
                r.change != CellChange::Same && r.b.is_some_and(|i| pair.b.cells[i].injected)
            })
            .count();
    let all = RwSignal::new(false);
    // The changed rows first (and progressively), unchanged ones behind a button.
    let wanted: Vec<usize> = (0..pair.rows.len()).collect();
    let total = wanted.len();
    let count = RwSignal::new(total.min(BATCH));
    Effect::new(move |_| {
        let n = count.get();
        if n < total {
            request_animation_frame(move || count.set((n + BATCH).min(total)));
        }
    });
    let failing = pair.failing.clone().map(|(e, row)| {
        let r = pair.rows[row];
        let good = r.a.map(|i| cell_view(i, pair.a.cells[i].clone(), format!("cmp-good-{i}"), "The last success: "));
        let bad = cell_view(e.cell, pair.b.cells[e.cell].clone(), format!("cmp-bad-{}", e.cell), "This run: ");
        view! {
            <section class="cmp-section cmp-failing" aria-labelledby="cmp-failing-heading">
                <h3 id="cmp-failing-heading">{format!("Where it failed: {} raised {}", e.cell_label(), e.ename)}</h3>
                <div class="cmp-cells">
                    <div><p class="muted">"The last success"</p>{good.unwrap_or_else(|| view! { <p class="absent">"This cell is not in the last success."</p> }.into_any())}</div>
                    <div><p class="muted">"This run"</p>{bad}</div>
                </div>
            </section>
        }
    });
    let p = pair.clone();
    let rows = move || {
        let show_all = all.get();
        (0..count.get())
            .filter(|&k| show_all || p.rows[k].change != CellChange::Same)
            .map(|k| cell_row(&p, p.rows[k], k))
            .collect_view()
    };
    let n_same = total - n_changed;
    view! {
        {failing}
        <section class="cmp-section" aria-labelledby="cmp-cells-heading">
            <h3 id="cmp-cells-heading">"The notebooks" <span class="muted">{format!(" ({n_changed} of {total} cells differ)")}</span></h3>
            <div class="cmp-notebook">{rows}</div>
            {move || (!all.get() && n_same > 0).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| all.set(true)>{format!("Show the {n_same} unchanged cells too")}</button>
            })}
        </section>
    }
}

#[component]
pub fn CompareView() -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<NotebooksState>();
    let executions = expect_context::<Executions>();
    let task = state.compare;
    let subject = Memo::new(move |_| {
        console.route.with(|r| match &r.view {
            View::Compare { a, b } => Some((a.clone(), b.clone())),
            _ => None,
        })
    });
    Effect::new(move |_| {
        let Some((a, b)) = subject.get() else { return };
        if !task.is_for(&(a.clone(), b.clone())) {
            load(console, state, executions, a, b);
        }
    });
    // The records are in: their notebooks next.
    Effect::new(move |_| {
        if let Some(c) = task.data.get() {
            if !state.notebooks.is_for(&(c.a_id.clone(), c.b_id.clone())) {
                read_both(console, state, &c);
            }
        }
    });
    if console.take_focus() {
        focus("#compare-heading".into());
    }
    let body = move || {
        let c = task.data.get()?;
        let name = |e: &NotebookExecution, id: &str| {
            e.notebook_execution_name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| id.to_string())
        };
        let status =
            |e: &NotebookExecution| e.status.as_ref().map(|s| s.label()).unwrap_or_default();
        let intro = format!(
            "{} ({}, {}) against the base {} ({}, {}).",
            name(&c.b, &c.b_id),
            status(&c.b),
            c.b_id,
            name(&c.a, &c.a_id),
            status(&c.a),
            c.a_id
        );
        let params = match params(c.a.notebook_params.as_deref(), c.b.notebook_params.as_deref()) {
            Params::Keys(rows) => table("Notebook parameters", "data-param-key", rows),
            Params::Text(row) => view! {
                <p class="muted">"The parameters are not both JSON objects, so they are compared as text."</p>
                {table("Notebook parameters", "data-field", vec![row])}
            }.into_any(),
        };
        let env = environment(&c.a, &c.b);
        let f = fields(&c.a, &c.b);
        let n = differing(&f);
        let place = console.place();
        let href = |id: &str| format!("#{}", Route::detail(place.clone(), id).to_fragment());
        Some(view! {
            <p class="cmp-intro">{intro} " " <a href=href(&c.b_id)>"Open this run"</a> " · " <a href=href(&c.a_id)>"Open the base run"</a></p>
            {params}
            {table("Environment variables", "data-env-key", env)}
            {table("The run", "data-field", f)}
            <p class="muted">{format!("{n} fields of the record differ. The service role is not returned by Describe, so it cannot be compared.")}</p>
        })
    };
    let notebooks = move || {
        let nb = state.notebooks;
        if nb.busy.get() != Busy::Idle {
            return Some(view! { <p class="progress-note" role="status">"Reading both output notebooks…"</p> }.into_any());
        }
        if let Some(f) = nb.error.get() {
            let uri = task
                .data
                .with(|c| c.as_ref().and_then(|c| notebook_of(&c.b)));
            return Some(match uri {
                Some(u) => {
                    view! { <h3>"The notebooks"</h3> {unreadable(f, &u, Remedies::default())} }
                        .into_any()
                }
                None => view! { <FailureAlert failure=f/> }.into_any(),
            });
        }
        nb.data.get().map(|p| view! { <Cells pair=p/> }.into_any())
    };
    view! {
        <section class="view view--compare" aria-labelledby="compare-heading">
            <p class="crumbs"><a href=move || format!("#{}", Route { place: console.place(), view: View::List(console.list_route.get()) }.to_fragment())>"← All executions"</a></p>
            <h2 id="compare-heading" class="view-heading" tabindex="-1">"Compare two runs"</h2>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || task.progress.get()}</p>
                {move || (task.busy.get() != Busy::Idle).then(|| view! { <button type="button" class="secondary" on:click=move |_| task.cancel()>"Cancel"</button> })}
            </div>
            {move || task.error.get().map(|f| view! { <FailureAlert failure=f/> })}
            {body}
            {notebooks}
        </section>
    }
}
