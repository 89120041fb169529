//! Drawing: reads the app, never changes it.

mod adr_editor;
mod console;
pub(crate) mod drill;
mod drill_list;
mod glossary;
mod help;
mod home;
mod hops;
mod progress;
mod reader;
mod result;
mod summary;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Screen};
use super::session::clock_text;
use super::theme::Theme;
use crate::i18n::Msg;
use crate::practice::clock::Clock;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    match app.screen {
        Screen::Home => home::draw(app, frame, area, &theme),
        Screen::Reader => reader::draw(app, frame, area, &theme),
        Screen::Drill => match app.drill.as_ref() {
            Some(d) if d.console.as_ref().is_some_and(|c| c.open) => {
                console::draw(app, frame, area, &theme)
            }
            Some(d) if d.adr.as_ref().is_some_and(|e| e.open) => {
                adr_editor::draw(app, frame, area, &theme)
            }
            Some(d) => match d.report.as_ref() {
                None => drill::draw(app, frame, area, &theme),
                Some(report) => result::draw(app, report, frame, area, &theme),
            },
            None => {}
        },
        Screen::Progress => progress::draw(app, frame, area, &theme),
        Screen::Summary => summary::draw(app, frame, area, &theme),
        Screen::Glossary => glossary::draw(app, frame, area, &theme),
    }
    long_notice(app, frame, area, &theme);
    if app.help {
        help::draw(app, frame, area, &theme);
    }
}

/// A notice wider than the screen would be cut in the one-line footer: it is drawn whole,
/// wrapped, over the bottom rows instead (at most a third of the screen).
fn long_notice(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines: Vec<Line> = long_notice_lines(app, area)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.notice))
        .collect();
    if lines.is_empty() {
        return;
    }
    let height = lines.len() as u16;
    let rows = Rect {
        y: area.bottom().saturating_sub(height),
        height,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, rows);
    frame.render_widget(Paragraph::new(lines), rows);
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = Msg::TooSmall.fill(
        app.lang,
        &[
            &MIN_WIDTH.to_string(),
            &MIN_HEIGHT.to_string(),
            &area.width.to_string(),
            &area.height.to_string(),
        ],
    );
    // Vertically centre when there is room; a 1-row terminal still shows the start of it.
    let top = area.height.saturating_sub(2) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::from(text))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}

/// The rows of a notice too wide for the footer, as [`long_notice`] draws them (none for a
/// notice that fits): a screen that must not be covered keeps that many rows free.
fn long_notice_lines(app: &App, area: Rect) -> Vec<String> {
    match &app.notice {
        Some(notice) if notice.width() >= usize::from(area.width) => {
            wrap(notice, usize::from(area.width.saturating_sub(1)))
                .into_iter()
                .take(usize::from(area.height / 3).max(1))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The bottom line: a notice if there is one, else the key hints.
fn status_line<'a>(app: &'a App, hints: &'a str, theme: &Theme) -> Line<'a> {
    match &app.notice {
        Some(n) => Line::styled(n.as_str(), theme.notice),
        None => Line::styled(format!(" {hints}"), theme.dim),
    }
}

/// The header of a screen that is not a lesson or a drill: its title, then on the right the
/// session timer (while one runs) and the language.
fn title_bar(app: &App, title: &str, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut right = format!(" {} ", Msg::LanguageName.text(app.lang));
    if let Some(badge) = session_badge(app) {
        right = format!(" {badge} ·{right}");
    }
    let right_width = (right.width() as u16).min(area.width.saturating_sub(10));
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" meshlab ", theme.bar),
            Span::raw(" "),
            Span::styled(title.to_string(), theme.title),
        ]),
        left_area,
    );
    frame.render_widget(Line::styled(right, theme.dim), right_area);
}

/// The session timer for headers ("session: 24:10 left"), while a session runs.
fn session_badge(app: &App) -> Option<String> {
    let s = app.session.as_ref()?;
    let now = app.now();
    Some(if s.is_over(now) {
        Msg::SessionTimeUp.text(app.lang).to_string()
    } else {
        Msg::SessionLeft.fill(app.lang, &[&clock_text(s.remaining(now))])
    })
}

/// The progress and summary screens' areas: header, body (with a column of margin each side)
/// and status line.
fn page_areas(area: Rect) -> [Rect; 3] {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    [header, body, footer]
}

/// The lines of the progress or summary screen, whichever is open.
fn page_lines(app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    match (app.screen, app.ended.as_ref()) {
        (Screen::Progress, _) => progress::lines(app, width, theme),
        (Screen::Summary, Some(ended)) => summary::lines(app, ended, width, theme),
        _ => Vec::new(),
    }
}

/// Draws the progress or summary screen's lines from `app.page_top`, the last page full.
fn draw_page(app: &App, frame: &mut Frame, body: Rect, theme: &Theme) {
    let lines = page_lines(app, body.width, theme);
    let height = usize::from(body.height);
    let top = app.page_top.min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), body);
}

/// The progress or summary screen as (total lines, visible lines), for `update` to bound its
/// scrolling; `None` on other screens.
pub fn page_pane(app: &App) -> Option<(usize, usize)> {
    if !matches!(app.screen, Screen::Progress | Screen::Summary) {
        return None;
    }
    let [_, body, _] = page_areas(Rect::new(0, 0, app.width, app.height));
    let total = page_lines(app, body.width, &Theme::new(app.color)).len();
    Some((total, body.height.into()))
}

/// The help overlay as (total lines, visible lines), for `update` to bound its scrolling.
pub fn help_pane(app: &App) -> (usize, usize) {
    help::pane(app)
}

/// The investigation console's transcript as (total lines, visible lines), for `update` to
/// bound its scrolling. `None` when no console is there.
pub fn console_pane(app: &App) -> Option<(usize, usize)> {
    console::pane(app)
}

/// The investigation console's transcript as (widest line, visible columns), for `update` to
/// bound its sideways scrolling.
pub fn console_width(app: &App) -> Option<(usize, usize)> {
    console::width(app)
}

/// The drill screen's scrolling pane as (total lines, visible lines), for `update` to bound
/// the scroll the same way the screen will draw it. `None` when nothing scrolls.
pub fn drill_pane(app: &App) -> Option<(usize, usize)> {
    let area = Rect::new(0, 0, app.width, app.height);
    let theme = Theme::new(app.color);
    match app.drill.as_ref()?.report.as_ref() {
        None => Some(drill::prompt_pane(app, area, &theme)),
        Some(report) => result::pane(app, report, area, &theme).map(|(t, v, _)| (t, v)),
    }
}

/// The line of a graded drill's page where its probe list starts, when it has probes: picking
/// a probe scrolls there, so the list and the picked probe's path are in view together.
pub fn result_probes_line(app: &App) -> Option<usize> {
    let area = Rect::new(0, 0, app.width, app.height);
    let report = app.drill.as_ref()?.report.as_ref()?;
    result::pane(app, report, area, &Theme::new(app.color))?.2
}

/// `text` in at most `width` columns, ending in `…` when cut.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Greedy word wrap at `width` columns; a word longer than the width is cut. Control
/// characters are replaced, so text from a pack can never drive the terminal.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let word: String = word
            .chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        let w = word.width();
        if used > 0 && used + 1 + w <= width {
            line.push(' ');
            line.push_str(&word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped to `width` after a first-line prefix; later lines are indented by `indent`
/// so the text stays in one column.
fn wrapped(
    out: &mut Vec<Line<'static>>,
    prefix: Span<'static>,
    indent: Span<'static>,
    text: &str,
    style: Style,
    width: usize,
) {
    let first = width.saturating_sub(prefix.width()).max(1);
    let rest = width.saturating_sub(indent.width()).max(1);
    let mut pieces = wrap(text, first);
    // A hanging indent wider than the prefix leaves later lines less room: when one of them
    // would not fit, every line takes the narrower width.
    if pieces.iter().skip(1).any(|p| p.width() > rest) {
        pieces = wrap(text, first.min(rest));
    }
    for (i, piece) in pieces.into_iter().enumerate() {
        let lead = if i == 0 {
            prefix.clone()
        } else {
            indent.clone()
        };
        out.push(Line::from(vec![lead, Span::styled(piece, style)]));
    }
}

#[cfg(test)]
mod tests {
    use super::{wrap, wrapped};
    use ratatui::style::Style;
    use ratatui::text::Span;

    #[test]
    fn wrapped_lines_fit_after_a_hanging_indent_wider_than_the_prefix() {
        let mut out = Vec::new();
        let text = "aaaa bbbb cccc dddd";
        wrapped(
            &mut out,
            Span::raw(" "),
            Span::raw("   "),
            text,
            Style::new(),
            10,
        );
        assert!(out.len() > 1);
        assert!(out.iter().all(|l| l.width() <= 10), "{out:?}");
    }

    #[test]
    fn wrap_keeps_words_and_cuts_only_what_cannot_fit() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("a\x1b[2Jb", 20), ["a\u{FFFD}[2Jb"]);
    }
}
