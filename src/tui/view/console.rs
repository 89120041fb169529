//! A diagnose or audit drill with its investigation console open: the transcript of the
//! commands run against the drill's cluster, the Tab candidates, and the command line.
//!
//! Tool output is columns: its lines are never wrapped (that would break the columns) nor cut
//! for good: a line wider than the pane ends in `›`, and ←/→ scroll the transcript sideways
//! (`‹` marks a line scrolled from its start). meshlab's own messages wrap at words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::drill::header;
use super::{status_line, wrapped};
use crate::i18n::{Lang, Msg, console as words};
use crate::tui::app::App;
use crate::tui::console::{Console, Entry, found_words};
use crate::tui::theme::Theme;

const PROMPT: &str = "$ ";

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (Some(ex), Some(c)) = (
        app.exercise(),
        app.drill.as_ref().and_then(|d| d.console.as_ref()),
    ) else {
        return;
    };
    let a = areas(app.lang, c, area);
    header(app, ex, frame, a.header, theme);

    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border_focused)
        .title(Line::styled(
            format!(" {} ", Msg::ConsoleTitle.text(app.lang)),
            theme.title,
        ));
    let inner = block.inner(a.transcript);
    frame.render_widget(block, a.transcript);
    let rows = transcript(app, c, inner.width, theme);
    let height = usize::from(inner.height);
    let top = rows
        .len()
        .saturating_sub(height)
        .saturating_sub(c.back.min(rows.len().saturating_sub(height)));
    let visible: Vec<Line> = rows
        .into_iter()
        .skip(top)
        .take(height)
        .map(|r| r.line(c.hscroll, usize::from(inner.width), theme))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);

    frame.render_widget(
        Paragraph::new(candidates(app.lang, c, a.candidates.width, theme)),
        a.candidates,
    );
    frame.render_widget(input_line(c, a.input.width, theme), a.input);
    frame.render_widget(
        status_line(app, Msg::HintsConsole.text(app.lang), theme),
        a.footer,
    );
}

/// A transcript row: a line of columns (sideways-scrolled, never wrapped), or a line of
/// meshlab's words, wrapped already.
enum Row {
    Columns(String, Style),
    Words(Line<'static>),
}

impl Row {
    fn width(&self) -> usize {
        match self {
            Row::Columns(s, _) => s.width(),
            Row::Words(l) => l.width(),
        }
    }

    /// The row as drawn `from` columns to the right in a pane `width` wide.
    fn line(self, from: usize, width: usize, theme: &Theme) -> Line<'static> {
        let (text, style) = match self {
            Row::Words(l) => return l,
            Row::Columns(s, style) => (s, style),
        };
        if from == 0 && text.width() <= width {
            return Line::styled(text, style);
        }
        let mut spans = Vec::new();
        let mut room = width;
        if from > 0 && text.width() > 0 {
            spans.push(Span::styled("‹", theme.dim));
            room = room.saturating_sub(1);
        }
        let mut col = 0;
        let mut shown = String::new();
        let mut used = 0;
        let mut cut = false;
        for ch in text.chars() {
            let w = ch.width().unwrap_or(0);
            if col < from {
                col += w;
                continue;
            }
            if used + w > room.saturating_sub(1) && col + w < text.width() {
                cut = true;
                break;
            }
            shown.push(ch);
            used += w;
            col += w;
        }
        spans.push(Span::styled(shown, style));
        if cut {
            spans.push(Span::styled("›", theme.dim));
        }
        Line::from(spans)
    }
}

struct Areas {
    header: Rect,
    transcript: Rect,
    candidates: Rect,
    input: Rect,
    footer: Rect,
}

/// The candidates take the rows they need, up to a third of the body; the transcript the rest.
fn areas(lang: Lang, c: &Console, area: Rect) -> Areas {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let wanted = candidates(lang, c, body.width, &Theme::new(false)).len() as u16;
    let [transcript, candidates, input] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(wanted.min(body.height / 3)),
        Constraint::Length(1),
    ])
    .areas(body);
    Areas {
        header,
        transcript,
        candidates,
        input,
        footer,
    }
}

fn inner_transcript(app: &App, c: &Console) -> Rect {
    let area = Rect::new(0, 0, app.width, app.height);
    Block::new()
        .borders(Borders::TOP)
        .inner(areas(app.lang, c, area).transcript)
}

/// (total lines, visible lines) of the transcript, for `update` to bound its scrolling the way
/// the screen draws it.
pub fn pane(app: &App) -> Option<(usize, usize)> {
    let c = app.drill.as_ref()?.console.as_ref()?;
    let inner = inner_transcript(app, c);
    let total = transcript(app, c, inner.width, &Theme::new(app.color)).len();
    Some((total, inner.height.into()))
}

/// (widest line, visible columns) of the transcript, for sideways scrolling.
pub fn width(app: &App) -> Option<(usize, usize)> {
    let c = app.drill.as_ref()?.console.as_ref()?;
    let inner = inner_transcript(app, c);
    let widest = transcript(app, c, inner.width, &Theme::new(app.color))
        .iter()
        .map(Row::width)
        .max()
        .unwrap_or(0);
    // One column goes to the `‹` marker once scrolled.
    Some((widest + 2, inner.width.into()))
}

fn words_rows(out: &mut Vec<Row>, text: &str, style: Style, width: usize) {
    let mut lines = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        let indent = if i == 0 { "" } else { "  " };
        wrapped(
            &mut lines,
            Span::raw(indent),
            Span::raw(indent),
            para.trim_start(),
            style,
            width,
        );
    }
    out.extend(lines.into_iter().map(Row::Words));
}

/// The transcript as rows, in the current language; before the first command, how to start
/// and the drill's note.
fn transcript(app: &App, c: &Console, width: u16, theme: &Theme) -> Vec<Row> {
    let lang = app.lang;
    let width = usize::from(width);
    let mut out = Vec::new();
    if let Some(note) = app
        .exercise()
        .and_then(|ex| ex.investigation.as_ref())
        .and_then(|inv| inv.note.as_ref())
    {
        words_rows(
            &mut out,
            &format!(
                "{} {}",
                Msg::ConsoleDrillNote.text(lang),
                printable(&note.get(lang))
            ),
            theme.notice,
            width,
        );
    }
    if c.transcript.is_empty() {
        words_rows(&mut out, Msg::ConsoleIntro.text(lang), theme.dim, width);
        return out;
    }
    for (i, entry) in c.transcript.iter().enumerate() {
        match entry {
            Entry::Command(line) => {
                if i > 0 || !out.is_empty() {
                    out.push(Row::Words(Line::raw("")));
                }
                // The command stays in view whatever the sideways scroll: it wraps instead.
                words_rows(
                    &mut out,
                    &format!("{PROMPT}{}", printable(line)),
                    theme.title,
                    width,
                );
            }
            Entry::Output {
                stdout,
                stderr,
                supported,
            } => {
                out.extend(
                    stdout
                        .lines()
                        .map(|l| Row::Columns(printable(l), Style::default())),
                );
                out.extend(
                    stderr
                        .lines()
                        .map(|l| Row::Columns(printable(l), theme.notice)),
                );
                if let Some(s) = words::supported(lang, supported) {
                    words_rows(&mut out, &s, theme.dim, width);
                }
            }
            Entry::Note(note) => {
                let text = words::note(lang, note);
                let mut parts = text.splitn(2, '\n');
                let head = parts.next().unwrap_or_default();
                words_rows(&mut out, head, theme.notice, width);
                // The help list is command syntax: columns, not words.
                if let Some(rest) = parts.next() {
                    out.extend(rest.lines().map(|l| Row::Columns(l.to_owned(), theme.dim)));
                }
            }
            Entry::Unavailable(why) => words_rows(
                &mut out,
                &Msg::ConsoleUnavailable.fill(lang, &[&crate::i18n::messages::localize(why, lang)]),
                theme.notice,
                width,
            ),
            Entry::Saved(path) => {
                words_rows(
                    &mut out,
                    &Msg::ConsoleSaved.fill(lang, &[path]),
                    theme.dim,
                    width,
                );
            }
            Entry::Failed(why) => words_rows(&mut out, why, theme.notice, width),
            Entry::Found { .. } => {
                words_rows(&mut out, &found_words(entry, lang), theme.title, width)
            }
            Entry::FoundRefused(_) => {
                words_rows(&mut out, &found_words(entry, lang), theme.notice, width)
            }
        }
    }
    out
}

/// The words Tab could complete to, when there are several.
fn candidates(lang: Lang, c: &Console, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if c.candidates.is_empty() {
        return out;
    }
    let shown: Vec<String> = c.candidates.iter().map(|s| printable(s)).collect();
    wrapped(
        &mut out,
        Span::styled(
            format!(" {} ", Msg::ConsoleCandidates.text(lang)),
            theme.dim,
        ),
        Span::raw("      "),
        &shown.join(" · "),
        theme.dim,
        usize::from(width),
    );
    out
}

/// `$ ` and what is typed, with a block cursor; a line wider than the pane shows its end.
fn input_line(c: &Console, width: u16, theme: &Theme) -> Line<'static> {
    let room = usize::from(width).saturating_sub(PROMPT.len() + 1);
    let typed = printable(&c.input);
    let mut used = 0;
    let mut start = typed.len();
    for (i, ch) in typed.char_indices().rev() {
        used += ch.width().unwrap_or(0);
        if used > room {
            break;
        }
        start = i;
    }
    Line::from(vec![
        Span::styled(PROMPT, theme.title),
        Span::raw(typed[start..].to_string()),
        Span::styled("█", theme.dim),
    ])
}

/// Text from a pack (pod names, a typed line) with control characters replaced, so it can
/// never drive the terminal; tabs become spaces.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}
