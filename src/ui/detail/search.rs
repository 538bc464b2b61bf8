//! "Search all regions" for an ID the region in the panel does not know: up to four describes at
//! once across the partition, stopping at the first region that knows it, which then becomes the
//! panel's region. With an Endpoint URL set, every request goes there with that region's scope.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use emr_core::aws::endpoint;
use emr_core::aws::region::Region;
use emr_core::connection::Session;
use emr_core::emr::error::EmrError;
use emr_core::emr::model::{NotebookExecution, NotebookExecutionId};
use emr_core::emr::search::{classify, RegionSearch, MAX_IN_FLIGHT};
use emr_core::route::{Place, Route};
use leptos::prelude::*;

use super::loaded::{Loaded, Subject};
use crate::console::{input_failure, Console, History, Origin};
use crate::edge::clock::now_ms;
use crate::net;
use crate::task::{all, Busy, Ctx, Task};

/// The search's state, while one runs or after it ended: the plan (which regions answered what).
#[derive(Clone, Copy)]
pub struct Search {
    pub task: Task<NotebookExecutionId, RegionSearch>,
}

impl Search {
    pub fn new() -> Search {
        Search { task: Task::new() }
    }

    pub fn cancel(&self) {
        self.task.cancel();
        self.task.update(RegionSearch::cancel);
    }

    pub fn reset(&self) {
        self.task.reset();
    }

    fn running(&self) -> bool {
        self.task.busy.get() != Busy::Idle
    }
}

impl Default for Search {
    fn default() -> Self {
        Search::new()
    }
}

/// What every request of one search shares.
struct Job {
    session: Session,
    options: endpoint::EndpointOptions,
    endpoint_url: String,
    id: NotebookExecutionId,
    search: Search,
    ctx: Ctx,
}

/// Starts a search for `id`, from the panel's region and credentials; what it finds goes to
/// `record` (the detail's task), which then follows it.
pub fn start(
    console: Console,
    search: Search,
    record: Task<Subject, Loaded>,
    id: NotebookExecutionId,
) {
    let session = match console.session() {
        Ok(s) => s,
        Err(problems) => return search.task.fail(input_failure(problems)),
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
    search
        .task
        .data
        .set(Some(RegionSearch::new(&session.region)));
    search.task.load(id.clone(), "Searching", true, move |ctx| {
        let job = Rc::new(Job {
            session,
            options,
            endpoint_url,
            id,
            search,
            ctx,
        });
        async move {
            let workers = (0..MAX_IN_FLIGHT)
                .map(|_| Box::pin(worker(job.clone())) as Pin<Box<dyn Future<Output = _>>>)
                .collect();
            let found = all(workers).await.into_iter().flatten().next();
            if let Some((execution, session)) = found {
                arrive(console, record, &job.id, execution, &session);
            }
            Ok(search
                .task
                .data
                .get_untracked()
                .unwrap_or_else(|| RegionSearch::new(&job.session.region)))
        }
    });
}

/// Asks one region after another until none is left or one knows the id.
async fn worker(job: Rc<Job>) -> Option<(NotebookExecution, Session)> {
    let task = job.search.task;
    loop {
        if !job.ctx.is_current() {
            return None;
        }
        let region = task
            .data
            .try_update(|p| p.as_mut().and_then(RegionSearch::next_region))
            .flatten()?;
        let mut session = job.session.clone();
        session.region = region.clone();
        let result = match endpoint::resolve(&region, job.options, Some(&job.endpoint_url)) {
            Ok(e) => {
                session.endpoint = e;
                net::describe(&session, &job.id, &job.ctx.abort, &|_| {}).await
            }
            Err(_) => Err(EmrError::Network(
                "no endpoint with these options in this region".into(),
            )),
        };
        if !job.ctx.is_current() {
            return None;
        }
        let outcome = classify(&result.as_ref().map(|_| ()).map_err(Clone::clone), &region);
        task.update(|p| p.record(region.clone(), outcome));
        if let Ok(execution) = result {
            // The others in flight are not needed any more.
            job.ctx.abort.abort();
            return Some((execution, session));
        }
    }
}

/// Found: the panel's region becomes that one, and the record is shown (and followed).
fn arrive(
    console: Console,
    record: Task<Subject, Loaded>,
    id: &NotebookExecutionId,
    execution: NotebookExecution,
    session: &Session,
) {
    let region: &Region = &session.region;
    console
        .form
        .update(|f| f.region = region.name().to_string());
    let place = Place {
        region: Some(region.name().to_string()),
        ..console.place()
    };
    console.navigate(Route::detail(place.clone(), id.as_str()), History::Replace);
    console.region_note.set(Some(format!(
        "Found in {}: the Region is now {}.",
        region.name(),
        region.name()
    )));
    console.watcher.observe(&execution);
    record.put(
        (id.to_string(), place.clone()),
        Loaded {
            execution,
            id: id.clone(),
            place,
            origin: Origin::of(session),
            fetched_at: now_ms(),
        },
    );
}

/// The button the "not found" alert offers, and the search's progress and outcome.
#[component]
pub fn SearchAllRegions(
    id: NotebookExecutionId,
    search: Search,
    /// The detail's task, which shows what the search finds.
    record: Task<Subject, Loaded>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let running = Memo::new(move |_| search.running());
    let running = move || running.get();
    let status = move || {
        let running = running();
        search.task.data.with(|p| {
            p.as_ref().map(|p| {
                if p.is_settled() || !running {
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
                view! { <button type="button" class="secondary" on:click=move |_| start(console, search, record, id.clone())>"Search all regions"</button> }.into_any()
            }}
        </p>
        <p class="search-regions__status" role="status" aria-live="polite">{status}</p>
    }
}
