//! The built-in Part 023 pack grades every reference and known-wrong answer as declared, every
//! exercise practises a lesson that exists, no exercise is passed by doing nothing, every row
//! of the enforcement tables (sections 3 and 9) has its drill, every section 3–19 has drills and
//! every skill at least four.

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
        Kind::Cost,
        Kind::Debugging,
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

/// Issue 20: every section from 3 (the mesh-selection trap) to 19 (the summary) is practised by
/// at least one drill of its own.
#[test]
fn every_section_from_3_to_19_has_a_drill() {
    let pack = Pack::builtin().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut missing = Vec::new();
    for lesson in catalog.lessons().filter(|l| (3..=19).contains(&l.section)) {
        if !pack.exercises.iter().any(|e| e.lesson == lesson.slug) {
            missing.push(lesson.slug.clone());
        }
    }
    assert!(missing.is_empty(), "sections without a drill: {missing:?}");
}

/// Issue 20: every skill of section 2 is trained by at least four drills.
#[test]
fn every_skill_has_at_least_four_drills() {
    use meshlab::drill::exercise::Skill;
    let pack = Pack::builtin().unwrap();
    for skill in Skill::ALL {
        let n = pack
            .exercises
            .iter()
            .filter(|e| e.skills.contains(&skill))
            .count();
        assert!(n >= 4, "{skill:?}: {n} drills");
    }
}

/// Every cost drill's reference answer is the model's own figure, so a change to the figures
/// or the model that moves it is caught here, not by a learner.
#[test]
fn cost_drills_reference_the_model() {
    let pack = Pack::builtin().unwrap();
    let cost: Vec<_> = pack
        .exercises
        .iter()
        .filter(|e| e.kind == Kind::Cost)
        .collect();
    assert!(cost.len() >= 4);
    for ex in cost {
        let spec = ex.cost.as_ref().expect("[cost]");
        let model = meshlab::drill::cost::expected(&pack, spec, None).unwrap();
        let reference = ex.checks.iter().find(|c| c.grade == 100).unwrap();
        assert_eq!(
            reference.answer.number,
            Some(model.expected as u64),
            "{}",
            ex.id
        );
    }
}

/// Issue 20, section 8: upgrade-model drills (8.2) order a sidecar upgrade and a node-proxy
/// upgrade on the timeline, and debugging-model drills (8.3) ask the sidecar questions and the
/// eBPF ones, answered in the console.
#[test]
fn section_8_has_upgrade_order_and_debugging_drills_for_both_models() {
    use meshlab::drill::exercise::Skill;
    let pack = Pack::builtin().unwrap();
    let section = |kind: Kind| -> Vec<&meshlab::drill::exercise::Exercise> {
        pack.exercises
            .iter()
            .filter(|e| e.lesson == "08-sidecar-vs-sidecarless" && e.kind == kind)
            .collect()
    };
    let upgrades = section(Kind::AdoptionOrder);
    let meshes: Vec<&str> = upgrades.iter().filter_map(|e| e.mesh.as_deref()).collect();
    assert!(meshes.contains(&"istio-sidecar"), "{meshes:?}");
    assert!(meshes.contains(&"istio-ambient"), "{meshes:?}");
    for ex in &upgrades {
        assert!(ex.skills.contains(&Skill::UpgradeModel), "{}", ex.id);
        // The order acts on the timeline, where the blast radius is read.
        let phases = &ex.adoption.as_ref().unwrap().phases;
        assert!(phases.iter().all(|p| !p.events.is_empty()), "{}", ex.id);
    }
    let debugging = section(Kind::Debugging);
    let meshes: Vec<&str> = debugging.iter().filter_map(|e| e.mesh.as_deref()).collect();
    assert!(meshes.contains(&"istio-sidecar"), "{meshes:?}");
    assert!(meshes.contains(&"cilium"), "{meshes:?}");
    for ex in &debugging {
        assert!(ex.questions.len() >= 4, "{}", ex.id);
        assert!(ex.skills.contains(&Skill::Observability), "{}", ex.id);
    }
}
