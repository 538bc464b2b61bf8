//! The run strip: one mark per run, oldest left, as tall as the run took. Finished runs stand on
//! the line, failed and stopped ones hang below it and running ones are outlines: the position
//! says how a run ended, the colour only repeats it.

use emr_core::emr::history::{strip, Run};
use emr_core::emr::status::Family;
use leptos::prelude::*;

const WIDTH: f64 = 160.0;
const HALF: f64 = 14.0;

/// What the strip shows, in words (its accessible name).
fn label(name: &str, runs: &[Run]) -> String {
    let count = |f: Family| runs.iter().filter(|r| r.family() == f).count();
    let mut parts = vec![];
    for (f, word) in [
        (Family::Finished, "finished"),
        (Family::Failed, "failed"),
        (Family::Stopped, "stopped"),
        (Family::Running, "running"),
    ] {
        let n = count(f);
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    format!(
        "Runs of {name}, oldest to newest: {}. A mark is as tall as the run took; failed and stopped runs hang below the line.",
        parts.join(", ")
    )
}

#[component]
pub fn RunStrip(name: String, runs: Vec<Run>, now: i64) -> impl IntoView {
    let marks = strip(&runs, now);
    let step = if marks.len() > 1 {
        (WIDTH - 4.0) / (marks.len() - 1) as f64
    } else {
        WIDTH
    };
    let w = (step * 0.7).clamp(1.0, 6.0);
    let rects = marks
        .into_iter()
        .map(|m| {
            let x = 2.0 + m.x * (WIDTH - 4.0) - w / 2.0;
            let h = (m.height * (HALF - 1.0)).max(2.0);
            let down = matches!(m.family, Family::Failed | Family::Stopped);
            let y = if down { HALF + 1.0 } else { HALF - h };
            let class = format!("mark mark--{}", m.family.id());
            view! { <rect class=class x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{w:.1}") height=format!("{h:.1}")/> }
        })
        .collect_view();
    view! {
        <svg class="run-strip" role="img" aria-label=label(&name, &runs) viewBox=format!("0 0 {WIDTH} {}", HALF * 2.0)
            width=WIDTH.to_string() height=(HALF * 2.0).to_string()>
            <line class="run-strip__line" x1="0" x2=WIDTH.to_string() y1=HALF.to_string() y2=HALF.to_string()/>
            {rects}
        </svg>
    }
}
