//! The `Cluster ID` field: the clusters `ListClusters` returns in the states a notebook can start
//! on (offered as the field's suggestions, typing an id still works), and `DescribeCluster` on the
//! chosen one, whose checks (`emr_core::emr::cluster::check`) are shown beside the field and block
//! a start on a cluster that has ended. Without permission for either call the field is a plain
//! id field with a note: it never blocks.

use emr_core::aws::error::ErrorClass;
use emr_core::emr::cluster::{Check, ClusterSummary};
use emr_core::emr::links::is_cluster_id;
use emr_core::emr::operations::Operation;
use emr_core::emr::start::StartField;
use leptos::prelude::*;

use super::state::StartForm;
use crate::console::{failure, Console};
use crate::net;
use crate::task::Failure;

/// Pages of clusters read at most (50 each): enough for any account's active clusters.
const MAX_PAGES: usize = 20;

fn denied(f: &Failure) -> bool {
    f.class() == ErrorClass::Permission
}

/// Lists the clusters once per place (the panel's or the record's).
fn list(form: StartForm, console: Console) {
    let Ok(session) = form.session(console) else {
        return;
    };
    let key = format!("{} {}", session.endpoint.origin(), session.region);
    if form.clusters.listed.is_for(&key) {
        return;
    }
    form.clusters
        .listed
        .load(key, "Listing clusters", false, move |ctx| async move {
            let mut all = vec![];
            let mut marker: Option<String> = None;
            for _ in 0..MAX_PAGES {
                let page =
                    net::list_clusters(&session, marker.as_deref(), &ctx.abort, &|e| ctx.report(e))
                        .await
                        .map_err(|e| failure(&e, Operation::ListClusters, &session))?;
                all.extend(page.clusters);
                marker = page.marker;
                if marker.is_none() {
                    break;
                }
            }
            Ok(all)
        });
}

/// Describes the cluster the field names, once per id.
fn describe(form: StartForm, console: Console, id: String) {
    if form.clusters.chosen.is_for(&id) {
        return;
    }
    let Ok(session) = form.session(console) else {
        return;
    };
    form.clusters.chosen.load(
        id.clone(),
        "Checking the cluster",
        false,
        move |ctx| async move {
            net::describe_cluster(&session, &id, &ctx.abort)
                .await
                .map_err(|e| failure(&e, Operation::DescribeCluster, &session))
        },
    );
}

/// `STATE · name` for a suggestion.
fn describe_summary(c: &ClusterSummary) -> String {
    let state = c
        .status
        .as_ref()
        .and_then(|s| s.state.as_ref())
        .map(|s| s.as_api().to_string())
        .unwrap_or_default();
    match c.name.as_deref().filter(|n| !n.is_empty()) {
        Some(n) => format!("{n} · {state}"),
        None => state,
    }
}

#[component]
pub fn ClusterField() -> impl IntoView {
    let form = expect_context::<StartForm>();
    let console = expect_context::<Console>();
    let clusters = form.clusters;
    // Listed when the form opens (if the panel can sign); the field works without.
    request_animation_frame(move || list(form, console));
    Effect::new(move |_| {
        let id = form.draft.with(|d| d.cluster_id.trim().to_string());
        if is_cluster_id(&id) {
            describe(form, console, id);
        } else {
            clusters.chosen.reset();
        }
    });
    let options = move || {
        clusters.listed.data.with(|l| {
            l.iter()
                .flatten()
                .filter_map(|c| {
                    let id = c.id.clone()?;
                    let label = describe_summary(c);
                    Some(view! { <option value=id>{label}</option> })
                })
                .collect_view()
        })
    };
    let note = move || {
        if let Some(f) = clusters.listed.error.get() {
            return Some(if denied(&f) {
                "This identity may not list clusters (elasticmapreduce:ListClusters): type the cluster ID (j-…).".to_string()
            } else {
                format!(
                    "The clusters could not be listed ({}): type the cluster ID (j-…).",
                    f.short()
                )
            });
        }
        if let Some(p) = clusters.listed.progress.get() {
            return Some(p);
        }
        clusters.listed.data.with(|l| {
            l.as_ref().map(|l| match l.len() {
                0 => "No cluster in this region can take a notebook now (none is starting, running or waiting): type an ID, or start a cluster first.".to_string(),
                1 => "1 cluster can take a notebook: choose it from the suggestions or type an ID.".to_string(),
                n => format!("{n} clusters can take a notebook: choose one from the suggestions or type an ID."),
            })
        })
    };
    let checks = move || {
        let (id, role) = form
            .draft
            .with(|d| (d.cluster_id.clone(), d.execution_role_arn.clone()));
        clusters.checks(&id, &role)
    };
    let check_view = move |c: Check| {
        let (kind, prefix, text) = match c {
            Check::Blocked(t) => ("blocked", "Cannot start here: ", t),
            Check::Starting(t) => ("starting", "Still starting: ", t),
            Check::Warning(t) => ("warning", "Warning: ", t),
            Check::Ready(t) => ("ready", "Ready: ", t),
        };
        view! {
            <p class=format!("cluster-check cluster-check--{kind}") data-check=kind>
                <strong>{prefix}</strong>{text}
            </p>
        }
    };
    let describe_note = move || {
        let id = form.draft.with(|d| d.cluster_id.trim().to_string());
        if clusters.chosen.subject.with(|s| s.as_ref() != Some(&id)) {
            return None;
        }
        if let Some(p) = clusters.chosen.progress.get() {
            return Some(p);
        }
        clusters.chosen.error.get().map(|f| {
            if denied(&f) {
                "This identity may not describe clusters (elasticmapreduce:DescribeCluster), so the cluster is not checked before the start.".to_string()
            } else {
                match f {
                    Failure::Call(e) => format!(
                        "The cluster could not be checked ({}): {} {}",
                        e.code,
                        e.meaning,
                        e.message.unwrap_or_default()
                    ),
                    Failure::Input(p) => p.join(" "),
                }
            }
        })
    };
    view! {
        <div class="field cluster-field">
            <label for="start-cluster">"Cluster ID"</label>
            <input id="start-cluster" name="start-cluster" type="text" list="start-clusters" autocomplete="off"
                spellcheck="false" placeholder="j-…" aria-describedby="start-cluster-note start-cluster-check"
                aria-invalid=form.invalid(StartField::ClusterId)
                prop:value=move || form.draft.with(|d| d.cluster_id.clone())
                on:focus=move |_| list(form, console)
                on:input:target=move |ev| form.draft.update(|d| d.cluster_id = ev.target().value())/>
            <datalist id="start-clusters">{options}</datalist>
            <p id="start-cluster-note" class="hint" data-clusters=move || clusters.listed.data.with(|l| l.as_ref().map(|l| l.len().to_string()))>
                {note}
            </p>
            <div id="start-cluster-check" class="cluster-checks" aria-live="polite">
                {move || checks().into_iter().map(check_view).collect_view()}
                {move || describe_note().map(|n| view! { <p class="hint">{n}</p> })}
            </div>
        </div>
    }
}
