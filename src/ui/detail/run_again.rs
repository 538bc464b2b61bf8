//! Run again: the StartNotebookExecution form, pre-filled from the described record, every field
//! editable, validated against the API model's limits before anything is signed.

use emr_core::emr::operations::Operation;
use emr_core::emr::start::{KeyValue, StartDraft, StartField, StartProblem};
use emr_core::route::Route;
use leptos::prelude::*;

use super::loaded::Loaded;
use crate::console::{failure, input_failure, Console};
use crate::net::{self, Abort};
use crate::ui::common::alert::{Failure, FailureAlert};

/// The form's state while it is open.
#[derive(Clone, Copy)]
pub struct RunAgain {
    pub draft: RwSignal<StartDraft>,
    pub problems: RwSignal<Vec<StartProblem>>,
    pub failure: RwSignal<Option<Failure>>,
    pub busy: RwSignal<bool>,
}

impl RunAgain {
    pub fn new() -> RunAgain {
        RunAgain {
            draft: RwSignal::new(StartDraft::default()),
            problems: RwSignal::new(vec![]),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    fn invalid(&self, field: StartField) -> impl Fn() -> Option<&'static str> + Copy + 'static {
        let problems = self.problems;
        move || {
            problems
                .with(|p| p.iter().any(|p| p.field == field))
                .then_some("true")
        }
    }
}

impl Default for RunAgain {
    fn default() -> Self {
        RunAgain::new()
    }
}

/// A labelled input bound to one member of the draft (plain `fn` accessors: one compiled copy).
#[component]
fn StartText(
    field: StartField,
    id: &'static str,
    label: &'static str,
    get: fn(&StartDraft) -> &str,
    set: fn(&mut StartDraft, String),
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let form = expect_context::<RunAgain>();
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type="text" autocomplete="off" spellcheck="false" placeholder=placeholder
                aria-describedby=hint_id.clone() aria-invalid=form.invalid(field)
                prop:value=move || form.draft.with(|d| get(d).to_string())
                on:input:target=move |ev| form.draft.update(|d| set(d, ev.target().value()))/>
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
        </div>
    }
}

/// A labelled `<select>` bound to one member of the draft; `options` are (value, text).
#[component]
fn StartSelect(
    field: StartField,
    id: &'static str,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
    get: fn(&StartDraft) -> &str,
    set: fn(&mut StartDraft, String),
) -> impl IntoView {
    let form = expect_context::<RunAgain>();
    let options = options
        .iter()
        .map(|&(value, text)| view! { <option value=value>{text}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id aria-invalid=form.invalid(field)
                prop:value=move || form.draft.with(|d| get(d).to_string())
                on:change:target=move |ev| form.draft.update(|d| set(d, ev.target().value()))>
                {options}
            </select>
        </div>
    }
}

/// Editable key/value rows (environment variables, tags).
#[component]
fn PairRows(
    legend: &'static str,
    /// `env` or `tag`: the rows' ids.
    prefix: &'static str,
    noun: &'static str,
    /// "Add variable".
    add: &'static str,
    rows: fn(&StartDraft) -> &Vec<KeyValue>,
    rows_mut: fn(&mut StartDraft) -> &mut Vec<KeyValue>,
    field: fn(usize) -> StartField,
) -> impl IntoView {
    let form = expect_context::<RunAgain>();
    let count = move || form.draft.with(|d| rows(d).len());
    // Rows are rebuilt only when one is added or removed, not on every keystroke.
    let count = Memo::new(move |_| count());
    let row = move |i: usize| {
        let key_id = format!("{prefix}-key-{i}");
        let value_id = format!("{prefix}-value-{i}");
        let invalid = move || {
            form.problems
                .with(|p| p.iter().any(|p| p.field == field(i)))
                .then_some("true")
        };
        let get = move |value: bool| {
            move || {
                form.draft.with(|d| {
                    rows(d)
                        .get(i)
                        .map(|r| {
                            if value {
                                r.value.clone()
                            } else {
                                r.key.clone()
                            }
                        })
                        .unwrap_or_default()
                })
            }
        };
        let put = move |value: bool, text: String| {
            form.draft.update(|d| {
                if let Some(r) = rows_mut(d).get_mut(i) {
                    if value {
                        r.value = text
                    } else {
                        r.key = text
                    }
                }
            })
        };
        view! {
            <div class="pair">
                <label for=key_id.clone()>{format!("{noun} {} name", i + 1)}</label>
                <input id=key_id type="text" autocomplete="off" spellcheck="false" aria-invalid=invalid
                    prop:value=get(false) on:input:target=move |ev| put(false, ev.target().value())/>
                <label for=value_id.clone()>{format!("{noun} {} value", i + 1)}</label>
                <input id=value_id type="text" autocomplete="off" spellcheck="false" aria-invalid=invalid
                    prop:value=get(true) on:input:target=move |ev| put(true, ev.target().value())/>
                <button type="button" class="link-button" aria-label=format!("Remove {noun} {}", i + 1)
                    on:click=move |_| form.draft.update(|d| { if i < rows(d).len() { rows_mut(d).remove(i); } })>
                    "Remove"
                </button>
            </div>
        }
    };
    view! {
        <fieldset class="pairs">
            <legend>{legend}</legend>
            {move || (0..count.get()).map(row).collect_view()}
            <button type="button" class="secondary" on:click=move |_| form.draft.update(|d| rows_mut(d).push(KeyValue::default()))>
                {add}
            </button>
        </fieldset>
    }
}

/// Validates and sends the form; on success opens the new execution and follows it.
fn start(console: Console, loaded: &Loaded, form: RunAgain, open: RwSignal<bool>) {
    let loaded = loaded.clone();
    let input = match form.draft.with_untracked(StartDraft::validate) {
        Ok(input) => input,
        Err(problems) => {
            form.failure.set(Some(Failure::Input(
                problems.iter().map(|p| p.message.clone()).collect(),
            )));
            form.problems.set(problems);
            return;
        }
    };
    form.problems.set(vec![]);
    let session = match console.session_for(&loaded.origin) {
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
        form.busy.set(false);
        match result {
            Ok(id) => {
                open.set(false);
                console.form.update(|f| f.execution_id = id.to_string());
                console.go(Route::detail(loaded.place.clone(), id.as_str()));
                console.reload.notify();
            }
            Err(e) => form.failure.set(Some(failure(
                &e,
                Operation::StartNotebookExecution,
                &session,
            ))),
        }
    });
}

#[component]
pub fn RunAgainForm(
    form: RunAgain,
    /// The record it runs again.
    loaded: Loaded,
    /// Whether the form is open (Cancel and a start close it).
    open: RwSignal<bool>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    provide_context(form);
    let heading = NodeRef::<leptos::html::H2>::new();
    // `try_`: the form may be gone by the next frame (another execution opened at once).
    request_animation_frame(move || {
        if let Some(h) = heading.try_get_untracked().flatten() {
            let _ = h.focus();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start(console, &loaded, form, open);
    };
    let params_invalid = form.invalid(StartField::Params);
    view! {
        <form class="run-again" novalidate on:submit=on_submit aria-labelledby="run-again-heading">
            <h2 id="run-again-heading" node_ref=heading tabindex="-1">"Run again"</h2>
            <p class="hint">"A new execution with these values. Describe does not return the relative path or the service role: check them."</p>
            {move || form.failure.get().map(|f| view! { <FailureAlert failure=f/> })}
            <div class="field-grid">
                <StartText field=StartField::Name id="start-name" label="Execution name" get=|d| &d.name set=|d, v| d.name = v/>
                <StartText field=StartField::EditorId id="start-editor" label="Editor ID" placeholder="e-…" get=|d| &d.editor_id set=|d, v| d.editor_id = v/>
                <StartText field=StartField::RelativePath id="start-relative-path" label="Relative path" placeholder="notebooks/report.ipynb"
                    hint="Required when there is no input notebook S3 location: the notebook's path within the editor."
                    get=|d| &d.relative_path set=|d, v| d.relative_path = v/>
                <StartText field=StartField::InputNotebook id="start-input" label="Input notebook" placeholder="s3://bucket/notebooks/report.ipynb"
                    get=|d| &d.input_notebook set=|d, v| d.input_notebook = v/>
                <StartText field=StartField::ClusterId id="start-cluster" label="Cluster ID" placeholder="j-…" get=|d| &d.cluster_id set=|d, v| d.cluster_id = v/>
                <StartSelect field=StartField::EngineType id="start-engine-type" label="Engine type"
                    options=&[("EMR", "EMR (an EMR cluster)"), ("", "Not sent")]
                    get=|d| &d.engine_type set=|d, v| d.engine_type = v/>
                <StartText field=StartField::MasterSecurityGroup id="start-master-sg" label="Master instance security group" placeholder="sg-…"
                    get=|d| &d.master_security_group set=|d, v| d.master_security_group = v/>
                <StartText field=StartField::ServiceRole id="start-service-role" label="Service role"
                    hint="Required. The name or ARN of the role EMR uses for notebook executions."
                    get=|d| &d.service_role set=|d, v| d.service_role = v/>
                <StartText field=StartField::ExecutionRoleArn id="start-execution-role" label="Execution role ARN" placeholder="arn:aws:iam::111122223333:role/…"
                    get=|d| &d.execution_role_arn set=|d, v| d.execution_role_arn = v/>
                <StartText field=StartField::OutputNotebook id="start-output" label="Output notebook" placeholder="s3://bucket/outputs/"
                    get=|d| &d.output_notebook set=|d, v| d.output_notebook = v/>
                <StartSelect field=StartField::OutputFormat id="start-output-format" label="Output format"
                    options=&[("", "Notebook (.ipynb)"), ("HTML", "HTML")]
                    get=|d| &d.output_format set=|d, v| d.output_format = v/>
                <StartText field=StartField::NotebookSecurityGroup id="start-notebook-sg" label="Notebook instance security group" placeholder="sg-…"
                    get=|d| &d.notebook_security_group set=|d, v| d.notebook_security_group = v/>
            </div>
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
                <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                {move || form.busy.get().then_some(view! { <span class="starting" role="status">"Starting…"</span> })}
            </div>
        </form>
    }
}
