//! Driving the TUI in tests: keys through the real key map, and the drawn screen as text.
// Each test binary includes this module and uses the part it needs.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use meshlab::tui::action::{self, Effect};
use meshlab::tui::app::App;
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
