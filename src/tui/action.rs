//! Everything that can happen to the app, and what the loop must do outside `update`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::app::{App, Focus, Screen, Tab};
use super::attempts::{Graded, Recorded};

/// A closed set of user intents; keys and the mouse map onto these.
#[derive(Clone, Debug, PartialEq)]
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
    /// Reader: scroll the code lines sideways (they are kept whole, wider than the pane).
    Sideways {
        right: bool,
    },
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
    /// Drill list: to the next pack's first drill (or back to this or the previous pack's).
    JumpPack {
        forward: bool,
    },
    /// Drill list: the next order (lesson, difficulty, kind, standing, pack).
    ListOrder,
    /// Drill list: the next standing filter (all, due, failed, new, passed).
    ListStanding,
    /// Drill list: only the drills of the open lesson's section (the end-of-lesson offer).
    PractiseSection,
    /// Reader: the next (or previous) section.
    Section {
        forward: bool,
    },
    /// What to do next: due reviews, the next unread section, the weakest skill.
    Next,
    /// Drills: reveal the next hint of the ladder.
    Hint,
    /// Drills: a digit typed into the number field.
    Digit(char),
    DeleteDigit,
    /// Drills: start the same drill again.
    Retry,
    /// Drills: open the drill's lesson section.
    OpenLesson,
    /// Diagnose and audit drills: open the investigation console.
    ConsoleOpen,
    /// Console: a character typed into the command line.
    ConsoleInput(char),
    ConsoleBackspace,
    /// Console: Tab completion.
    ConsoleComplete,
    /// Console: the previous / next command of the history.
    ConsolePrev,
    ConsoleNext,
    /// Console: run the command line.
    ConsoleRun,
    /// Console: back to choosing cause and fix.
    ConsoleClose,
    /// Console: text pasted in one piece.
    ConsolePaste(String),
    /// Console: scroll the transcript sideways.
    ConsoleSideways {
        right: bool,
    },
    /// Console: save the transcript.
    ConsoleSave,
    /// The loop read the drill's command history: its lines, and what the learner should know
    /// about the file.
    ConsoleHistory {
        lines: Vec<String>,
        notice: Option<String>,
    },
    /// The loop saved the transcript: where, or why it failed.
    ConsoleSaved(Result<String, String>),
    /// Home: the progress screen.
    ShowProgress,
    /// Home or a lesson: the glossary (`Esc` there returns).
    ShowGlossary,
    /// Progress: start a timed session.
    StartSession,
    /// Session: the next drill (or the summary once time is up).
    NextDrill,
    /// Session: stop now and see the summary.
    EndSession,
    /// Session: bury the open drill until tomorrow and go on.
    Bury,
    /// The loop kept an attempt (the result of `Effect::RecordAttempt`).
    Recorded(Box<Recorded>),
    /// Ordering drills: move the highlighted item one place down (or up).
    Reorder {
        down: bool,
    },
    /// Editor: a key for the text itself (typing, moving, undo, …).
    AdrKey(KeyEvent),
    /// Editor: text pasted in one piece (bracketed paste).
    AdrPaste(String),
    /// Editor: the cursor to the next (or previous) `##` section.
    AdrSection {
        down: bool,
    },
    AdrPreview,
    AdrSave,
    /// Grade the ADR as it stands (saving it first).
    AdrGrade,
    /// Editor: back to the drill's prompt (saving first).
    AdrClose,
    /// ADR drills: edit the draft in `$EDITOR`; it is graded again when the editor returns.
    AdrExternal,
    /// The loop read the draft file: its text (none yet, or unreadable), and what the learner
    /// should know about it.
    AdrLoaded {
        text: Option<String>,
        notice: Option<String>,
        /// Where the draft is kept (named in grading errors); `None` without a data directory.
        path: Option<String>,
    },
    /// The loop saved the draft: the text saved and where, or why it failed.
    AdrSaved(Result<(String, String), String>),
    /// `$EDITOR` returned: the draft's text, or why it could not be edited or read back.
    AdrEdited(Result<String, String>),
}

/// Side effects `update` asks for; the loop runs them, so `update` itself does no I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    SaveReading,
    /// A drill was graded: the loop hands it to the progress store's seam
    /// ([`crate::tui::attempts::Attempts`]).
    RecordAttempt(Graded),
    /// ADR drills: read the saved draft of `exercise` in `pack` (answered by `AdrLoaded`).
    LoadAdr {
        pack: String,
        exercise: String,
    },
    /// ADR drills: write the draft atomically (answered by `AdrSaved`).
    SaveAdr {
        pack: String,
        exercise: String,
        text: String,
    },
    /// ADR drills: save the draft, hand the terminal to `$EDITOR` on it, take it back (answered
    /// by `AdrEdited`).
    ExternalEditor {
        pack: String,
        exercise: String,
        text: String,
    },
    /// Console: read the drill's command history (answered by `ConsoleHistory`).
    LoadConsoleHistory {
        pack: String,
        exercise: String,
    },
    /// Console: write the drill's command history atomically.
    SaveConsoleHistory {
        pack: String,
        exercise: String,
        lines: Vec<String>,
    },
    /// Console: write the transcript (answered by `ConsoleSaved`).
    SaveTranscript {
        pack: String,
        exercise: String,
        text: String,
    },
}

/// Maps a terminal event to an action in the app's current mode (or nothing).
pub fn from_event(app: &App, event: &Event) -> Option<Action> {
    // Below the minimum size the screen only says so: a key acted on there would be acted on
    // blind (a drill answered and recorded unseen), so only quitting and resizing work.
    if app.too_small() {
        return match event {
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                let quit =
                    key.code == KeyCode::Char('q') || (ctrl && key.code == KeyCode::Char('c'));
                quit.then_some(Action::Quit)
            }
            _ => None,
        };
    }
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => from_key(app, key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) if adr_open(app) => Some(Action::AdrPaste(text.clone())),
        Event::Paste(text) if console_open(app) => Some(Action::ConsolePaste(text.clone())),
        _ => None,
    }
}

fn from_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    if app.help {
        // A long overlay scrolls with the movement keys; any other key closes it.
        return Some(match key.code {
            KeyCode::Char('j') | KeyCode::Down => Action::Down,
            KeyCode::Char('k') | KeyCode::Up => Action::Up,
            KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
            KeyCode::PageUp | KeyCode::Char('b') => Action::PageUp,
            KeyCode::Char('g') | KeyCode::Home => Action::Top,
            KeyCode::Char('G') | KeyCode::End => Action::Bottom,
            _ => Action::ToggleHelp,
        });
    }
    if console_open(app) {
        return console_key(key, ctrl);
    }
    if adr_open(app) {
        return Some(adr_key(key, ctrl));
    }
    if app.screen == Screen::Glossary && app.glossary.editing {
        return match key.code {
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            // The list narrows as the query is typed; the arrows pick from it meanwhile.
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Char('l') if ctrl => Some(Action::ToggleLang),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        };
    }
    let typing = match app.screen {
        Screen::Reader => app.reader.search.editing.is_some(),
        Screen::Home => app.tab == Tab::Drills && app.list.editing.is_some(),
        _ => false,
    };
    if typing {
        return match key.code {
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char('l') if ctrl => Some(Action::ToggleLang),
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
        Screen::Home => home_key(app, key),
        Screen::Drill => drill_key(app, key),
        Screen::Reader => reader_key(app, key, ctrl),
        Screen::Progress => progress_key(key),
        Screen::Glossary => match key.code {
            KeyCode::Char('/') => Some(Action::SearchStart),
            _ => None,
        },
        Screen::Summary => match key.code {
            KeyCode::Char('s') => Some(Action::StartSession),
            _ => None,
        },
    }
}

fn console_open(app: &App) -> bool {
    app.screen == Screen::Drill
        && app
            .drill
            .as_ref()
            .and_then(|d| d.console.as_ref())
            .is_some_and(|c| c.open)
}

fn adr_open(app: &App) -> bool {
    app.screen == Screen::Drill
        && app
            .drill
            .as_ref()
            .and_then(|d| d.adr.as_ref())
            .is_some_and(|a| a.open)
}

/// The ADR editor owns the keyboard like the console; meshlab's own keys are the ones a text
/// editor leaves free (Ctrl+S, Ctrl+G, Ctrl+L, F-keys, Alt+arrows).
fn adr_key(key: &KeyEvent, ctrl: bool) -> Action {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => Action::AdrClose,
        KeyCode::F(1) => Action::ToggleHelp,
        KeyCode::F(2) => Action::AdrPreview,
        KeyCode::Char('s') if ctrl => Action::AdrSave,
        KeyCode::Char('g') if ctrl => Action::AdrGrade,
        KeyCode::Char('l') if ctrl => Action::ToggleLang,
        KeyCode::Down if alt => Action::AdrSection { down: true },
        KeyCode::Up if alt => Action::AdrSection { down: false },
        _ => Action::AdrKey(*key),
    }
}

/// The console owns the keyboard: every printable key is typed (`q` types q), so nothing
/// leaks into the drill behind it.
fn console_key(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::ConsoleRun),
        KeyCode::Esc => Some(Action::ConsoleClose),
        KeyCode::Tab => Some(Action::ConsoleComplete),
        KeyCode::Up => Some(Action::ConsolePrev),
        KeyCode::Down => Some(Action::ConsoleNext),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Backspace => Some(Action::ConsoleBackspace),
        KeyCode::Left => Some(Action::ConsoleSideways { right: false }),
        KeyCode::Right => Some(Action::ConsoleSideways { right: true }),
        // Every letter types, so the language toggle and saving take the editor's chords.
        KeyCode::Char('l') if ctrl => Some(Action::ToggleLang),
        KeyCode::Char('s') if ctrl => Some(Action::ConsoleSave),
        KeyCode::Char(c) if !ctrl => Some(Action::ConsoleInput(c)),
        _ => None,
    }
}

fn progress_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('s') => Some(Action::StartSession),
        KeyCode::Char('n') => Some(Action::NextDrill),
        KeyCode::Char('e') => Some(Action::EndSession),
        _ => None,
    }
}

fn home_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let drills = app.tab == Tab::Drills;
    match key.code {
        KeyCode::Char('p') => Some(Action::ShowProgress),
        KeyCode::Char('n') => Some(Action::Next),
        KeyCode::Char('o') if drills => Some(Action::ListOrder),
        KeyCode::Char('f') if drills => Some(Action::ListStanding),
        KeyCode::Char('/') if drills => Some(Action::SearchStart),
        KeyCode::Char('w') => Some(Action::ShowGlossary),
        KeyCode::Tab | KeyCode::BackTab => Some(Action::SwitchFocus),
        KeyCode::Char('1') => Some(Action::ShowTab(Tab::Lessons)),
        KeyCode::Char('2') => Some(Action::ShowTab(Tab::Drills)),
        KeyCode::Char(']') => Some(Action::JumpPack { forward: true }),
        KeyCode::Char('[') => Some(Action::JumpPack { forward: false }),
        _ => None,
    }
}

fn drill_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let graded = app.drill.as_ref().is_some_and(|d| d.report.is_some());
    let console = app.drill.as_ref().is_some_and(|d| d.console.is_some());
    let adr = app.drill.as_ref().is_some_and(|d| d.adr.is_some());
    match key.code {
        KeyCode::Char('e') if adr => Some(Action::AdrExternal),
        KeyCode::Char('s') if adr && !graded => Some(Action::AdrGrade),
        KeyCode::Char('o') => Some(Action::OpenLesson),
        KeyCode::Char('i' | ':') if console && !graded => Some(Action::ConsoleOpen),
        // In a session `n` before answering skips the drill; `x` buries it for the day.
        KeyCode::Char('n') if graded || app.session.is_some() => Some(Action::NextDrill),
        KeyCode::Char('x') if !graded && app.session.is_some() => Some(Action::Bury),
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
        KeyCode::Char(']') => Some(Action::Section { forward: true }),
        KeyCode::Char('[') => Some(Action::Section { forward: false }),
        KeyCode::Char('d') if !ctrl => Some(Action::PractiseSection),
        KeyCode::Char('w') => Some(Action::ShowGlossary),
        KeyCode::Left | KeyCode::Char('h') if app.reader.focus == Focus::Text => {
            Some(Action::Sideways { right: false })
        }
        KeyCode::Right | KeyCode::Char('l') if app.reader.focus == Focus::Text => {
            Some(Action::Sideways { right: true })
        }
        KeyCode::Tab | KeyCode::BackTab if app.reader.toc_open => Some(Action::SwitchFocus),
        KeyCode::Char('d') if ctrl && app.reader.focus == Focus::Text => Some(Action::PageDown),
        KeyCode::Char('u') if ctrl && app.reader.focus == Focus::Text => Some(Action::PageUp),
        _ => None,
    }
}
