//! Everything that can happen to the app, and what the loop must do outside `update`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::app::{App, Focus, Screen, Tab};

/// A closed set of user intents; keys and the mouse map onto these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Scroll by lines (mouse wheel); negative is up.
    Scroll(i32),
    Open,
    ToggleLang,
    ToggleHelp,
    ToggleToc,
    SwitchFocus,
    SearchStart,
    SearchInput(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
    NextMatch,
    PrevMatch,
    Resize(u16, u16),
    /// Home: show the lessons or the drills.
    ShowTab(Tab),
    /// Drills: reveal the next hint of the ladder.
    Hint,
    /// Drills: a digit typed into the number field.
    Digit(char),
    DeleteDigit,
    /// Drills: start the same drill again.
    Retry,
    /// Drills: open the drill's lesson section.
    OpenLesson,
    /// Ordering drills: move the highlighted item one place down (or up).
    Reorder {
        down: bool,
    },
}

/// Side effects `update` asks for; the loop runs them, so `update` itself does no I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    SaveReading,
    /// A drill was graded: the loop hands it to the progress store's seam
    /// ([`crate::tui::attempts::Attempts`]).
    RecordAttempt {
        exercise: String,
        grade: u8,
        hints_used: usize,
        seconds: u64,
    },
}

/// Maps a terminal event to an action in the app's current mode (or nothing).
pub fn from_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => from_key(app, key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn from_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    if app.help {
        return Some(Action::ToggleHelp);
    }
    if app.reader.search.editing.is_some() && app.screen == Screen::Reader {
        return match key.code {
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        };
    }
    let common = match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Char('L') => Some(Action::ToggleLang),
        KeyCode::Char('?') => Some(Action::ToggleHelp),
        KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
        KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
        KeyCode::PageUp | KeyCode::Char('b') => Some(Action::PageUp),
        KeyCode::Enter => Some(Action::Open),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match app.screen {
        Screen::Home => home_key(key),
        Screen::Drill => drill_key(app, key),
        Screen::Reader => reader_key(app, key, ctrl),
    }
}

fn home_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Tab | KeyCode::BackTab => Some(Action::SwitchFocus),
        KeyCode::Char('1') => Some(Action::ShowTab(Tab::Lessons)),
        KeyCode::Char('2') => Some(Action::ShowTab(Tab::Drills)),
        _ => None,
    }
}

fn drill_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let graded = app.drill.as_ref().is_some_and(|d| d.report.is_some());
    match key.code {
        KeyCode::Char('o') => Some(Action::OpenLesson),
        KeyCode::Char('r') if graded => Some(Action::Retry),
        KeyCode::Char('h') if !graded => Some(Action::Hint),
        // `s` submits like Enter: one key a learner can find without leaving the letters.
        KeyCode::Char('s') if !graded => Some(Action::Open),
        KeyCode::Char(c @ '0'..='9') if !graded => Some(Action::Digit(c)),
        KeyCode::Backspace if !graded => Some(Action::DeleteDigit),
        // Shifted j/k: the same directions, carrying the item along.
        KeyCode::Char('J') if !graded => Some(Action::Reorder { down: true }),
        KeyCode::Char('K') if !graded => Some(Action::Reorder { down: false }),
        _ => None,
    }
}

fn reader_key(app: &App, key: &KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Char('/') => Some(Action::SearchStart),
        KeyCode::Char('n') => Some(Action::NextMatch),
        KeyCode::Char('N') => Some(Action::PrevMatch),
        KeyCode::Char('t') => Some(Action::ToggleToc),
        KeyCode::Tab | KeyCode::BackTab if app.reader.toc_open => Some(Action::SwitchFocus),
        KeyCode::Char('d') if ctrl && app.reader.focus == Focus::Text => Some(Action::PageDown),
        KeyCode::Char('u') if ctrl && app.reader.focus == Focus::Text => Some(Action::PageUp),
        _ => None,
    }
}
