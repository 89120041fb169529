//! `update`: the only place the app state changes. Pure: effects are returned, not performed.

mod adr;
mod console;

use super::action::{Action, Effect};
use super::app::{App, Focus, Screen, Tab, WHEEL_LINES};
use super::attempts::Graded;
use super::drill::{DrillState, Missing};
use super::session;
use super::view::{drill_pane, page_pane};
use crate::drill::exercise::{Exercise, Kind};
use crate::drill::grade::{self, GradeError, Report};
use crate::i18n::Msg;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // Not a key: a notice the learner has not read yet stays.
    if let Action::Recorded(recorded) = action {
        session::recorded(app, *recorded);
        return vec![];
    }
    if let Some(effects) = adr::file_result(app, &action) {
        return effects;
    }
    if let Some(effects) = console::file_result(app, &action) {
        return effects;
    }
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
            // An ADR being written is saved on the way out, like any editor would.
            let draft = app.exercise().and_then(|ex| adr::save(app, ex));
            std::iter::once(Effect::SaveReading).chain(draft).collect()
        }
        (_, Action::ToggleLang) => {
            toggle_lang(app);
            vec![Effect::SaveReading]
        }
        (Screen::Home, action) => home(app, action),
        (Screen::Reader, action) => reader(app, action),
        (Screen::Drill, action) => drill(app, action),
        (Screen::Progress, action) => {
            progress(app, action);
            vec![]
        }
        (Screen::Summary, action) => {
            summary(app, action);
            vec![]
        }
    };
    app.mark_read_if_at_end();
    effects.into_iter().chain(adr::ask_for_draft(app)).collect()
}

fn home(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::SwitchFocus => {
            app.tab = match app.tab {
                Tab::Lessons => Tab::Drills,
                Tab::Drills => Tab::Lessons,
            }
        }
        Action::ShowTab(tab) => app.tab = tab,
        Action::ShowProgress => {
            app.page_top = 0;
            app.screen = Screen::Progress;
        }
        Action::Back => app.quit = true,
        action if app.tab == Tab::Drills => drill_list(app, action),
        action => return lesson_list(app, action),
    }
    vec![]
}

fn lesson_list(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app.lesson_count();
    match move_in_list(app.selected, count, app.page_height(), &action) {
        Some(selected) => app.selected = selected,
        None if action == Action::Open && count > 0 => {
            app.open_lesson(app.selected);
            app.remember_place();
            return vec![Effect::SaveReading];
        }
        None => {}
    }
    vec![]
}

fn drill_list(app: &mut App, action: Action) {
    let count = app.packs.drill_count();
    if let Action::JumpPack { forward } = action {
        app.drill_selected = app.packs.jump(app.drill_selected, forward);
        return;
    }
    match move_in_list(app.drill_selected, count, app.page_height(), &action) {
        Some(selected) => app.drill_selected = selected,
        None if action == Action::Open && app.drill_selected < count => {
            app.drill = Some(DrillState::open(
                &app.packs,
                app.drill_selected,
                app.clock,
                app.lang,
            ));
            app.screen = Screen::Drill;
        }
        None => {}
    }
}

/// The new selection of a list of `count` rows after a movement action; `None` for any other.
fn move_in_list(selected: usize, count: usize, page: usize, action: &Action) -> Option<usize> {
    let last = count.saturating_sub(1);
    Some(match action {
        Action::Up | Action::Scroll(-1) => selected.saturating_sub(1),
        Action::Down | Action::Scroll(1) => (selected + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        _ => return None,
    })
}

/// Keys on a drill, while answering and once graded.
fn drill(app: &mut App, action: Action) -> Vec<Effect> {
    // A copy of the exercise (a few KiB), so the helpers below can take `&mut App` whole.
    let Some(ex) = app.exercise().cloned() else {
        app.screen = Screen::Home;
        return vec![];
    };
    if let Some(effects) = console::keys(app, &action) {
        return effects;
    }
    if let Some(effects) = adr::editor(app, &ex, &action) {
        return effects;
    }
    let graded = app.drill.as_ref().is_some_and(|d| d.report.is_some());
    match action {
        Action::Open if ex.kind == Kind::Adr && !graded => adr::open(app),
        Action::AdrGrade => return adr::grade(app, &ex),
        Action::AdrExternal => return adr::external(app, &ex),
        Action::OpenLesson => return open_drill_lesson(app, &ex),
        Action::ConsoleOpen if !graded => return console::open(app),
        Action::NextDrill if graded => session::next(app),
        Action::PageUp => scroll_drill(app, -1, true),
        Action::PageDown => scroll_drill(app, 1, true),
        Action::Scroll(n) => scroll_drill(app, n as isize * WHEEL_LINES as isize, false),
        Action::Hint => hint(app, &ex),
        Action::Open => return answer(app, &ex),
        Action::Back => {
            if let Some(d) = app.drill.take() {
                app.drill_selected = d.exercise;
            }
            // A session's drills come from the progress screen, so they go back there.
            if app.session.is_some() {
                app.page_top = 0;
                app.screen = Screen::Progress;
            } else {
                app.tab = Tab::Drills;
                app.screen = Screen::Home;
            }
        }
        action => {
            if let Some(d) = app.drill.as_mut() {
                edit(d, &ex, action, app.clock);
            }
        }
    }
    vec![]
}

/// The progress screen: start or continue a timed session, or end it.
fn progress(app: &mut App, action: Action) {
    if scroll_page(app, &action) {
        return;
    }
    match action {
        Action::StartSession if app.session.is_none() => session::start(app),
        Action::StartSession | Action::NextDrill => session::next(app),
        Action::EndSession => session::end(app),
        Action::Back => app.screen = Screen::Home,
        _ => {}
    }
}

/// The session summary: back to the progress screen, or straight into a new session.
fn summary(app: &mut App, action: Action) {
    if scroll_page(app, &action) {
        return;
    }
    match action {
        Action::Back | Action::Open => {
            app.ended = None;
            app.page_top = 0;
            app.screen = Screen::Progress;
        }
        Action::StartSession => session::start(app),
        _ => {}
    }
}

/// Scrolls the progress or summary screen for a movement action; `false` for any other.
fn scroll_page(app: &mut App, action: &Action) -> bool {
    let Some((total, visible)) = page_pane(app) else {
        return false;
    };
    let max = total.saturating_sub(visible);
    let page = visible.saturating_sub(1).max(1);
    let top = app.page_top.min(max);
    app.page_top = match action {
        Action::Up => top.saturating_sub(1),
        Action::Down => top + 1,
        Action::PageUp => top.saturating_sub(page),
        Action::PageDown => top + page,
        Action::Top => 0,
        Action::Bottom => max,
        Action::Scroll(n) => top.saturating_add_signed(*n as isize * WHEEL_LINES as isize),
        _ => return false,
    }
    .min(max);
    true
}

/// Keys that only change the drill itself: moving, typing, retrying.
fn edit(d: &mut DrillState, ex: &Exercise, action: Action, now: std::time::Duration) {
    let rows = DrillState::rows(ex);
    match (&d.report, action) {
        (Some(_), Action::Retry) => *d = d.retry(now),
        (Some(_), Action::Up) => {
            d.probe = d.probe.saturating_sub(1);
            d.scroll = 0;
        }
        (Some(report), Action::Down) => {
            d.probe = (d.probe + 1).min(report.probes.len().saturating_sub(1));
            d.scroll = 0;
        }
        (None, Action::Up) => d.move_cursor(ex, false),
        (None, Action::Down) => d.move_cursor(ex, true),
        (None, Action::Top) => d.cursor = 0,
        (None, Action::Bottom) => d.cursor = rows.saturating_sub(1),
        (None, Action::Digit(c)) if ex.kind == Kind::RetryBudget => d.push_digit(c),
        (None, Action::Reorder { down }) if ex.kind == Kind::AdoptionOrder => {
            d.move_phase(ex, down)
        }
        (None, Action::DeleteDigit) => {
            d.number.pop();
        }
        _ => {}
    }
}

fn hint(app: &mut App, ex: &Exercise) {
    let Some(d) = app.drill.as_mut() else {
        return;
    };
    if d.report.is_some() {
        return;
    }
    if d.reveal_hint(ex) {
        // Show the hint just revealed: it is the last thing in the prompt pane.
        d.scroll = usize::MAX;
        scroll_drill(app, 0, false);
    } else {
        app.notice = Some(Msg::NoMoreHints.text(app.lang).to_string());
    }
}

/// Takes the highlighted answer; once the answer is complete, grades it. Grading is pure and
/// fast (the pack is in memory), so it runs here rather than as an effect.
fn answer(app: &mut App, ex: &Exercise) -> Vec<Effect> {
    let Some(d) = app.drill.as_mut() else {
        return vec![];
    };
    if d.report.is_some() {
        return vec![];
    }
    d.pick(ex);
    let Some(answer) = d.answer(ex) else {
        let msg = match d.missing(ex) {
            Some(Missing::Fix) => Msg::PickFix,
            Some(Missing::Number) => Msg::TypeNumber,
            Some(Missing::AuditPart) => Msg::PickAuditPart,
            _ => Msg::PickCause,
        };
        app.notice = Some(msg.text(app.lang).to_string());
        return vec![];
    };
    let Some((shelved, _)) = app.packs.drill(d.exercise) else {
        return vec![];
    };
    let result = grade::grade(&shelved.pack, ex, &answer);
    graded(app, ex, result)
}

/// Shows a graded answer and asks for the attempt to be recorded; an answer the grader could
/// not read is a notice instead.
fn graded(app: &mut App, ex: &Exercise, result: Result<Report, GradeError>) -> Vec<Effect> {
    let pack = app
        .drill_pack()
        .map(|s| s.pack.manifest.id.clone())
        .unwrap_or_default();
    let Some(d) = app.drill.as_mut() else {
        return vec![];
    };
    match result {
        Ok(report) => {
            // Open on the first probe that broke: that is the one worth reading.
            d.probe = report.probes.iter().position(|p| !p.held).unwrap_or(0);
            d.scroll = 0;
            let effect = Effect::RecordAttempt(Graded {
                pack,
                exercise: ex.id.clone(),
                skills: ex.skills.clone(),
                grade: report.grade,
                hints_used: d.hints_used,
                seconds: d.seconds(app.clock),
            });
            d.report = Some(report);
            vec![effect]
        }
        Err(e) => {
            app.notice = Some(Msg::CannotGrade.fill(app.lang, &[&e.to_string()]));
            vec![]
        }
    }
}

/// Opens the drill's lesson in the reader (its own pack's lesson first); `Esc` there comes
/// back to the drill.
fn open_drill_lesson(app: &mut App, ex: &Exercise) -> Vec<Effect> {
    let stem = ex.lesson.as_str();
    let parts = app.drill_pack().map_or(&[][..], |s| &s.lesson_parts);
    let Some(index) = app.lesson_index_in(stem, parts) else {
        app.notice = Some(Msg::LessonMissing.fill(app.lang, &[stem]));
        return vec![];
    };
    app.back.push(Screen::Drill);
    app.selected = index;
    app.open_lesson(index);
    app.remember_place();
    vec![Effect::SaveReading]
}

/// Scrolls the drill's pane by `amount` lines (or pages), bounded as the screen draws it.
fn scroll_drill(app: &mut App, amount: isize, pages: bool) {
    let Some((total, visible)) = drill_pane(app) else {
        return;
    };
    let Some(d) = app.drill.as_mut() else {
        return;
    };
    let step = if pages {
        amount * visible.saturating_sub(1).max(1) as isize
    } else {
        amount
    };
    let max = total.saturating_sub(visible);
    d.scroll = d.scroll.min(max).saturating_add_signed(step).min(max);
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
            app.selected = app.reader.lesson;
            app.screen = app.back.pop().unwrap_or(Screen::Home);
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
    let from = app.lang;
    keep_place(app, |app| app.lang = app.lang.other());
    app.remember_place();
    if let Some(e) = app.drill.as_mut().and_then(|d| d.adr.as_mut()) {
        e.relabel(from, app.lang);
    }
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
