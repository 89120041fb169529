//! The ADR editor: the text (with line numbers, for the grader's `line:column`) and, beside it
//! on a wide terminal, the live Markdown preview scrolled to the section being written.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::drill::header;
use super::status_line;
use crate::content::render::{self, Document, RenderOptions};
use crate::i18n::Msg;
use crate::tui::adr_editor::{AdrEditor, Panes};
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (Some(ex), Some(editor)) = (
        app.exercise(),
        app.drill.as_ref().and_then(|d| d.adr.as_ref()),
    ) else {
        return;
    };
    // What the last grading could not read stays in view above the footer (at most a third
    // of the screen), whatever notice the footer shows meanwhile.
    let problem: Vec<Line> = editor
        .problem
        .as_deref()
        .map(|p| super::wrap(p, area.width.saturating_sub(1).into()))
        .unwrap_or_default()
        .into_iter()
        .take(usize::from(area.height / 3))
        .map(|l| Line::styled(format!(" {l}"), theme.broke))
        .collect();
    let [head, body, problem_area, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(problem.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(problem), problem_area);
    header(app, ex, frame, head, theme);
    let (text, preview) = match editor.panes(body.width) {
        Panes::Both => {
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Min(1)]).areas(body);
            (Some(l), Some(r))
        }
        Panes::Text => (Some(body), None),
        Panes::Preview => (None, Some(body)),
    };
    if let Some(area) = text {
        draw_text(app, editor, frame, area, theme);
    }
    if let Some(area) = preview {
        draw_preview(app, editor, frame, area, theme);
    }
    frame.render_widget(
        status_line(app, Msg::HintsAdrEditor.text(app.lang), theme),
        footer,
    );
}

fn draw_text(app: &App, editor: &AdrEditor, frame: &mut Frame, area: Rect, theme: &Theme) {
    let section = editor.section();
    let mut title = if section.is_empty() {
        " ADR ".to_string()
    } else {
        format!(" ADR · {section} ")
    };
    if editor.dirty() {
        title.push_str(&format!("· ● {} ", Msg::AdrUnsaved.text(app.lang)));
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(editor.widget(), inner);
}

/// The record as the reader would render it, from the heading of the cursor's section (so the
/// part being written is always in view).
fn draw_preview(app: &App, editor: &AdrEditor, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(
            format!(" {} ", Msg::AdrPreview.text(app.lang)),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = editor.text();
    let doc = Document::parse(&text);
    let section = editor.section();
    let heading = doc
        .headings()
        .iter()
        .position(|h| h.level == 2 && h.text == section);
    let rendered = render::layout(&doc, RenderOptions::new(inner.width, app.color, app.lang));
    let top = heading
        .and_then(|h| rendered.heading_lines.get(h).copied())
        .unwrap_or(0);
    let lines: Vec<Line> = rendered
        .lines
        .into_iter()
        .skip(top)
        .take(inner.height.into())
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
