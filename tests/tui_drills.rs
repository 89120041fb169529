//! Scripted key presses through whole drills of each kind, with the fixture pack.

use std::path::Path;
use std::time::Duration;

use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::{Action, Effect};
use meshlab::tui::app::{App, Screen, Tab};
use meshlab::tui::update::update;

mod support;
use support::{keys, screen};

fn pack() -> Pack {
    Pack::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/mini"))
        .expect("fixture pack loads")
}

/// The built-in lessons (so `o` finds the drills' lesson sections) and the fixture pack.
fn app(lang: Lang, w: u16, h: u16) -> App {
    let mut app =
        App::new(Catalog::builtin().unwrap(), lang, false, Reading::default()).with_pack(pack());
    update(&mut app, Action::Resize(w, h));
    app
}

/// Opens drill `index` of the fixture pack from the home screen.
fn open_drill(app: &mut App, index: usize) {
    keys(app, "2g");
    for _ in 0..index {
        keys(app, "j");
    }
    keys(app, "\n");
    assert_eq!(app.screen, Screen::Drill);
}

fn drill_state(app: &App) -> &meshlab::tui::drill::DrillState {
    app.drill.as_ref().expect("a drill is open")
}

fn attempt(effects: &[Effect]) -> (String, u8, usize, u64) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::RecordAttempt(g) => {
                Some((g.exercise.clone(), g.grade, g.hints_used, g.seconds))
            }
            _ => None,
        })
        .expect("a graded drill records an attempt")
}

#[test]
fn home_switches_between_lessons_and_drills() {
    let mut a = app(Lang::En, 80, 24);
    assert_eq!(a.tab, Tab::Lessons);
    keys(&mut a, "\t");
    assert_eq!(a.tab, Tab::Drills);
    let s = screen(&a);
    for expected in [
        "enforcement point  ★★☆☆☆  Business permission",
        "diagnose           ★★★☆☆  Checkout cannot reach payments",
        "retry budget       ★★☆☆☆  Layered retries",
    ] {
        assert!(s.contains(expected), "missing {expected:?}:\n{s}");
    }
    keys(&mut a, "1");
    assert_eq!(a.tab, Tab::Lessons);
    keys(&mut a, "2L");
    assert!(screen(&a).contains("titik penegakan"), "{}", screen(&a));
}

#[test]
fn enforcement_point_right_answer_passes_and_records_the_attempt() {
    let mut a = app(Lang::En, 80, 24);
    a.clock = Duration::from_secs(100);
    open_drill(&mut a, 0);
    keys(&mut a, "h");
    assert_eq!(drill_state(&a).hints_used, 1);
    assert!(screen(&a).contains("Hint 1/1: Who knows the assignment?"));
    keys(&mut a, "h");
    assert_eq!(drill_state(&a).hints_used, 1, "the ladder has one rung");
    assert!(screen(&a).contains("No more hints."));

    // CNI, mesh identity, L7 proxy, application.
    keys(&mut a, "jjj");
    a.clock = Duration::from_secs(142);
    let effects = keys(&mut a, "\n");
    assert_eq!(
        attempt(&effects),
        ("business-permission".to_string(), 100, 1, 42)
    );
    let report = drill_state(&a).report.as_ref().unwrap();
    assert!(report.passed);
    let s = screen(&a);
    assert!(s.contains("✓ PASS · grade 100/100 · hints used 1/1"), "{s}");
    assert!(
        s.contains("denied by the policy at application (deny rule 1)"),
        "{s}"
    );
    // The diagram of the denied probe shows where it was stopped.
    a.height = 40;
    assert!(
        screen(&a).contains("policy at application · deny — ✗ denied here"),
        "{}",
        screen(&a)
    );
}

#[test]
fn enforcement_point_wrong_answer_fails_and_shows_the_probe_that_slipped_through() {
    let mut a = app(Lang::En, 100, 40);
    open_drill(&mut a, 0);
    let effects = keys(&mut a, "s");
    assert_eq!(attempt(&effects).1, 0);
    let d = drill_state(&a);
    assert_eq!(d.probe, 0, "the result opens on the probe that broke");
    let s = screen(&a);
    for expected in [
        "✗ FAIL · grade 0/100",
        "Your answer: CNI — The CNI sees packets only.",
        "▸ ✗ unassigned-officer-approves — expected denied, got allowed",
        "✓ assigned-officer-approves — allowed as expected",
        "not enforceable at cni: it cannot see method, path, domain-state",
        "Why it matters: Another officer must not approve.",
        "┌ pod cases/case-service-0 · send",
        "│ ─ plain",
        "The client sees: HTTP 200",
    ] {
        assert!(s.contains(expected), "missing {expected:?}:\n{s}");
    }
    // ↓ picks the other probe: its path is drawn instead, and it did not break.
    keys(&mut a, "j");
    assert_eq!(drill_state(&a).probe, 1);
    let s = screen(&a);
    assert!(
        s.contains("✓ assigned-officer-approves: allowed as expected"),
        "{s}"
    );
    assert!(!s.contains("Why it matters"), "{s}");
}

#[test]
fn diagnose_needs_a_cause_and_a_fix_and_grades_both() {
    let mut a = app(Lang::En, 100, 40);
    open_drill(&mut a, 1);
    // Enter on the first cause picks it and moves on to the fixes.
    let effects = keys(&mut a, "\n");
    assert!(effects.is_empty());
    assert_eq!(drill_state(&a).choice, Some(0));
    assert_eq!(drill_state(&a).cursor, 3, "the cursor is on the first fix");
    assert!(screen(&a).contains("Now pick a fix."));
    let effects = keys(&mut a, "\n");
    assert_eq!(attempt(&effects).1, 100);
    let s = screen(&a);
    assert!(s.contains("✓ PASS · grade 100/100 · hints used 0/3"), "{s}");
    assert!(
        s.contains("Root cause: The NetworkPolicy allow rule selects a label no pod has"),
        "{s}"
    );
    assert!(
        s.contains("Fix: Correct the from rule's label to app: checkout"),
        "{s}"
    );
}

#[test]
fn diagnose_wrong_cause_and_fix_fail_with_the_drop_drawn() {
    let mut a = app(Lang::En, 100, 40);
    open_drill(&mut a, 1);
    // A fix first: the drill then asks for the cause.
    keys(&mut a, "G\n");
    assert_eq!(drill_state(&a).fix, Some(2));
    assert!(screen(&a).contains("Now pick the root cause."));
    let effects = keys(&mut a, "jjs");
    assert_eq!(attempt(&effects).1, 0);
    let s = screen(&a);
    for expected in [
        "✗ FAIL · grade 0/100",
        "Root cause: An expired mTLS certificate — No mesh runs in this namespace.",
        "▸ ✗ checkout-pays — expected allowed, got denied",
        "Why it matters: Checkout must be able to charge.",
        "· drop — ✗ dropped here",
        "ingress-isolated and no rule allows this peer and port",
        "The client sees: timeout (silently dropped)",
    ] {
        assert!(s.contains(expected), "missing {expected:?}:\n{s}");
    }
}

#[test]
fn retry_budget_takes_a_number() {
    let mut a = app(Lang::En, 80, 24);
    open_drill(&mut a, 2);
    let effects = keys(&mut a, "\n");
    assert!(effects.is_empty());
    assert!(screen(&a).contains("Type a number first."));
    keys(&mut a, "1x9\x08");
    assert_eq!(
        drill_state(&a).number,
        "1",
        "letters are not digits; Backspace deletes"
    );
    keys(&mut a, "8");
    assert!(screen(&a).contains("Backend requests at most: 18█"));
    let effects = keys(&mut a, "\n");
    assert_eq!(attempt(&effects).1, 0);
    let s = screen(&a);
    assert!(
        s.contains("Your answer: 18 · worst case: 36 backend requests"),
        "{s}"
    );
    assert!(s.contains("3 × 4 × 3 = 36"), "{s}");

    keys(&mut a, "r");
    assert!(drill_state(&a).report.is_none());
    assert_eq!(drill_state(&a).number, "");
    let effects = keys(&mut a, "36\n");
    assert_eq!(attempt(&effects).1, 100);
    assert!(screen(&a).contains("✓ PASS"));
}

#[test]
fn retry_keeps_the_hints_already_read() {
    let mut a = app(Lang::En, 80, 24);
    open_drill(&mut a, 1);
    keys(&mut a, "hh\n\n");
    assert!(drill_state(&a).report.is_some());
    keys(&mut a, "r");
    let d = drill_state(&a);
    assert_eq!(
        (d.report.is_none(), d.choice, d.fix, d.hints_used),
        (true, None, None, 2)
    );
}

#[test]
fn language_toggle_mid_drill_keeps_the_choice_and_the_result() {
    let mut a = app(Lang::En, 100, 40);
    open_drill(&mut a, 1);
    keys(&mut a, "h\n");
    keys(&mut a, "L");
    assert_eq!(a.lang, Lang::Id);
    let d = drill_state(&a);
    assert_eq!((d.choice, d.cursor, d.hints_used), (Some(0), 3, 1));
    let s = screen(&a);
    assert!(
        s.contains("Akar masalah") && s.contains("Petunjuk 1/3:"),
        "{s}"
    );
    assert!(s.contains("● Aturan izin NetworkPolicy"), "{s}");
    keys(&mut a, "j\n");
    assert!(
        screen(&a).contains("GAGAL · nilai 50/100"),
        "{}",
        screen(&a)
    );
    keys(&mut a, "L");
    let s = screen(&a);
    assert!(s.contains("FAIL · grade 50/100"), "{s}");
    assert!(
        s.contains("▸ ✗ frontend-pays — expected denied, got allowed"),
        "{s}"
    );
}

#[test]
fn o_opens_the_lesson_and_esc_comes_back_to_the_drill() {
    let mut a = app(Lang::En, 80, 24);
    open_drill(&mut a, 0);
    keys(&mut a, "jjj\n");
    let effects = keys(&mut a, "o");
    assert_eq!(effects, vec![Effect::SaveReading]);
    assert_eq!(a.screen, Screen::Reader);
    let lesson = a.lesson(a.reader.lesson).unwrap();
    assert_eq!(lesson.slug, "09-enforcement-points");
    keys(&mut a, "\x1b");
    assert_eq!(a.screen, Screen::Drill);
    assert!(
        drill_state(&a).report.is_some(),
        "the result is still there"
    );
    // Esc from the drill goes to the drill list with the drill selected.
    keys(&mut a, "\x1b");
    assert_eq!(
        (a.screen, a.tab, a.drill_selected),
        (Screen::Home, Tab::Drills, 0)
    );
    assert!(a.drill.is_none());
    // A lesson opened from the home screen still goes back home.
    keys(&mut a, "1\n\x1b");
    assert_eq!(a.screen, Screen::Home);
}

#[test]
fn a_lesson_missing_from_the_content_is_a_notice() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lessons");
    let mut a = App::new(
        Catalog::from_dir(&lessons).unwrap(),
        Lang::En,
        false,
        Reading::default(),
    )
    .with_pack(pack());
    update(&mut a, Action::Resize(80, 24));
    open_drill(&mut a, 0);
    keys(&mut a, "o");
    assert_eq!(a.screen, Screen::Drill);
    assert!(screen(&a).contains("Lesson “09-enforcement-points” is not in this content."));
}

#[test]
fn the_detail_pane_scrolls_within_bounds() {
    let mut a = app(Lang::En, 80, 24);
    open_drill(&mut a, 0);
    keys(&mut a, "\n");
    for _ in 0..20 {
        update(&mut a, Action::PageDown);
    }
    let bottom = drill_state(&a).scroll;
    assert!(bottom > 0);
    assert!(
        screen(&a).contains("The client sees: HTTP 200"),
        "{}",
        screen(&a)
    );
    update(&mut a, Action::PageUp);
    assert!(drill_state(&a).scroll < bottom, "one page up moves at once");
    keys(&mut a, "g");
    assert_eq!(
        drill_state(&a).scroll,
        0,
        "g goes back to the top of the result"
    );
    keys(&mut a, "j");
    let s = screen(&a);
    assert!(
        s.lines().nth(2).is_some_and(|l| l.contains("Probes")),
        "picking another probe brings the probe list to the top:\n{s}"
    );
}

#[test]
fn help_lists_the_drill_keys() {
    let mut a = app(Lang::En, 80, 24);
    open_drill(&mut a, 0);
    keys(&mut a, "?");
    let s = screen(&a);
    assert!(
        s.contains("the next hint") && s.contains("retry the drill"),
        "{s}"
    );
    keys(&mut a, "h");
    assert_eq!(
        drill_state(&a).hints_used,
        0,
        "the key that closes help does nothing else"
    );
}

#[test]
fn every_drill_screen_survives_every_size() {
    let mut sizes = vec![(1, 1), (2, 40), (39, 24), (40, 10), (80, 9), (200, 60)];
    for w in (1..=200).step_by(23) {
        for h in (1..=60).step_by(7) {
            sizes.push((w, h));
        }
    }
    for (w, h) in sizes {
        for lang in Lang::ALL {
            // Keys act only above the minimum size (below it they would act blind), so each
            // step is taken at 120x40 and then drawn, scrolled and drawn again at w x h.
            let mut a = app(lang, 120, 40);
            let mut screens = vec![];
            let mut at_size = |a: &mut App, keys_first: &str| {
                keys(a, keys_first);
                update(a, Action::Resize(w, h));
                screens.push(screen(a));
                update(a, Action::PageDown);
                screens.push(screen(a));
                update(a, Action::Resize(120, 40));
            };
            at_size(&mut a, "2");
            for drill in 0..3 {
                open_drill(&mut a, drill);
                at_size(&mut a, "hhhj");
                at_size(&mut a, "3\n\n");
                at_size(&mut a, "?");
                keys(&mut a, "?\x1b");
            }
            let small = w < 40 || h < 10;
            for s in screens {
                if small && w >= 12 && h >= 3 {
                    assert!(s.contains("small") || s.contains("kecil"), "{w}x{h}: {s}");
                }
            }
        }
    }
}
