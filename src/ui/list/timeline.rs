//! The timeline: one bar per shown execution from start to end (to now while it runs), coloured
//! by status family, over an axis of local times. Hover or step through the bars with the arrow
//! keys to read one; click or Enter opens it.
//!
//! The bars are not focusable themselves (an image's parts are presentational); the drawing is
//! one focusable image and keeps its own current bar, shown by a highlight and the line below.

use emr_core::emr::list::Row;
use emr_core::emr::timeline::{percent, Item, Layout};
use emr_core::format;
use emr_core::route::Route;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::ListState;
use crate::console::Console;
use crate::edge::clock::tz_offset_minutes;

const AXIS_PX: usize = 22;
/// Up to this many bars follow the shown rows at once; more wait for a pause in the changes.
const DRAW_AT_ONCE_UP_TO: usize = 500;
const REDRAW_PAUSE_MS: u64 = 150;
/// How far beside a bar the pointer still reads it: thin bars need no pixel-exact aim.
const POINTER_SLACK_PX: f64 = 4.0;

fn lane_px(lanes: usize) -> usize {
    match lanes {
        0..=12 => 14,
        n => (240 / n).clamp(3, 14),
    }
}

/// Draws one `<rect>` per bar into `host`, replacing what was there. Thousands of identical
/// elements with fixed attributes need none of a view's reactivity: built in a detached fragment
/// and put in with one call, and cleared with one, they cost a fraction of as many views
/// (bench/list.mjs: a search that changes which of 5,000 bars show). Text goes in attributes only.
fn draw_bars(host: &web_sys::Element, l: &Layout, rows: &[Row]) {
    const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");
    host.set_text_content(None);
    let Some(doc) = host.owner_document() else {
        return;
    };
    let fragment = doc.create_document_fragment();
    let lane = lane_px(l.lanes);
    let (height, mut class) = (lane.saturating_sub(2).max(2).to_string(), String::new());
    for b in &l.bars {
        let (Some(r), Ok(rect)) = (rows.get(b.row), doc.create_element_ns(SVG, "rect")) else {
            continue;
        };
        let (x0, x1) = l.span_of(b);
        class.clear();
        class.push_str("bar bar--");
        class.push_str(r.family().id());
        if b.open {
            class.push_str(" bar--open");
        }
        for (name, value) in [
            ("class", class.as_str()),
            ("data-execution-id", r.id.as_str()),
            ("x", &percent(x0)),
            ("width", &percent(x1 - x0)),
            ("y", &(b.lane * lane + 1).to_string()),
            ("height", &height),
        ] {
            let _ = rect.set_attribute(name, value);
        }
        let _ = fragment.append_child(&rect);
    }
    let _ = host.append_child(&fragment);
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
    // What the timeline draws: the shown rows, but for big lists only once they have been still
    // for a moment. The table follows every keystroke of a search at once; thousands of bars are
    // redrawn once the typing pauses, not per keystroke (bench/list.mjs).
    // New rows (a page, a refresh, another listing) are drawn at once: the indices must match.
    let drawn = RwSignal::new(Vec::<usize>::new());
    let changes = StoredValue::new(0u64);
    Effect::new(move |_| {
        state.task.data.track();
        changes.update_value(|c| *c += 1);
        drawn.set(shown.get_untracked());
    });
    Effect::new(move |_| {
        state.query.track();
        changes.update_value(|c| *c += 1);
        let n = shown.with_untracked(Vec::len);
        if n.max(drawn.with_untracked(Vec::len)) <= DRAW_AT_ONCE_UP_TO {
            drawn.set(shown.get_untracked());
            return;
        }
        let this = changes.get_value();
        set_timeout(
            move || {
                if changes.try_get_value() == Some(this) {
                    if let Some(v) = shown.try_get_untracked() {
                        drawn.try_set(v);
                    }
                }
            },
            Duration::from_millis(REDRAW_PAUSE_MS),
        );
    });
    let layout = Memo::new(move |_| {
        state.task.data.with_untracked(|l| {
            let Some(l) = l else { return Layout::default() };
            let rows = l.listing.rows();
            drawn.with(|v| {
                // `get`: indices from before a new listing are skipped, never out of bounds.
                let items = v.iter().filter_map(|&i| {
                    let r = rows.get(i)?;
                    Some(Item {
                        row: i,
                        start: r.start_ms(),
                        end: r.end_ms(),
                        terminal: r.is_terminal(),
                    })
                });
                // Running bars reach the time of the last fetch, not the moment of drawing: a sort
                // or a search then leaves an equal layout (the memo keeps the drawn bars).
                Layout::new(items, l.fetched_at, tz_offset_minutes)
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
            state.task.data.with_untracked(|ld| {
                let rows = ld.as_ref()?.listing.rows();
                l.bars
                    .iter()
                    .position(|b| rows.get(b.row).is_some_and(|r| r.id == id))
            })
        })
    };
    let id_at = move |pos: usize| {
        layout.with_untracked(|l| {
            let b = *l.bars.get(pos)?;
            state
                .task
                .data
                .with_untracked(|ld| Some(ld.as_ref()?.listing.rows().get(b.row)?.id.clone()))
        })
    };
    // The bar under the pointer: the one hit, else the nearest in that lane within a few pixels.
    let bar_at = move |ev: &web_sys::MouseEvent| -> Option<usize> {
        if let Some(id) = bar_id(ev) {
            return position_of(&id);
        }
        let svg = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
        let r = svg.get_bounding_client_rect();
        if r.width() <= 0.0 {
            return None;
        }
        let x = (f64::from(ev.client_x()) - r.left()) / r.width();
        let y = f64::from(ev.client_y()) - r.top();
        layout.with_untracked(|l| {
            let lane = lane_px(l.lanes) as f64;
            if y < 0.0 || y >= l.lanes as f64 * lane {
                return None;
            }
            l.bar_near(x, (y / lane) as usize, POINTER_SLACK_PX / r.width())
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
    // The bars are drawn by hand (see `draw_bars`), once per layout.
    let bars_host = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |_| {
        let Some(host) = bars_host.get() else { return };
        layout.with(|l| {
            state.task.data.with_untracked(|ld| {
                let rows = ld.as_ref().map(|ld| ld.listing.rows()).unwrap_or_default();
                draw_bars(&host, l, rows);
            })
        })
    });
    let focus_pos = move || current.get().or(hovered.get());
    let highlight = move || {
        let pos = focus_pos()?;
        layout.with(|l| {
            let b = l.bars.get(pos)?;
            let lane = lane_px(l.lanes);
            let (x0, x1) = l.span_of(b);
            Some(view! {
                <rect class="bar-highlight" x=percent(x0) width=percent(x1 - x0) y=b.lane * lane height=lane/>
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
            state.task.data.with(|ld| {
                let Some(ld) = ld else { return String::new() };
                let Some(r) = ld.listing.rows().get(b.row) else {
                    return String::new();
                };
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
                on:click=move |ev| if let Some(id) = bar_at(&ev).and_then(id_at) { open(id) }
                on:mousemove=move |ev| hovered.set(bar_at(&ev))
                on:mouseleave=move |_| hovered.set(None)>
                <g class="timeline__grid">{grid}</g>
                <g class="timeline__bars" node_ref=bars_host></g>
                {highlight}
            </svg>
            <figcaption class="timeline__detail" aria-live="polite">{detail}</figcaption>
        </figure>
    }
}
