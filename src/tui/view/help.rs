//! The help overlay: every key, in the current language.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::wrap;
use crate::i18n::Msg;
use crate::tui::app::{App, Screen};
use crate::tui::theme::Theme;

const READER: [(&str, Msg); 17] = [
    ("↑ ↓", Msg::KeyMove),
    ("j k", Msg::KeyScroll),
    ("← → h l", Msg::KeySideways),
    ("PgUp PgDn", Msg::KeyPage),
    ("g G", Msg::KeyTopBottom),
    ("Enter", Msg::KeyOpen),
    ("/", Msg::KeySearch),
    ("n N", Msg::KeyNextPrev),
    ("] [", Msg::KeySection),
    ("d", Msg::KeyPractiseSection),
    ("t", Msg::KeyToc),
    ("Tab", Msg::KeyFocus),
    ("w", Msg::KeyGlossary),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyBack),
    ("q", Msg::KeyQuit),
];

const HOME: [(&str, Msg); 15] = [
    ("↑ ↓", Msg::KeyMove),
    ("Enter", Msg::KeyOpen),
    ("n", Msg::KeyNext),
    ("Tab 1 2", Msg::KeyTabs),
    ("o", Msg::KeyListOrder),
    ("f", Msg::KeyListStanding),
    ("/", Msg::KeyListWords),
    ("○ ✓ ✗ ↻", Msg::DrillsLegend),
    ("[ ]", Msg::KeyPack),
    ("p", Msg::KeyProgress),
    ("w", Msg::KeyGlossary),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyQuit),
    ("q", Msg::KeyQuit),
];

const DRILL: [(&str, Msg); 18] = [
    ("↑ ↓", Msg::KeyMove),
    ("K J", Msg::KeyReorder),
    ("Enter s", Msg::KeyAnswer),
    ("i :", Msg::KeyConsole),
    ("e", Msg::KeyAdrExternal),
    ("h", Msg::KeyHint),
    ("0-9 ⌫", Msg::KeyDigits),
    ("↑ ↓", Msg::KeyProbe),
    ("PgUp PgDn", Msg::KeyDrillScroll),
    ("r", Msg::KeyRetry),
    ("n", Msg::KeyNextDrill),
    ("n", Msg::KeySkip),
    ("x", Msg::KeyBury),
    ("o", Msg::KeyLesson),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyBack),
    ("q", Msg::KeyQuit),
];

/// While the ADR editor has the keyboard: its own keys, and the textarea's that matter most.
const ADR_EDITOR: [(&str, Msg); 8] = [
    ("Ctrl+G", Msg::KeyAdrGrade),
    ("Ctrl+S", Msg::KeyAdrSave),
    ("Alt+↑ ↓", Msg::KeyAdrSection),
    ("F2", Msg::KeyAdrPreview),
    ("Ctrl+Z Y", Msg::KeyAdrUndo),
    ("Ctrl+L", Msg::KeyLang),
    ("F1", Msg::KeyHelp),
    ("Esc", Msg::KeyAdrClose),
];

const PROGRESS: [(&str, Msg); 9] = [
    ("s", Msg::KeySession),
    ("n", Msg::KeyNextDrill),
    ("e", Msg::KeyEndSession),
    ("j k", Msg::KeyScroll),
    ("PgUp PgDn", Msg::KeyPage),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyBack),
    ("q", Msg::KeyQuit),
];

const SUMMARY: [(&str, Msg); 7] = [
    ("Enter Esc", Msg::KeyBack),
    ("s", Msg::KeySession),
    ("j k", Msg::KeyScroll),
    ("PgUp PgDn", Msg::KeyPage),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("q", Msg::KeyQuit),
];

const GLOSSARY: [(&str, Msg); 8] = [
    ("↑ ↓ j k", Msg::KeyMove),
    ("PgUp PgDn", Msg::KeyPage),
    ("g G", Msg::KeyTopBottom),
    ("/", Msg::KeySearchGlossary),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyBack),
    ("q", Msg::KeyQuit),
];

/// The keys of the screen behind the overlay.
fn keys(app: &App) -> &'static [(&'static str, Msg)] {
    match app.screen {
        Screen::Home => &HOME,
        Screen::Reader => &READER,
        Screen::Drill
            if app
                .drill
                .as_ref()
                .and_then(|d| d.adr.as_ref())
                .is_some_and(|e| e.open) =>
        {
            &ADR_EDITOR
        }
        Screen::Drill => &DRILL,
        Screen::Progress => &PROGRESS,
        Screen::Summary => &SUMMARY,
        Screen::Glossary => &GLOSSARY,
    }
}

/// Columns of the key column (right-aligned keys, then two spaces).
const KEY_COLUMN: usize = 13;

/// The overlay's lines at `width` columns inside its border: each key, its meaning wrapped
/// beside it, so no meaning is ever cut.
fn lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let room = width.saturating_sub(KEY_COLUMN).max(1);
    let mut out = Vec::new();
    for (key, msg) in keys(app) {
        for (i, piece) in wrap(msg.text(app.lang), room).into_iter().enumerate() {
            let key = if i == 0 { *key } else { "" };
            out.push(Line::from(vec![
                Span::styled(format!(" {key:>10}  "), theme.title),
                Span::raw(piece),
            ]));
        }
    }
    out
}

/// Where the overlay goes on `area`: as wide as its longest line allows, as tall as the
/// screen allows.
fn popup(app: &App, area: Rect) -> Rect {
    let widest = keys(app)
        .iter()
        .map(|(_, m)| KEY_COLUMN + m.text(app.lang).width())
        .max()
        .unwrap_or(0);
    let width = (widest as u16 + 3).min(area.width);
    let height = (lines(
        app,
        usize::from(width.saturating_sub(2)),
        &Theme::new(false),
    )
    .len() as u16
        + 2)
    .min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    popup
}

/// (total lines, visible lines) of the overlay on a screen of the app's size, for `update`
/// to bound its scrolling.
pub fn pane(app: &App) -> (usize, usize) {
    let popup = popup(app, Rect::new(0, 0, app.width, app.height));
    let total = lines(
        app,
        usize::from(popup.width.saturating_sub(2)),
        &Theme::new(false),
    )
    .len();
    (total, usize::from(popup.height.saturating_sub(2)))
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let popup = popup(app, area);
    let all = lines(app, usize::from(popup.width.saturating_sub(2)), theme);
    let visible = usize::from(popup.height.saturating_sub(2));
    let top = app.help_top.min(all.len().saturating_sub(visible));
    let close = if all.len() > visible {
        Msg::HelpCloseScroll
    } else {
        Msg::HelpClose
    };
    let mut title = format!(
        " {} · {} ",
        Msg::HelpTitle.text(app.lang),
        close.text(app.lang)
    );
    // On a narrow screen what closes the overlay matters more than its name.
    if title.width() + 2 > usize::from(popup.width) {
        title = format!(" {} ", close.text(app.lang));
    }
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Line::styled(title, theme.title));
    // On a short screen the overlay scrolls; its bottom edge says where it stands.
    if all.len() > visible {
        let position = Msg::HelpScroll.fill(
            app.lang,
            &[
                &(top + visible).min(all.len()).to_string(),
                &all.len().to_string(),
            ],
        );
        block = block.title_bottom(Line::styled(format!(" {position} "), theme.title));
    }
    let shown: Vec<Line> = all.into_iter().skip(top).take(visible).collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(shown).block(block), popup);
}
