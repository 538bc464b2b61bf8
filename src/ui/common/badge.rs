//! The status badge: raw API status in `data-status`, a human label, a colour family and a glyph.

use emr_core::emr::status::ExecutionStatus;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: ExecutionStatus) -> impl IntoView {
    let tone = status.tone();
    let class = format!("badge badge--{}", tone.css());
    view! {
        <span class=class data-status=status.as_api().to_string()>
            <span class="badge__icon" aria-hidden="true">{tone.icon()}</span>
            <span class="badge__label">{status.label()}</span>
        </span>
    }
}
