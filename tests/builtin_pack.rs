//! The built-in Part 023 pack grades every reference and known-wrong answer as declared, every
//! exercise practises a lesson that exists, and no exercise is passed by doing nothing.

use meshlab::content::Catalog;
use meshlab::drill::exercise::Kind;
use meshlab::drill::pack::Pack;
use meshlab::drill::validate;

#[test]
fn every_known_answer_grades_as_declared() {
    let pack = Pack::builtin().expect("the built-in pack loads");
    assert!(!pack.exercises.is_empty());
    let problems = validate::self_test(&pack);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn exercises_point_at_real_lessons_and_cover_the_kinds() {
    let pack = Pack::builtin().unwrap();
    let catalog = Catalog::builtin().unwrap();
    for ex in &pack.exercises {
        assert!(
            catalog.lessons().any(|l| l.slug == ex.lesson),
            "{}: no lesson `{}`",
            ex.id,
            ex.lesson
        );
        // An ADR drill whose design cannot meet every requirement (Cilium has no mTLS) has a
        // reference that passes with the grade the misses leave.
        assert!(
            ex.checks.iter().any(|c| c.grade == 100)
                || ex.kind == Kind::Adr && ex.checks.iter().any(|c| c.grade >= 60),
            "{}: no reference answer",
            ex.id
        );
        assert!(
            ex.checks.iter().any(|c| c.grade < 60),
            "{}: no known-wrong answer",
            ex.id
        );
    }
    for kind in [
        Kind::EnforcementPoint,
        Kind::RetryBudget,
        Kind::MeshSelection,
        Kind::AdoptionOrder,
        Kind::Audit,
        Kind::Adr,
    ] {
        assert!(pack.exercises.iter().any(|e| e.kind == kind), "{kind:?}");
    }
}
