//! The reader: lesson text, an optional table of contents, search highlighting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::status_line;
use crate::i18n::Msg;
use crate::tui::app::{App, Focus, Laid};
use crate::tui::next::end_offer;
use crate::tui::search::Match;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let Some(laid) = app.laid() else {
        return;
    };
    draw_header(app, frame, header, &laid, theme);

    let text_area = if app.reader.toc_open {
        let [toc, text] =
            Layout::horizontal([Constraint::Length(app.toc_width()), Constraint::Min(1)])
                .areas(body);
        draw_toc(app, frame, toc, theme);
        text
    } else {
        body
    };
    draw_text(app, frame, text_area, &laid, theme);
    draw_footer(app, frame, footer, theme);
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect, laid: &Laid, theme: &Theme) {
    let title = app
        .lesson(app.reader.lesson)
        .map(|l| format!("{}. {}", l.section, l.text(app.lang).title))
        .unwrap_or_default();
    let total = laid.rendered.lines.len().max(1);
    let seen = (app.reader.top + app.page_height()).min(total);
    let right = format!(
        " {} · {:>3}% ",
        Msg::LanguageName.text(app.lang),
        seen * 100 / total
    );
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(right.chars().count() as u16),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" meshlab ", theme.bar),
            Span::raw(" "),
            Span::styled(title, theme.title),
        ]),
        left_area,
    );
    frame.render_widget(Line::styled(right, theme.dim), right_area);
}

fn draw_toc(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(lesson) = app.lesson(app.reader.lesson) else {
        return;
    };
    let items: Vec<ListItem> = lesson
        .text(app.lang)
        .doc
        .headings()
        .iter()
        .map(|h| {
            let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)));
            ListItem::new(format!("{indent}{}", h.text))
        })
        .collect();
    let focused = app.reader.focus == Focus::Toc;
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Line::styled(Msg::TocTitle.text(app.lang), theme.title));
    let mut state = ListState::default().with_selected(Some(app.reader.toc_selected));
    let highlight = if focused { theme.selected } else { theme.title };
    frame.render_stateful_widget(
        List::new(items).block(block).highlight_style(highlight),
        area,
        &mut state,
    );
}

fn draw_text(app: &App, frame: &mut Frame, area: Rect, laid: &Laid, theme: &Theme) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2).min(app.text_width()),
        ..area
    };
    let search = &app.reader.search;
    let current = search.current_match();
    let lines: Vec<Line> = laid
        .rendered
        .lines
        .iter()
        .enumerate()
        .skip(app.reader.top)
        .take(usize::from(inner.height))
        .map(|(i, line)| {
            let on_line: Vec<(Match, Style)> = search
                .matches
                .iter()
                .filter(|m| m.line == i)
                .map(|m| {
                    let style = if Some(*m) == current {
                        theme.matched_current
                    } else {
                        theme.matched
                    };
                    (*m, style)
                })
                .collect();
            let line = if on_line.is_empty() {
                line.clone()
            } else {
                highlight(line, &on_line)
            };
            // Prose fits the column; code is laid out whole and shown through a window.
            match laid.rendered.code_prefix(i) {
                Some(prefix) => window(
                    &line,
                    prefix,
                    app.reader.left,
                    usize::from(inner.width),
                    theme.dim,
                ),
                None => line,
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A code line seen through the pane: its first `prefix` columns (quote bar, indent) in place,
/// then its code from column `prefix + left`, `width` columns in all. A `‹` after the prefix
/// says there is more to the left, a `›` in the last column that there is more to the right.
fn window(
    line: &Line<'static>,
    prefix: usize,
    left: usize,
    width: usize,
    mark: Style,
) -> Line<'static> {
    let total = line.width();
    if left == 0 && total <= width {
        return line.clone();
    }
    let prefix = prefix.min(width.saturating_sub(2));
    let more_left = left > 0;
    let more_right = total > left + width;
    // The code columns shown between the marks: [lo, hi).
    let lo = prefix + left + usize::from(more_left);
    let hi = (left + width).saturating_sub(usize::from(more_right));
    let (mut head, mut body) = (Vec::new(), Vec::new());
    let mut col = 0;
    for span in &line.spans {
        for g in span.content.graphemes(true) {
            let w = g.width();
            if col + w <= prefix {
                push(&mut head, g, span.style);
            } else if col >= lo && col + w <= hi {
                push(&mut body, g, span.style);
            } else if col < lo && col + w > lo {
                // A wide character cut by the left edge leaves its visible part blank.
                push(&mut body, &" ".repeat(col + w - lo), span.style);
            }
            col += w;
        }
    }
    if more_left {
        head.push(Span::styled("‹", mark));
    }
    head.extend(body);
    if more_right {
        let shown: usize = head.iter().map(Span::width).sum();
        head.push(Span::raw(" ".repeat(width.saturating_sub(shown + 1))));
        head.push(Span::styled("›", mark));
    }
    Line::from(head).style(line.style)
}

/// Appends `text`, extending the last span when the style is the same.
fn push(spans: &mut Vec<Span<'static>>, text: &str, style: Style) {
    match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(text),
        _ => spans.push(Span::styled(text.to_owned(), style)),
    }
}

/// Re-styles the characters of `line` that fall inside the matches.
fn highlight(line: &Line<'static>, matches: &[(Match, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut col = 0;
    for span in &line.spans {
        for ch in span.content.chars() {
            let style = matches
                .iter()
                .find(|(m, _)| (m.start..m.end).contains(&col))
                .map_or(span.style, |(_, s)| span.style.patch(*s));
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push(ch),
                _ => spans.push(Span::styled(ch.to_string(), style)),
            }
            col += 1;
        }
    }
    Line::from(spans).style(line.style)
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let search = &app.reader.search;
    let line = if let Some(q) = &search.editing {
        Line::from(vec![
            Span::styled(Msg::SearchPrompt.text(app.lang), theme.title),
            Span::raw(q.as_str()),
            Span::styled("█", theme.dim),
            Span::styled(format!("   {}", Msg::HintsSearch.text(app.lang)), theme.dim),
        ])
    } else if !search.query.is_empty() && app.notice.is_none() {
        let text = if search.matches.is_empty() {
            Msg::SearchNoMatch.fill(app.lang, &[&search.query])
        } else {
            Msg::SearchPosition.fill(
                app.lang,
                &[
                    &search.query,
                    &(search.current + 1).to_string(),
                    &search.matches.len().to_string(),
                ],
            )
        };
        Line::styled(format!(" {text}"), theme.notice)
    } else if let Some(offer) =
        end_offer(app, usize::from(area.width)).filter(|_| app.notice.is_none())
    {
        // At the end of a section: where to go next, and its drills.
        Line::styled(format!(" {offer}"), theme.notice)
    } else {
        let hints = match app.reader.focus {
            // Code wider than the pane is on screen: say how to see the rest of it.
            Focus::Text if app.max_left() > 0 => Msg::HintsReaderCode,
            Focus::Text => Msg::HintsReader,
            Focus::Toc => Msg::HintsToc,
        };
        status_line(app, hints.text(app.lang), theme)
    };
    frame.render_widget(line, area);
}
