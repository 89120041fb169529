//! Smooth weighted round robin (the nginx algorithm): deterministic, and over every full round
//! of `sum(weights)` picks each entry is chosen exactly `weight` times, spread out evenly.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrr {
    current: Vec<i64>,
}

impl Wrr {
    /// Pick the next index. Entries with weight 0 are never picked; None when all are 0.
    pub fn next(&mut self, weights: &[u32]) -> Option<usize> {
        if self.current.len() != weights.len() {
            self.current = vec![0; weights.len()];
        }
        let total: i64 = weights.iter().map(|w| i64::from(*w)).sum();
        if total == 0 {
            return None;
        }
        let mut best: Option<(usize, i64)> = None;
        for (i, (w, c)) in weights.iter().zip(self.current.iter_mut()).enumerate() {
            if *w == 0 {
                continue;
            }
            *c += i64::from(*w);
            // Ties go to the lowest index.
            if best.is_none_or(|(_, b)| *c > b) {
                best = Some((i, *c));
            }
        }
        let (chosen, _) = best?;
        if let Some(c) = self.current.get_mut(chosen) {
            *c -= total;
        }
        Some(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(weights: &[u32], picks: usize) -> Vec<usize> {
        let mut wrr = Wrr::default();
        let mut counts = vec![0; weights.len()];
        for _ in 0..picks {
            if let Some(i) = wrr.next(weights) {
                counts[i] += 1;
            }
        }
        counts
    }

    #[test]
    fn exact_shares_per_round() {
        assert_eq!(counts(&[70, 30], 100), vec![70, 30]);
        assert_eq!(counts(&[1, 3], 4), vec![1, 3]);
        assert_eq!(counts(&[5, 0, 1], 12), vec![10, 0, 2]);
    }

    #[test]
    fn smooth_not_bursty() {
        let mut wrr = Wrr::default();
        let seq: Vec<_> = (0..4).filter_map(|_| wrr.next(&[1, 3])).collect();
        assert_eq!(seq, vec![1, 0, 1, 1]);
    }

    #[test]
    fn all_zero_is_none() {
        assert_eq!(Wrr::default().next(&[0, 0]), None);
        assert_eq!(Wrr::default().next(&[]), None);
    }
}
