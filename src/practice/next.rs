//! What to do next, as `meshlab next` and the home screen say it (like rustlings): reviews
//! that have fallen due first (forgetting is the cheapest thing to fix), then the next section
//! not read yet, then a drill for the weakest skill.

use std::collections::BTreeSet;

use time::OffsetDateTime;

use super::progress::{DrillKey, Progress};
use super::session::{DrillInfo, pick_next};
use super::skills::{Skill, SkillMap};
use super::standing;

/// A lesson section as the course lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionInfo {
    /// The file stem, e.g. `09-enforcement-points`.
    pub slug: String,
    pub read: bool,
}

/// The next thing to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Reviews have fallen due: how many (of the drills offered), the most overdue one and
    /// when it fell due.
    Reviews {
        count: usize,
        first: DrillKey,
        since: OffsetDateTime,
    },
    /// A section to read: the first unread one, or the one the learner stopped in. `fresh`
    /// when nothing was read or practised yet (the first launch: "start here").
    Read { section: usize, fresh: bool },
    /// Every section read: practise the weakest skill with this drill.
    Practise {
        drill: DrillInfo,
        skill: Option<Skill>,
    },
    /// Nothing is due, everything read, no drill to offer.
    Done,
}

/// The next thing to do at `now`. `sections` in course order; `resume` is the section the
/// learner last stopped in (it comes first if it is still unread); `drills` the drills offered.
pub fn next(
    progress: &Progress,
    sections: &[SectionInfo],
    resume: Option<&str>,
    drills: &[DrillInfo],
    now: OffsetDateTime,
) -> Next {
    let offered = |k: &DrillKey| {
        drills
            .iter()
            .any(|d| d.pack == k.pack.as_str() && d.id == k.drill.as_str())
    };
    let due: Vec<_> = standing::due(progress, now)
        .into_iter()
        .filter(|(k, _)| offered(k))
        .collect();
    if let Some((first, since)) = due.first().cloned() {
        return Next::Reviews {
            count: due.len(),
            first,
            since,
        };
    }
    let fresh = progress.attempts().is_empty() && sections.iter().all(|s| !s.read);
    // From the section the learner stopped in (itself if still unread), the first unread one
    // onward, coming round to the start: reading goes on from where it was.
    let from = resume
        .and_then(|slug| sections.iter().position(|s| s.slug == slug))
        .unwrap_or(0);
    let unread = (from..sections.len())
        .chain(0..from)
        .find(|&i| !sections[i].read);
    if let Some(section) = unread {
        return Next::Read { section, fresh };
    }
    let held: BTreeSet<(&str, &str)> = drills
        .iter()
        .filter(|d| progress.schedule().held(&d.pack, &d.id, now))
        .map(|d| (d.pack.as_str(), d.id.as_str()))
        .collect();
    match pick_next(drills, progress, &held, now) {
        Some(d) => {
            let map = SkillMap::from_attempts(progress.attempts());
            let skill = d
                .skills
                .iter()
                .copied()
                .min_by_key(|s| (map.get(*s).strength(), map.get(*s).seconds));
            Next::Practise {
                drill: d.clone(),
                skill,
            }
        }
        None => Next::Done,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::clock::FixedClock;
    use crate::practice::progress::tests::{draft, t0};
    use time::Duration;

    fn sections(read: &[bool]) -> Vec<SectionInfo> {
        read.iter()
            .enumerate()
            .map(|(i, r)| SectionInfo {
                slug: format!("0{}-s", i + 1),
                read: *r,
            })
            .collect()
    }

    fn drill(id: &str, skills: &[Skill]) -> DrillInfo {
        DrillInfo {
            pack: "part-023".into(),
            id: id.into(),
            skills: skills.to_vec(),
            difficulty: 1,
        }
    }

    #[test]
    fn reviews_then_the_next_section_then_the_weakest_skill() {
        let drills = [
            drill("a", &[Skill::Authorization]),
            drill("b", &[Skill::Identity]),
        ];
        let mut p = Progress::default();
        // The first launch: start at the first section.
        assert_eq!(
            next(&p, &sections(&[false, false]), None, &drills, t0()),
            Next::Read {
                section: 0,
                fresh: true
            }
        );
        // Stopped in section 2: continue there.
        assert_eq!(
            next(&p, &sections(&[true, false]), Some("02-s"), &drills, t0()),
            Next::Read {
                section: 1,
                fresh: false
            }
        );
        // Section 2 read to its end: the next unread one after it, then round to the start.
        assert_eq!(
            next(
                &p,
                &sections(&[false, true, false]),
                Some("02-s"),
                &drills,
                t0()
            ),
            Next::Read {
                section: 2,
                fresh: false
            }
        );
        assert_eq!(
            next(
                &p,
                &sections(&[false, true, true]),
                Some("03-s"),
                &drills,
                t0()
            ),
            Next::Read {
                section: 0,
                fresh: false
            }
        );
        // A failed drill falls due within a day: reviews come first.
        p.record(draft("a", t0(), 10, &[]), &FixedClock::new(t0()));
        let later = t0() + Duration::days(1);
        let Next::Reviews { count, first, .. } =
            next(&p, &sections(&[true, false]), None, &drills, later)
        else {
            panic!("reviews first");
        };
        assert_eq!((count, first.drill.as_str()), (1, "a"));
        // All read and nothing due: the weakest skill (authorization failed once).
        let Next::Practise { drill, skill } =
            next(&p, &sections(&[true, true]), None, &drills, t0())
        else {
            panic!("practise");
        };
        assert_eq!(
            (drill.id.as_str(), skill),
            ("a", Some(Skill::Authorization))
        );
    }
}
