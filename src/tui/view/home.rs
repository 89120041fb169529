//! The home screen: two lists behind tabs, the lessons with their read state and the drills.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::{drill_list, status_line};
use crate::i18n::Msg;
use crate::tui::app::{App, Tab};
use crate::tui::drill_list as list_model;
use crate::tui::next;
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

    // The drill list says how it is ordered and filtered on a line of its own.
    let view_rows = u16::from(app.tab == Tab::Drills);
    let [tabs_area, next_area, view_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(view_rows),
        Constraint::Min(1),
    ])
    .areas(body);
    frame.render_widget(tabs(app, tabs_area.width, theme), tabs_area);
    frame.render_widget(
        Line::styled(format!(" {}", next::line(app)), theme.notice),
        next_area,
    );
    let hints = match app.tab {
        Tab::Lessons => {
            lessons(app, frame, list_area, theme);
            Msg::HintsHome
        }
        Tab::Drills => {
            frame.render_widget(list_view(app, theme), view_area);
            drill_list::draw(app, frame, list_area, theme);
            // `[ ]` only says something once there is another pack to go to.
            if app.packs.listed().len() > 1 {
                Msg::HintsHomePacks
            } else {
                Msg::HintsHomeDrills
            }
        }
    };
    let footer_line = match &app.list.editing {
        Some(words) if app.tab == Tab::Drills => Line::from(vec![
            Span::styled(Msg::DrillsWordsPrompt.text(app.lang), theme.title),
            Span::raw(words.clone()),
            Span::styled("█", theme.dim),
            Span::styled(
                format!("   {}", Msg::HintsDrillsWords.text(app.lang)),
                theme.dim,
            ),
        ]),
        _ => status_line(app, hints.text(app.lang), theme),
    };
    frame.render_widget(footer_line, footer);
}

/// "order: lesson (o) · status: all (f) · words: — (/)", and the section the list is
/// narrowed to.
fn list_view<'a>(app: &App, theme: &Theme) -> Line<'a> {
    let lang = app.lang;
    let v = &app.list;
    let standing = v.standing.map_or(Msg::DrillsAll.text(lang), |m| {
        list_model::mark_label(m, lang)
    });
    let words = if v.words.trim().is_empty() {
        Msg::DrillsNoWords.text(lang).to_string()
    } else {
        v.words.trim().to_string()
    };
    let mut text = Msg::DrillsView.fill(lang, &[v.order.label(lang), standing, &words]);
    if let Some(slug) = &v.lesson {
        let section = app
            .lesson_index(slug)
            .and_then(|i| app.lesson(i))
            .map_or(slug.clone(), |l| l.section.to_string());
        text = format!(
            "{} · {text}",
            Msg::DrillsLessonFilter.fill(lang, &[&section])
        );
    }
    let style = if v.filtered() {
        theme.notice
    } else {
        theme.dim
    };
    Line::styled(format!(" {text}"), style)
}

/// `1 Lessons  2 Drills`, the current one highlighted, then the legend of the current list.
fn tabs<'a>(app: &App, width: u16, theme: &Theme) -> Line<'a> {
    let tab = |n: u8, msg: Msg, this: Tab| {
        let style = if app.tab == this {
            theme.selected
        } else {
            theme.dim
        };
        Span::styled(format!(" {n} {} ", msg.text(app.lang)), style)
    };
    // The lessons' legend; the drills' standing ("12 of 47 passed · 6 due") and legend.
    let legend = match app.tab {
        Tab::Lessons => Msg::HomeLegend.text(app.lang).to_string(),
        Tab::Drills => {
            let (passed, total, due) = list_model::counts(app);
            let count = Msg::DrillsCount.fill(
                app.lang,
                &[&passed.to_string(), &total.to_string(), &due.to_string()],
            );
            // The marks' legend when it fits; the marks are in the help too.
            let with_legend = format!("{count} · {}", Msg::DrillsLegend.text(app.lang));
            let used = 4
                + 2
                + Msg::HomeTitle.text(app.lang).width()
                + 4
                + Msg::TabDrills.text(app.lang).width()
                + 3
                + 2
                + Msg::LanguageName.text(app.lang).width();
            if used + with_legend.width() <= usize::from(width) {
                with_legend
            } else {
                count
            }
        }
    };
    Line::from(vec![
        Span::raw(" "),
        tab(1, Msg::HomeTitle, Tab::Lessons),
        Span::raw(" "),
        tab(2, Msg::TabDrills, Tab::Drills),
        Span::styled(
            format!("  {legend} · {}", Msg::LanguageName.text(app.lang)),
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
