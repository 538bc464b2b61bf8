//! When to look again, and when a watched execution has ended.
//!
//! EMR has no events for notebook executions: polling is the only way to know. The plan polls
//! quickly around state changes (starting, finishing, stopping), slowly during a long run, backs
//! off exponentially while EMR throttles, and never polls a hidden tab (the browser edge holds the
//! timer; this module only decides the delays).

use super::model::ExecutionStatus;

const SECOND: u64 = 1_000;
const MINUTE: u64 = 60 * SECOND;

/// The executions list's refresh while anything listed is still running.
pub const LIST_REFRESH_MS: u64 = 30 * SECOND;
/// No refresh waits longer than this, however often EMR throttled.
pub const MAX_DELAY_MS: u64 = 5 * MINUTE;

/// Consecutive throttled refreshes: each doubles the delay, a success resets it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Backoff {
    pub throttled: u32,
}

impl Backoff {
    pub fn on_throttled(&mut self) {
        self.throttled = self.throttled.saturating_add(1);
    }

    pub fn on_success(&mut self) {
        self.throttled = 0;
    }

    /// `base`, doubled for each throttled refresh in a row, capped at five minutes.
    pub fn apply(self, base: u64) -> u64 {
        let factor = 1u64 << self.throttled.min(10);
        base.saturating_mul(factor).min(MAX_DELAY_MS.max(base))
    }
}

/// The list's next refresh.
pub fn list_delay(backoff: Backoff) -> u64 {
    backoff.apply(LIST_REFRESH_MS)
}

/// The detail's next describe of an execution in `status` that started `running_for_ms` ago:
/// every 5 s around transitions, 10 s in the first 5 minutes of a run, 30 s up to an hour, then
/// every minute. `None` once it has ended.
pub fn detail_delay(
    status: &ExecutionStatus,
    running_for_ms: i64,
    backoff: Backoff,
) -> Option<u64> {
    use ExecutionStatus::*;
    let base = match status {
        Finished | Failed | Stopped => return None,
        StartPending | Starting | Finishing | Failing | StopPending | Stopping => 5 * SECOND,
        Running if running_for_ms < 5 * MINUTE as i64 => 10 * SECOND,
        Running if running_for_ms < 60 * MINUTE as i64 => 30 * SECOND,
        Running => MINUTE,
        Unknown(_) => 30 * SECOND,
    };
    Some(backoff.apply(base))
}

/// What one observation of a watched execution means for the person watching it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observation {
    /// Still going (or the first look): nothing to say.
    Unchanged,
    /// It changed state but goes on.
    Changed,
    /// It reached FINISHED, FAILED or STOPPED while being watched: say it, once.
    Ended(ExecutionStatus),
}

/// Tracks one execution's status across refreshes and reports its end exactly once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndWatch {
    last: Option<ExecutionStatus>,
    announced: bool,
}

impl EndWatch {
    /// Feeds the latest status. An execution already over at the first look did not end *while
    /// watched*: nothing is announced for it.
    pub fn observe(&mut self, status: &ExecutionStatus) -> Observation {
        let previous = self.last.replace(status.clone());
        match previous {
            None => {
                self.announced = status.is_terminal();
                Observation::Unchanged
            }
            Some(p) if &p == status => Observation::Unchanged,
            Some(_) if status.is_terminal() && !self.announced => {
                self.announced = true;
                Observation::Ended(status.clone())
            }
            Some(_) => Observation::Changed,
        }
    }

    pub fn last(&self) -> Option<&ExecutionStatus> {
        self.last.as_ref()
    }
}

/// "nightly-etl: Failed" and, for a failure, its reason: what a notification and the page say
/// when a watched execution ends.
pub fn end_message(name: &str, status: &ExecutionStatus, reason: Option<&str>) -> (String, String) {
    let title = format!("{name}: {}", status.label());
    let body = match (status, reason) {
        (ExecutionStatus::Failed, Some(r)) if !r.trim().is_empty() => {
            crate::format::shorten(r.trim(), 300)
        }
        (ExecutionStatus::Failed, _) => "The notebook execution failed.".to_string(),
        (ExecutionStatus::Stopped, _) => "The notebook execution was stopped.".to_string(),
        _ => "The notebook execution finished.".to_string(),
    };
    (title, body)
}

/// The tab title: a watched execution's status first (the first still running, else the last
/// watched), so that a background tab tells the user; else the execution on screen; else the page.
pub fn tab_title(
    watched: &[(&str, Option<&ExecutionStatus>)],
    shown: Option<(&str, &ExecutionStatus)>,
) -> String {
    const PAGE: &str = "EMR notebook executions";
    let running = |s: &Option<&ExecutionStatus>| s.is_some_and(|s| !s.is_terminal());
    let pick = watched.iter().find(|(_, s)| running(s)).or(watched.last());
    let (name, status, others) = match (pick, shown) {
        (Some((n, Some(s))), _) => (*n, (*s).clone(), watched.len() - 1),
        (Some((n, None)), _) => return format!("{n} — {PAGE}"),
        (None, Some((n, s))) => (n, s.clone(), 0),
        (None, None) => return PAGE.to_string(),
    };
    let more = if others > 0 {
        format!(" (+{others} watched)")
    } else {
        String::new()
    };
    format!("{} · {name}{more} — {PAGE}", status.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExecutionStatus::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let mut b = Backoff::default();
        assert_eq!(list_delay(b), 30_000);
        b.on_throttled();
        assert_eq!(list_delay(b), 60_000);
        b.on_throttled();
        b.on_throttled();
        assert_eq!(list_delay(b), 240_000);
        b.on_throttled();
        assert_eq!(list_delay(b), MAX_DELAY_MS);
        for _ in 0..100 {
            b.on_throttled();
        }
        assert_eq!(list_delay(b), MAX_DELAY_MS);
        b.on_success();
        assert_eq!(list_delay(b), 30_000);
    }

    #[test]
    fn the_detail_polls_fast_around_transitions_and_slowly_in_long_runs() {
        let none = Backoff::default();
        for s in [
            StartPending,
            Starting,
            Finishing,
            Failing,
            StopPending,
            Stopping,
        ] {
            assert_eq!(detail_delay(&s, 0, none), Some(5_000), "{s}");
        }
        assert_eq!(detail_delay(&Running, 60_000, none), Some(10_000));
        assert_eq!(detail_delay(&Running, 20 * 60_000, none), Some(30_000));
        assert_eq!(detail_delay(&Running, 3 * 3_600_000, none), Some(60_000));
        for s in [Finished, Failed, Stopped] {
            assert_eq!(detail_delay(&s, 0, none), None);
        }
        assert_eq!(
            detail_delay(&ExecutionStatus::parse("PAUSED"), 0, none),
            Some(30_000)
        );
        let throttled = Backoff { throttled: 2 };
        assert_eq!(detail_delay(&Starting, 0, throttled), Some(20_000));
        assert_eq!(
            detail_delay(&Running, 3 * 3_600_000, throttled),
            Some(240_000)
        );
    }

    #[test]
    fn end_messages_carry_name_status_and_the_failure_reason() {
        let (t, b) = end_message("nightly-etl", &Failed, Some(" cell 3 raised KeyError "));
        assert_eq!(
            (t.as_str(), b.as_str()),
            ("nightly-etl: Failed", "cell 3 raised KeyError")
        );
        assert_eq!(
            end_message("x", &Failed, Some("")).1,
            "The notebook execution failed."
        );
        assert_eq!(
            end_message("x", &Finished, Some("ignored")).1,
            "The notebook execution finished."
        );
        assert_eq!(
            end_message("x", &Stopped, None),
            (
                "x: Stopped".into(),
                "The notebook execution was stopped.".into()
            )
        );
    }

    #[test]
    fn the_tab_title_follows_the_watched_execution() {
        assert_eq!(tab_title(&[], None), "EMR notebook executions");
        assert_eq!(
            tab_title(&[], Some(("a", &Failed))),
            "Failed · a — EMR notebook executions"
        );
        assert_eq!(
            tab_title(&[("nightly-etl", Some(&Running))], Some(("other", &Failed))),
            "Running · nightly-etl — EMR notebook executions"
        );
        assert_eq!(
            tab_title(&[("done", Some(&Finished)), ("etl", Some(&Starting))], None),
            "Starting · etl (+1 watched) — EMR notebook executions"
        );
        assert_eq!(
            tab_title(&[("a", Some(&Finished)), ("b", Some(&Stopped))], None),
            "Stopped · b (+1 watched) — EMR notebook executions"
        );
        assert_eq!(
            tab_title(&[("new", None)], None),
            "new — EMR notebook executions"
        );
    }

    #[test]
    fn the_end_is_announced_once_and_only_if_seen_happening() {
        let mut w = EndWatch::default();
        assert_eq!(w.observe(&Running), Observation::Unchanged);
        assert_eq!(w.observe(&Running), Observation::Unchanged);
        assert_eq!(w.observe(&Finishing), Observation::Changed);
        assert_eq!(w.observe(&Finished), Observation::Ended(Finished));
        assert_eq!(w.observe(&Finished), Observation::Unchanged);
        assert_eq!(w.last(), Some(&Finished));
        // Already over at the first look: nothing to announce, ever.
        let mut w = EndWatch::default();
        assert_eq!(w.observe(&Failed), Observation::Unchanged);
        assert_eq!(w.observe(&Failed), Observation::Unchanged);
        // A stop straight from RUNNING to STOPPED (a refresh may skip states).
        let mut w = EndWatch::default();
        w.observe(&Running);
        assert_eq!(w.observe(&Stopped), Observation::Ended(Stopped));
        assert_eq!(
            w.observe(&Failed),
            Observation::Changed,
            "announced once, whatever follows"
        );
    }
}
