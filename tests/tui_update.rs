//! Scripted key presses through the reader, checked on the state and on the drawn screen.

use std::path::Path;

use meshlab::content::Catalog;
use meshlab::i18n::Lang;
use meshlab::practice::reading::{Place, Reading};
use meshlab::tui::action::{Action, Effect};
use meshlab::tui::app::{App, Focus, Screen};
use meshlab::tui::update::update;

mod support;
use support::{keys, screen};

fn fixture() -> Catalog {
    Catalog::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lessons"))
        .expect("fixture lessons load")
}

fn app(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(fixture(), lang, false, Reading::default());
    update(&mut app, Action::Resize(w, h));
    app
}

#[test]
fn home_lists_lessons_and_enter_opens_one() {
    let mut a = app(Lang::En, 80, 24);
    assert_eq!(a.screen, Screen::Home);
    let s = screen(&a);
    assert!(
        s.contains("1. Introduction") && s.contains("2. Policy"),
        "{s}"
    );
    let effects = keys(&mut a, "j\n");
    assert_eq!(a.screen, Screen::Reader);
    assert_eq!(a.reader.lesson, 1);
    assert_eq!(effects, vec![Effect::SaveReading]);
    assert!(screen(&a).contains("2. Policy"));
}

#[test]
fn scrolling_is_bounded_and_g_goes_to_the_ends() {
    let mut a = app(Lang::En, 60, 12);
    keys(&mut a, "\n");
    keys(&mut a, "G");
    let max = a.max_top();
    assert!(max > 0, "fixture must be longer than a page");
    assert_eq!(a.reader.top, max);
    keys(&mut a, "jjjj");
    assert_eq!(a.reader.top, max, "never scrolls past the end");
    keys(&mut a, "g");
    assert_eq!(a.reader.top, 0);
    keys(&mut a, "k");
    assert_eq!(a.reader.top, 0);
    update(&mut a, Action::Scroll(1));
    assert_eq!(a.reader.top, 3.min(max));
}

#[test]
fn reaching_the_end_marks_the_lesson_read() {
    let mut a = app(Lang::En, 60, 12);
    keys(&mut a, "\n");
    assert!(a.reading.read.is_empty());
    keys(&mut a, "G");
    assert!(a.reading.read.contains("01-intro"));
    keys(&mut a, "\x1b");
    assert_eq!(a.screen, Screen::Home);
    assert!(screen(&a).contains("●  1. Introduction"));
}

#[test]
fn language_toggle_keeps_the_section() {
    let mut a = app(Lang::En, 60, 14);
    keys(&mut a, "\n");
    // Jump to the third heading (1.2 Hubble) through the contents pane.
    keys(&mut a, "tjj\n");
    assert_eq!(a.reader.focus, Focus::Text);
    let (heading, _) = a.place();
    assert_eq!(heading, 2);
    keys(&mut a, "L");
    assert_eq!(a.lang, Lang::Id);
    assert_eq!(a.place().0, 2, "same heading after the toggle");
    assert!(screen(&a).contains("1.2 Hubble"));
    keys(&mut a, "L");
    assert_eq!(a.place().0, 2);
}

#[test]
fn resize_keeps_the_section() {
    let mut a = app(Lang::En, 60, 14);
    keys(&mut a, "\ntjj\n");
    assert_eq!(a.place().0, 2);
    update(&mut a, Action::Resize(45, 12));
    assert_eq!(a.place().0, 2);
    // On a screen that shows the whole lesson there is nothing to scroll: the top is the top.
    update(&mut a, Action::Resize(200, 60));
    assert_eq!((a.max_top(), a.reader.top), (0, 0));
}

#[test]
fn search_finds_highlights_and_cycles() {
    let mut a = app(Lang::En, 60, 12);
    keys(&mut a, "\n/hubble\n");
    let s = &a.reader.search;
    assert_eq!(s.query, "hubble");
    assert!(!s.matches.is_empty());
    let first = s.current_match().unwrap();
    let screen_text = screen(&a);
    assert!(screen_text.contains("“hubble”: 1 of"), "{screen_text}");
    // The current match is on screen.
    assert!(first.line >= a.reader.top && first.line < a.reader.top + a.page_height());
    keys(&mut a, "n");
    keys(&mut a, "N");
    assert_eq!(a.reader.search.current_match(), Some(first));
    keys(&mut a, "/zzzz\n");
    assert!(screen(&a).contains("No match: zzzz"));
}

#[test]
fn search_typing_does_not_trigger_commands() {
    let mut a = app(Lang::En, 60, 12);
    keys(&mut a, "\n/qLg");
    assert!(!a.quit);
    assert_eq!(a.lang, Lang::En);
    assert_eq!(a.reader.search.editing.as_deref(), Some("qLg"));
    keys(&mut a, "\x1b");
    assert_eq!(a.reader.search.editing, None);
    assert_eq!(a.screen, Screen::Reader, "Esc cancels the search only");
}

#[test]
fn help_overlay_opens_and_any_key_closes_it() {
    let mut a = app(Lang::Id, 80, 24);
    keys(&mut a, "?");
    assert!(screen(&a).contains("Bantuan"));
    keys(&mut a, "q");
    assert!(!a.help);
    assert!(!a.quit, "the key that closes help does nothing else");
}

#[test]
fn quit_saves_the_place_and_the_next_launch_resumes_it() {
    let mut a = app(Lang::En, 60, 12);
    keys(&mut a, "j\n");
    let effects = keys(&mut a, "q");
    assert!(a.quit);
    assert_eq!(effects, vec![Effect::SaveReading]);
    let saved = a.reading.clone();
    assert_eq!(saved.last.as_ref().unwrap().lesson, "02-policy");

    let b = App::new(fixture(), Lang::En, false, saved);
    assert_eq!(b.screen, Screen::Reader);
    assert_eq!(b.reader.lesson, 1);
}

#[test]
fn a_saved_place_for_a_missing_lesson_opens_home() {
    let reading = Reading {
        last: Some(Place {
            lesson: "99-gone".into(),
            heading: 3,
            fraction: 0.5,
        }),
        ..Reading::default()
    };
    let a = App::new(fixture(), Lang::En, false, reading);
    assert_eq!(a.screen, Screen::Home);
}

#[test]
fn tiny_terminals_say_so_and_never_panic() {
    for (w, h) in [(1, 1), (5, 3), (39, 24), (80, 9), (2, 40)] {
        let mut a = app(Lang::En, w, h);
        keys(&mut a, "\nGjk/x\n");
        let s = screen(&a);
        if w >= 10 && h >= 3 {
            assert!(s.contains("too"), "{w}x{h}: {s}");
        }
    }
}
