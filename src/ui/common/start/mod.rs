//! The StartNotebookExecution form that Run again (an execution's page) and New execution (its
//! own view) both show: every member the API accepts, validated against the model's limits
//! before anything is signed, the cluster checked (`cluster`), the same start as code
//! (`copy_as`), and what Describe does not return remembered per notebook for next time.

mod cluster_field;
mod clusters;
mod copy_as;
mod fields;
mod state;

pub use self::copy_as::{CopyAs, Sendable};
pub use self::state::StartForm;

use emr_core::emr::operations::Operation;
use emr_core::emr::start::{StartField, StartProblem};
use emr_core::route::{Place, Route};
use leptos::prelude::*;

use self::cluster_field::ClusterField;
use self::fields::{PairRows, StartSelect, StartText};
use crate::console::remember::{self, StartMemory};
use crate::console::{failure, input_failure, Console};
use crate::net::{self, Abort};
use crate::ui::common::alert::{Failure, FailureAlert};

/// Where a prefilled member came from, under its field.
pub fn memory_note(memory: &Option<StartMemory>, relative: bool) -> Option<String> {
    match (memory, relative) {
        (Some(_), _) => Some("Filled in from the last start of this notebook in this tab.".into()),
        (None, true) => Some("EMR does not report the relative path of a past run: give the notebook's path in its workspace (there is no default).".into()),
        (None, false) => Some(format!("EMR does not report the service role of a past run: the default {} is filled in.", emr_core::emr::start::DEFAULT_SERVICE_ROLE)),
    }
}

/// Validates, checks the cluster, sends; on success remembers what Describe will not say, opens
/// the new execution and follows it.
fn start(console: Console, form: StartForm, place: Place, done: Option<Callback<()>>) {
    let draft = form.draft.get_untracked();
    let input = match draft.validate() {
        Ok(input) => input,
        Err(problems) => {
            form.failure.set(Some(Failure::Input(
                problems.iter().map(|p| p.message.clone()).collect(),
            )));
            form.problems.set(problems);
            return;
        }
    };
    let blocked: Vec<String> = form
        .clusters
        .checks(&draft.cluster_id, &draft.execution_role_arn)
        .into_iter()
        .filter(|c| c.blocks())
        .map(|c| match c {
            emr_core::emr::cluster::Check::Blocked(t) => t,
            _ => String::new(),
        })
        .collect();
    if !blocked.is_empty() {
        form.problems.set(vec![StartProblem {
            field: StartField::ClusterId,
            message: blocked[0].clone(),
        }]);
        form.failure.set(Some(Failure::Input(blocked)));
        return;
    }
    form.problems.set(vec![]);
    let session = match form.session(console) {
        Ok(s) => s,
        Err(problems) => {
            form.failure.set(Some(input_failure(problems)));
            return;
        }
    };
    form.failure.set(None);
    form.busy.set(true);
    leptos::task::spawn_local(async move {
        let result = net::start(&session, &input, &Abort::default()).await;
        form.busy.try_set(false);
        match result {
            Ok(id) => {
                if let Some(key) = draft.notebook_key() {
                    remember::save_start(
                        &key.id(),
                        &StartMemory {
                            relative_path: draft.relative_path.trim().to_string(),
                            service_role: draft.service_role.trim().to_string(),
                        },
                    );
                }
                if let Some(done) = done {
                    done.run(());
                }
                console.form.update(|f| f.execution_id = id.to_string());
                console.go(Route::detail(place, id.as_str()));
                console.reload.notify();
            }
            Err(e) => {
                form.failure.try_set(Some(failure(
                    &e,
                    Operation::StartNotebookExecution,
                    &session,
                )));
            }
        }
    });
}

/// The form. `class` and `heading` tell Run again and New execution apart; `place` is where the
/// new execution's page opens; `cancel` closes it (absent: no Cancel button).
#[component]
pub fn StartFormView(
    form: StartForm,
    class: &'static str,
    heading_id: &'static str,
    heading: &'static str,
    intro: &'static str,
    place: Signal<Place>,
    #[prop(optional)] cancel: Option<Callback<()>>,
    #[prop(optional)] done: Option<Callback<()>>,
    /// Notes under Relative path and Service role (where their values came from).
    relative_note: Signal<Option<String>>,
    role_note: Signal<Option<String>>,
    /// Move focus to the heading once drawn (the form opened on a click).
    #[prop(optional)]
    focus: bool,
) -> impl IntoView {
    let console = expect_context::<Console>();
    provide_context(form);
    let heading_ref = NodeRef::<leptos::html::H2>::new();
    if focus {
        // `try_`: the form may be gone by the next frame (another execution opened at once).
        request_animation_frame(move || {
            if let Some(h) = heading_ref.try_get_untracked().flatten() {
                let _ = h.focus();
            }
        });
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.busy.get_untracked() {
            start(console, form, place.get_untracked(), done);
        }
    };
    let params_invalid = form.invalid(StartField::Params);
    let sendable = form.sendable(console);
    view! {
        <form class=class novalidate on:submit=on_submit aria-labelledby=heading_id>
            <h2 id=heading_id node_ref=heading_ref tabindex="-1">{heading}</h2>
            <p class="hint">{intro}</p>
            {move || form.failure.get().map(|f| view! { <FailureAlert failure=f/> })}
            <fieldset class="field-grid">
                <legend>"Notebook"</legend>
                <StartText field=StartField::Name id="start-name" label="Execution name" get=|d| &d.name set=|d, v| d.name = v/>
                <StartText field=StartField::EditorId id="start-editor" label="Editor ID" placeholder="e-…"
                    hint="A workspace notebook: its workspace (editor) ID and its relative path."
                    get=|d| &d.editor_id set=|d, v| d.editor_id = v/>
                <StartText field=StartField::RelativePath id="start-relative-path" label="Relative path" placeholder="notebooks/report.ipynb"
                    hint="Required when there is no input notebook S3 location: the notebook's path within the editor."
                    note=relative_note get=|d| &d.relative_path set=|d, v| d.relative_path = v/>
                <StartText field=StartField::InputNotebook id="start-input" label="Input notebook" placeholder="s3://bucket/notebooks/report.ipynb"
                    hint="Or a notebook in S3: its Notebook S3 location (s3://bucket/key.ipynb)."
                    get=|d| &d.input_notebook set=|d, v| d.input_notebook = v/>
            </fieldset>
            <fieldset class="field-grid">
                <legend>"Cluster and roles"</legend>
                <ClusterField/>
                <StartSelect field=StartField::EngineType id="start-engine-type" label="Engine type"
                    options=&[("EMR", "EMR (an EMR cluster)"), ("", "Not sent")]
                    get=|d| &d.engine_type set=|d, v| d.engine_type = v/>
                <StartText field=StartField::MasterSecurityGroup id="start-master-sg" label="Master instance security group" placeholder="sg-…"
                    get=|d| &d.master_security_group set=|d, v| d.master_security_group = v/>
                <StartText field=StartField::ServiceRole id="start-service-role" label="Service role"
                    hint="Required. The name or ARN of the role EMR uses for notebook executions."
                    note=role_note get=|d| &d.service_role set=|d, v| d.service_role = v/>
                <StartText field=StartField::ExecutionRoleArn id="start-execution-role" label="Execution role ARN" placeholder="arn:aws:iam::111122223333:role/…"
                    hint="Needed on a cluster whose security configuration enables runtime roles."
                    get=|d| &d.execution_role_arn set=|d, v| d.execution_role_arn = v/>
                <StartText field=StartField::NotebookSecurityGroup id="start-notebook-sg" label="Notebook instance security group" placeholder="sg-…"
                    get=|d| &d.notebook_security_group set=|d, v| d.notebook_security_group = v/>
            </fieldset>
            <fieldset class="field-grid">
                <legend>"Output"</legend>
                <StartText field=StartField::OutputNotebook id="start-output" label="Output notebook" placeholder="s3://bucket/outputs/"
                    get=|d| &d.output_notebook set=|d, v| d.output_notebook = v/>
                <StartSelect field=StartField::OutputFormat id="start-output-format" label="Output format"
                    options=&[("", "Notebook (.ipynb)"), ("HTML", "HTML")]
                    get=|d| &d.output_format set=|d, v| d.output_format = v/>
            </fieldset>
            <div class="field">
                <label for="start-params">"Notebook parameters"</label>
                <textarea id="start-params" rows="8" spellcheck="false" autocomplete="off" aria-describedby="start-params-hint" aria-invalid=params_invalid
                    prop:value=move || form.draft.with(|d| d.params.clone())
                    on:input:target=move |ev| form.draft.update(|d| d.params = ev.target().value())></textarea>
                <p id="start-params-hint" class="hint">"A JSON object, passed to the notebook's parameters cell. Leave empty for none."</p>
            </div>
            <PairRows legend="Environment variables" prefix="env" noun="Variable" add="Add variable"
                rows=|d| &d.environment rows_mut=|d| &mut d.environment field=StartField::Environment/>
            <PairRows legend="Tags" prefix="tag" noun="Tag" add="Add tag" rows=|d| &d.tags rows_mut=|d| &mut d.tags field=StartField::Tag/>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || form.busy.get()>"Start execution"</button>
                {cancel.map(|c| view! { <button type="button" class="secondary" on:click=move |_| c.run(())>"Cancel"</button> })}
                <CopyAs input=sendable id="start-copy"/>
                {move || form.busy.get().then_some(view! { <span class="starting" role="status">"Starting…"</span> })}
            </div>
        </form>
    }
}
