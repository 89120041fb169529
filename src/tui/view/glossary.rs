//! The glossary: the course's terms in the reader's language beside the other one, the selected
//! term's definition in both, and a search that narrows the list as it is typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{status_line, title_bar, wrapped};
use crate::content::glossary::{Glossary, Term};
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// From this width the definition sits beside the list instead of under it.
const SIDE_BY_SIDE: u16 = 100;
/// Lines kept for the definition under the list on a narrow terminal.
const DETAIL_LINES: u16 = 9;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let lang = app.lang;
    let glossary = match Glossary::builtin() {
        Ok(g) => g,
        Err(e) => {
            title_bar(app, Msg::GlossaryTitle.text(lang), frame, header, theme);
            let text = Msg::GlossaryUnreadable.fill(lang, &[&e.to_string()]);
            frame.render_widget(Paragraph::new(Line::styled(text, theme.notice)), body);
            return;
        }
    };
    let state = &app.glossary;
    let terms = state.terms(lang);
    let total = glossary.terms.len().to_string();
    let title = if state.query.is_empty() {
        format!(
            "{} · {}",
            Msg::GlossaryTitle.text(lang),
            Msg::GlossaryCount.fill(lang, &[&total])
        )
    } else {
        let shown = terms.len().to_string();
        format!(
            "{} · {}",
            Msg::GlossaryTitle.text(lang),
            Msg::GlossaryFiltered.fill(lang, &[&shown, &total, &state.query])
        )
    };
    title_bar(app, &title, frame, header, theme);

    let (list_area, detail_area) = if body.width >= SIDE_BY_SIDE {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Min(1)]).areas(body);
        (list, detail)
    } else {
        let detail = DETAIL_LINES.min(body.height / 2);
        let [list, detail] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(detail)]).areas(body);
        (list, detail)
    };
    let selected = state.selected.min(terms.len().saturating_sub(1));
    draw_list(app, frame, list_area, &terms, selected, theme);
    let side = body.width >= SIDE_BY_SIDE;
    let block = if side {
        Block::new().borders(Borders::LEFT)
    } else {
        Block::new().borders(Borders::TOP)
    }
    .border_style(theme.border);
    let inner = block.inner(detail_area);
    frame.render_widget(block, detail_area);
    let detail = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let lines = match terms.get(selected) {
        Some(term) => detail_lines(app, term, detail.width.into(), theme),
        None => vec![Line::styled(
            Msg::GlossaryNoMatch.fill(lang, &[&state.query]),
            theme.notice,
        )],
    };
    frame.render_widget(Paragraph::new(lines), detail);
    draw_footer(app, frame, footer, theme);
}

/// One row per term: its name in the reader's language, then the other language's name (or
/// that Indonesian keeps the English word).
fn draw_list(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    terms: &[&Term],
    selected: usize,
    theme: &Theme,
) {
    let lang = app.lang;
    let column = terms
        .iter()
        .map(|t| t.name(lang).width())
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width) / 2);
    let items: Vec<ListItem> = terms
        .iter()
        .map(|t| {
            let name = t.name(lang);
            let pad = column.saturating_sub(name.width());
            let other = if t.kept_in_english() {
                Msg::GlossaryKeptShort.text(lang)
            } else {
                t.name(lang.other())
            };
            ListItem::new(Line::from(vec![
                Span::raw(format!(" {name}{}  ", " ".repeat(pad))),
                Span::styled(other.to_string(), theme.dim),
            ]))
        })
        .collect();
    let mut list_state =
        ListState::default().with_selected((!terms.is_empty()).then_some(selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected),
        area,
        &mut list_state,
    );
}

/// The selected term: its names, its definition in the reader's language and in the other,
/// and the Indonesian forms the lessons use or avoid.
fn detail_lines(app: &App, term: &Term, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut out = vec![Line::styled(term.name(lang).to_string(), theme.title)];
    let other = if term.kept_in_english() {
        Msg::GlossaryKept.text(lang).to_string()
    } else {
        Msg::GlossaryOtherName.fill(lang, &[term.name(lang.other())])
    };
    let none = Span::raw("");
    wrapped(
        &mut out,
        none.clone(),
        none.clone(),
        &other,
        theme.dim,
        width,
    );
    out.push(Line::raw(""));
    let definition = term.definition.get(lang);
    wrapped(
        &mut out,
        none.clone(),
        none.clone(),
        &definition,
        ratatui::style::Style::new(),
        width,
    );
    let tag = Span::styled(
        format!("{} · ", lang.other().code().to_uppercase()),
        theme.dim,
    );
    let indent = Span::raw(" ".repeat(tag.width()));
    wrapped(
        &mut out,
        tag,
        indent,
        &term.definition.get(lang.other()),
        theme.dim,
        width,
    );
    let list = |forms: &[String]| forms.join(", ");
    if !term.also.is_empty() {
        let text = Msg::GlossaryAlso.fill(lang, &[&list(&term.also)]);
        wrapped(
            &mut out,
            none.clone(),
            none.clone(),
            &text,
            theme.dim,
            width,
        );
    }
    if !term.avoid.is_empty() {
        let text = Msg::GlossaryAvoid.fill(lang, &[&list(&term.avoid)]);
        wrapped(&mut out, none.clone(), none, &text, theme.dim, width);
    }
    out
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let state = &app.glossary;
    let line = if state.editing {
        Line::from(vec![
            Span::styled(Msg::SearchPrompt.text(app.lang), theme.title),
            Span::raw(state.query.clone()),
            Span::styled("█", theme.dim),
            Span::styled(
                format!("   {}", Msg::HintsGlossarySearch.text(app.lang)),
                theme.dim,
            ),
        ])
    } else {
        status_line(app, Msg::HintsGlossary.text(app.lang), theme)
    };
    frame.render_widget(line, area);
}
