//! Labelled form controls bound to one member of the form.
//!
//! Members are reached through plain `fn` pointers rather than closures, so every text field (and
//! every checkbox) shares one compiled component: this keeps the bundle small.

use emr_core::connection::{ConnectionForm, Field};
use leptos::prelude::*;

/// A `<label>` and its `<input>`, marked `aria-invalid` when validation names `field`.
#[component]
pub fn TextField(
    form: RwSignal<ConnectionForm>,
    invalid: RwSignal<Vec<Field>>,
    field: Field,
    id: &'static str,
    label: &'static str,
    get: fn(&ConnectionForm) -> &str,
    set: fn(&mut ConnectionForm, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] describedby: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input id=id name=id type=kind autocomplete=autocomplete spellcheck="false" autocapitalize="off"
            inputmode=inputmode placeholder=placeholder aria-describedby=describedby
            aria-invalid=move || invalid.with(|v| v.contains(&field)).then_some("true")
            prop:value=move || form.with(|f| get(f).to_string())
            on:input:target=move |ev| form.update(|f| set(f, ev.target().value()))/>
    }
}

/// A checkbox and its label, bound to a boolean member of the form.
#[component]
pub fn FormCheck(
    form: RwSignal<ConnectionForm>,
    id: &'static str,
    label: &'static str,
    get: fn(&ConnectionForm) -> bool,
    set: fn(&mut ConnectionForm, bool),
) -> impl IntoView {
    view! {
        <input id=id type="checkbox" prop:checked=move || form.with(get)
            on:change:target=move |ev| form.update(|f| set(f, ev.target().checked()))/>
        <label for=id>{label}</label>
    }
}

/// A checkbox and its label, bound to a boolean signal.
#[component]
pub fn Check(
    value: RwSignal<bool>,
    id: &'static str,
    label: &'static str,
    #[prop(optional)] describedby: Option<&'static str>,
) -> impl IntoView {
    view! {
        <input id=id type="checkbox" aria-describedby=describedby prop:checked=move || value.get()
            on:change:target=move |ev| value.set(ev.target().checked())/>
        <label for=id>{label}</label>
    }
}
