//! Hints read from the shell (`meshlab hint ID`) before the drill is graded there: kept in the
//! data directory until the next `meshlab grade` of that drill counts them in its attempt, as
//! the TUI counts the hints revealed during an attempt.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::Versioned;
use crate::limits::MAX_HINT_RUNGS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HintsSeen {
    pub version: u32,
    /// By `PACK/DRILL`: the rungs read, in the order read.
    #[serde(default)]
    pub seen: BTreeMap<String, Vec<u8>>,
}

impl Versioned for HintsSeen {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
}

impl Default for HintsSeen {
    fn default() -> Self {
        HintsSeen {
            version: Self::VERSION,
            seen: BTreeMap::new(),
        }
    }
}

impl HintsSeen {
    pub const FILE: &str = "hints.toml";

    fn key(pack: &str, drill: &str) -> String {
        format!("{pack}/{drill}")
    }

    /// The rungs of drill `drill` of pack `pack` read so far.
    pub fn of(&self, pack: &str, drill: &str) -> &[u8] {
        self.seen
            .get(&Self::key(pack, drill))
            .map_or(&[][..], Vec::as_slice)
    }

    /// Notes rungs `1..=upto` read (each once, in order).
    pub fn read(&mut self, pack: &str, drill: &str, upto: u8) {
        let rungs = self.seen.entry(Self::key(pack, drill)).or_default();
        for rung in 1..=upto.min(MAX_HINT_RUNGS) {
            if !rungs.contains(&rung) {
                rungs.push(rung);
            }
        }
    }

    /// The rungs read for the drill, handed to the attempt that counts them (and forgotten);
    /// rungs read under an id the drill had before a rename count too.
    pub fn take(&mut self, pack: &str, drill: &str) -> Vec<u8> {
        let keys: Vec<String> = self
            .seen
            .keys()
            .filter(|k| {
                k.split_once('/')
                    .is_some_and(|(p, d)| p == pack && super::renamed::current(p, d) == drill)
            })
            .cloned()
            .collect();
        let mut rungs = Vec::new();
        for key in keys {
            for rung in self.seen.remove(&key).unwrap_or_default() {
                if !rungs.contains(&rung) {
                    rungs.push(rung);
                }
            }
        }
        rungs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rungs_are_kept_once_and_handed_over_once() {
        let mut h = HintsSeen::default();
        h.read("p", "d", 1);
        h.read("p", "d", 2);
        h.read("p", "d", 2);
        assert_eq!(h.of("p", "d"), [1, 2]);
        assert_eq!(h.of("q", "d"), [] as [u8; 0]);
        assert_eq!(h.take("p", "d"), [1, 2]);
        assert!(h.take("p", "d").is_empty());
    }

    #[test]
    fn hints_read_under_an_old_id_count_for_the_renamed_drill() {
        let mut h = HintsSeen::default();
        h.read("part-023", "dx-mtls-cert-expired", 2);
        h.read("part-023", "dx-503s-and-an-empty-app-log", 3);
        assert_eq!(
            h.take("part-023", "dx-503s-and-an-empty-app-log"),
            [1, 2, 3]
        );
        assert!(h.seen.is_empty(), "{:?}", h.seen);
    }
}
