//! The timeline's geometry: one bar per execution from start to end (or to now while it runs),
//! packed into as few lanes as overlap allows, and an axis of local times at round steps.
//!
//! Positions are fractions of the drawn span; the view turns them into SVG percentages, so the
//! drawing scales with the page and no float is ever formatted in the bundle ([`percent`]).

use super::list::sort_indices;
use crate::format::{local_clock, local_day, EpochMs};

/// One execution to draw: its row, start, end, and whether it may still change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub row: usize,
    pub start: Option<EpochMs>,
    pub end: Option<EpochMs>,
    pub terminal: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    pub row: usize,
    pub start: EpochMs,
    pub end: EpochMs,
    /// Drawn to now: it has not ended yet.
    pub open: bool,
    pub lane: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub at: EpochMs,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub from: EpochMs,
    pub to: EpochMs,
    pub lanes: usize,
    /// Sorted by start.
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    /// Executions without a start time (not drawn).
    pub undrawn: usize,
}

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;
/// Axis steps, smallest first; the first that gives at most `MAX_TICKS` ticks is used.
const STEPS: [i64; 16] = [
    MIN,
    2 * MIN,
    5 * MIN,
    10 * MIN,
    15 * MIN,
    30 * MIN,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY,
];
const MAX_TICKS: i64 = 7;

impl Layout {
    pub fn new(
        items: impl IntoIterator<Item = Item>,
        now: EpochMs,
        offset_at: impl Fn(EpochMs) -> i32,
    ) -> Layout {
        let mut undrawn = 0;
        let bars: Vec<Bar> = items
            .into_iter()
            .filter_map(|it| {
                let Some(start) = it.start else {
                    undrawn += 1;
                    return None;
                };
                let (end, open) = match it.end {
                    Some(e) => (e.max(start), false),
                    None if !it.terminal => (now.max(start), true),
                    None => (start, false),
                };
                Some(Bar {
                    row: it.row,
                    start,
                    end,
                    open,
                    lane: 0,
                })
            })
            .collect();
        if bars.is_empty() {
            return Layout {
                undrawn,
                ..Layout::default()
            };
        }
        let mut order: Vec<usize> = (0..bars.len()).collect();
        sort_indices(&mut order, &|a, b| {
            (bars[a].start, bars[a].end, bars[a].row).cmp(&(
                bars[b].start,
                bars[b].end,
                bars[b].row,
            ))
        });
        let mut bars: Vec<Bar> = order.into_iter().map(|i| bars[i]).collect();
        let lo = bars[0].start;
        let hi = bars.iter().map(|b| b.end).max().unwrap_or(lo);
        // A minute at least, with a little air on both sides.
        let span = (hi - lo).max(MIN);
        let pad = span / 50;
        let mid = lo + (hi - lo) / 2;
        let (from, to) = if hi - lo < MIN {
            (mid - span / 2 - pad, mid + span / 2 + pad)
        } else {
            (lo - pad, hi + pad)
        };
        // First-fit lanes; a gap of half a percent keeps touching bars apart.
        let gap = (to - from) / 200;
        let mut lane_ends: Vec<EpochMs> = Vec::new();
        for b in &mut bars {
            match lane_ends.iter().position(|&end| end + gap <= b.start) {
                Some(l) => {
                    lane_ends[l] = b.end;
                    b.lane = l;
                }
                None => {
                    b.lane = lane_ends.len();
                    lane_ends.push(b.end);
                }
            }
        }
        let ticks = ticks(from, to, &offset_at);
        Layout {
            from,
            to,
            lanes: lane_ends.len(),
            bars,
            ticks,
            undrawn,
        }
    }

    /// Where `t` falls, from 0 (left) to 1 (right).
    pub fn x(&self, t: EpochMs) -> f64 {
        if self.to <= self.from {
            return 0.0;
        }
        ((t - self.from) as f64 / (self.to - self.from) as f64).clamp(0.0, 1.0)
    }

    /// Where bar `b` is drawn, as fractions: a sliver at least [`MIN_WIDTH`] wide.
    pub fn span_of(&self, b: &Bar) -> (f64, f64) {
        let x0 = self.x(b.start);
        (x0, x0 + (self.x(b.end) - x0).max(MIN_WIDTH))
    }

    /// The bar a pointer at `x` (a fraction) in `lane` means: the one it is on, else the nearest
    /// within `tolerance`. A run of a minute in a week-long span is a pixel wide; nobody should
    /// have to hit that pixel exactly.
    pub fn bar_near(&self, x: f64, lane: usize, tolerance: f64) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for (i, b) in self.bars.iter().enumerate().filter(|(_, b)| b.lane == lane) {
            let (x0, x1) = self.span_of(b);
            let d = if x < x0 {
                x0 - x
            } else if x > x1 {
                x - x1
            } else {
                0.0
            };
            if d <= tolerance && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// The narrowest bar drawn, as a fraction of the width: an execution that lasted no time is
/// still a visible sliver.
pub const MIN_WIDTH: f64 = 0.0015;

/// Ticks at round local times: clock times below a day (the date where the day changes), dates
/// from a day up.
fn ticks(from: EpochMs, to: EpochMs, offset_at: &impl Fn(EpochMs) -> i32) -> Vec<Tick> {
    let span = to - from;
    let step = STEPS
        .iter()
        .copied()
        .find(|s| span / s <= MAX_TICKS)
        .unwrap_or(STEPS[STEPS.len() - 1]);
    let off = offset_at(from) as i64 * MIN;
    // Align in local time (midnight for day steps), then step.
    let first_local = (from + off).div_euclid(step) * step + step;
    let mut out = Vec::new();
    let mut last_day = None;
    let mut local = first_local;
    while local - off < to {
        let guess = local - off;
        let at = local - offset_at(guess) as i64 * MIN;
        let o = offset_at(at);
        let day = local_day(at, o);
        let label = if step >= DAY {
            day.clone()
        } else if last_day.as_ref() != Some(&day) {
            format!("{day} {}", local_clock(at, o))
        } else {
            local_clock(at, o)
        };
        last_day = Some(day);
        out.push(Tick { at, label });
        local += step;
    }
    out
}

/// `0.1234` → `"12.34%"`, with integer arithmetic only.
pub fn percent(fraction: f64) -> String {
    let hundredths = (fraction.clamp(0.0, 1.0) * 10_000.0).round() as i64;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(row: usize, start: i64, end: Option<i64>, terminal: bool) -> Item {
        Item {
            row,
            start: Some(start),
            end,
            terminal,
        }
    }

    const T0: i64 = 1_764_547_200_000; // 2025-12-01 00:00 UTC

    #[test]
    fn one_execution_gets_a_readable_span() {
        let l = Layout::new([item(0, T0, Some(T0 + 5_000), true)], T0, |_| 0);
        assert_eq!(l.lanes, 1);
        assert!(l.to - l.from >= MIN);
        let b = l.bars[0];
        assert!(l.x(b.start) > 0.0 && l.x(b.end) < 1.0);
        assert!(!l.ticks.is_empty());
    }

    #[test]
    fn running_bars_reach_now_and_overlaps_take_lanes() {
        let now = T0 + 3 * HOUR;
        let l = Layout::new(
            [
                item(0, T0, Some(T0 + HOUR), true),
                item(1, T0 + 30 * MIN, None, false),
                item(2, T0 + 2 * HOUR, Some(T0 + 150 * MIN), true),
                item(3, T0 + HOUR + 20 * MIN, None, true),
                Item {
                    row: 4,
                    start: None,
                    end: None,
                    terminal: false,
                },
            ],
            now,
            |_| 0,
        );
        assert_eq!(l.undrawn, 1);
        let by_row = |r| *l.bars.iter().find(|b| b.row == r).unwrap();
        assert_eq!((by_row(1).end, by_row(1).open), (now, true));
        assert_eq!(
            by_row(3).end,
            by_row(3).start,
            "terminal without end: a sliver"
        );
        assert_eq!(by_row(0).lane, 0);
        assert_eq!(by_row(1).lane, 1, "overlaps the first");
        assert_eq!(by_row(3).lane, 0, "fits after the first");
        assert_eq!(by_row(2).lane, 0);
        assert_eq!(l.lanes, 2);
        // No two bars of one lane overlap.
        for a in &l.bars {
            for b in &l.bars {
                if a.row != b.row && a.lane == b.lane {
                    assert!(a.end < b.start || b.end < a.start, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn five_hundred_executions_stay_in_few_lanes_when_they_do_not_overlap() {
        let items = (0..500).map(|i| {
            item(
                i,
                T0 + i as i64 * 10 * MIN,
                Some(T0 + i as i64 * 10 * MIN + 4 * MIN),
                true,
            )
        });
        let l = Layout::new(items, T0, |_| 0);
        assert_eq!(l.bars.len(), 500);
        assert!(l.lanes <= 3, "{}", l.lanes);
        assert!(l.ticks.len() <= MAX_TICKS as usize + 1);
    }

    #[test]
    fn ticks_are_round_local_times() {
        // 09:10 to 15:50 UTC, in UTC+01:00: hourly steps at whole local hours.
        let l = Layout::new(
            [item(
                0,
                T0 + 9 * HOUR + 10 * MIN,
                Some(T0 + 15 * HOUR + 50 * MIN),
                true,
            )],
            T0,
            |_| 60,
        );
        let labels: Vec<_> = l.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["1 Dec 11:00", "12:00", "13:00", "14:00", "15:00", "16:00"]
        );
        for t in &l.ticks {
            assert_eq!((t.at + HOUR) % HOUR, 0);
        }
        // A week: one tick per day at local midnight.
        let l = Layout::new([item(0, T0, Some(T0 + 6 * DAY + HOUR), true)], T0, |_| -300);
        let labels: Vec<_> = l.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["1 Dec", "2 Dec", "3 Dec", "4 Dec", "5 Dec", "6 Dec"]
        );
        assert_eq!(l.ticks[0].at, T0 + 5 * HOUR);
        // Across midnight, the new day is named.
        let l = Layout::new(
            [item(0, T0 - 2 * HOUR, Some(T0 + 2 * HOUR), true)],
            T0,
            |_| 0,
        );
        assert!(
            l.ticks.iter().any(|t| t.label == "1 Dec 00:00"),
            "{:?}",
            l.ticks
        );
    }

    #[test]
    fn the_pointer_finds_the_bar_it_is_on_or_the_nearest_thin_one() {
        // Two short runs in one lane of a day-long span, a long one in another.
        let l = Layout::new(
            [
                item(0, T0, Some(T0 + DAY), true),
                item(1, T0 + 6 * HOUR, Some(T0 + 6 * HOUR + MIN), true),
                item(2, T0 + 12 * HOUR, Some(T0 + 12 * HOUR), true),
            ],
            T0,
            |_| 0,
        );
        let pos = |row| l.bars.iter().position(|b| b.row == row).unwrap();
        let (lane_short, lane_long) = (l.bars[pos(1)].lane, l.bars[pos(0)].lane);
        assert_ne!(lane_short, lane_long);
        let (a0, a1) = l.span_of(&l.bars[pos(1)]);
        assert!(
            a1 - a0 >= MIN_WIDTH,
            "a minute is drawn at least a sliver wide"
        );
        let (b0, _) = l.span_of(&l.bars[pos(2)]);
        let tol = 0.004;
        assert_eq!(l.bar_near((a0 + a1) / 2.0, lane_short, tol), Some(pos(1)));
        assert_eq!(
            l.bar_near(a0 - 0.003, lane_short, tol),
            Some(pos(1)),
            "just beside it"
        );
        assert_eq!(
            l.bar_near(b0 + 0.002, lane_short, tol),
            Some(pos(2)),
            "the zero-length one"
        );
        assert_eq!(l.bar_near(a0 - 0.01, lane_short, tol), None, "too far");
        assert_eq!(l.bar_near(0.3, lane_long, tol), Some(pos(0)));
        assert_eq!(l.bar_near(0.3, 7, tol), None, "no such lane");
    }

    #[test]
    fn nothing_to_draw() {
        let l = Layout::new([], T0, |_| 0);
        assert_eq!((l.lanes, l.bars.len(), l.ticks.len()), (0, 0, 0));
        assert_eq!(l.x(T0), 0.0);
    }

    #[test]
    fn percentages_without_float_formatting() {
        assert_eq!(percent(0.0), "0.00%");
        assert_eq!(percent(0.123456), "12.35%");
        assert_eq!(percent(1.0), "100.00%");
        assert_eq!(percent(7.0), "100.00%");
        assert_eq!(percent(f64::NAN), "0.00%");
    }
}
