//! The executions table. Only the rows in view (plus a margin) are in the DOM once the list is
//! long, so 5,000 loaded executions scroll as smoothly as 50; spacer rows keep the scrollbar
//! honest and `aria-rowcount`/`aria-rowindex` tell assistive technology the real size.

use emr_core::emr::links::emr_cluster_url;
use emr_core::emr::list::{Row, Sort, SortKey, ViewQuery};
use emr_core::emr::model::NotebookExecutionId;
use emr_core::format;
use emr_core::route::{Place, Route};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::query::show;
use super::state::ListState;
use crate::console::Console;
use crate::edge::clock::tz_offset_minutes;
use crate::ui::common::badge::StatusBadge;
use crate::ui::common::stop::StopTarget;

/// Up to this many rows are all rendered; beyond, only a window around the visible ones.
const RENDER_ALL_UP_TO: usize = 150;
/// Rows rendered above and below the visible ones: 400 px of either side, enough that a wheel
/// scroll never shows blank rows, few enough that a sort redraws little (bench/list.mjs).
const OVERSCAN: usize = 10;
/// The CSS row height, until one is measured.
const DEFAULT_ROW_PX: f64 = 41.0;
const COLUMNS: usize = 9;

fn time_cell(ms: Option<i64>, missing: &'static str) -> AnyView {
    match ms {
        Some(ms) => view! {
            <time datetime=format::iso_utc(ms) title=format::utc_display(ms)>{format::local_short(ms, tz_offset_minutes(ms))}</time>
        }
        .into_any(),
        None => view! { <span class="absent">{missing}</span> }.into_any(),
    }
}

fn row_view(
    console: Console,
    state: ListState,
    row: &Row,
    place: &Place,
    region: &emr_core::aws::region::Region,
    position: usize,
) -> impl IntoView {
    let id = row.id.clone();
    let href = format!("#{}", Route::detail(place.clone(), &id).to_fragment());
    let status = row.status().cloned();
    let cluster = row.summary.execution_engine_id.clone().unwrap_or_default();
    let cluster_link = emr_cluster_url(&cluster, region);
    let (start, end, terminal) = (row.start_ms(), row.end_ms(), row.is_terminal());
    let opened = id.clone();
    let shown_id = id.clone();
    let stop_target = row
        .status()
        .is_some_and(|s| s.is_stoppable())
        .then(|| StopTarget {
            id: NotebookExecutionId::parse(&id)
                .unwrap_or_else(|_| NotebookExecutionId::parse("ex-?").expect("a valid id")),
            name: row.title().to_string(),
            origin: state
                .task
                .data
                .with_untracked(|l| l.as_ref().map(|l| l.origin.clone()))
                .expect("rows come from a listing"),
        });
    let watcher = console.watcher;
    let notify_label = format!("Notify me when {} ends", row.title());
    let (watch_id, watch_name, watch_origin) = (
        id.clone(),
        row.title().to_string(),
        stop_target.as_ref().map(|t| t.origin.clone()),
    );
    let watched = {
        let id = id.clone();
        move || watcher.is_watched(&id)
    };
    let show_notify = !terminal
        || watcher
            .watched
            .with_untracked(|w| w.iter().any(|x| x.id.as_str() == id));
    let toggle = move |on: bool| match (
        on,
        NotebookExecutionId::parse(&watch_id),
        state
            .task
            .data
            .with_untracked(|l| l.as_ref().map(|l| l.origin.clone()))
            .or(watch_origin.clone()),
    ) {
        (true, Ok(id), Some(origin)) => watcher.watch(id, watch_name.clone(), origin, None),
        (false, _, _) => watcher.unwatch(&watch_id),
        _ => {}
    };
    let duration = move || match (start, end) {
        (Some(s), Some(e)) => format::duration(e - s),
        (Some(s), None) if !terminal => {
            format!("running for {}", format::duration(console.now.get() - s))
        }
        _ => "—".to_string(),
    };
    view! {
        <tr data-execution-id=id aria-rowindex=position + 2>
            <td>{status.map(|s| view! { <StatusBadge status=s/> })}</td>
            <td class="cell-name">
                <a href=href on:click=move |_| state.opened.set_value(Some(opened.clone()))>{row.title().to_string()}</a>
            </td>
            <td><code>{shown_id}</code></td>
            <td>{time_cell(start, "not started")}</td>
            <td>{time_cell(end, if terminal { "—" } else { "running" })}</td>
            <td>{duration}</td>
            <td><code>{row.summary.editor_id.clone().unwrap_or_default()}</code></td>
            <td>
                {match cluster_link {
                    Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer"><code>{cluster}</code></a> }.into_any(),
                    None => view! { <code>{cluster}</code> }.into_any(),
                }}
            </td>
            <td class="cell-actions">
                {stop_target.map(|t| {
                    let label = format!("Stop {}", t.name);
                    view! { <button type="button" class="link-button" aria-label=label on:click=move |_| state.stop_target.set(Some(t.clone()))>"Stop"</button> }
                })}
                {show_notify.then(|| view! {
                    <label class="notify">
                        <input type="checkbox" prop:checked=watched on:change:target=move |ev| toggle(ev.target().checked())/>
                        <span class="visually-hidden">{notify_label}</span>
                        <span aria-hidden="true">"Notify"</span>
                    </label>
                })}
            </td>
        </tr>
    }
}

/// A sortable column header: a button, with `aria-sort` on the sorted column.
#[component]
fn SortHeader(key: SortKey, label: &'static str) -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let sort = move || state.query.with(|q| q.sort);
    let aria = move || {
        let s = sort();
        (s.key == key).then_some(if s.descending {
            "descending"
        } else {
            "ascending"
        })
    };
    let arrow = move || {
        let s = sort();
        match (s.key == key, s.descending) {
            (false, _) => "",
            (true, true) => " ↓",
            (true, false) => " ↑",
        }
    };
    let click = move |_| {
        let q = state.query.get_untracked();
        let sort: Sort = q.sort.toggled(key);
        show(console, state, ViewQuery { sort, ..q });
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" on:click=click>{label}<span aria-hidden="true">{arrow}</span></button>
        </th>
    }
}

#[component]
pub fn Table(shown: Memo<Vec<usize>>, scroll: NodeRef<Div>) -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    let row_px = RwSignal::new(DEFAULT_ROW_PX);

    let window = Memo::new(move |_| {
        let n = shown.with(Vec::len);
        if n <= RENDER_ALL_UP_TO {
            return (0, n);
        }
        let h = row_px.get().max(1.0);
        let first = ((scroll_top.get() / h) as usize)
            .saturating_sub(OVERSCAN)
            .min(n);
        let last = (((scroll_top.get() + viewport.get()) / h) as usize + OVERSCAN).min(n);
        (first, last.max(first))
    });
    // Also called a frame later, when the table may be gone: `try_`.
    let measure = move || {
        if let Some(el) = scroll.try_get_untracked().flatten() {
            scroll_top.set(el.scroll_top() as f64);
            // Never more than the window: a container without its max-height would otherwise ask
            // for every row.
            let window_h = web_sys::window()
                .and_then(|w| w.inner_height().ok())
                .and_then(|h| h.as_f64())
                .unwrap_or(800.0);
            viewport.set((el.client_height().max(1) as f64).min(window_h));
            if let Some(tr) = el
                .query_selector("tbody tr[data-execution-id]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let h = tr.offset_height() as f64;
                if h > 0.0 && (h - row_px.get_untracked()).abs() > 0.5 {
                    row_px.set(h);
                }
            }
        }
    };
    request_animation_frame(measure);

    // (row index, key): a row whose status or end changes is drawn anew.
    let rows = move || {
        let (a, b) = window.get();
        let picked: Vec<(usize, usize)> = shown.with(|v| {
            v[a..b]
                .iter()
                .enumerate()
                .map(|(k, &i)| (a + k, i))
                .collect()
        });
        state.task.data.with(|l| {
            let Some(l) = l else { return vec![] };
            picked
                .into_iter()
                .map(|(pos, i)| {
                    let r = &l.listing.rows()[i];
                    let end = r.end_ms().map(|e| e.to_string()).unwrap_or_default();
                    let key = format!(
                        "{}|{}|{end}|{pos}",
                        r.id,
                        r.status().map(|s| s.as_api()).unwrap_or_default()
                    );
                    (key, pos, i)
                })
                .collect::<Vec<_>>()
        })
    };
    let render = move |(_, pos, i): (String, usize, usize)| {
        state.task.data.with_untracked(|l| {
            l.as_ref().map(|l| {
                row_view(
                    console,
                    state,
                    &l.listing.rows()[i],
                    &l.place,
                    &l.origin.region,
                    pos,
                )
            })
        })
    };
    let top_px = move || format!("{}px", (window.get().0 as f64 * row_px.get()) as i64);
    let bottom_px = move || {
        let n = shown.with(Vec::len);
        format!("{}px", ((n - window.get().1) as f64 * row_px.get()) as i64)
    };
    let total = move || shown.with(Vec::len) + 1;
    let empty = move || shown.with(Vec::is_empty);
    let empty = Memo::new(move |_| empty());
    let empty_text = move || {
        state.task.data.with(|l| match l {
            Some(l) if l.listing.is_empty() && l.filters.uses_default_window() => {
                "No notebook executions match these filters in the last 30 days. Set From to look further back."
            }
            Some(l) if l.listing.is_empty() => "No notebook executions match these filters.",
            _ => "None of the loaded executions match. Clear the search or the status filter to see them all.",
        })
    };

    view! {
        {move || empty.get().then(|| view! { <p class="empty" role="status">{empty_text}</p> })}
        <div class="table-scroll" node_ref=scroll role="region" aria-label="Executions table" tabindex="0"
            class:table-scroll--empty=move || empty.get() on:scroll=move |_| measure()>
            <table class="executions" aria-rowcount=total>
                <thead>
                    <tr aria-rowindex="1">
                        <SortHeader key=SortKey::Status label="Status"/>
                        <SortHeader key=SortKey::Name label="Name"/>
                        <th scope="col">"ID"</th>
                        <SortHeader key=SortKey::Start label="Started"/>
                        <th scope="col">"Ended"</th>
                        <SortHeader key=SortKey::Duration label="Duration"/>
                        <th scope="col">"Editor"</th>
                        <th scope="col">"Cluster"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true"><td colspan=COLUMNS style:height=top_px></td></tr>
                    <For each=rows key=|(k, _, _)| k.clone() children=render/>
                    <tr class="spacer" aria-hidden="true"><td colspan=COLUMNS style:height=bottom_px></td></tr>
                </tbody>
            </table>
        </div>
    }
}
