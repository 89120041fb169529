//! Driving the TUI in tests: keys through the real key map, and the drawn screen as text.
// Each test binary includes this module and uses the part it needs.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::content::Catalog;
use meshlab::drill::pack::Pack;
use meshlab::i18n::Lang;
use meshlab::practice::reading::Reading;
use meshlab::tui::action::{self, Action, Effect};
use meshlab::tui::app::{App, Screen};
use meshlab::tui::{update::update, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The key a test character stands for: `\n` Enter, `\x1b` Esc, `\t` Tab, `\x08` Backspace,
/// `↑` `↓` arrows, `⇞` `⇟` page up/down; anything else types itself.
pub fn key_code(c: char) -> KeyCode {
    match c {
        '\n' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        '\t' => KeyCode::Tab,
        '\x08' => KeyCode::Backspace,
        '↑' => KeyCode::Up,
        '↓' => KeyCode::Down,
        '⇞' => KeyCode::PageUp,
        '⇟' => KeyCode::PageDown,
        c => KeyCode::Char(c),
    }
}

/// Feeds keys through the real key map and `update`, as the event loop does; returns the
/// effects the loop would run.
pub fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let ev = Event::Key(KeyEvent::new(key_code(c), KeyModifiers::NONE));
        if let Some(a) = action::from_event(app, &ev) {
            effects.extend(update(app, a));
        }
    }
    effects
}

/// The screen as drawn at the app's size, one line per row, trailing spaces trimmed.
pub fn screen(app: &App) -> String {
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

/// The built-in pack at 120×40 with drill `id` opened from the drill list by keys, and the
/// effects opening it asked for.
pub fn open_builtin(id: &str, lang: Lang) -> (App, Vec<Effect>) {
    let pack = Pack::builtin().expect("the built-in pack loads");
    let index = pack
        .exercises
        .iter()
        .position(|e| e.id == id)
        .expect("the drill exists");
    let mut app =
        App::new(Catalog::builtin().unwrap(), lang, false, Reading::default()).with_pack(pack);
    update(&mut app, Action::Resize(120, 40));
    keys(&mut app, "2g");
    // The list's own order (by lesson), not the pack's.
    let row = meshlab::tui::drill_list::shown(&app)
        .iter()
        .position(|d| d.index == index)
        .expect("the drill is listed");
    for _ in 0..row {
        keys(&mut app, "j");
    }
    let effects = keys(&mut app, "\n");
    assert_eq!(app.screen, Screen::Drill);
    (app, effects)
}
