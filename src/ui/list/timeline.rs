//! The timeline: one bar per shown execution from start to end (to now while it runs), coloured
//! by status family, over an axis of local times. Hover or step through the bars with the arrow
//! keys to read one; click or Enter opens it.
//!
//! The bars are not focusable themselves (an image's parts are presentational); the drawing is
//! one focusable image and keeps its own current bar, shown by a highlight and the line below.

use emr_core::emr::timeline::{percent, Item, Layout};
use emr_core::format;
use emr_core::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ListState;
use crate::client::{now_ms, tz_offset_minutes};
use crate::state::Console;

const AXIS_PX: usize = 22;

fn lane_px(lanes: usize) -> usize {
    match lanes {
        0..=12 => 14,
        n => (240 / n).clamp(3, 14),
    }
}

/// The bar's execution id, from the element under the pointer.
fn bar_id(ev: &web_sys::Event) -> Option<String> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .get_attribute("data-execution-id")
}

#[component]
pub fn Timeline(shown: Memo<Vec<usize>>) -> impl IntoView {
    let console = expect_context::<Console>();
    let state = expect_context::<ListState>();
    let layout = Memo::new(move |_| {
        state.loaded.with(|l| {
            let Some(l) = l else { return Layout::default() };
            let rows = l.listing.rows();
            shown.with(|v| {
                let items = v.iter().map(|&i| Item {
                    row: i,
                    start: rows[i].start_ms(),
                    end: rows[i].end_ms(),
                    terminal: rows[i].is_terminal(),
                });
                Layout::new(items, now_ms(), tz_offset_minutes)
            })
        })
    });
    // The bar being read: by keyboard (`current`) or under the pointer (`hovered`), as positions
    // in `layout.bars`.
    let current = RwSignal::new(None::<usize>);
    let hovered = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let n = layout.with(|l| l.bars.len());
        if current.get_untracked().is_some_and(|c| c >= n) {
            current.set(None);
        }
        hovered.set(None);
    });
    let position_of = move |id: &str| {
        layout.with_untracked(|l| {
            state.loaded.with_untracked(|ld| {
                let rows = ld.as_ref()?.listing.rows();
                l.bars.iter().position(|b| rows[b.row].id == id)
            })
        })
    };
    let id_at = move |pos: usize| {
        layout.with_untracked(|l| {
            let b = *l.bars.get(pos)?;
            state
                .loaded
                .with_untracked(|ld| ld.as_ref().map(|ld| ld.listing.rows()[b.row].id.clone()))
        })
    };
    let open = move |id: String| {
        state.opened.set_value(Some(id.clone()));
        console.go(Route::detail(console.place(), &id));
    };

    let height = move || layout.with(|l| l.lanes.max(1) * lane_px(l.lanes) + AXIS_PX);
    let label = move || {
        layout.with(|l| match (l.bars.len(), l.ticks.first(), l.ticks.last()) {
            (0, ..) => "Timeline: no execution with a start time to draw.".to_string(),
            (n, Some(a), Some(b)) => format!(
                "Timeline of {n} execution{} from {} to {}, coloured by status. Use the arrow keys to step through them and Enter to open one.",
                if n == 1 { "" } else { "s" },
                a.label,
                b.label
            ),
            (n, ..) => format!("Timeline of {n} executions."),
        })
    };
    let grid = move || {
        layout.with(|l| {
            let h = l.lanes.max(1) * lane_px(l.lanes);
            l.ticks
                .iter()
                .map(|t| {
                    let x = percent(l.x(t.at));
                    view! {
                        <line class="timeline__tick" x1=x.clone() x2=x.clone() y1="0" y2=h + 4/>
                        <text class="timeline__label" x=x y=h + AXIS_PX - 6 text-anchor="middle">{t.label.clone()}</text>
                    }
                })
                .collect_view()
        })
    };
    let bars = move || {
        layout.with(|l| {
            let lane = lane_px(l.lanes);
            state.loaded.with_untracked(|ld| {
                let Some(ld) = ld else { return vec![] };
                let rows = ld.listing.rows();
                l.bars
                    .iter()
                    .map(|b| {
                        let (x0, x1) = (l.x(b.start), l.x(b.end));
                        let r = &rows[b.row];
                        let class = format!("bar bar--{}{}", r.family().id(), if b.open { " bar--open" } else { "" });
                        view! {
                            <rect class=class data-execution-id=r.id.clone() x=percent(x0) width=percent((x1 - x0).max(0.0015))
                                y=b.lane * lane + 1 height=lane.saturating_sub(2).max(2)/>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let focus_pos = move || current.get().or(hovered.get());
    let highlight = move || {
        let pos = focus_pos()?;
        layout.with(|l| {
            let b = l.bars.get(pos)?;
            let lane = lane_px(l.lanes);
            let (x0, x1) = (l.x(b.start), l.x(b.end));
            Some(view! {
                <rect class="bar-highlight" x=percent(x0) width=percent((x1 - x0).max(0.0015)) y=b.lane * lane height=lane/>
            })
        })
    };
    let detail = move || {
        let Some(pos) = focus_pos() else {
            return "Hover over a bar, or focus the timeline and use the arrow keys, to see an execution here.".to_string();
        };
        layout.with(|l| {
            let Some(b) = l.bars.get(pos) else {
                return String::new();
            };
            state.loaded.with(|ld| {
                let Some(ld) = ld else { return String::new() };
                let r = &ld.listing.rows()[b.row];
                let status = r
                    .status()
                    .map(|s| s.label())
                    .unwrap_or_else(|| "Unknown".into());
                let start = format::local_short(b.start, tz_offset_minutes(b.start));
                let end = if b.open {
                    "now (still running)".to_string()
                } else {
                    format::local_short(b.end, tz_offset_minutes(b.end))
                };
                format!(
                    "{} · {status} · {start} → {end} ({})",
                    r.title(),
                    format::duration(b.end - b.start)
                )
            })
        })
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = layout.with_untracked(|l| l.bars.len());
        if n == 0 {
            return;
        }
        let at = current.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => Some(at.map_or(0, |c| (c + 1).min(n - 1))),
            "ArrowLeft" | "ArrowUp" => Some(at.map_or(n - 1, |c| c.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(n - 1),
            "Enter" | " " => {
                if let Some(id) = at.and_then(id_at) {
                    ev.prevent_default();
                    open(id);
                }
                None
            }
            "Escape" => {
                current.set(None);
                None
            }
            _ => None,
        };
        if let Some(p) = next {
            ev.prevent_default();
            current.set(Some(p));
        }
    };

    view! {
        <figure class="timeline">
            <svg class="timeline__svg" role="img" aria-label=label tabindex="0" width="100%" height=height
                on:keydown=on_key
                on:blur=move |_| current.set(None)
                on:click=move |ev| if let Some(id) = bar_id(&ev) { open(id) }
                on:mousemove=move |ev| hovered.set(bar_id(&ev).and_then(|id| position_of(&id)))
                on:mouseleave=move |_| hovered.set(None)>
                <g class="timeline__grid">{grid}</g>
                <g class="timeline__bars">{bars}</g>
                {highlight}
            </svg>
            <figcaption class="timeline__detail" aria-live="polite">{detail}</figcaption>
        </figure>
    }
}
