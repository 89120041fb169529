//! What the reader shows, as a learner sees it (insta snapshots, both languages): a note's word
//! label, paths kept whole, a quoted question on its own lines, code scrolled sideways, and the
//! glossary screen. The lesson is a fixture (`tests/fixtures/reader`), so the snapshots do not
//! move when the course's text does.

use std::path::Path;

use meshlab::content::Catalog;
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::Action;
use meshlab::tui::app::{App, Screen};
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn reader(lang: Lang, (w, h): (u16, u16)) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let mut app = App::new(
        Catalog::from_dir(&dir).unwrap(),
        lang,
        false,
        Reading::default(),
    );
    update(&mut app, Action::Resize(w, h));
    update(&mut app, Action::Open);
    assert_eq!(app.screen, Screen::Reader);
    app
}

fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

const RIGHT: Action = Action::Sideways { right: true };
const LEFT: Action = Action::Sideways { right: false };

#[test]
fn note_label_paths_and_question_at_60_and_100_columns() {
    for lang in Lang::ALL {
        for size in [(60, 30), (100, 30)] {
            let a = reader(lang, size);
            let screen = draw(&a);
            let label = match lang {
                Lang::Id => "▌ ℹ Catatan meshlab",
                Lang::En => "▌ ℹ meshlab note",
            };
            assert!(screen.lines().any(|l| l.trim() == label), "{screen}");
            // Paths and identifiers end no line half-way.
            for cut in ["values-", "cilium-", "charts/", "linkerd-"] {
                assert!(
                    !screen.lines().any(|l| l.trim_end().ends_with(cut)),
                    "{cut:?} ends a line:\n{screen}"
                );
            }
            // The question keeps its five lines (a long one may wrap, but each starts a line).
            let starts: [&str; 5] = match lang {
                Lang::Id => [
                    "Pada 2026",
                    "apakah service A",
                    "dengan identity",
                    "memakai rantai",
                    "dan di mana",
                ],
                Lang::En => [
                    "At 2026",
                    "was service A",
                    "under which",
                    "using which",
                    "and where",
                ],
            };
            for start in starts {
                assert!(
                    screen
                        .lines()
                        .any(|l| l.trim_start().starts_with(&format!("│ {start}"))),
                    "{start:?} does not start a line:\n{screen}"
                );
            }
            let name = format!("reader_note_path_{}_{}", lang.code(), size.0);
            insta::assert_snapshot!(name, screen);
        }
    }
}

#[test]
fn code_scrolls_sideways_and_back() {
    for lang in Lang::ALL {
        for size in [(60, 30), (100, 30)] {
            let mut a = reader(lang, size);
            let before = draw(&a);
            let command = before
                .lines()
                .find(|l| l.contains("meshlab sim probe"))
                .expect("the command on screen")
                .to_string();
            assert!(command.ends_with('›'), "clipped with a mark: {command}");
            press(&mut a, &[RIGHT, RIGHT, RIGHT]);
            let after = draw(&a);
            let shifted = after
                .lines()
                .find(|l| l.contains("‹"))
                .expect("scrolled code is marked on its left");
            // The note's bar and the code indent stay; the code moved 24 columns.
            assert!(shifted.trim_start().starts_with("▌   ‹"), "{shifted}");
            assert!(!after.contains("meshlab sim probe"), "{after}");
            // Prose does not move.
            assert_eq!(
                before.lines().take(4).collect::<Vec<_>>(),
                after.lines().take(4).collect::<Vec<_>>()
            );
            let name = format!("reader_code_sideways_{}_{}", lang.code(), size.0);
            insta::assert_snapshot!(name, after);

            // To the end of the widest line: the last column holds code, not a mark.
            press(&mut a, &[RIGHT; 40]);
            let end = draw(&a);
            assert!(end.contains("svc:ledger/ledger"), "{end}");
            assert!(!end.contains('›'), "{end}");
            // And back to the start.
            press(&mut a, &[LEFT; 40]);
            assert_eq!(draw(&a), before);
        }
    }
}

#[test]
fn glossary_screen_in_both_languages() {
    for lang in Lang::ALL {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = App::new(Catalog::builtin().unwrap(), lang, false, Reading::default());
            update(&mut a, Action::Resize(w, h));
            update(&mut a, Action::ShowGlossary);
            assert_eq!(a.screen, Screen::Glossary);
            press(
                &mut a,
                &[
                    Action::SearchStart,
                    Action::SearchInput('k'),
                    Action::SearchInput('e'),
                    Action::SearchInput('p'),
                    Action::SearchInput('u'),
                    Action::SearchSubmit,
                ],
            );
            let screen = draw(&a);
            assert!(screen.contains("kerangka keputusan"), "{screen}");
            insta::assert_snapshot!(format!("glossary_{}_{w}x{h}", lang.code()), screen);
            // Back where it was opened.
            update(&mut a, Action::Back);
            assert_eq!(a.screen, Screen::Home);
        }
    }
}

#[test]
fn glossary_from_a_lesson_returns_to_the_same_place_in_the_other_language() {
    let mut a = reader(Lang::En, (60, 12));
    press(&mut a, &[Action::Down, Action::Down, Action::Down]);
    let (heading, _) = a.place();
    let top = a.reader.top;
    press(
        &mut a,
        &[Action::ShowGlossary, Action::ToggleLang, Action::Back],
    );
    assert_eq!(a.screen, Screen::Reader);
    assert_eq!(a.lang, Lang::Id);
    assert_eq!(a.place().0, heading);
    assert!(a.laid().is_some(), "laid out in Indonesian");
    assert!(draw(&a).contains("Catatan meshlab"), "{}", draw(&a));
    // The same language again: the same line.
    press(
        &mut a,
        &[Action::ShowGlossary, Action::ToggleLang, Action::Back],
    );
    assert_eq!(a.reader.top, top);
}
