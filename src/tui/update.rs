//! `update`: the only place the app state changes. Pure: effects are returned, not performed.

use super::action::{Action, Effect};
use super::app::{App, Focus, Screen, WHEEL_LINES};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    app.notice = None;
    let effects = match (app.screen, action) {
        (_, Action::Resize(w, h)) => {
            resize(app, w, h);
            vec![]
        }
        (_, Action::ToggleHelp) => {
            app.help = !app.help;
            vec![]
        }
        (_, Action::Quit) => {
            app.remember_place();
            app.quit = true;
            vec![Effect::SaveReading]
        }
        (_, Action::ToggleLang) => {
            toggle_lang(app);
            vec![Effect::SaveReading]
        }
        (Screen::Home, action) => home(app, action),
        (Screen::Reader, action) => reader(app, action),
    };
    app.mark_read_if_at_end();
    effects
}

fn home(app: &mut App, action: Action) -> Vec<Effect> {
    let last = app.lesson_count().saturating_sub(1);
    match action {
        Action::Up | Action::Scroll(-1) => app.selected = app.selected.saturating_sub(1),
        Action::Down | Action::Scroll(1) => app.selected = (app.selected + 1).min(last),
        Action::Top => app.selected = 0,
        Action::Bottom => app.selected = last,
        Action::PageUp => app.selected = app.selected.saturating_sub(app.page_height()),
        Action::PageDown => app.selected = (app.selected + app.page_height()).min(last),
        Action::Open if app.lesson_count() > 0 => {
            app.open_lesson(app.selected);
            app.remember_place();
            return vec![Effect::SaveReading];
        }
        Action::Back => app.quit = true,
        _ => {}
    }
    vec![]
}

fn reader(app: &mut App, action: Action) -> Vec<Effect> {
    if app.reader.focus == Focus::Toc
        && let Some(effects) = toc(app, &action)
    {
        return effects;
    }
    let page = app.page_height();
    let top = app.reader.top;
    match action {
        Action::Up => scroll_to(app, top.saturating_sub(1)),
        Action::Down => scroll_to(app, top + 1),
        Action::Scroll(n) => {
            let lines = n.unsigned_abs() as usize * WHEEL_LINES;
            let target = if n < 0 {
                top.saturating_sub(lines)
            } else {
                top + lines
            };
            scroll_to(app, target);
        }
        Action::PageUp => scroll_to(app, top.saturating_sub(page.saturating_sub(1).max(1))),
        Action::PageDown => scroll_to(app, top + page.saturating_sub(1).max(1)),
        Action::Top => scroll_to(app, 0),
        Action::Bottom => scroll_to(app, usize::MAX),
        Action::Back => {
            app.remember_place();
            app.screen = Screen::Home;
            app.selected = app.reader.lesson;
            return vec![Effect::SaveReading];
        }
        Action::ToggleToc => {
            keep_place(app, |app| app.reader.toc_open = !app.reader.toc_open);
            app.reader.focus = if app.reader.toc_open {
                app.reader.toc_selected = app.place().0;
                Focus::Toc
            } else {
                Focus::Text
            };
        }
        Action::SwitchFocus => {
            app.reader.focus = match app.reader.focus {
                Focus::Text => Focus::Toc,
                Focus::Toc => Focus::Text,
            };
        }
        Action::SearchStart => app.reader.search.editing = Some(String::new()),
        Action::SearchInput(c) => {
            if let Some(q) = app.reader.search.editing.as_mut() {
                q.push(c);
            }
        }
        Action::SearchBackspace => {
            if let Some(q) = app.reader.search.editing.as_mut() {
                q.pop();
            }
        }
        Action::SearchCancel => app.reader.search.editing = None,
        Action::SearchSubmit => {
            if let Some(q) = app.reader.search.editing.take() {
                app.reader.search.query = q;
                rerun_search(app);
                show_current_match(app);
            }
        }
        Action::NextMatch | Action::PrevMatch => {
            app.reader.search.step(action == Action::NextMatch);
            show_current_match(app);
        }
        _ => {}
    }
    vec![]
}

/// Keys while the table of contents has focus; `None` lets the text handle the action.
fn toc(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let count = app.laid().map_or(0, |l| l.rendered.heading_lines.len());
    let last = count.saturating_sub(1);
    let sel = &mut app.reader.toc_selected;
    match action {
        Action::Up | Action::Scroll(-1) => *sel = sel.saturating_sub(1),
        Action::Down | Action::Scroll(1) => *sel = (*sel + 1).min(last),
        Action::Top => *sel = 0,
        Action::Bottom => *sel = last,
        Action::Open => {
            let heading = *sel;
            app.go_to_place(heading, 0.0);
            app.reader.focus = Focus::Text;
        }
        Action::Back => app.reader.focus = Focus::Text,
        _ => return None,
    }
    Some(vec![])
}

fn scroll_to(app: &mut App, line: usize) {
    app.reader.top = line.min(app.max_top());
    app.reader.toc_selected = app.place().0;
}

fn show_current_match(app: &mut App) {
    if let Some(m) = app.reader.search.current_match() {
        let page = app.page_height();
        let top = app.reader.top;
        if m.line < top || m.line >= top + page {
            scroll_to(app, m.line.saturating_sub(page / 3));
        }
    }
}

fn rerun_search(app: &mut App) {
    if let Some(laid) = app.laid() {
        let top = app.reader.top;
        app.reader.search.run(&laid.text, top);
    }
}

fn toggle_lang(app: &mut App) {
    keep_place(app, |app| app.lang = app.lang.other());
    app.remember_place();
}

fn resize(app: &mut App, width: u16, height: u16) {
    keep_place(app, |app| {
        app.width = width;
        app.height = height;
    });
}

/// Applies a change that alters the layout (language, width, panes) and returns the reader to the
/// same heading and the same fraction of its section, so the learner keeps their place.
fn keep_place(app: &mut App, change: impl FnOnce(&mut App)) {
    let (heading, fraction) = app.place();
    change(app);
    if app.screen == Screen::Reader {
        app.refresh_layout();
        app.go_to_place(heading, fraction);
        rerun_search(app);
    }
}
