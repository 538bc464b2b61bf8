//! Instants and durations: `<time datetime>` in UTC, local text, UTC on hover, relative form.

use emr_core::format;
use leptos::prelude::*;

use crate::edge::clock::tz_offset_minutes;

/// An instant: local wall time, UTC on hover, and "4 min ago" kept fresh by `now`.
#[component]
pub fn Instant(ms: i64, now: Signal<i64>) -> impl IntoView {
    view! {
        <time datetime=format::iso_utc(ms) title=format::utc_display(ms)>
            {format::local_display(ms, tz_offset_minutes(ms))}
        </time>
        " "
        <span class="relative">"(" {move || format::relative(ms, now.get())} ")"</span>
    }
}

/// End − start, or a live "running for …" when there is no end yet.
#[component]
pub fn Elapsed(
    start: Option<i64>,
    end: Option<i64>,
    terminal: bool,
    now: Signal<i64>,
) -> impl IntoView {
    move || match (start, end) {
        (Some(s), Some(e)) => format::duration(e - s),
        (Some(s), None) if !terminal => format!("running for {}", format::duration(now.get() - s)),
        _ => "—".to_string(),
    }
}
