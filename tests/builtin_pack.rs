//! The built-in Part 023 pack grades every reference and known-wrong answer as declared, every
//! exercise practises a lesson that exists, no exercise is passed by doing nothing, and every row
//! of the enforcement tables (sections 3 and 9) has its drill.

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
        Kind::Manifest,
    ] {
        assert!(pack.exercises.iter().any(|e| e.kind == kind), "{kind:?}");
    }
}

/// Rows of the first Markdown table in a lesson file (header and separator left out).
fn first_table_rows(path: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    table.len().saturating_sub(2)
}

/// Issue 4: the concern table of section 3 and the policy table of section 9 each have one
/// enforcement-point drill per row.
#[test]
fn every_row_of_the_enforcement_tables_has_a_drill() {
    let pack = Pack::builtin().unwrap();
    for (lesson, rows) in [("03-mesh-selection-trap", 9), ("09-enforcement-points", 7)] {
        for lang in ["en", "id"] {
            let file = format!("lessons/part-023/{lang}/{lesson}.md");
            assert_eq!(first_table_rows(&file), rows, "{file}");
        }
        let drills = pack
            .exercises
            .iter()
            .filter(|e| e.kind == Kind::EnforcementPoint && e.lesson == lesson)
            .count();
        assert_eq!(drills, rows, "{lesson}");
    }
}
