//! "Search all regions" for an ID the region in the panel does not know: up to four describes at
//! once across the partition, stopping at the first region that knows it, which then becomes the
//! panel's region. With an Endpoint URL set, every request goes there with that region's scope.

use emr_core::aws::endpoint;
use emr_core::aws::region::Region;
use emr_core::connection::Session;
use emr_core::emr::error::EmrError;
use emr_core::emr::model::NotebookExecutionId;
use emr_core::emr::search::{classify, RegionSearch};
use emr_core::route::{Place, Route};
use leptos::prelude::*;

use super::{DetailState, Loaded};
use crate::client::{now_ms, CancelHandle};
use crate::state::{Console, History, Origin};

/// The search's state, while one runs or after it ended.
#[derive(Clone, Copy)]
pub struct Search {
    pub plan: RwSignal<Option<RegionSearch>>,
    /// Every describe in flight, to cancel them together.
    cancels: StoredValue<Vec<CancelHandle>, LocalStorage>,
    /// Bumped by each new search and by Cancel: late answers of an old one are dropped.
    generation: StoredValue<u64>,
}

impl Search {
    pub fn new() -> Search {
        Search {
            plan: RwSignal::new(None),
            cancels: StoredValue::new_local(vec![]),
            generation: StoredValue::new(0),
        }
    }

    pub fn cancel(&self) {
        self.generation.update_value(|g| *g += 1);
        self.cancels
            .update_value(|c| c.drain(..).for_each(|h| h.cancel()));
        self.plan.update(|p| {
            if let Some(p) = p {
                p.cancel();
            }
        });
    }

    pub fn reset(&self) {
        self.cancel();
        self.plan.set(None);
    }

    fn running(&self) -> bool {
        self.plan
            .with(|p| p.as_ref().is_some_and(|p| !p.is_settled()))
    }
}

impl Default for Search {
    fn default() -> Self {
        Search::new()
    }
}

/// What every request of one search shares.
#[derive(Clone)]
struct Job {
    session: Session,
    options: endpoint::EndpointOptions,
    endpoint_url: String,
    id: NotebookExecutionId,
    generation: u64,
}

/// Starts a search for `id`, from the panel's region and credentials.
pub fn start(console: Console, detail: DetailState, id: NotebookExecutionId) {
    let search = detail.search;
    search.cancel();
    let Ok(session) = console.session() else {
        return;
    };
    let (options, endpoint_url) = console.form.with_untracked(|f| {
        (
            endpoint::EndpointOptions {
                fips: f.fips,
                dual_stack: f.dual_stack,
            },
            f.endpoint_url.trim().to_string(),
        )
    });
    search.generation.update_value(|g| *g += 1);
    search.plan.set(Some(RegionSearch::new(&session.region)));
    let job = Job {
        session,
        options,
        endpoint_url,
        id,
        generation: search.generation.get_value(),
    };
    pump(console, detail, &job);
}

/// Starts requests until four are in flight or none is left.
fn pump(console: Console, detail: DetailState, job: &Job) {
    while let Some(region) = detail
        .search
        .plan
        .try_update(|p| p.as_mut().and_then(RegionSearch::next_region))
        .flatten()
    {
        ask(console, detail, job.clone(), region);
    }
}

/// One region's describe: the same credentials, that region's scope and endpoint.
fn ask(console: Console, detail: DetailState, job: Job, region: Region) {
    let search = detail.search;
    let cancel = CancelHandle::default();
    search.cancels.update_value(|c| c.push(cancel.clone()));
    let resolved = endpoint::resolve(&region, job.options, Some(&job.endpoint_url));
    leptos::task::spawn_local(async move {
        let mut session = job.session.clone();
        session.region = region.clone();
        let result = match resolved {
            Ok(e) => {
                session.endpoint = e;
                console.describe(&session, &job.id, cancel).await
            }
            Err(_) => Err(EmrError::Network(
                "no endpoint with these options in this region".into(),
            )),
        };
        if search.generation.get_value() != job.generation {
            return;
        }
        let outcome = classify(&result.as_ref().map(|_| ()).map_err(Clone::clone), &region);
        search.plan.update(|p| {
            if let Some(p) = p {
                p.record(region.clone(), outcome);
            }
        });
        match result {
            Ok(execution) => {
                // The others in flight are not needed any more.
                search
                    .cancels
                    .update_value(|c| c.drain(..).for_each(|h| h.cancel()));
                console
                    .form
                    .update(|f| f.region = region.name().to_string());
                let place = Place {
                    region: Some(region.name().to_string()),
                    ..console.place()
                };
                console.navigate(
                    Route::detail(place.clone(), job.id.as_str()),
                    History::Replace,
                );
                console.region_note.set(Some(format!(
                    "Found in {}: the Region is now {}.",
                    region.name(),
                    region.name()
                )));
                console.watcher.observe(&execution);
                detail.arrive(Loaded {
                    execution,
                    id: job.id.clone(),
                    place,
                    origin: Origin::of(&session),
                    fetched_at: now_ms(),
                });
            }
            Err(_) => pump(console, detail, &job),
        }
    });
}

/// The button the "not found" alert offers, and the search's progress and outcome.
#[component]
pub fn SearchAllRegions(id: NotebookExecutionId) -> impl IntoView {
    let console = expect_context::<Console>();
    let detail = expect_context::<DetailState>();
    let search = detail.search;
    let running = Memo::new(move |_| search.running());
    let running = move || running.get();
    let status = move || {
        search.plan.with(|p| {
            p.as_ref().map(|p| {
                if p.is_settled() {
                    p.summary()
                } else {
                    format!("Searching all regions: {}…", p.progress())
                }
            })
        })
    };
    view! {
        <p class="search-regions">
            {move || if running() {
                view! { <button type="button" class="secondary" on:click=move |_| search.cancel()>"Cancel search"</button> }.into_any()
            } else {
                let id = id.clone();
                view! { <button type="button" class="secondary" on:click=move |_| start(console, detail, id.clone())>"Search all regions"</button> }.into_any()
            }}
        </p>
        <p class="search-regions__status" role="status" aria-live="polite">{status}</p>
    }
}
