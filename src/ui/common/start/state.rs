//! The start form's state: the draft as typed, what validation and the start said, the
//! clusters seen, and where it starts.

use emr_core::aws::endpoint::{aws_endpoint, EndpointOptions};
use emr_core::aws::region::Region;
use emr_core::connection::{Problem, Session};
use emr_core::emr::start::code::Place as CodePlace;
use emr_core::emr::start::{StartDraft, StartField, StartProblem};
use emr_core::route::Place;
use leptos::prelude::*;

use super::clusters::Clusters;
use super::copy_as::Sendable;
use crate::console::{Console, Origin};
use crate::ui::common::alert::Failure;

/// The form's state while it is open.
#[derive(Clone, Copy)]
pub struct StartForm {
    pub draft: RwSignal<StartDraft>,
    pub problems: RwSignal<Vec<StartProblem>>,
    pub failure: RwSignal<Option<Failure>>,
    pub busy: RwSignal<bool>,
    pub clusters: Clusters,
    /// Where it starts: a record's place (Run again), or `None` for the panel's.
    origin: StoredValue<Option<Origin>>,
}

impl StartForm {
    pub fn new(draft: StartDraft, origin: Option<Origin>) -> StartForm {
        StartForm {
            draft: RwSignal::new(draft),
            problems: RwSignal::new(vec![]),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
            clusters: Clusters::new(),
            origin: StoredValue::new(origin),
        }
    }

    /// The form again, for another record (Run again opened on another execution).
    pub fn reset(&self, draft: StartDraft, origin: Option<Origin>) {
        self.draft.set(draft);
        self.problems.set(vec![]);
        self.failure.set(None);
        self.origin.set_value(origin);
        self.clusters.chosen.reset();
    }

    /// The start `draft` would make from `origin`, for `Copy as` beside a record.
    pub fn sendable_for(draft: &StartDraft, origin: &Origin) -> Sendable {
        let input = draft
            .validate()
            .map_err(|p| p.into_iter().map(|p| p.message).collect::<Vec<_>>())?;
        Ok((input, code_place(origin)))
    }

    /// The session to start with: the record's place with the panel's credentials, or the panel.
    pub(super) fn session(&self, console: Console) -> Result<Session, Vec<Problem>> {
        match self.origin.get_value() {
            Some(origin) => console.session_for(&origin),
            None => console.session(),
        }
    }

    pub(super) fn invalid(
        &self,
        field: StartField,
    ) -> impl Fn() -> Option<&'static str> + Copy + 'static {
        let problems = self.problems;
        move || {
            problems
                .with(|p| p.iter().any(|p| p.field == field))
                .then_some("true")
        }
    }

    /// What `Start execution` would send and where, for `Copy as` (tracks the draft).
    pub fn sendable(&self, console: Console) -> Signal<Sendable> {
        let (draft, origin) = (self.draft, self.origin);
        Signal::derive(move || {
            let input = draft
                .with(StartDraft::validate)
                .map_err(|p| p.into_iter().map(|p| p.message).collect::<Vec<_>>())?;
            let place = match origin.get_value() {
                Some(o) => code_place(&o),
                None => console.form.with(|f| panel_place(&f.place())),
            };
            Ok((input, place))
        })
    }
}

/// The place as code names it: the region, and the endpoint unless it is AWS's own.
fn code_place(origin: &Origin) -> CodePlace {
    let standard = aws_endpoint(&origin.region, EndpointOptions::default()).ok();
    CodePlace {
        region: origin.region.name().to_string(),
        endpoint_url: origin
            .endpoint_override
            .as_ref()
            .or((standard.as_ref() != Some(&origin.endpoint)).then_some(&origin.endpoint))
            .map(|e| e.origin()),
    }
}

/// The panel's place as code names it (no credentials needed to say where).
fn panel_place(p: &Place) -> CodePlace {
    let region = p.region.clone().unwrap_or_default();
    let variant = || {
        let r = Region::parse(&region).ok()?;
        let options = EndpointOptions {
            fips: p.fips,
            dual_stack: p.dual_stack,
        };
        aws_endpoint(&r, options).ok().map(|e| e.origin())
    };
    CodePlace {
        endpoint_url: if !p.endpoint.trim().is_empty() {
            Some(p.endpoint.trim().trim_end_matches('/').to_string())
        } else if p.fips || p.dual_stack {
            variant()
        } else {
            None
        },
        region,
    }
}
