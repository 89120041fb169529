//! The home screen: two lists behind tabs, the lessons with their read state and the drills.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{drill_list, status_line};
use crate::i18n::Msg;
use crate::tui::app::{App, Tab};
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

    let [tabs_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    frame.render_widget(tabs(app, theme), tabs_area);
    let hints = match app.tab {
        Tab::Lessons => {
            lessons(app, frame, list_area, theme);
            Msg::HintsHome
        }
        Tab::Drills => {
            drill_list::draw(app, frame, list_area, theme);
            // `[ ]` only says something once there is another pack to go to.
            if app.packs.listed().len() > 1 {
                Msg::HintsHomePacks
            } else {
                Msg::HintsHomeDrills
            }
        }
    };
    frame.render_widget(status_line(app, hints.text(app.lang), theme), footer);
}

/// `1 Lessons  2 Drills`, the current one highlighted, then the legend of the current list.
fn tabs<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let tab = |n: u8, msg: Msg, this: Tab| {
        let style = if app.tab == this {
            theme.selected
        } else {
            theme.dim
        };
        Span::styled(format!(" {n} {} ", msg.text(app.lang)), style)
    };
    let legend = match app.tab {
        Tab::Lessons => Msg::HomeLegend,
        Tab::Drills => Msg::DrillsLegend,
    };
    Line::from(vec![
        Span::raw(" "),
        tab(1, Msg::HomeTitle, Tab::Lessons),
        Span::raw(" "),
        tab(2, Msg::TabDrills, Tab::Drills),
        Span::styled(
            format!(
                "  {} · {}",
                legend.text(app.lang),
                Msg::LanguageName.text(app.lang)
            ),
            theme.dim,
        ),
    ])
}

fn lessons(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
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
    let mut state = ListState::default().with_selected(Some(app.selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected),
        area,
        &mut state,
    );
}
