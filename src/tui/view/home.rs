//! The home screen: the lessons with their read state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::status_line;
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let part_title = app
        .catalog
        .parts
        .first()
        .map(|p| format!("Part {:03} — {}", p.number, p.title.get(app.lang)))
        .unwrap_or_default();
    frame.render_widget(
        Line::from(vec![
            Span::styled(" meshlab ", theme.bar),
            Span::raw(" "),
            Span::styled(part_title, theme.title),
        ]),
        header,
    );

    let items: Vec<ListItem> = app
        .catalog
        .lessons()
        .map(|l| {
            let read = app.reading.read.contains(&l.slug);
            let mark = if read { "●" } else { "○" };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {mark} "), theme.read_mark),
                Span::raw(format!("{:>2}. {}", l.section, l.text(app.lang).title)),
            ]))
        })
        .collect();
    let title = format!(
        " {} · {} · {}",
        Msg::HomeTitle.text(app.lang),
        Msg::HomeLegend.text(app.lang),
        Msg::LanguageName.text(app.lang)
    );
    let [legend, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    frame.render_widget(Line::styled(title, theme.dim), legend);
    let mut state = ListState::default().with_selected(Some(app.selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected),
        list_area,
        &mut state,
    );
    frame.render_widget(
        status_line(app, Msg::HintsHome.text(app.lang), theme),
        footer,
    );
}
