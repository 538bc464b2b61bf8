//! The emulator's two clocks.
//!
//! * The **server clock** (wall time plus an injectable offset) is what a real AWS front end has:
//!   it stamps `Date` and judges the ±15 minute signature window. A 40-minute offset makes the
//!   emulator behave like AWS seen from a laptop whose clock is 40 minutes off.
//! * The **lifecycle clock** drives executions through their states. It follows wall time (or is
//!   frozen, for tests), can be advanced by hand, and a speed factor shortens every phase.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn wall_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[derive(Clone, Debug)]
pub struct Clock {
    /// Server clock − true time.
    pub server_offset_ms: i64,
    /// `Some(t)`: the lifecycle clock stands at `t` (+ advances) whatever the wall does.
    frozen_at: Option<i64>,
    advanced_ms: i64,
    /// Phase durations are divided by this (1 = realistic, 60 = a minute becomes a second).
    pub speed: f64,
}

impl Clock {
    pub fn new(frozen: bool, speed: f64) -> Clock {
        Clock {
            server_offset_ms: 0,
            frozen_at: frozen.then(wall_ms),
            advanced_ms: 0,
            speed: if speed.is_finite() && speed > 0.0 {
                speed
            } else {
                1.0
            },
        }
    }

    pub fn server_now(&self) -> i64 {
        wall_ms() + self.server_offset_ms
    }

    pub fn lifecycle_now(&self) -> i64 {
        self.frozen_at.unwrap_or_else(wall_ms) + self.advanced_ms
    }

    pub fn advance(&mut self, ms: i64) {
        self.advanced_ms += ms.max(0);
    }

    pub fn is_frozen(&self) -> bool {
        self.frozen_at.is_some()
    }

    /// A realistic duration, shortened by the speed factor.
    pub fn scaled(&self, ms: i64) -> i64 {
        ((ms as f64) / self.speed).round().max(1.0) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_clock_moves_only_when_advanced() {
        let mut c = Clock::new(true, 1.0);
        let t = c.lifecycle_now();
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(c.lifecycle_now(), t);
        c.advance(60_000);
        assert_eq!(c.lifecycle_now(), t + 60_000);
        c.advance(-5);
        assert_eq!(c.lifecycle_now(), t + 60_000);
    }

    #[test]
    fn server_offset_and_speed() {
        let mut c = Clock::new(false, 60.0);
        c.server_offset_ms = 40 * 60_000;
        assert!((c.server_now() - wall_ms() - 40 * 60_000).abs() < 1_000);
        assert_eq!(c.scaled(60_000), 1_000);
        assert_eq!(Clock::new(false, 0.0).speed, 1.0);
    }
}
