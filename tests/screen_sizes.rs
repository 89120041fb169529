//! Every screen at every size: all widths 1..=400 at a few heights and all heights 1..=120 at a
//! few widths, in both languages. Nothing panics, nothing is drawn outside the frame, and below
//! the minimum size the screen says it is too small.

use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::Action;
use meshlab::tui::app::{App, MIN_HEIGHT, MIN_WIDTH, Screen};
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The screens, each reached from home by a script of actions, and the screen it ends on.
fn screens() -> Vec<(&'static str, Vec<Action>, Screen)> {
    use Action::*;
    vec![
        ("home", vec![], Screen::Home),
        (
            "reader",
            vec![Down, Down, Down, Down, Down, Down, Open],
            Screen::Reader,
        ),
        (
            "reader+contents",
            vec![Down, Open, ToggleToc],
            Screen::Reader,
        ),
        (
            "reader+search",
            vec![
                Open,
                SearchStart,
                SearchInput('m'),
                SearchInput('e'),
                SearchSubmit,
            ],
            Screen::Reader,
        ),
        (
            "reader, code scrolled sideways",
            vec![
                Down,
                Down,
                Down,
                Down,
                Down,
                Down,
                Open,
                ToggleToc,
                SwitchFocus,
                Bottom,
                Sideways { right: true },
                Sideways { right: true },
            ],
            Screen::Reader,
        ),
        (
            "glossary, searching",
            vec![
                ShowGlossary,
                SearchStart,
                SearchInput('m'),
                SearchInput('t'),
            ],
            Screen::Glossary,
        ),
        ("help", vec![ToggleHelp], Screen::Home),
        ("drills", vec![SwitchFocus], Screen::Home),
        ("drill", vec![SwitchFocus, Open], Screen::Drill),
        ("result", vec![SwitchFocus, Open, Open], Screen::Drill),
        ("adr editor", adr_editor(vec![]), Screen::Drill),
        (
            "adr editor, F2",
            adr_editor(vec![AdrPreview]),
            Screen::Drill,
        ),
    ]
}

/// The ADR editor of the first ADR drill the list shows (it follows the course) on the
/// template (its preview beside it where the width allows), then `more`.
fn adr_editor(more: Vec<Action>) -> Vec<Action> {
    use Action::*;
    let app = App::new(
        Catalog::builtin().unwrap(),
        Lang::En,
        false,
        Reading::default(),
    )
    .with_pack(Pack::builtin().unwrap());
    let row = meshlab::tui::drill_list::shown(&app)
        .iter()
        .position(|d| {
            app.packs
                .drill(d.index)
                .is_some_and(|(_, e)| e.kind == meshlab::drill::exercise::Kind::Adr)
        })
        .unwrap();
    let mut script = vec![SwitchFocus];
    script.extend(std::iter::repeat_n(Down, row));
    script.extend([Open, Open]);
    script.extend(more);
    script
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    let buf = t.backend().buffer();
    buf.content().iter().map(|c| c.symbol()).collect()
}

fn sweep(sizes: impl Iterator<Item = (u16, u16)> + Clone) {
    let catalog = || Catalog::builtin().unwrap();
    for lang in Lang::ALL {
        for (name, script, screen) in screens() {
            let mut app = App::new(catalog(), lang, false, Reading::default())
                .with_pack(Pack::builtin().unwrap());
            update(&mut app, Action::Resize(120, 40));
            for a in &script {
                update(&mut app, a.clone());
            }
            assert_eq!(app.screen, screen, "{name}: the script reaches the screen");
            let editing = app
                .drill
                .as_ref()
                .and_then(|d| d.adr.as_ref())
                .is_some_and(|e| e.open);
            assert_eq!(editing, name.starts_with("adr"), "{name}: the ADR editor");
            for (w, h) in sizes.clone() {
                update(&mut app, Action::Resize(w, h));
                let text = draw(&app, w, h);
                if (w < MIN_WIDTH || h < MIN_HEIGHT) && w >= 24 && h >= 3 {
                    let small = if lang == Lang::Id {
                        "terlalu kecil"
                    } else {
                        "too small"
                    };
                    assert!(text.contains(small), "{name} {lang:?} {w}x{h}: {text}");
                }
            }
        }
    }
}

#[test]
fn every_width_at_a_few_heights() {
    sweep((1..=400).flat_map(|w| [1, 10, 24, 60].map(move |h| (w, h))));
}

#[test]
fn every_height_at_a_few_widths() {
    sweep((1..=120).flat_map(|h| [1, 40, 80, 200].map(move |w| (w, h))));
}
