//! The defects a first-time learner hit (issue 18, item 6), each replayed with the keys that
//! showed it.

use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::tui::action::Action;
use meshlab::tui::update::update;

mod support;
use support::{keys, open_builtin, screen};

/// Every line the screen showed while `step` was pressed until the page stopped moving.
fn read_to_the_end(a: &mut meshlab::tui::app::App, step: &str) -> String {
    let mut seen = vec![screen(a)];
    for _ in 0..50 {
        keys(a, step);
        let s = screen(a);
        if seen.last() == Some(&s) {
            break;
        }
        seen.push(s);
    }
    seen.join("\n")
}

/// Words of `text` in order, so a paragraph wrapped across lines and pages still matches.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn a_wrong_fix_can_be_read_to_the_end_at_80x24() {
    let pack = Pack::builtin().unwrap();
    let ex = pack.exercise("dx-ebpf-stale-identity").unwrap();
    let wrong_fix = ex
        .fixes
        .iter()
        .position(|f| f.id == "retry-timeout")
        .unwrap();
    for lang in Lang::ALL {
        let (mut a, _) = open_builtin("dx-ebpf-stale-identity", lang);
        update(&mut a, Action::Resize(80, 24));
        let cause = ex.choices.iter().position(|c| c.cause).unwrap();
        // The cause, then the wrong fix: `j` down the list, Enter picks.
        keys(&mut a, &"j".repeat(cause));
        keys(&mut a, "\n");
        keys(&mut a, &"j".repeat(wrong_fix));
        keys(&mut a, "\n");
        assert!(a.drill.as_ref().unwrap().report.is_some());
        let fix = &ex.fixes[wrong_fix];
        for step in ["⇟", " "] {
            update(&mut a, Action::Top);
            let shown = words(&read_to_the_end(&mut a, step));
            for word in words(fix.feedback.get(lang)) {
                assert!(
                    shown.contains(&word),
                    "{lang:?} {step:?}: `{word}` never shown"
                );
            }
            assert!(
                shown.iter().any(|w| w == "100"),
                "the page reaches its end (100%)"
            );
        }
    }
}

#[test]
fn below_the_minimum_size_only_quit_and_resize_act() {
    let (mut a, _) = open_builtin("retry-seed-18", Lang::En);
    update(&mut a, Action::Resize(30, 8));
    // What graded a retry drill blind at 30x8: digits, Enter, arrows.
    let effects = keys(&mut a, "18\n↑↓\nhs2\x1b");
    assert!(effects.is_empty(), "nothing acted on: {effects:?}");
    let d = a.drill.as_ref().expect("still on the drill");
    assert!(d.report.is_none() && d.number.is_empty() && d.hints_used == 0);
    assert!(screen(&a).contains("too small"), "{}", screen(&a));
    // A resize still acts, and so does quit.
    let ev = crossterm::event::Event::Resize(80, 24);
    let resize = meshlab::tui::action::from_event(&a, &ev).unwrap();
    update(&mut a, resize);
    keys(&mut a, "1");
    assert_eq!(
        a.drill.as_ref().unwrap().number,
        "1",
        "keys act again at 80x24"
    );
    update(&mut a, Action::Resize(30, 8));
    keys(&mut a, "q");
    assert!(a.quit);
}
