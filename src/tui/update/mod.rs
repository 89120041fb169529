//! `update`: the only place the app state changes. Pure: effects are returned, not performed.

mod adr;
mod console;

use super::action::{Action, Effect};
use super::app::{App, Focus, Screen, Tab, WHEEL_LINES};
use super::attempts::Graded;
use super::drill::{DrillState, Missing};
use super::drill_list;
use super::next;
use super::session;
use super::view::{drill_pane, help_pane, page_pane, result_probes_line};
use crate::drill::exercise::{Exercise, Kind};
use crate::drill::grade::{self, GradeError, Report};
use crate::i18n::Msg;
use crate::practice::progress::SkipKind;

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
    // A resize is not the learner's answer to the notice either (the first one comes before
    // the first frame, with the start-up notices).
    if !matches!(action, Action::Resize(..)) {
        app.notice = None;
    }
    let effects = match (app.screen, action) {
        (_, Action::Resize(w, h)) => {
            resize(app, w, h);
            vec![]
        }
        (_, Action::ToggleHelp) => {
            app.help = !app.help;
            app.help_top = 0;
            vec![]
        }
        (_, Action::Quit) => {
            app.remember_place();
            app.quit = true;
            // An ADR being written is saved on the way out, like any editor would.
            let draft = app.exercise().and_then(|ex| adr::save(app, ex));
            std::iter::once(Effect::SaveReading).chain(draft).collect()
        }
        (_, action) if app.help => {
            help(app, &action);
            vec![]
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
        (Screen::Glossary, action) => glossary(app, action),
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
        Action::Next => {
            next::go(app);
            if app.screen == Screen::Reader {
                app.remember_place();
                return vec![Effect::SaveReading];
            }
        }
        Action::ShowProgress => {
            app.page_top = 0;
            app.screen = Screen::Progress;
        }
        Action::ShowGlossary => open_glossary(app),
        action if app.tab == Tab::Drills => drill_list(app, action),
        Action::Back => app.quit = true,
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
    let list = &mut app.list;
    match &action {
        Action::ListOrder => list.order = list.order.next(),
        Action::ListStanding => list.cycle_standing(),
        Action::SearchStart => list.editing = Some(list.words.clone()),
        Action::SearchInput(c) => list.editing.get_or_insert_default().push(*c),
        Action::SearchBackspace => {
            list.editing.get_or_insert_default().pop();
        }
        Action::SearchSubmit => list.words = list.editing.take().unwrap_or_default(),
        Action::SearchCancel => list.editing = None,
        // Esc first takes the filters away, then leaves.
        Action::Back if list.filtered() => {
            list.standing = None;
            list.lesson = None;
            list.words.clear();
        }
        Action::Back => app.quit = true,
        _ => {}
    }
    // The list the learner sees: movement goes through it, not through the packs' order.
    let shown: Vec<usize> = drill_list::shown(app).iter().map(|s| s.index).collect();
    let at = shown.iter().position(|&i| i == app.drill_selected);
    let at = match (&action, at) {
        (Action::JumpPack { forward }, Some(at)) => {
            let pack = |i: usize| app.packs.pack_of(i);
            let here = pack(shown[at]);
            if *forward {
                shown.iter().position(|&i| pack(i) > here).unwrap_or(at)
            } else {
                let first_here = shown.iter().position(|&i| pack(i) == here).unwrap_or(at);
                if first_here < at {
                    first_here
                } else {
                    let before = shown[..at].last().map(|&i| pack(i));
                    before
                        .and_then(|p| shown.iter().position(|&i| pack(i) == p))
                        .unwrap_or(at)
                }
            }
        }
        (_, at) => match move_in_list(at.unwrap_or(0), shown.len(), app.page_height(), &action) {
            Some(to) => to,
            None => at.unwrap_or(0),
        },
    };
    // A filter that hid the selection selects the first drill it shows.
    if let Some(&index) = shown.get(at) {
        app.drill_selected = index;
    }
    if action == Action::Open && shown.contains(&app.drill_selected) {
        app.open_drill(app.drill_selected);
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
        Action::Open if matches!(ex.kind, Kind::Adr | Kind::Manifest) && !graded => adr::open(app),
        Action::AdrGrade => return adr::grade(app, &ex),
        Action::AdrExternal => return adr::external(app, &ex),
        Action::OpenLesson => return open_drill_lesson(app, &ex),
        Action::ConsoleOpen if !graded => return console::open(app),
        Action::NextDrill if graded && app.session.is_some() => session::next(app),
        Action::NextDrill if app.session.is_some() => {
            return session::pass_over(app, &ex, SkipKind::Skipped);
        }
        Action::Bury if !graded => return session::pass_over(app, &ex, SkipKind::Buried),
        // Outside a session: the drill the result offers (same lesson, else same skill).
        Action::NextDrill if graded => {
            let here = app.drill.as_ref().map_or(0, |d| d.exercise);
            if let Some((index, _)) = drill_list::after(app, here) {
                app.open_drill(index);
            }
        }
        Action::Up | Action::Down | Action::Top | Action::Bottom if graded => {
            result_keys(app, &action)
        }
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

/// Movement while the help overlay is open scrolls it when it is longer than the screen,
/// and closes it otherwise (every key closes an overlay that fits).
fn help(app: &mut App, action: &Action) {
    let (total, visible) = help_pane(app);
    let max = total.saturating_sub(visible);
    if max == 0 {
        app.help = false;
        return;
    }
    let page = visible.saturating_sub(1).max(1);
    let top = app.help_top.min(max);
    app.help_top = match action {
        Action::Up => top.saturating_sub(1),
        Action::Down => top + 1,
        Action::PageUp => top.saturating_sub(page),
        Action::PageDown => top + page,
        Action::Top => 0,
        Action::Bottom => max,
        Action::Scroll(n) => top.saturating_add_signed(*n as isize * WHEEL_LINES as isize),
        _ => {
            app.help = false;
            0
        }
    }
    .min(max);
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

/// Movement on a graded drill: with probes, `↑` `↓` pick the probe whose path is drawn and
/// bring the probe list into view; without, they scroll the page by a line. `g` `G` go to the
/// page's ends.
fn result_keys(app: &mut App, action: &Action) {
    let probes = app
        .drill
        .as_ref()
        .and_then(|d| d.report.as_ref())
        .map_or(0, |r| r.probes.len());
    match action {
        Action::Top => scroll_drill(app, isize::MIN / 2, false),
        Action::Bottom => scroll_drill(app, isize::MAX / 2, false),
        Action::Up | Action::Down if probes == 0 => {
            scroll_drill(app, if *action == Action::Up { -1 } else { 1 }, false)
        }
        Action::Up | Action::Down => {
            let at = result_probes_line(app);
            if let Some(d) = app.drill.as_mut() {
                d.probe = if *action == Action::Up {
                    d.probe.saturating_sub(1)
                } else {
                    (d.probe + 1).min(probes - 1)
                };
                d.scroll = at.unwrap_or(0);
            }
            scroll_drill(app, 0, false);
        }
        _ => {}
    }
}

/// Keys that only change the drill itself: moving, typing, retrying.
fn edit(d: &mut DrillState, ex: &Exercise, action: Action, now: std::time::Duration) {
    let rows = DrillState::rows(ex);
    match (&d.report, action) {
        (Some(_), Action::Retry) => *d = d.retry(now),
        (None, Action::Up) => d.move_cursor(ex, false),
        (None, Action::Down) => d.move_cursor(ex, true),
        (None, Action::Top) => d.cursor = 0,
        (None, Action::Bottom) => d.cursor = rows.saturating_sub(1),
        (None, Action::Digit(c)) if matches!(ex.kind, Kind::RetryBudget | Kind::Cost) => {
            d.push_digit(c)
        }
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
            Some(Missing::Finding) => Msg::DebuggingNoFinding,
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
                skip: None,
                variant: (d.variant != 0).then_some(d.variant),
            });
            d.report = Some(report);
            vec![effect]
        }
        Err(e) => {
            let why = crate::i18n::messages::localize(&e.to_string(), app.lang).into_owned();
            app.notice = Some(Msg::CannotGrade.fill(app.lang, &[&why]));
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
        Action::Sideways { right } => {
            let left = app.reader.left;
            app.reader.left = if right {
                (left + SIDEWAYS_COLUMNS).min(app.max_left())
            } else {
                left.saturating_sub(SIDEWAYS_COLUMNS)
            };
        }
        Action::Back => {
            app.remember_place();
            app.selected = app.reader.lesson;
            app.screen = app.back.pop().unwrap_or(Screen::Home);
            return vec![Effect::SaveReading];
        }
        Action::ShowGlossary => {
            app.remember_place();
            open_glossary(app);
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
        Action::Section { forward } => {
            let to = if forward {
                app.reader.lesson + 1
            } else {
                app.reader.lesson.wrapping_sub(1)
            };
            if to < app.lesson_count() {
                app.remember_place();
                app.selected = to;
                app.open_lesson(to);
                app.remember_place();
                return vec![Effect::SaveReading];
            }
        }
        // The end-of-lesson offer: the drill list, narrowed to this section's drills.
        Action::PractiseSection => {
            if let Some(lesson) = app.lesson(app.reader.lesson) {
                app.list.lesson = Some(lesson.slug.clone());
                app.remember_place();
                app.back.clear();
                app.tab = Tab::Drills;
                app.screen = Screen::Home;
                // The selection moves to the first drill shown.
                drill_list(app, Action::Top);
                return vec![Effect::SaveReading];
            }
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

fn open_glossary(app: &mut App) {
    app.back.push(app.screen);
    app.screen = Screen::Glossary;
}

/// The glossary: search as you type, move through the terms, go back where it was opened.
fn glossary(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app.glossary.terms(app.lang).len();
    let page = app.page_height().saturating_sub(2).max(1);
    let g = &mut app.glossary;
    if let Some(selected) = move_in_list(
        g.selected.min(count.saturating_sub(1)),
        count,
        page,
        &action,
    ) {
        g.selected = selected;
        return vec![];
    }
    match action {
        Action::SearchStart => g.editing = true,
        Action::SearchInput(c) => {
            g.query.push(c);
            g.selected = 0;
        }
        Action::SearchBackspace => {
            g.query.pop();
            g.selected = 0;
        }
        Action::SearchSubmit => g.editing = false,
        Action::SearchCancel => {
            g.editing = false;
            g.query.clear();
            g.selected = 0;
        }
        Action::Back => {
            app.screen = app.back.pop().unwrap_or(Screen::Home);
            if app.screen == Screen::Reader {
                return_to_reader(app);
            }
        }
        _ => {}
    }
    vec![]
}

/// Back in the lesson after another screen: the language or the terminal may have changed
/// meanwhile, so the lesson is laid out again at the place it was left.
fn return_to_reader(app: &mut App) {
    app.refresh_layout();
    if let Some(place) = app.reading.last.clone() {
        app.go_to_place(place.heading, place.fraction);
    }
    app.reader.left = app.reader.left.min(app.max_left());
    rerun_search(app);
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
        // `Esc` goes back as the footer says, whichever pane has the focus.
        _ => return None,
    }
    Some(vec![])
}

/// Columns one press of ←/→ (h/l) moves the code lines.
const SIDEWAYS_COLUMNS: usize = 8;

fn scroll_to(app: &mut App, line: usize) {
    app.reader.top = line.min(app.max_top());
    app.reader.toc_selected = app.place().0;
    // Code scrolled sideways stays so only while some code on screen is that wide.
    app.reader.left = app.reader.left.min(app.max_left());
}

fn show_current_match(app: &mut App) {
    let Some(m) = app.reader.search.current_match() else {
        return;
    };
    let page = app.page_height();
    let top = app.reader.top;
    if m.line < top || m.line >= top + page {
        scroll_to(app, m.line.saturating_sub(page / 3));
    }
    // A match in code beyond the pane's edge: scroll the code to it (a column of margin is
    // taken by the `‹`/`›` marks).
    let Some(laid) = app.laid() else {
        return;
    };
    if !laid.rendered.is_code(m.line) {
        return;
    }
    let columns = |chars: usize| -> usize {
        laid.text[m.line]
            .chars()
            .take(chars)
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum()
    };
    let (start, end) = (columns(m.start), columns(m.end));
    let width = usize::from(app.text_width());
    let left = app.reader.left;
    if start <= left || end + 1 > left + width {
        app.reader.left = start.saturating_sub(width / 3).min(app.max_left());
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
    // The glossary is sorted by the names in the reader's language: keep the same term selected.
    let term = app.glossary.current(from);
    keep_place(app, |app| app.lang = app.lang.other());
    if let Some(term) = term {
        let terms = app.glossary.terms(app.lang);
        app.glossary.selected = terms.iter().position(|t| t.en == term.en).unwrap_or(0);
    }
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
        app.reader.left = app.reader.left.min(app.max_left());
        rerun_search(app);
    }
}
