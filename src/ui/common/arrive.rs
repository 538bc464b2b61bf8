//! How a view follows the route: arriving at a subject (a link, Back/Forward, a reload) loads it
//! unless the view shows it or is loading it already; the panel's "again" (Describe, List
//! executions, Enter) loads it even then, but never twice at once.

use std::rc::Rc;

use emr_core::route::Route;
use leptos::prelude::*;

use crate::console::Console;
use crate::task::{Busy, Task};

/// `subject` says what the route names for this view (`None`: the route is another view's; it
/// may also take in the rest of the route, like filters to show). `load(subject, forced)` starts
/// the view's load; `forced` is true when the panel asked again.
pub fn follow_route<K, T>(
    console: Console,
    task: Task<K, T>,
    subject: impl Fn(&Route) -> Option<K> + 'static,
    load: impl Fn(K, bool) + 'static,
) where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let subject = Rc::new(subject);
    let load = Rc::new(load);
    {
        let (subject, load) = (subject.clone(), load.clone());
        Effect::new(move |_| {
            let Some(k) = console.route.with(|r| subject(r)) else {
                return;
            };
            if !task.is_for(&k) {
                load(k, false);
            }
        });
    }
    Effect::new(move |first: Option<()>| {
        console.reload.track();
        if first.is_none() {
            return;
        }
        let Some(k) = console.route.with_untracked(|r| subject(r)) else {
            return;
        };
        let loading = task.is_for(&k) && task.busy.get_untracked() == Busy::Loading;
        if !loading {
            load(k, true);
        }
    });
}
