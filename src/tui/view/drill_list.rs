//! The home screen's drill list: a header per pack (its title, id, version and drill count),
//! then each of its exercises in the list's order and filters, with the learner's mark (new,
//! passed, failed, due), kind, difficulty, title and best score. A pack that did not load is one
//! line saying so and how to check it. Only drills can be selected; the headers scroll with
//! them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::cut;
use super::drill::stars;
use crate::drill::exercise::{Exercise, Kind};
use crate::drill::explain::kind_label;
use crate::i18n::Msg;
use crate::practice::standing::Mark;
use crate::tui::app::App;
use crate::tui::drill_list;
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
    let width = usize::from(area.width);
    // Kinds padded to the longest name in this language, so the titles line up.
    let kind_width = KINDS
        .iter()
        .map(|k| kind_label(*k, lang).width())
        .max()
        .unwrap_or(0);
    let shown = drill_list::shown(app);
    let mut items = Vec::new();
    let mut selected_row = None;
    for (p, listed) in app.packs.listed().iter().enumerate() {
        match listed {
            Listed::Ready(s) => {
                let ready = ready_position(app, p);
                let drills: Vec<&drill_list::Shown> = shown
                    .iter()
                    .filter(|d| app.packs.pack_of(d.index) == ready)
                    .collect();
                if drills.is_empty() && app.list.filtered() {
                    continue;
                }
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
                let room = width.saturating_sub(about.width() + 3);
                items.push(ListItem::new(Line::from(vec![
                    Span::styled(format!(" {}", cut(title, room)), theme.title),
                    Span::styled(format!("  {about}"), theme.dim),
                ])));
                for d in drills {
                    let Some((_, ex)) = app.packs.drill(d.index) else {
                        continue;
                    };
                    if d.index == app.drill_selected {
                        selected_row = Some(items.len());
                    }
                    items.push(ListItem::new(row(app, ex, d, kind_width, width, theme)));
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
    if shown.is_empty() {
        items.push(ListItem::new(Line::styled(
            format!(" {}", Msg::DrillsNoneShown.text(lang)),
            theme.dim,
        )));
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

/// Every kind, for the width of the kind column.
const KINDS: [Kind; 9] = [
    Kind::EnforcementPoint,
    Kind::Diagnose,
    Kind::RetryBudget,
    Kind::MeshSelection,
    Kind::AdoptionOrder,
    Kind::Audit,
    Kind::Adr,
    Kind::Manifest,
    Kind::Cost,
];

/// The place among the loaded packs of the `p`-th pack listed (broken ones are not loaded).
fn ready_position(app: &App, p: usize) -> usize {
    app.packs.listed()[..p]
        .iter()
        .filter(|l| matches!(l, Listed::Ready(_)))
        .count()
}

/// One drill: its mark (new ○, passed ✓, failed ✗, due ↻), kind, difficulty and title, and
/// its best score at the right edge.
fn row(
    app: &App,
    ex: &Exercise,
    d: &drill_list::Shown,
    kind_width: usize,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let kind = kind_label(ex.kind, app.lang);
    let pad = " ".repeat(kind_width.saturating_sub(kind.width()));
    let mark = d.standing.mark;
    let mark_style = match mark {
        Mark::Passed => theme.held,
        Mark::Failed | Mark::Due => theme.broke,
        Mark::New => theme.dim,
    };
    let lead = format!("   {kind}{pad}  ");
    let stars = format!("{}  ", stars(ex.difficulty));
    let best = d
        .standing
        .best
        .map(|b| format!("  {b:>3}"))
        .unwrap_or_default();
    let used = 2 + lead.width() + stars.width() + best.width() + 1;
    let title = cut(&ex.title.get(app.lang), width.saturating_sub(used));
    let fill = " ".repeat(width.saturating_sub(used - 1 + title.width()));
    Line::from(vec![
        Span::styled(format!(" {}", mark.glyph()), mark_style),
        Span::styled(lead, theme.dim),
        Span::styled(stars, theme.read_mark),
        Span::raw(title),
        Span::raw(fill),
        Span::styled(best, theme.dim),
    ])
}
