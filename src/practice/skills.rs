//! The ten capabilities of the lesson's section 2 and the learner's map over them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::progress::Attempt;
use crate::i18n::{Lang, Msg};

/// One of the ten capabilities a mesh provides (Part 023, section 2). The id is the kebab-case
/// name used in exercise files and the progress file.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Skill {
    TrafficInterception,
    Identity,
    Encryption,
    Authorization,
    Routing,
    Observability,
    FailureIsolation,
    UpgradeModel,
    ResourceTax,
    Portability,
}

impl Skill {
    pub const ALL: [Skill; 10] = [
        Skill::TrafficInterception,
        Skill::Identity,
        Skill::Encryption,
        Skill::Authorization,
        Skill::Routing,
        Skill::Observability,
        Skill::FailureIsolation,
        Skill::UpgradeModel,
        Skill::ResourceTax,
        Skill::Portability,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Skill::TrafficInterception => "traffic-interception",
            Skill::Identity => "identity",
            Skill::Encryption => "encryption",
            Skill::Authorization => "authorization",
            Skill::Routing => "routing",
            Skill::Observability => "observability",
            Skill::FailureIsolation => "failure-isolation",
            Skill::UpgradeModel => "upgrade-model",
            Skill::ResourceTax => "resource-tax",
            Skill::Portability => "portability",
        }
    }

    pub fn from_id(id: &str) -> Option<Skill> {
        Skill::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let msg = match self {
            Skill::TrafficInterception => Msg::SkillTrafficInterception,
            Skill::Identity => Msg::SkillIdentity,
            Skill::Encryption => Msg::SkillEncryption,
            Skill::Authorization => Msg::SkillAuthorization,
            Skill::Routing => Msg::SkillRouting,
            Skill::Observability => Msg::SkillObservability,
            Skill::FailureIsolation => Msg::SkillFailureIsolation,
            Skill::UpgradeModel => Msg::SkillUpgradeModel,
            Skill::ResourceTax => Msg::SkillResourceTax,
            Skill::Portability => Msg::SkillPortability,
        };
        msg.text(lang)
    }
}

/// What the learner has done in one skill.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SkillStats {
    pub attempts: u32,
    pub passed: u32,
    /// Time on task of every attempt whose drill trains this skill. A drill that trains two
    /// skills counts fully for both: it is practice of each.
    pub seconds: u64,
}

impl SkillStats {
    /// Passed attempts in percent, or `None` before the first attempt.
    pub fn accuracy_percent(&self) -> Option<u32> {
        (self.attempts > 0).then(|| self.passed * 100 / self.attempts)
    }

    /// How strong the skill looks, for choosing what to practise: the pass rate with one pass
    /// and one failure assumed up front (Laplace's rule), so that a single lucky or unlucky
    /// attempt does not decide everything and an untried skill sits at one half. Exact, so the
    /// order it gives never depends on float rounding.
    pub fn strength(&self) -> Ratio {
        Ratio {
            num: u64::from(self.passed) + 1,
            den: u64::from(self.attempts) + 2,
        }
    }
}

/// A non-negative fraction compared exactly (cross-multiplied).
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (u128::from(self.num) * u128::from(other.den))
            .cmp(&(u128::from(other.num) * u128::from(self.den)))
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ratio {}

/// Every skill with its stats, untried skills included, in [`Skill::ALL`] order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkillMap(BTreeMap<Skill, SkillStats>);

impl SkillMap {
    pub fn from_attempts<'a>(attempts: impl IntoIterator<Item = &'a Attempt>) -> SkillMap {
        let mut map: BTreeMap<Skill, SkillStats> = Skill::ALL
            .iter()
            .map(|&s| (s, SkillStats::default()))
            .collect();
        // A drill passed over (skipped, buried) was not practised.
        for a in attempts.into_iter().filter(|a| a.graded()) {
            for skill in &a.skills {
                let s = map.entry(*skill).or_default();
                s.attempts += 1;
                s.passed += u32::from(a.passed);
                s.seconds += u64::from(a.seconds);
            }
        }
        SkillMap(map)
    }

    pub fn get(&self, skill: Skill) -> SkillStats {
        self.0.get(&skill).copied().unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Skill, SkillStats)> + '_ {
        self.0.iter().map(|(k, v)| (*k, *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for s in Skill::ALL {
            assert_eq!(Skill::from_id(s.id()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.id())
            );
            assert_ne!(s.name(Lang::Id), "");
        }
        assert_eq!(Skill::from_id("nope"), None);
    }

    #[test]
    fn strength_smooths_small_samples_and_orders_exactly() {
        let untried = SkillStats::default().strength();
        let one_fail = SkillStats {
            attempts: 1,
            passed: 0,
            seconds: 0,
        }
        .strength();
        let three_of_four = SkillStats {
            attempts: 4,
            passed: 3,
            seconds: 0,
        }
        .strength();
        assert!(one_fail < untried && untried < three_of_four);
        // 2/4 and 1/2 are the same strength.
        let half = SkillStats {
            attempts: 2,
            passed: 1,
            seconds: 0,
        };
        assert_eq!(half.strength(), untried);
        assert_eq!(half.accuracy_percent(), Some(50));
        assert_eq!(SkillStats::default().accuracy_percent(), None);
    }
}
