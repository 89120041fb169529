//! The home screen's drill list: each exercise of the pack with its kind, difficulty and title.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::drill::stars;
use crate::drill::exercise::Kind;
use crate::drill::explain::kind_label;
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    if app.pack.exercises.is_empty() {
        frame.render_widget(
            Line::styled(format!(" {}", Msg::NoDrills.text(app.lang)), theme.dim),
            area,
        );
        return;
    }
    // Kinds padded to the longest name in this language, so the titles line up.
    let kind_width = [Kind::EnforcementPoint, Kind::Diagnose, Kind::RetryBudget]
        .iter()
        .map(|k| kind_label(*k, app.lang).width())
        .max()
        .unwrap_or(0);
    let items: Vec<ListItem> = app
        .pack
        .exercises
        .iter()
        .map(|ex| {
            let kind = kind_label(ex.kind, app.lang);
            let pad = " ".repeat(kind_width.saturating_sub(kind.width()));
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {kind}{pad}  "), theme.dim),
                Span::styled(format!("{}  ", stars(ex.difficulty)), theme.read_mark),
                Span::raw(ex.title.get(app.lang).to_string()),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.drill_selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected),
        area,
        &mut state,
    );
}
