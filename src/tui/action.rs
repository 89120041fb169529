//! Everything that can happen to the app, and what the loop must do outside `update`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::app::{App, Focus, Screen};

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
}

/// Side effects `update` asks for; the loop runs them, so `update` itself does no I/O.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    SaveReading,
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
    if common.is_some() || app.screen != Screen::Reader {
        return common;
    }
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
