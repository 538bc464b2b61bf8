//! The Notebooks view: the executions the list has loaded (same filters, region and paging)
//! grouped by notebook, one row each, with how it has been doing.

use emr_core::emr::history::{group, view as shown, Notebook, NotebookSort, Streak};
use emr_core::format;
use emr_core::route::{ListRoute, NotebooksRoute, Route, View};
use leptos::prelude::*;

use super::strip::RunStrip;
use crate::console::executions::{first, load_more, Executions};
use crate::console::{input_failure, Console, History as Nav};
use crate::edge::clock::{now_ms, tz_offset_minutes};
use crate::task::Busy;
use crate::ui::common::alert::FailureAlert;
use crate::ui::common::arrive::follow_route;
use crate::ui::common::badge::StatusBadge;
use crate::ui::common::focus::focus;

const DAY_S: i64 = 86_400;

fn time(ms: i64) -> AnyView {
    view! { <time datetime=format::iso_utc(ms) title=format::utc_display(ms)>{format::local_short(ms, tz_offset_minutes(ms))}</time> }
        .into_any()
}

/// The streak in words: "failing for 3 runs since 2026-12-04 02:00".
pub fn streak_text(s: &Streak) -> Option<String> {
    let since = |ms: &Option<i64>| {
        ms.map(|m| format!(" since {}", format::local_short(m, tz_offset_minutes(m))))
            .unwrap_or_default()
    };
    let plural = |n: usize| {
        if n == 1 {
            "run".to_string()
        } else {
            format!("{n} runs")
        }
    };
    match s {
        Streak::None => None,
        Streak::Failing { runs, since_ms } => {
            Some(format!("failing for {}{}", plural(*runs), since(since_ms)))
        }
        Streak::Succeeding { runs, since_ms } => Some(format!(
            "succeeding for {}{}",
            plural(*runs),
            since(since_ms)
        )),
    }
}

fn row(
    nb: &Notebook,
    place: &emr_core::route::Place,
    filters: &emr_core::emr::list::ListFilters,
    now: i64,
) -> impl IntoView {
    let id = nb.key.id();
    let href = format!(
        "#{}",
        Route {
            place: place.clone(),
            view: View::Notebook {
                key: id.clone(),
                filters: filters.clone()
            },
        }
        .to_fragment()
    );
    let (ok, all) = nb.success();
    let success = match nb.success_percent() {
        Some(p) => format!("{p} % ({ok} of {all})"),
        None => "— (none ended)".to_string(),
    };
    let last = nb.last().and_then(|r| r.status.clone());
    let streak = streak_text(&nb.streak());
    view! {
        <tr data-notebook-key=id.clone()>
            <td class="cell-name"><a href=href>{nb.key.name().to_string()}</a>
                {streak.map(|s| view! { <span class="muted streak">{format!(" · {s}")}</span> })}</td>
            <td><code>{nb.key.place()}</code></td>
            <td class="num">{nb.runs.len()}</td>
            <td class="num">{success}</td>
            <td>{last.map(|s| view! { <StatusBadge status=s/> })}</td>
            <td>{match nb.last_success_ms() { Some(ms) => time(ms), None => view! { <span class="absent">"never"</span> }.into_any() }}</td>
            <td class="num">{nb.median_ms().map(format::duration).unwrap_or_else(|| "—".into())}</td>
            <td><RunStrip name=nb.key.name().to_string() runs=nb.runs.clone() now=now/></td>
        </tr>
    }
}

#[component]
pub fn Grid() -> impl IntoView {
    let console = expect_context::<Console>();
    let task = expect_context::<Executions>().0;
    let route = move || {
        console.route.with(|r| match &r.view {
            View::Notebooks(n) => Some((r.place.clone(), n.clone())),
            _ => None,
        })
    };
    let route = Memo::new(move |_| route());

    // Arriving here lists the filters' executions unless the list has them loaded already.
    follow_route(
        console,
        task,
        move |r| match &r.view {
            View::Notebooks(n) => Some((n.filters.clone(), r.place.clone())),
            _ => None,
        },
        move |(filters, place), forced| {
            if !forced && !console.form.with_untracked(|f| f.has_credentials()) {
                return;
            }
            match console.session() {
                Ok(session) => {
                    let subject = (filters.clone(), place.clone());
                    let keep = task.is_for(&subject);
                    task.load(subject, "Listing", keep, move |ctx| {
                        first(session, filters, place, ctx)
                    });
                }
                Err(problems) => task.fail(input_failure(problems)),
            }
        },
    );
    if console.take_focus() {
        focus("#notebooks-heading".into());
    }

    // Grouped once per change of the loaded rows; sorted and searched without a request.
    let notebooks = Memo::new(move |_| {
        task.data.with(|l| {
            l.as_ref()
                .map(|l| group(l.listing.rows().iter().map(|r| &r.summary)))
                .unwrap_or_default()
        })
    });
    let order = Memo::new(move |_| {
        let (sort, search) = route.with(|r| {
            r.as_ref()
                .map(|(_, n)| (n.sort, n.search.clone()))
                .unwrap_or_default()
        });
        notebooks.with(|nbs| shown(nbs, sort, &search))
    });
    let set = move |f: &dyn Fn(&mut NotebooksRoute)| {
        let mut r = console.route.get_untracked();
        if let View::Notebooks(n) = &mut r.view {
            f(n);
            console.navigate(r, Nav::Replace);
        }
    };
    let since = move |days: i64| {
        let mut r = console.route.get_untracked();
        if let View::Notebooks(n) = &mut r.view {
            n.filters.from = (days > 0).then(|| now_ms() / 1000 - days * DAY_S);
            console.go(r);
        }
    };
    let loaded_text = move || {
        task.data.with(|l| {
            l.as_ref().map(|l| {
                let runs = l.listing.len();
                let nbs = notebooks.with(Vec::len);
                let window = if l.filters.uses_default_window() {
                    " (EMR lists the last 30 days when From is empty)"
                } else {
                    ""
                };
                format!(
                    "{nbs} notebook{} from {runs} loaded execution{}{window}{}",
                    if nbs == 1 { "" } else { "s" },
                    if runs == 1 { "" } else { "s" },
                    if l.listing.has_more() {
                        "; EMR has more: Load more reaches further."
                    } else {
                        "."
                    }
                )
            })
        })
    };
    let list_href = move || {
        let place = console.place();
        let filters = route.with(|r| {
            r.as_ref()
                .map(|(_, n)| n.filters.clone())
                .unwrap_or_default()
        });
        format!(
            "#{}",
            Route {
                place,
                view: View::List(ListRoute {
                    filters,
                    ..Default::default()
                })
            }
            .to_fragment()
        )
    };
    let more = Memo::new(move |_| {
        task.data
            .with(|l| l.as_ref().is_some_and(|l| l.listing.has_more()))
    });
    let rows = move || {
        let now = console.now.get_untracked();
        let Some((place, n)) = route.get() else {
            return vec![];
        };
        notebooks.with(|nbs| {
            order.with(|o| {
                o.iter()
                    .map(|&i| row(&nbs[i], &place, &n.filters, now).into_any())
                    .collect::<Vec<_>>()
            })
        })
    };
    let sort_value =
        move || route.with(|r| r.as_ref().map(|(_, n)| n.sort.id()).unwrap_or_default());
    let search_value = move || {
        route.with(|r| {
            r.as_ref()
                .map(|(_, n)| n.search.clone())
                .unwrap_or_default()
        })
    };
    let sorts = NotebookSort::ALL
        .iter()
        .map(|s| view! { <option value=s.id()>{s.label()}</option> })
        .collect_view();

    view! {
        <section class="view view--notebooks" aria-labelledby="notebooks-heading">
            <p class="crumbs"><a href=list_href>"← All executions"</a></p>
            <h2 id="notebooks-heading" class="view-heading" tabindex="-1">"Notebooks"</h2>
            <div class="progress-line">
                <p class="progress" role="status" aria-live="polite">{move || task.progress.get()}</p>
                {move || (task.busy.get() != Busy::Idle).then(|| view! { <button type="button" class="secondary" on:click=move |_| task.cancel()>"Cancel"</button> })}
            </div>
            {move || task.error.get().map(|f| view! { <FailureAlert failure=f/> })}
            <div class="summary">
                <p class="loaded" data-testid="notebooks-loaded" aria-live="polite">{loaded_text}</p>
                <div class="filter">
                    <label for="notebooks-sort">"Sort by"</label>
                    <select id="notebooks-sort" prop:value=sort_value
                        on:change:target=move |ev| { let v = ev.target().value(); set(&|n| n.sort = NotebookSort::parse(&v).unwrap_or_default()) }>
                        {sorts}
                    </select>
                </div>
                <div class="filter">
                    <label for="notebooks-since">"Runs since"</label>
                    <select id="notebooks-since" on:change:target=move |ev| since(ev.target().value().parse().unwrap_or(0))>
                        <option value="">"As filtered"</option>
                        <option value="30">"30 days ago"</option>
                        <option value="60">"60 days ago"</option>
                        <option value="90">"90 days ago"</option>
                    </select>
                </div>
                <div class="search">
                    <label for="notebooks-search">"Search loaded"</label>
                    <input id="notebooks-search" type="search" autocomplete="off" spellcheck="false" placeholder="Notebook, run name or ID"
                        prop:value=search_value on:input:target=move |ev| { let v = ev.target().value(); set(&|n| n.search = v.clone()) }/>
                </div>
            </div>
            <div class="table-scroll" role="region" aria-label="Notebooks table" tabindex="0">
                <table class="notebooks">
                    <thead><tr>
                        <th scope="col">"Notebook"</th><th scope="col">"Where"</th><th scope="col">"Runs"</th>
                        <th scope="col">"Success"</th><th scope="col">"Last run"</th><th scope="col">"Last success"</th>
                        <th scope="col">"Median duration"</th><th scope="col">"Runs over time"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || (order.with(Vec::is_empty) && task.data.with(Option::is_some)).then(|| view! {
                <p class="empty" role="status">"No loaded execution names a notebook that matches. Clear the search, or load more."</p>
            })}
            {move || more.get().then(|| view! {
                <p class="pager"><button type="button" class="secondary" disabled=move || task.busy.get() == Busy::More
                    on:click=move |_| load_more(console, task)>"Load more"</button></p>
            })}
        </section>
    }
}
