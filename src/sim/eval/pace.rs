//! What the requests of one probe share over time: Linkerd's ServiceProfile retry budgets and
//! its local rate limits. A probe's `count` requests arrive together (a burst, like the docs'
//! concurrent curl loops) unless the caller paces them (`sim run` sends each edge's requests at
//! its `rps`).

use std::collections::{BTreeMap, VecDeque};

use crate::sim::model::linkerd::RetryBudget;

/// Who a rate limit counts: everyone, one client identity (unmeshed clients share `None`), or
/// a client with an override.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Limiter {
    Total,
    Identity(Option<String>),
    Override(String),
}

#[derive(Debug, Default)]
pub(crate) struct Pace {
    /// Per ServiceProfile (by index): retries withdrawn (-1) and deposited (+retryRatio), with
    /// when, kept for the budget's ttl (tower's TpsBudget, the proxy's budget).
    budgets: BTreeMap<usize, VecDeque<(f64, f64)>>,
    /// Per rate limit policy (by index) and limiter: the GCRA's theoretical arrival time.
    tat: BTreeMap<(usize, Limiter), f64>,
}

impl Pace {
    fn balance(&mut self, profile: usize, budget: &RetryBudget, now: f64) -> f64 {
        let events = self.budgets.entry(profile).or_default();
        while events
            .front()
            .is_some_and(|(t, _)| *t <= now - budget.ttl_secs as f64)
        {
            events.pop_front();
        }
        budget.reserve() + events.iter().map(|(_, d)| d).sum::<f64>()
    }

    /// Take up to `wanted` retries from the profile's budget at `now`; how many it gave.
    pub fn withdraw(&mut self, profile: usize, budget: &RetryBudget, now: f64, wanted: u32) -> u32 {
        let mut given = 0;
        while given < wanted && self.balance(profile, budget, now) >= 1.0 - 1e-9 {
            self.budgets
                .entry(profile)
                .or_default()
                .push_back((now, -1.0));
            given += 1;
        }
        given
    }

    /// A response that needed no retry adds `retryRatio` of a retry to the budget.
    pub fn deposit(&mut self, profile: usize, budget: &RetryBudget, now: f64) {
        self.budgets
            .entry(profile)
            .or_default()
            .push_back((now, budget.retry_ratio));
    }

    /// Does a limiter of `rps` admit a request at `now`? A burst of `rps` requests passes at
    /// once (governor's `Quota::per_second`, as the proxy uses it; features/rate-limiting.md).
    pub fn admit(&mut self, policy: usize, limiter: Limiter, rps: u32, now: f64) -> bool {
        let interval = 1.0 / f64::from(rps.max(1));
        let tolerance = interval * f64::from(rps.max(1) - 1);
        let tat = self.tat.entry((policy, limiter)).or_insert(now);
        if *tat - now > tolerance + 1e-9 {
            return false;
        }
        *tat = tat.max(now) + interval;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_refills_as_its_window_slides() {
        let budget = RetryBudget {
            retry_ratio: 0.2,
            min_per_second: 2,
            ttl_secs: 5,
        };
        let mut pace = Pace::default();
        assert_eq!(
            pace.withdraw(0, &budget, 0.0, 100),
            10,
            "the reserve: 2/s × 5 s"
        );
        assert_eq!(pace.withdraw(0, &budget, 1.0, 100), 0);
        for _ in 0..5 {
            pace.deposit(0, &budget, 2.0);
        }
        assert_eq!(pace.withdraw(0, &budget, 2.0, 100), 1, "5 × 0.2");
        assert_eq!(
            pace.withdraw(0, &budget, 5.5, 100),
            10,
            "the first withdrawals expired"
        );
    }

    #[test]
    fn a_rate_limit_admits_a_burst_of_its_rate_then_its_rate() {
        let mut pace = Pace::default();
        let burst: Vec<bool> = (0..10)
            .map(|_| pace.admit(0, Limiter::Total, 4, 0.0))
            .collect();
        assert_eq!(burst.iter().filter(|a| **a).count(), 4);
        let mut pace = Pace::default();
        let paced = (0..100)
            .filter(|k| pace.admit(0, Limiter::Total, 4, f64::from(*k) / 10.0))
            .count();
        assert!(
            (40..=44).contains(&paced),
            "{paced}: 4 of every 10 a second"
        );
    }
}
