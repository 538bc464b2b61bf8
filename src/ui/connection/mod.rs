//! The connection panel both views share: credentials, region and endpoint, and the box that
//! opens one execution by its ID (the Describe button).

mod credentials;
mod input;
mod question;

use emr_core::aws::endpoint::is_loopback_host;
use emr_core::aws::region::{Partition, Region, KNOWN_REGIONS};
use emr_core::connection::{ConnectionForm, Field};
use emr_core::demo;
use emr_core::emr::locate::Source;
use emr_core::route::{Route, View};
use leptos::prelude::*;

use self::credentials::CredentialsFields;
use super::common::boot::{Slice, Turn};
use super::common::fields::{FormCheck, TextField};
use super::common::lazy::{Lazy, Loader, Prefetch};
use crate::console::{remember, Console, History};
use crate::edge::page;

fn page_is_local() -> bool {
    let h = page::hostname();
    is_loopback_host(&h) || h == "[::1]" || h == "::1"
}

/// Opens the execution typed in the panel (the Describe button): a new history entry when it is
/// another execution, and a describe even when it is the one shown. An ARN or a link also sets the
/// region, and the panel says so.
pub fn describe(console: Console) {
    match input::readers::now() {
        Some(r) => open(console, Some(r)),
        // The readers were asked for when the ID box got focus; without them the text is used as
        // typed.
        None => leptos::task::spawn_local(async move {
            open(console, input::readers::load().await.ok());
        }),
    }
}

fn open(console: Console, readers: Option<input::Readers>) {
    let typed = console.form.with_untracked(|f| f.execution_id.clone());
    if let Some(l) = readers.and_then(|r| (r.locate)(&typed)) {
        let region = l
            .region
            .filter(|r| console.form.with_untracked(|f| f.region.trim() != r.name()));
        console.form.update(|f| {
            f.execution_id = l.id.to_string();
            if let Some(r) = &region {
                f.region = r.name().to_string();
            }
        });
        let from = match l.source {
            Source::Arn => "the ARN",
            _ => "the link",
        };
        console
            .region_note
            .set(region.map(|r| format!("Region set to {} from {from}.", r.name())));
    }
    let (place, id) = console
        .form
        .with_untracked(|f| (f.place(), f.execution_id.trim().to_string()));
    console.go(Route::detail(place, &id));
    console.reload.notify();
}

#[component]
pub fn ConnectionPanel() -> impl IntoView {
    let console = expect_context::<Console>();
    let form = console.form;
    let invalid = console.invalid;

    let use_emulator = move |_: ()| {
        form.update(|f| {
            f.access_key_id = demo::ACCESS_KEY_ID.into();
            f.secret_access_key = demo::SECRET_ACCESS_KEY.into();
            f.session_token = demo::SESSION_TOKEN.into();
            f.region = demo::REGION.into();
            f.endpoint_url = demo::ENDPOINT.into();
            f.fips = false;
            f.dual_stack = false;
            f.endpoint_unconfirmed = false;
            if f.execution_id.trim().is_empty() {
                f.execution_id = demo::RUNNING_EXECUTION_ID.into();
            }
            f.credentials_edited();
        });
        // First use lands on a populated list: the demo account has plenty of history.
        if console.route.with_untracked(Route::is_list) {
            let mut route = console.route.get_untracked();
            route.place = console.place();
            console.navigate(route, History::Replace);
            console.reload.notify();
        }
    };

    let forget = move |_: ()| {
        form.update(ConnectionForm::forget_credentials);
        console.remember.set(false);
        remember::clear();
    };

    // Enter in any connection field redoes what the current view shows, against the panel's values.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match console
            .route
            .with_untracked(|r| matches!(r.view, View::Detail { .. }))
        {
            true => describe(console),
            false => redo(console),
        }
    };
    let on_describe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        describe(console);
    };

    // Credentials in the panel: a request is near, so its code (and the list's) starts loading.
    let prefetch = Prefetch::get();
    Effect::new(move |_| {
        if form.with(ConnectionForm::has_credentials) {
            crate::net::prefetch();
            (prefetch.list)();
        }
    });

    let is_invalid =
        move |field: Field| move || invalid.with(|v| v.contains(&field)).then_some("true");
    let target_text = move || match form.with(|f| f.endpoint()) {
        Ok(e) => e.origin(),
        Err(_) => "— (fix the region or Endpoint URL)".to_string(),
    };
    let advanced_open = RwSignal::new(
        form.with_untracked(|f| !f.endpoint_url.is_empty() || f.fips || f.dual_stack),
    );
    // A link or the emulator shortcut that sets an endpoint opens Advanced so that it is seen.
    Effect::new(move |_| {
        if form.with(|f| !f.endpoint_url.is_empty() || f.fips || f.dual_stack) {
            advanced_open.set(true);
        }
    });

    view! {
        <aside class="panel" aria-label="Connection">
            <form class="connection" novalidate on:submit=on_submit aria-label="Connection">
                <Slice turn=Turn::Credentials>
                <CredentialsFields form=form invalid=invalid remember=console.remember now=console.now
                    offer_emulator=page_is_local() on_use_emulator=use_emulator on_forget=forget/>
                </Slice>
                <Slice turn=Turn::Region>
                <label for="region">"Region"</label>
                // The options first: the value can only select one that exists.
                <select id="region" name="region" aria-invalid=is_invalid(Field::Region)
                    inner_html=region_options_html()
                    prop:value=move || form.with(|f| f.region.clone())
                    on:change:target=move |ev| form.update(|f| f.region = ev.target().value())>
                </select>
                <details prop:open=move || advanced_open.get() on:toggle:target=move |ev| advanced_open.set(ev.target().open())>
                    <summary>"Advanced"</summary>
                    <TextField form=form invalid=invalid field=Field::EndpointUrl id="endpoint-url" label="Endpoint URL"
                        kind="url" inputmode="url" describedby="endpoint-hint"
                        placeholder="https://elasticmapreduce.<region>.amazonaws.com"
                        get=|f| &f.endpoint_url set=|f, v| { f.endpoint_url = v; f.endpoint_unconfirmed = false }/>
                    <p id="endpoint-hint" class="hint">
                        "Leave empty to call AWS. Use it for the local emulator, a proxy or test tools; https:// is required except for localhost."
                    </p>
                    <div class="checks">
                        <FormCheck form=form id="fips" label="Use the FIPS endpoint" get=|f| f.fips set=|f, v| f.fips = v/>
                        <FormCheck form=form id="dual-stack" label="Use the dual-stack (IPv6) endpoint"
                            get=|f| f.dual_stack set=|f, v| f.dual_stack = v/>
                    </div>
                </details>
                <p class="target">"Requests go to " <code data-testid="target">{target_text}</code></p>
                <EndpointConfirmation/>
                </Slice>
                // Enter in a credential field submits this form (the view's own action).
                <button type="submit" hidden>"Apply"</button>
            </form>
            <Slice turn=Turn::Open>
            <form class="open" novalidate on:submit=on_describe aria-label="Open a notebook execution"
                on:focusin=move |_| { (prefetch.detail)(); input::readers::prefetch() }
                on:pointerover=|_| input::readers::prefetch()>
                <TextField form=form invalid=invalid field=Field::ExecutionId id="execution-id" label="Notebook execution ID"
                    placeholder="ex-…, its ARN, or a link" describedby="execution-id-hint" get=|f| &f.execution_id set=|f, v| f.execution_id = v/>
                <button type="submit" class="primary">"Describe"</button>
                <p id="execution-id-hint" class="hint">"An ID, an execution ARN (which sets the region) or a link to this console."</p>
                {move || console.region_note.get().map(|n| view! { <p class="note" role="status">{n}</p> })}
            </form>
            </Slice>
            {move || console.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || console.warning.get().map(|w| view! { <p class="warning" role="status">{w}</p> })}
        </aside>
    }
}

/// Every region the console knows, grouped by partition, as markup: the browser parses it in one
/// call instead of a hundred DOM calls while the page starts. The texts are the region table's own,
/// escaped all the same.
fn region_options_html() -> String {
    fn push_escaped(html: &mut String, text: &str) {
        for c in text.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '"' => html.push_str("&quot;"),
                c => html.push(c),
            }
        }
    }
    let mut html = String::with_capacity(4096);
    for p in Partition::ALL {
        html.push_str("<optgroup label=\"");
        push_escaped(&mut html, p.label());
        html.push_str("\">");
        for k in KNOWN_REGIONS
            .iter()
            .filter(|k| Region::parse(k.name).is_ok_and(|r| r.partition() == p))
        {
            html.push_str("<option value=\"");
            push_escaped(&mut html, k.name);
            html.push_str("\">");
            push_escaped(&mut html, k.name);
            html.push_str(" — ");
            push_escaped(&mut html, k.description);
            html.push_str("</option>");
        }
        html.push_str("</optgroup>");
    }
    html
}

/// A link brought an Endpoint URL: the question (in the input chunk, fetched only then).
#[component]
fn EndpointConfirmation() -> impl IntoView {
    let form = expect_context::<Console>().form;
    let pending =
        move || form.with(|f| f.endpoint_unconfirmed && !f.endpoint_url.trim().is_empty());
    let pending = Memo::new(move |_| pending());
    move || pending.get().then(|| view! { <Lazy loader=QUESTION/> })
}

/// The endpoint question's view, loaded with the panel's readers.
const QUESTION: Loader = Loader {
    now: || input::readers::now().map(|r| r.question),
    load: || Box::pin(async { input::readers::load().await.map(|r| r.question) }),
};

/// Redoes what the current view shows (after the panel changed in a way that allows it).
pub(super) fn redo(console: Console) {
    console.reload.notify();
}
