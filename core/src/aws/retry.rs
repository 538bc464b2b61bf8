//! The AWS SDKs' "standard" retry mode, as pure functions and a small quota.
//!
//! At most 3 attempts; exponential backoff with full jitter (delay = random × min(base × 2^n,
//! 20 s)); a client-wide token bucket so a failing service is not hammered by retries.

use super::error::ErrorClass;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base_delay_ms: u64,
    pub max_backoff_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay_ms: 1_000,
            max_backoff_ms: 20_000,
        }
    }
}

impl RetryPolicy {
    /// Whether a failure of `class` on attempt `attempt` (1-based) gets another attempt.
    pub fn should_retry(&self, class: ErrorClass, attempt: u32) -> bool {
        class.is_retryable() && attempt < self.max_attempts
    }

    /// Delay before the attempt after `attempt` (1-based); `random` is uniform in [0, 1).
    pub fn backoff_ms(&self, attempt: u32, random: f64) -> u64 {
        let exp = attempt.saturating_sub(1).min(30);
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64 << exp)
            .min(self.max_backoff_ms);
        (random.clamp(0.0, 1.0) * ceiling as f64) as u64
    }
}

/// The standard mode's retry quota: 500 tokens; a retry costs 5 (10 after a timeout); a success
/// gives back what its retries took, or 1 when it needed none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryQuota {
    available: u32,
}

pub const QUOTA_CAPACITY: u32 = 500;
pub const RETRY_COST: u32 = 5;
pub const TIMEOUT_RETRY_COST: u32 = 10;

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota {
            available: QUOTA_CAPACITY,
        }
    }
}

impl RetryQuota {
    pub fn available(&self) -> u32 {
        self.available
    }

    /// Takes the cost of one retry; `None` when the quota is spent (then do not retry).
    pub fn acquire(&mut self, timeout: bool) -> Option<u32> {
        let cost = if timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        (self.available >= cost).then(|| {
            self.available -= cost;
            cost
        })
    }

    /// After a success: refund what the retries took, or 1 for a first-try success.
    pub fn on_success(&mut self, spent: u32) {
        let refund = if spent == 0 { 1 } else { spent };
        self.available = (self.available + refund).min(QUOTA_CAPACITY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_retryable_classes_up_to_three_attempts() {
        let p = RetryPolicy::default();
        assert!(p.should_retry(ErrorClass::Throttling, 1));
        assert!(p.should_retry(ErrorClass::Server, 2));
        assert!(!p.should_retry(ErrorClass::Server, 3));
        assert!(p.should_retry(ErrorClass::Network, 1));
        for c in [
            ErrorClass::Auth,
            ErrorClass::Permission,
            ErrorClass::ClientInput,
            ErrorClass::ExpiredCredentials,
            ErrorClass::Clock,
            ErrorClass::Unknown,
        ] {
            assert!(!p.should_retry(c, 1), "{c:?}");
        }
    }

    #[test]
    fn backoff_is_full_jitter_within_bounds() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ms(1, 0.0), 0);
        assert_eq!(p.backoff_ms(1, 0.999_999), 999);
        assert_eq!(p.backoff_ms(2, 0.5), 1_000);
        assert_eq!(p.backoff_ms(2, 0.999_999), 1_999);
        // Capped at 20 s however many attempts.
        assert_eq!(p.backoff_ms(10, 0.999_999), 19_999);
        assert_eq!(p.backoff_ms(64, 1.0), 20_000);
        // A bad random source cannot exceed the ceiling.
        assert_eq!(p.backoff_ms(1, 7.0), 1_000);
        assert_eq!(p.backoff_ms(1, -1.0), 0);
        for i in 0..1000 {
            let r = i as f64 / 1000.0;
            for attempt in 1..=3 {
                assert!(p.backoff_ms(attempt, r) < 1_000 << (attempt - 1));
            }
        }
    }

    #[test]
    fn quota_drains_and_refills() {
        let mut q = RetryQuota::default();
        let mut taken = 0;
        while let Some(c) = q.acquire(false) {
            taken += c;
        }
        assert_eq!(taken, 500);
        assert_eq!(q.acquire(true), None);
        q.on_success(10);
        assert_eq!(q.acquire(true), Some(10));
        q.on_success(0);
        assert_eq!(q.available(), 1);
        let mut full = RetryQuota::default();
        full.on_success(0);
        assert_eq!(full.available(), QUOTA_CAPACITY);
    }
}
