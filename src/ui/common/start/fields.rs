//! The start form's controls, each bound to one member of the draft through plain `fn`
//! accessors, so that every text field shares one compiled component.

use emr_core::emr::start::{KeyValue, StartDraft, StartField};
use leptos::prelude::*;

use super::state::StartForm;

/// A labelled input bound to one member of the draft (plain `fn` accessors: one compiled copy).
#[component]
pub fn StartText(
    field: StartField,
    id: &'static str,
    label: &'static str,
    get: fn(&StartDraft) -> &str,
    set: fn(&mut StartDraft, String),
    #[prop(optional)] hint: Option<&'static str>,
    /// A second, changing line under the hint (where a prefilled value came from).
    #[prop(optional)]
    note: Option<Signal<Option<String>>>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let form = expect_context::<StartForm>();
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let note_id = format!("{id}-note");
    let describedby = match (&hint_id, note) {
        (Some(h), Some(_)) => Some(format!("{h} {note_id}")),
        (Some(h), None) => Some(h.clone()),
        (None, Some(_)) => Some(note_id.clone()),
        (None, None) => None,
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type="text" autocomplete="off" spellcheck="false" placeholder=placeholder
                aria-describedby=describedby aria-invalid=form.invalid(field)
                prop:value=move || form.draft.with(|d| get(d).to_string())
                on:input:target=move |ev| form.draft.update(|d| set(d, ev.target().value()))/>
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
            {note.map(|n| view! { <p id=note_id class="hint" hidden=move || n.with(Option::is_none)>{move || n.get()}</p> })}
        </div>
    }
}

/// A labelled `<select>` bound to one member of the draft; `options` are (value, text).
#[component]
pub fn StartSelect(
    field: StartField,
    id: &'static str,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
    get: fn(&StartDraft) -> &str,
    set: fn(&mut StartDraft, String),
) -> impl IntoView {
    let form = expect_context::<StartForm>();
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
pub fn PairRows(
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
    let form = expect_context::<StartForm>();
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
