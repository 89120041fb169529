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
