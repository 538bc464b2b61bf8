//! The page: the Describe form, progress, the alert and the described execution.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use emr_core::aws::call::CallEvent;
use emr_core::aws::endpoint::is_loopback_host;
use emr_core::aws::error::ErrorClass;
use emr_core::aws::region::{Partition, KNOWN_REGIONS};
use emr_core::demo;
use emr_core::emr::error::{explain, Context, EmrError};
use emr_core::emr::links::{presigned_object_url, S3Uri};
use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::operations::{describe_request, parse_describe, Operation};
use emr_core::connection::{ConnectionForm, Field, Session};
use emr_core::format;
use leptos::prelude::*;

use super::alert::{Failure, FailureAlert};
use super::credentials::CredentialsFields;
use super::execution::{ExecutionView, Origin};
use super::fields::{Check, FormCheck, TextField};
use crate::client::{now_ms, CancelHandle, Client};
use crate::storage;

/// Validity of a presigned download link (capped by the credentials' expiry).
const DOWNLOAD_LINK_SECS: u64 = 900;
/// How often a record that is still changing is described again (when the user allows it).
const REFRESH_EVERY: Duration = Duration::from_secs(10);

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    Working,
    Loaded(Box<Loaded>),
    Failed(Failure),
}

/// A described execution and where it came from; no credentials are kept with it.
#[derive(Clone, Debug, PartialEq)]
struct Loaded {
    execution: NotebookExecution,
    id: NotebookExecutionId,
    origin: Origin,
    fetched_at: i64,
}

impl Loaded {
    fn is_final(&self) -> bool {
        self.execution
            .status
            .as_ref()
            .is_some_and(|s| s.is_terminal())
    }
}

/// Supersedes calls: a new Describe cancels the one in flight, and only the latest may report.
#[derive(Clone, Default)]
struct InFlight {
    generation: Rc<Cell<u64>>,
    cancel: Rc<RefCell<CancelHandle>>,
}

impl InFlight {
    fn start(&self) -> (u64, CancelHandle) {
        self.cancel.borrow().cancel();
        let handle = CancelHandle::default();
        *self.cancel.borrow_mut() = handle.clone();
        let g = self.generation.get() + 1;
        self.generation.set(g);
        (g, handle)
    }

    fn is_current(&self, generation: u64) -> bool {
        self.generation.get() == generation
    }

    fn cancel(&self) {
        self.cancel.borrow().cancel();
        self.generation.set(self.generation.get() + 1);
    }
}

fn page_is_local() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .is_some_and(|h| is_loopback_host(&h) || h == "[::1]" || h == "::1")
}

fn progress_text(event: &CallEvent) -> Option<String> {
    match event {
        CallEvent::Sending { attempt: 1, .. } => Some("Describing…".into()),
        CallEvent::Sending {
            attempt,
            max_attempts,
        } => Some(format!("Describing… attempt {attempt} of {max_attempts}")),
        CallEvent::Retrying {
            next_attempt,
            max_attempts,
            delay_ms,
            reason,
        } => Some(format!(
            "{reason}: retrying (attempt {next_attempt} of {max_attempts}) in {}.{} s…",
            delay_ms / 1000,
            delay_ms % 1000 / 100
        )),
        CallEvent::ClockCorrected { .. } => None,
    }
}

fn clock_notice(offset_ms: i64) -> Option<String> {
    if offset_ms == 0 {
        return None;
    }
    let minutes = (offset_ms.abs() + 30_000) / 60_000;
    let direction = if offset_ms > 0 { "behind" } else { "ahead of" };
    Some(format!(
        "Your computer's clock is about {minutes} minutes {direction} AWS's. Requests are signed with the corrected time; setting your clock automatically fixes this for good."
    ))
}

#[component]
pub fn App() -> impl IntoView {
    // Start-up: region, endpoint and id from the URL fragment; credentials only if the user
    // chose to remember them in this tab.
    let mut initial = ConnectionForm {
        region: "us-east-1".to_string(),
        ..Default::default()
    };
    initial.apply_fragment(&storage::fragment());
    let remembered = storage::load();
    let remember = RwSignal::new(remembered.is_some());
    if let Some(r) = remembered {
        initial.recall(r);
    }
    let advanced = !initial.endpoint_url.is_empty() || initial.fips || initial.dual_stack;
    let form = RwSignal::new(initial);
    let phase = RwSignal::new(Phase::Idle);
    let progress = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let warning = RwSignal::new(None::<&'static str>);
    let invalid = RwSignal::new(Vec::<Field>::new());
    let advanced_open = RwSignal::new(advanced);
    let now = RwSignal::new(now_ms());
    let _ = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1));

    // Browser-only state (Rc) lives in local storage; the handles are Copy and Send.
    let client = StoredValue::new_local(Client::default());
    let in_flight = StoredValue::new_local(InFlight::default());

    let auto_refresh = RwSignal::new(true);
    // Set by a timer to the generation whose record should be described again.
    let refresh_due = RwSignal::new(None::<u64>);

    // One Describe call and what it does to the page. `quiet` (a refresh) keeps the record on
    // screen while it runs.
    let run = move |session: Session, id: NotebookExecutionId, quiet: bool| {
        let (generation, cancel) = in_flight.with_value(InFlight::start);
        if !quiet {
            phase.set(Phase::Working);
            progress.set(Some("Describing…".into()));
        }
        let client = client.get_value();
        let in_flight = in_flight.get_value();
        leptos::task::spawn_local(async move {
            let on_event = |event: CallEvent| {
                if !in_flight.is_current(generation) {
                    return;
                }
                if let CallEvent::ClockCorrected { offset_ms } = event {
                    notice.set(clock_notice(offset_ms));
                } else if let Some(text) = progress_text(&event).filter(|_| !quiet) {
                    progress.set(Some(text));
                }
            };
            let result = client
                .call(&session, &describe_request(&id), cancel, &on_event)
                .await
                .and_then(|body| parse_describe(&body).map_err(EmrError::InvalidResponse));
            // A superseded or cancelled call never overwrites what the user asked for since.
            if !in_flight.is_current(generation) {
                return;
            }
            progress.set(None);
            match result {
                Ok(execution) => {
                    if !quiet {
                        storage::set_fragment(&form.with_untracked(ConnectionForm::to_fragment));
                    }
                    let origin = Origin {
                        region: session.region.clone(),
                        endpoint: session.endpoint.clone(),
                        endpoint_override: session.endpoint_override.clone(),
                    };
                    let loaded = Loaded {
                        execution,
                        id,
                        origin,
                        fetched_at: now_ms(),
                    };
                    if !loaded.is_final() {
                        set_timeout(move || refresh_due.set(Some(generation)), REFRESH_EVERY);
                    }
                    phase.set(Phase::Loaded(Box::new(loaded)));
                }
                Err(error) => {
                    if error.class() == ErrorClass::ExpiredCredentials {
                        // Stop signing with them; region, endpoint and id stay.
                        form.update(|f| f.rejected_as_expired = true);
                    }
                    let endpoint = session.endpoint.origin();
                    let cx = Context {
                        operation: Operation::DescribeNotebookExecution,
                        endpoint: &endpoint,
                        region: session.region.name(),
                    };
                    phase.set(Phase::Failed(Failure::Call(explain(&error, cx))));
                }
            }
        });
    };

    let describe = move || {
        let (session, id) = match form.with_untracked(|f| f.validate(now_ms())) {
            Ok(v) => v,
            Err(problems) => {
                invalid.set(problems.iter().map(|p| p.field).collect());
                phase.set(Phase::Failed(Failure::Input(
                    problems.into_iter().map(|p| p.message).collect(),
                )));
                return;
            }
        };
        invalid.set(vec![]);
        warning.set(session.warning());
        run(session, id, false);
    };

    // The refresh of a record that is still changing: same execution, same endpoint, the
    // credentials in the form now. Nothing happens if the user moved on or turned it off.
    Effect::new(move |_| {
        let Some(generation) = refresh_due.get() else {
            return;
        };
        if !auto_refresh.get_untracked() || !in_flight.with_value(|f| f.is_current(generation)) {
            return;
        }
        let Phase::Loaded(loaded) = phase.get_untracked() else {
            return;
        };
        match form.with_untracked(|f| f.credentials_at(now_ms())) {
            Ok(credentials) => {
                let o = loaded.origin;
                let session = Session {
                    credentials,
                    region: o.region,
                    endpoint: o.endpoint,
                    endpoint_override: o.endpoint_override,
                };
                run(session, loaded.id, true);
            }
            Err(problems) => progress.set(Some(format!(
                "Automatic refresh stopped: {}",
                problems
                    .first()
                    .map(|p| p.message.as_str())
                    .unwrap_or_default()
            ))),
        }
    });
    // Turning it back on resumes refreshing a record that is still changing.
    Effect::new(move |was_on: Option<bool>| {
        let on = auto_refresh.get();
        if on && was_on == Some(false) {
            let still_changing =
                phase.with_untracked(|p| matches!(p, Phase::Loaded(l) if !l.is_final()));
            if still_changing {
                refresh_due.set(Some(in_flight.with_value(|f| f.generation.get())));
            }
        }
        on
    });

    let cancel = {
        move |_| {
            in_flight.with_value(InFlight::cancel);
            progress.set(Some("Cancelled.".into()));
            phase.set(Phase::Idle);
        }
    };

    let download = {
        Callback::new(move |uri: S3Uri| {
            let Phase::Loaded(loaded) = phase.get_untracked() else {
                return;
            };
            // Signed with the credentials in the form now: they may have been refreshed or forgotten.
            let credentials = match form.with_untracked(|f| f.credentials_at(now_ms())) {
                Ok(c) => c,
                Err(problems) => {
                    let messages = problems.into_iter().map(|p| p.message).collect();
                    phase.set(Phase::Failed(Failure::Input(messages)));
                    return;
                }
            };
            let o = &loaded.origin;
            let at = now_ms() + client.with_value(Client::clock_offset_ms);
            match presigned_object_url(
                &uri,
                &o.region,
                o.endpoint_override.as_ref(),
                &credentials,
                at,
                DOWNLOAD_LINK_SECS,
            ) {
                Ok(url) => {
                    if let Some(w) = web_sys::window() {
                        // Opened, never put in the DOM: the URL carries the signed session token.
                        let _ = w.open_with_url_and_target_and_features(
                            &url,
                            "_blank",
                            "noopener,noreferrer",
                        );
                    }
                }
                Err(e) => phase.set(Phase::Failed(Failure::Input(vec![e.to_string()]))),
            }
        })
    };

    let use_emulator = move |_: ()| {
        form.update(|f| {
            f.access_key_id = demo::ACCESS_KEY_ID.into();
            f.secret_access_key = demo::SECRET_ACCESS_KEY.into();
            f.session_token = demo::SESSION_TOKEN.into();
            f.region = demo::REGION.into();
            f.endpoint_url = demo::ENDPOINT.into();
            f.fips = false;
            f.dual_stack = false;
            if f.execution_id.trim().is_empty() {
                f.execution_id = demo::RUNNING_EXECUTION_ID.into();
            }
            f.credentials_edited();
        });
        advanced_open.set(true);
    };

    let forget = move |_: ()| {
        form.update(ConnectionForm::forget_credentials);
        remember.set(false);
        storage::clear();
        progress.set(Some("Credentials forgotten.".into()));
    };

    let on_submit = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            describe();
        }
    };

    let is_invalid =
        move |field: Field| move || invalid.with(|v| v.contains(&field)).then_some("true");
    let target_text = move || match form.with(|f| f.endpoint()) {
        Ok(e) => e.origin(),
        Err(_) => "— (fix the region or Endpoint URL)".to_string(),
    };
    let working = move || phase.with(|p| *p == Phase::Working);

    let region_options = Partition::ALL
        .into_iter()
        .map(|p| {
            let options = KNOWN_REGIONS
                .iter()
                .filter(|k| emr_core::aws::region::Region::parse(k.name).is_ok_and(|r| r.partition() == p))
                .map(|k| view! { <option value=k.name>{format!("{} — {}", k.name, k.description)}</option> })
                .collect_view();
            view! { <optgroup label=p.label()>{options}</optgroup> }
        })
        .collect_view();

    view! {
        <header class="page-header">
            <h1>"EMR notebook executions"</h1>
            <p class="lede">
                "Describe a notebook execution with your temporary AWS credentials. Requests are signed in this page and go straight to AWS; credentials stay in this tab's memory."
            </p>
        </header>
        <main>
            <form class="query" novalidate on:submit=on_submit aria-label="Describe a notebook execution">
                <CredentialsFields form=form invalid=invalid remember=remember now=now.into()
                    offer_emulator=page_is_local() on_use_emulator=use_emulator on_forget=forget/>
                <label for="region">"Region"</label>
                <select id="region" name="region" aria-invalid=is_invalid(Field::Region)
                    prop:value=move || form.with(|f| f.region.clone())
                    on:change:target=move |ev| form.update(|f| f.region = ev.target().value())>
                    {region_options}
                </select>
                <details prop:open=move || advanced_open.get() on:toggle:target=move |ev| advanced_open.set(ev.target().open())>
                    <summary>"Advanced"</summary>
                    <TextField form=form invalid=invalid field=Field::EndpointUrl id="endpoint-url" label="Endpoint URL"
                        kind="url" inputmode="url" describedby="endpoint-hint"
                        placeholder="https://elasticmapreduce.<region>.amazonaws.com"
                        get=|f| &f.endpoint_url set=|f, v| f.endpoint_url = v/>
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
                <TextField form=form invalid=invalid field=Field::ExecutionId id="execution-id" label="Notebook execution ID"
                    placeholder="ex-…" get=|f| &f.execution_id set=|f, v| f.execution_id = v/>
                <div class="checks">
                    <Check value=auto_refresh id="auto-refresh" label="Refresh every 10 s until the execution ends"/>
                </div>
                <div class="actions">
                    <button type="submit" class="primary">"Describe"</button>
                    <Show when=working>
                        <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
                    </Show>
                </div>
            </form>
            <p class="progress" role="status" aria-live="polite">{move || progress.get()}</p>
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || warning.get().map(|w| view! { <p class="warning" role="status">{w}</p> })}
            {move || match phase.get() {
                Phase::Failed(f) => view! { <FailureAlert failure=f/> }.into_any(),
                Phase::Loaded(l) => {
                    let final_ = l.is_final();
                    view! {
                        <ExecutionView execution=l.execution origin=l.origin now=now.into() download=download/>
                        <p class="fetched muted">
                            "Described at " {format::local_display(l.fetched_at, crate::client::tz_offset_minutes(l.fetched_at))}
                            {move || (!final_ && auto_refresh.get()).then_some(" · refreshed every 10 s until it ends")}
                        </p>
                    }.into_any()
                }
                Phase::Idle | Phase::Working => ().into_any(),
            }}
        </main>
    }
}
