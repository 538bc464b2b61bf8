//! The described execution: every member of `NotebookExecution`, rendered as text.

use emr_core::emr::links::{emr_cluster_url, s3_console_url, S3Uri};
use emr_core::emr::model::{NotebookExecution, Tag};
use emr_core::format::pretty_json;
use leptos::prelude::*;

use crate::console::Origin;
use crate::ui::common::badge::StatusBadge;
use crate::ui::common::copy::Copyable;
use crate::ui::common::time::{Elapsed, Instant};

#[component]
fn Row(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="row">
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}

fn dash() -> AnyView {
    view! { <span class="absent">"—"</span> }.into_any()
}

fn text_or_dash(v: Option<String>) -> AnyView {
    match v {
        Some(s) => view! { <span>{s}</span> }.into_any(),
        None => dash(),
    }
}

/// An S3 location: the `s3://` URI as copyable text, a console link, and (for objects) a download.
#[component]
fn S3Place(
    uri: String,
    what: &'static str,
    origin: Origin,
    download: Option<Callback<S3Uri>>,
    /// "Preview output notebook": the button's name, and what it previews.
    preview: Option<(&'static str, Callback<S3Uri>)>,
) -> impl IntoView {
    let parsed = S3Uri::parse(&uri);
    let links = parsed.map(|p| {
        let console = s3_console_url(&p, &origin.region);
        let preview = preview.filter(|_| p.is_object()).map(|(label, cb)| {
            let p = p.clone();
            view! { <button type="button" class="link-button" on:click=move |_| cb.run(p.clone())>{label}</button> }
        });
        let download = download.filter(|_| p.is_object()).map(|cb| {
            let label = format!("Download {what} (presigned link)");
            view! {
                <button type="button" class="link-button" aria-label=label on:click=move |_| cb.run(p.clone())>
                    "Download"
                </button>
            }
        });
        view! {
            " "
            <a href=console target="_blank" rel="noopener noreferrer">"Open in S3 console"</a>
            " "
            {download}
            " "
            {preview}
        }
    });
    view! {
        <span class="place">
            <Copyable text=uri what=what/>
            {links}
        </span>
    }
}

/// A location whose bucket is not a valid S3 name: shown as sent, without links.
fn raw_location(loc: &emr_core::emr::model::S3Location) -> String {
    format!(
        "bucket “{}”, key “{}”",
        loc.bucket.as_deref().unwrap_or_default(),
        loc.key.as_deref().unwrap_or_default()
    )
}

fn tags_view(tags: Vec<Tag>) -> AnyView {
    if tags.is_empty() {
        return view! { <span class="absent">"None"</span> }.into_any();
    }
    view! {
        <table class="kv">
            <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th></tr></thead>
            <tbody>
                {tags.into_iter().map(|t| view! {
                    <tr><td><code>{t.key}</code></td><td>{t.value.unwrap_or_default()}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn ExecutionView(
    execution: NotebookExecution,
    origin: Origin,
    now: Signal<i64>,
    #[prop(optional)] download: Option<Callback<S3Uri>>,
    /// Previews an object the record names: `true` for the input notebook.
    #[prop(optional)]
    preview: Option<Callback<(S3Uri, bool)>>,
    /// What is known about the failure beyond its reason (the error from the output notebook).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let e = execution;
    let failure_detail = children.map(|c| c());
    let preview_out = preview.map(|cb| {
        (
            "Preview output notebook",
            Callback::new(move |u| cb.run((u, false))),
        )
    });
    let preview_in = preview.map(|cb| {
        (
            "Preview input notebook",
            Callback::new(move |u| cb.run((u, true))),
        )
    });
    let status = e.status.clone();
    let terminal = status.as_ref().is_some_and(|s| s.is_terminal());
    let failing = status.as_ref().is_some_and(|s| s.is_failure());
    let heading = e
        .notebook_execution_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| e.notebook_execution_id.clone())
        .unwrap_or_else(|| "Notebook execution".to_string());
    let start = e.start_time.map(|t| t.millis());
    let end = e.end_time.map(|t| t.millis());
    let reason = e.last_state_change_reason.clone();
    let engine = e.execution_engine.clone();
    let role = engine.as_ref().and_then(|x| x.execution_role_arn.clone());
    let master_sg = engine
        .as_ref()
        .and_then(|x| x.master_instance_security_group_id.clone());
    let (origin_out, origin_loc, origin_in) = (origin.clone(), origin.clone(), origin.clone());
    let region = origin.region.clone();

    let instant = move |ms: Option<i64>, missing: &'static str| match ms {
        Some(ms) => view! { <Instant ms=ms now=now/> }.into_any(),
        None => view! { <span class="absent">{missing}</span> }.into_any(),
    };

    view! {
        <article class="execution" aria-labelledby="execution-heading">
            <header class="execution__header">
                <h2 id="execution-heading" class="view-heading" tabindex="-1">{heading}</h2>
                {status.clone().map(|s| view! { <StatusBadge status=s/> })}
            </header>
            {reason.clone().filter(|_| failing).map(|r| view! {
                <p class="reason reason--failure">
                    <strong>"Why it failed: "</strong>
                    <span class="reason__text">{r}</span>
                </p>
            })}
            {failure_detail}
            <dl class="fields">
                <Row label="Status">
                    {match status.clone() {
                        Some(s) => view! { <StatusBadge status=s/> }.into_any(),
                        None => dash(),
                    }}
                </Row>
                <Row label="Last state change reason">{text_or_dash(reason)}</Row>
                <Row label="Started">{instant(start, "not started yet")}</Row>
                <Row label="Ended">{instant(end, if terminal { "—" } else { "not yet" })}</Row>
                <Row label="Duration"><Elapsed start=start end=end terminal=terminal now=now/></Row>
                <Row label="Output notebook">
                    {match e.output_notebook_uri.clone() {
                        Some(uri) => view! { <S3Place uri=uri what="output notebook URI" origin=origin_out download=download preview=preview_out/> }.into_any(),
                        None => view! { <span class="absent">"Not available yet (it appears once the run starts)"</span> }.into_any(),
                    }}
                </Row>
                {e.output_notebook_s3_location.clone().map(|loc| {
                    let text = S3Uri::from_location(&loc).map(|u| u.to_string());
                    view! {
                        <Row label="Output location">
                            {match text {
                                Some(t) => view! { <S3Place uri=t what="output location" origin=origin_loc download=None preview=None/> }.into_any(),
                                None => text_or_dash(Some(raw_location(&loc))),
                            }}
                        </Row>
                    }
                })}
                <Row label="Output format">{text_or_dash(e.output_notebook_format.clone())}</Row>
                <Row label="Input notebook">
                    {match e.notebook_s3_location.clone() {
                        Some(loc) => match S3Uri::from_location(&loc) {
                            Some(u) => view! { <S3Place uri=u.to_string() what="input notebook location" origin=origin_in download=download preview=preview_in/> }.into_any(),
                            None => text_or_dash(Some(raw_location(&loc))),
                        },
                        None => dash(),
                    }}
                </Row>
                <Row label="Notebook execution ID">
                    {match e.notebook_execution_id.clone() {
                        Some(id) => view! { <Copyable text=id what="notebook execution ID"/> }.into_any(),
                        None => dash(),
                    }}
                </Row>
                <Row label="Name">{text_or_dash(e.notebook_execution_name.clone())}</Row>
                <Row label="ARN">
                    {match e.arn.clone() {
                        Some(arn) => view! { <Copyable text=arn what="ARN"/> }.into_any(),
                        None => dash(),
                    }}
                </Row>
                <Row label="Editor ID">{text_or_dash(e.editor_id.clone())}</Row>
                <Row label="Cluster">
                    {match engine {
                        Some(eng) => {
                            let link = emr_cluster_url(&eng.id, &region);
                            let kind = eng.engine_type.clone().map(|t| view! { " " <span class="muted">"(" {t} ")"</span> });
                            match link {
                                Some(href) => view! {
                                    <a href=href target="_blank" rel="noopener noreferrer"><code>{eng.id.clone()}</code></a>
                                    {kind}
                                }.into_any(),
                                None => view! { <code>{eng.id.clone()}</code> {kind} }.into_any(),
                            }
                        }
                        None => dash(),
                    }}
                </Row>
                <Row label="Execution role">{text_or_dash(role)}</Row>
                <Row label="Master instance security group">{text_or_dash(master_sg)}</Row>
                <Row label="Notebook instance security group">{text_or_dash(e.notebook_instance_security_group_id.clone())}</Row>
                <Row label="Notebook parameters">
                    {match e.notebook_params.clone() {
                        Some(p) => {
                            let shown = pretty_json(&p).unwrap_or(p);
                            view! { <pre class="params">{shown}</pre> }.into_any()
                        }
                        None => dash(),
                    }}
                </Row>
                <Row label="Environment variables">
                    {match e.environment_variables.clone() {
                        Some(vars) => tags_view(vars.into_iter().map(|(k, v)| Tag { key: k, value: Some(v) }).collect()),
                        None => dash(),
                    }}
                </Row>
                <Row label="Tags">
                    {match e.tags.clone() {
                        Some(tags) => tags_view(tags),
                        None => dash(),
                    }}
                </Row>
            </dl>
        </article>
    }
}
