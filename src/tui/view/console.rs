//! A diagnose drill with its investigation console open: the transcript of the commands run
//! against the drill's cluster, the Tab candidates, and the command line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::drill::header;
use super::{status_line, wrapped};
use crate::i18n::{Lang, Msg};
use crate::sim::tools;
use crate::tui::app::App;
use crate::tui::console::{Console, Entry};
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
    let lines = transcript(app.lang, c, inner.width, theme);
    let height = usize::from(inner.height);
    let top = lines
        .len()
        .saturating_sub(height)
        .saturating_sub(c.back.min(lines.len().saturating_sub(height)));
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
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

/// (total lines, visible lines) of the transcript, for `update` to bound its scrolling the way
/// the screen draws it.
pub fn pane(app: &App) -> Option<(usize, usize)> {
    let c = app.drill.as_ref()?.console.as_ref()?;
    let area = Rect::new(0, 0, app.width, app.height);
    let inner = Block::new()
        .borders(Borders::TOP)
        .inner(areas(app.lang, c, area).transcript);
    let total = transcript(app.lang, c, inner.width, &Theme::new(app.color)).len();
    Some((total, inner.height.into()))
}

/// The transcript as lines, in the current language; before the first command, how to start.
fn transcript(lang: Lang, c: &Console, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut out = Vec::new();
    if c.transcript.is_empty() {
        wrapped(
            &mut out,
            Span::raw(" "),
            Span::raw(" "),
            Msg::ConsoleIntro.text(lang),
            theme.dim,
            width,
        );
        return out;
    }
    for (i, entry) in c.transcript.iter().enumerate() {
        match entry {
            Entry::Command(line) => {
                if i > 0 {
                    out.push(Line::raw(""));
                }
                out.push(Line::styled(
                    format!("{PROMPT}{}", printable(line)),
                    theme.title,
                ));
            }
            // Command output is columns: cut at the edge rather than wrapped, so they line up.
            Entry::Output(text) => out.extend(text.lines().map(|l| Line::raw(printable(l)))),
            Entry::Unknown(line) => {
                let msg = Msg::UnknownCommand.fill(lang, &[&printable(line)]);
                wrapped(
                    &mut out,
                    Span::raw(""),
                    Span::raw(""),
                    &msg,
                    theme.notice,
                    width,
                );
                for cmd in tools::COMMANDS {
                    out.push(Line::styled(format!("  {cmd}"), theme.dim));
                }
            }
            Entry::Unavailable(why) => wrapped(
                &mut out,
                Span::raw(""),
                Span::raw(""),
                &Msg::ConsoleUnavailable.fill(lang, &[&crate::i18n::messages::localize(why, lang)]),
                theme.notice,
                width,
            ),
        }
    }
    out
}

/// The commands Tab could complete to, when there are several.
fn candidates(lang: Lang, c: &Console, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if c.candidates.is_empty() {
        return out;
    }
    wrapped(
        &mut out,
        Span::styled(
            format!(" {} ", Msg::ConsoleCandidates.text(lang)),
            theme.dim,
        ),
        Span::raw("      "),
        &c.candidates.join(" · "),
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
