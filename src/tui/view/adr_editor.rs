//! The ADR and manifest editor: the text (with line numbers, for the grader's `line:column`)
//! and, beside it on a wide terminal, the live Markdown preview scrolled to the section being
//! written (ADR) or the probes as they stood at the last save (manifest).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::drill::header;
use super::status_line;
use crate::content::render::{self, Document, RenderOptions};
use crate::drill::explain::{manifest_lines, probe_outcome};
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
    // A long notice (a saved draft's path) is drawn over the bottom rows: keep them free so it
    // never covers the problem.
    let notice_rows = super::long_notice_lines(app, area).len().max(1) as u16;
    let [head, body, problem_area, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(problem.len() as u16),
        Constraint::Length(notice_rows),
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
        if editor.is_manifest() {
            draw_probes_now(app, editor, frame, area, theme);
        } else {
            draw_preview(app, editor, frame, area, theme);
        }
    }
    let hints = if editor.is_manifest() {
        Msg::HintsManifestEditor
    } else {
        Msg::HintsAdrEditor
    };
    frame.render_widget(status_line(app, hints.text(app.lang), theme), footer);
}

fn draw_text(app: &App, editor: &AdrEditor, frame: &mut Frame, area: Rect, theme: &Theme) {
    let section = editor.section();
    let what = if editor.is_manifest() { "YAML" } else { "ADR" };
    let mut title = if section.is_empty() || editor.is_manifest() {
        format!(" {what} ")
    } else {
        format!(" {what} · {section} ")
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
    editor.highlight(frame.buffer_mut(), inner, &theme.syntax);
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

/// Manifest drills: each probe and requirement as the last save left it (✓ holds, ✗ broken,
/// `!` collateral damage), the loader's words about the file, or why it could not be loaded.
fn draw_probes_now(app: &App, editor: &AdrEditor, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(
            format!(" {} ", Msg::ManifestProbesNow.text(app.lang)),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.max(1));
    let wrap = |text: &str, style| -> Vec<Line<'static>> {
        super::wrap(text, width)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    let lines: Vec<Line> = match &editor.probes_now {
        None => wrap(Msg::ManifestProbesNowEmpty.text(app.lang), theme.dim),
        Some(Err(why)) => wrap(why, theme.broke),
        Some(Ok(report)) => {
            let mut lines = Vec::new();
            let manifest = report.manifest();
            for (i, p) in report.probes.iter().enumerate() {
                let collateral = manifest.is_some_and(|m| m.is_collateral(i, p.held));
                let (mark, style) = match (p.held, collateral) {
                    (true, _) => ("✓", theme.held),
                    (false, true) => ("!", theme.broke),
                    (false, false) => ("✗", theme.broke),
                };
                let text = format!("{mark} {}: {}", p.name, probe_outcome(p, app.lang));
                lines.extend(wrap(&text, style));
            }
            for line in manifest
                .map(|m| manifest_lines(m, app.lang))
                .unwrap_or_default()
            {
                lines.extend(wrap(&line, theme.dim));
            }
            lines
        }
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
