//! The investigation console in `update`: keys while it is open, and the loop's answers about
//! its files (history, transcript). The file work is the loop's (`Effect::LoadConsoleHistory`,
//! `SaveConsoleHistory`, `SaveTranscript`; `tui::console_files`).

use super::super::action::{Action, Effect};
use super::super::app::{App, WHEEL_LINES};
use super::super::console::Entry;
use super::super::drill::DrillState;
use super::super::view::{console_pane, console_width};

fn ids(app: &App) -> Option<(String, String)> {
    let pack = app.drill_pack()?.pack.manifest.id.clone();
    let exercise = app.exercise()?.id.clone();
    Some((pack, exercise))
}

/// The loop's answers about the console's files; `None` for any other action.
pub fn file_result(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let c = app.drill.as_mut().and_then(|d| d.console.as_mut());
    match action {
        Action::ConsoleHistory { lines, notice } => {
            if let Some(c) = c {
                c.history_loaded(lines.clone());
                if let Some(n) = notice {
                    c.note(Entry::Failed(n.clone()));
                }
            }
            Some(vec![])
        }
        Action::ConsoleSaved(result) => {
            if let Some(c) = c {
                c.note(match result {
                    Ok(path) => Entry::Saved(path.clone()),
                    Err(why) => Entry::Failed(why.clone()),
                });
            }
            Some(vec![])
        }
        _ => None,
    }
}

/// Opens the console; the first time, the drill's history is asked for.
pub fn open(app: &mut App) -> Vec<Effect> {
    let ids = ids(app);
    let Some(c) = app.drill.as_mut().and_then(|d| d.console.as_mut()) else {
        return vec![];
    };
    c.open = true;
    match ids {
        Some((pack, exercise)) if !c.history_asked => {
            c.history_asked = true;
            vec![Effect::LoadConsoleHistory { pack, exercise }]
        }
        _ => vec![],
    }
}

/// Keys while the console is open: `None` when it is not (the drill handles the action).
pub fn keys(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let open = app
        .drill
        .as_ref()
        .and_then(|d| d.console.as_ref())
        .is_some_and(|c| c.open);
    if !open {
        return None;
    }
    // (total lines, visible lines) and (widest line, visible columns) of the transcript, as
    // the screen draws it.
    let pane = match action {
        Action::PageUp | Action::PageDown | Action::Scroll(_) => console_pane(app),
        _ => None,
    };
    let width = match action {
        Action::ConsoleSideways { .. } => console_width(app),
        _ => None,
    };
    let ids = ids(app);
    let lang = app.lang;
    let c = app.drill.as_mut().and_then(DrillState::open_console)?;
    let page = |(_, visible): (usize, usize)| visible.saturating_sub(1).max(1) as isize;
    let mut effects = Vec::new();
    match action {
        Action::ConsoleInput(ch) => c.type_char(*ch),
        Action::ConsolePaste(text) => c.paste(text),
        Action::ConsoleBackspace => c.backspace(),
        Action::ConsoleComplete => c.complete(),
        Action::ConsolePrev => c.history_prev(),
        Action::ConsoleNext => c.history_next(),
        Action::ConsoleRun => {
            if c.run()
                && let Some((pack, exercise)) = ids
            {
                effects.push(Effect::SaveConsoleHistory {
                    pack,
                    exercise,
                    lines: c.history.clone(),
                });
            }
        }
        Action::ConsoleSave => {
            if let Some((pack, exercise)) = ids {
                effects.push(Effect::SaveTranscript {
                    pack,
                    exercise,
                    text: c.transcript_text(lang),
                });
            }
        }
        Action::ConsoleSideways { right } => {
            if let Some((widest, visible)) = width {
                c.scroll_sideways(*right, widest, visible);
            }
        }
        Action::ConsoleClose | Action::Back => c.open = false,
        Action::PageUp | Action::PageDown | Action::Scroll(_) => {
            if let Some(pane @ (total, visible)) = pane {
                let lines = match action {
                    Action::PageUp => page(pane),
                    Action::PageDown => -page(pane),
                    // The wheel scrolls like the reader: down moves toward the newest output.
                    Action::Scroll(n) => -(*n as isize) * WHEEL_LINES as isize,
                    _ => 0,
                };
                c.scroll(lines, total, visible);
            }
        }
        _ => {}
    }
    Some(effects)
}
