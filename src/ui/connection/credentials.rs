//! The credentials fieldset: paste once, the three fields, expiry countdown, remember / forget.

use emr_core::connection::{ConnectionForm, Expiry, Field};
use emr_core::demo;
use emr_core::format;
use leptos::prelude::*;

use super::input::{readers, Readers};

use crate::console::remember;
use crate::edge::clock::tz_offset_minutes;
use crate::ui::common::boot::{Slice, Turn};
use crate::ui::common::fields::{Check, TextField};

#[derive(Clone, Debug, PartialEq)]
enum PasteOutcome {
    Recognised(String),
    Problem(String),
}

fn expiry_line(form: &ConnectionForm, now: i64) -> Option<(&'static str, String)> {
    let at = form.expires_at_ms;
    let when = |at: i64| format::local_display(at, tz_offset_minutes(at));
    match form.expiry(now) {
        Expiry::Unknown => None,
        Expiry::Valid { remaining_ms } => Some(("expiry", format!("Credentials expire at {} (in {}).", when(at?), format::duration(remaining_ms)))),
        Expiry::Soon { remaining_ms } => Some((
            "expiry expiry--soon",
            format!("Your credentials expire in {}: get fresh ones soon.", format::duration(remaining_ms)),
        )),
        Expiry::Expired => Some((
            "expiry expiry--expired",
            "These credentials have expired. Paste fresh ones; the region, endpoint and ID stay as they are.".into(),
        )),
    }
}

#[component]
pub fn CredentialsFields(
    form: RwSignal<ConnectionForm>,
    invalid: RwSignal<Vec<Field>>,
    remember: RwSignal<bool>,
    now: Signal<i64>,
    /// Offer the local emulator's demo identity (only when the page is served from localhost).
    offer_emulator: bool,
    #[prop(into)] on_use_emulator: Callback<()>,
    #[prop(into)] on_forget: Callback<()>,
) -> impl IntoView {
    // sessionStorage follows the "remember" choice: written while on, removed when off.
    Effect::new(move |_| {
        if remember.get() {
            form.with(|f| remember::save(&f.remembered()));
        } else {
            remember::clear();
        }
    });
    let paste_text = RwSignal::new(String::new());
    let paste_outcome = RwSignal::new(None::<PasteOutcome>);
    // The reader is a chunk: asked for as soon as a paste is near, and waited for only by a paste
    // that beats it (the text stays in the box meanwhile).
    let apply = move |text: String, read: Readers| {
        let mut next = form.get_untracked();
        match (read.paste)(&mut next, &text) {
            Ok(what) => {
                form.set(next);
                // The secrets now live in their fields; do not keep a second copy in the textarea.
                paste_text.set(String::new());
                paste_outcome.set(Some(PasteOutcome::Recognised(format!(
                    "Recognised {what}: the fields below are filled."
                ))));
            }
            Err(problem) => {
                paste_text.set(text);
                paste_outcome.set(Some(PasteOutcome::Problem(problem)));
            }
        }
    };
    let on_paste_input = move |text: String| {
        if text.trim().is_empty() {
            // Emptied: a stale problem goes, a success message stays.
            paste_text.set(text);
            if matches!(
                paste_outcome.get_untracked(),
                Some(PasteOutcome::Problem(_))
            ) {
                paste_outcome.set(None);
            }
            return;
        }
        if let Some(read) = readers::now() {
            return apply(text, read);
        }
        paste_text.set(text.clone());
        leptos::task::spawn_local(async move {
            match readers::load().await {
                // Only if nothing else was typed meanwhile.
                Ok(read) if paste_text.try_get_untracked().as_ref() == Some(&text) => {
                    apply(text, read)
                }
                Ok(_) => {}
                Err(_) => {
                    let _ = paste_outcome.try_set(Some(PasteOutcome::Problem(
                        "The part of this console that reads pasted credentials could not be loaded from the server that hosts it, so nothing was read or sent. Check your connection and paste again; if the console was updated since you opened this page, reload it.".into(),
                    )));
                }
            }
        });
    };
    let forget = move |_| {
        paste_text.set(String::new());
        paste_outcome.set(None);
        on_forget.run(());
    };

    view! {
        <fieldset class="credentials">
            <legend>"Credentials"</legend>
            {offer_emulator.then(|| view! {
                <p class="demo">
                    <button type="button" class="secondary" on:click=move |_| on_use_emulator.run(())>"Use the local emulator"</button>
                    " Fills demo credentials and the emulator's Endpoint URL (" <code>{demo::ENDPOINT}</code> ")."
                </p>
            })}
            <label for="paste-credentials">"Paste credentials"</label>
            <textarea id="paste-credentials" rows="3" autocomplete="off" spellcheck="false" autocapitalize="off"
                aria-describedby="paste-hint"
                placeholder="Output of aws sts …, aws configure export-credentials, or the IAM Identity Center portal"
                on:focus=|_| readers::prefetch() on:pointerover=|_| readers::prefetch()
                prop:value=move || paste_text.get()
                on:input:target=move |ev| on_paste_input(ev.target().value())></textarea>
            <p id="paste-hint" class="hint">"JSON, export / $Env: / set lines, or an INI block. The three fields below are filled from it."</p>
            {move || paste_outcome.get().map(|o| match o {
                PasteOutcome::Recognised(m) => view! { <p class="paste-ok" role="status">{m}</p> }.into_any(),
                PasteOutcome::Problem(m) => view! { <p class="paste-problem" role="alert">{m}</p> }.into_any(),
            })}
            // Editing a credential starts a new set: a pasted expiry no longer applies.
            <TextField form=form invalid=invalid field=Field::AccessKeyId id="access-key-id" label="Access key ID"
                get=|f| &f.access_key_id set=|f, v| { f.access_key_id = v; f.credentials_edited() }/>
            // Masked, but not a password a browser offers to save: "one-time-code" keeps Chromium's
            // password manager (and the others that honour it) from storing AWS secrets.
            <TextField form=form invalid=invalid field=Field::SecretAccessKey id="secret-access-key" label="Secret access key"
                kind="password" autocomplete="one-time-code" get=|f| &f.secret_access_key set=|f, v| { f.secret_access_key = v; f.credentials_edited() }/>
            <TextField form=form invalid=invalid field=Field::SessionToken id="session-token" label="Session token"
                kind="password" autocomplete="one-time-code" describedby="session-token-hint"
                get=|f| &f.session_token set=|f, v| { f.session_token = v; f.credentials_edited() }/>
            <p id="session-token-hint" class="hint">"Required for temporary keys (ASIA…)."</p>
            {move || {
                let line = form.with(|f| expiry_line(f, now.get()));
                line.map(|(class, text)| view! { <p class=class role="status">{text}</p> })
            }}
            <Slice turn=Turn::Remember>
            <div class="checks">
                <Check value=remember id="remember" label="Remember credentials in this tab" describedby="remember-risk"/>
            </div>
            <p id="remember-risk" class="hint">
                "Off by default: credentials live only in this page's memory. On, they are kept in this tab's session storage until the tab closes, where any script running in this page could read them; leave it off on shared machines."
            </p>
            <p>
                <button type="button" class="secondary" on:click=forget>"Forget credentials"</button>
            </p>
            </Slice>
        </fieldset>
    }
}
