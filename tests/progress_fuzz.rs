//! Structure-aware fuzzing of the progress file and everything derived from it: any file either
//! is refused with a place, or loads and feeds the schedule, streak, skill map, meter and picker
//! without a panic, whatever its dates, scores and ids.
//!
//! Default: 256 cases (CI). Long run: `PROPTEST_CASES=100000 cargo test --release --test progress_fuzz`.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use meshlab::i18n::Lang;
use meshlab::practice::progress::Progress;
use meshlab::practice::session::{DrillInfo, Meter, pick_next};
use meshlab::practice::skills::{Skill, SkillMap};
use meshlab::practice::store;
use meshlab::practice::streak::streak;

/// An instant anywhere in RFC 3339's years (0000–9999), to the second.
fn instant() -> impl Strategy<Value = OffsetDateTime> {
    (0..=9999i32, 1..=366u16, 0..86_400u32).prop_map(|(y, d, secs)| {
        let date = Date::from_ordinal_date(y, d)
            .or_else(|_| Date::from_ordinal_date(y, 365))
            .unwrap_or(Date::MIN);
        let t = PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc();
        t.checked_add(Duration::seconds(i64::from(secs)))
            .unwrap_or(t)
    })
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

/// Mostly valid attempts; `flaw` 0..=6 breaks one rule (about one attempt in three), so both
/// the refusal path and the loaded path get plenty of cases.
fn attempt() -> impl Strategy<Value = String> {
    (
        (0..6u8, instant(), 0..=7200u32, 0..=100u8, any::<bool>()),
        proptest::collection::vec(1..=16u8, 0..4),
        proptest::collection::vec(0..10usize, 0..3),
        "[a-z ]{0,20}",
        0..20u8,
    )
        .prop_map(|((d, start, secs, score, passed), hints, skills, answer, flaw)| {
            let finish = start
                .checked_add(Duration::seconds(i64::from(secs)))
                .unwrap_or(start);
            let (mut started, mut finished) = (rfc3339(start), rfc3339(finish));
            let (mut score, mut secs, mut hints, mut drill) =
                (u16::from(score), secs, format!("{hints:?}"), format!("d{d}"));
            match flaw {
                0 => score = 101,
                1 => std::mem::swap(&mut started, &mut finished),
                2 => secs = 7201,
                3 => hints = "[0]".into(),
                4 => drill = "d 0".into(),
                5 => finished = "2026-13-01T00:00:00Z".into(),
                _ => {}
            }
            let skills: Vec<String> = skills
                .iter()
                .map(|&i| format!("\"{}\"", Skill::ALL[i].id()))
                .collect();
            format!(
                "[[attempt]]\nid = \"{started}-{d}-{secs}\"\ndrill = \"{drill}\"\npack = \"p\"\n\
                 started = \"{started}\"\nfinished = \"{finished}\"\nscore = {score}\n\
                 passed = {passed}\nhints = {hints}\nseconds = {secs}\nskills = [{}]\n\
                 answer = \"{answer}\"\n\n",
                skills.join(", ")
            )
        })
}

#[test]
fn any_progress_file_is_refused_with_a_place_or_fully_usable() {
    // PROPTEST_CASES sets the number of cases (256 by default).
    let mut runner = TestRunner::new(Config::default());
    let (loaded, refused) = (Cell::new(0u32), Cell::new(0u32));
    let input = (
        proptest::collection::vec(attempt(), 0..4),
        instant(),
        -12i8..=14,
    );
    let result = runner.run(&input, |(attempts, now, offset_hours)| {
        let text = format!("version = 1\n\n{}", attempts.concat());
        match store::parse::<Progress>("p.toml", text.as_bytes()) {
            Err(problem) => {
                refused.set(refused.get() + 1);
                prop_assert!(problem.line >= 1 && problem.column >= 1);
                prop_assert!(problem.line <= text.lines().count() + 1);
                prop_assert!(!problem.message(Lang::Id).is_empty());
            }
            Ok(parsed) => {
                loaded.set(loaded.get() + 1);
                check_loaded(parsed, now, offset_hours)?;
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (loaded, refused) = (loaded.get(), refused.get());
    eprintln!("progress fuzz: {loaded} files loaded, {refused} refused with a place");
    assert!(
        loaded > 20 && refused > 20,
        "both paths exercised: {loaded}, {refused}"
    );
}

/// Everything derived from a loaded file works and the file round-trips.
fn check_loaded(
    parsed: Progress,
    now: OffsetDateTime,
    offset_hours: i8,
) -> Result<(), TestCaseError> {
    let mut p = Progress::default();
    p.merge(parsed); // normalizes: sorted, scheduled
    let offset = UtcOffset::from_hms(offset_hours, 0, 0).unwrap();
    let due = p.due(now);
    let st = streak(&p, now, offset);
    prop_assert!(st.current <= st.longest);
    let map = SkillMap::from_attempts(p.attempts());
    prop_assert!(map.iter().all(|(_, s)| s.passed <= s.attempts));
    prop_assert!(Meter::of(&p).percent() <= 100);
    let drills: Vec<DrillInfo> = (0..6u8)
        .map(|d| DrillInfo {
            pack: "p".into(),
            id: format!("d{d}"),
            skills: vec![Skill::ALL[usize::from(d)]],
            difficulty: d,
        })
        .collect();
    let pick = pick_next(&drills, &p, &Default::default(), now);
    if let Some(first_due) = due.first() {
        prop_assert_eq!(
            pick.map(|d| (d.pack.as_str(), d.id.as_str())),
            Some((first_due.pack.as_str(), first_due.drill.as_str()))
        );
    }
    // What loaded saves and loads back the same.
    let again = toml::to_string_pretty(&p).unwrap();
    let back = store::parse::<Progress>("again", again.as_bytes()).unwrap();
    let mut q = Progress::default();
    q.merge(back);
    prop_assert_eq!(q, p);
    Ok(())
}
