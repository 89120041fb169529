//! The home screen's drill list: a header per pack (its title, id, version and drill count),
//! then each of its exercises with kind, difficulty and title. A pack that did not load is one
//! line saying so and how to check it. Only drills can be selected; the headers scroll with
//! them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::drill::stars;
use crate::drill::exercise::Kind;
use crate::drill::explain::kind_label;
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::packs::Listed;
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    if app.packs.listed().is_empty() {
        frame.render_widget(
            Line::styled(format!(" {}", Msg::NoDrills.text(app.lang)), theme.dim),
            area,
        );
        return;
    }
    let lang = app.lang;
    // Kinds padded to the longest name in this language, so the titles line up.
    let kind_width = [Kind::EnforcementPoint, Kind::Diagnose, Kind::RetryBudget]
        .iter()
        .map(|k| kind_label(*k, lang).width())
        .max()
        .unwrap_or(0);
    let mut items = Vec::new();
    let mut selected_row = None;
    let mut drill = 0;
    for listed in app.packs.listed() {
        match listed {
            Listed::Ready(s) => {
                let m = &s.pack.manifest;
                let count = s.pack.exercises.len().to_string();
                let about = Msg::DrillsPackAbout.fill(lang, &[&m.id, &m.version, &count]);
                let title = m.title.get(lang);
                let title = if title.is_empty() {
                    m.id.as_str()
                } else {
                    &title
                };
                // The title gives way (cut with …) so id, version and count stay in view.
                let room = usize::from(area.width).saturating_sub(about.width() + 3);
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(format!(" {}", cut(title, room)), theme.title),
                    Span::styled(format!("  {about}"), theme.dim),
                ])));
                for ex in &s.pack.exercises {
                    if drill == app.drill_selected {
                        selected_row = Some(items.len());
                    }
                    drill += 1;
                    let kind = kind_label(ex.kind, lang);
                    let pad = " ".repeat(kind_width.saturating_sub(kind.width()));
                    items.push(ListItem::new(Line::from(vec![
                        Span::styled(format!("   {kind}{pad}  "), theme.dim),
                        Span::styled(format!("{}  ", stars(ex.difficulty)), theme.read_mark),
                        Span::raw(ex.title.get(lang).to_string()),
                    ])));
                }
            }
            Listed::Broken { id, problems } => {
                let why = Msg::DrillsPackBroken.fill(lang, &[id, &problems.to_string()]);
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(format!(" {id}"), theme.title),
                    Span::styled(format!("  {why}"), theme.dim),
                ])));
            }
        }
    }
    let mut state = ListState::default().with_selected(selected_row);
    frame.render_stateful_widget(
        // One row of context around the selection, so a pack's first drill shows its header.
        List::new(items)
            .highlight_style(theme.selected)
            .scroll_padding(1),
        area,
        &mut state,
    );
}

/// `text` in at most `width` columns, ending in `…` when cut.
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}
