//! The help overlay: every key, in the current language.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::i18n::Msg;
use crate::tui::app::{App, Screen};
use crate::tui::theme::Theme;

const READER: [(&str, Msg); 15] = [
    ("↑ ↓", Msg::KeyMove),
    ("j k", Msg::KeyScroll),
    ("← → h l", Msg::KeySideways),
    ("PgUp PgDn", Msg::KeyPage),
    ("g G", Msg::KeyTopBottom),
    ("Enter", Msg::KeyOpen),
    ("/", Msg::KeySearch),
    ("n N", Msg::KeyNextPrev),
    ("t", Msg::KeyToc),
    ("Tab", Msg::KeyFocus),
    ("w", Msg::KeyGlossary),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyBack),
    ("q", Msg::KeyQuit),
];

const HOME: [(&str, Msg); 10] = [
    ("↑ ↓", Msg::KeyMove),
    ("Enter", Msg::KeyOpen),
    ("Tab 1 2", Msg::KeyTabs),
    ("[ ]", Msg::KeyPack),
    ("p", Msg::KeyProgress),
    ("w", Msg::KeyGlossary),
    ("L", Msg::KeyLang),
    ("?", Msg::KeyHelp),
    ("Esc", Msg::KeyQuit),
    ("q", Msg::KeyQuit),
];

const DRILL: [(&str, Msg); 16] = [
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
    ("Ctrl+U R", Msg::KeyAdrUndo),
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

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let keys: &[(&str, Msg)] = match app.screen {
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
    };
    let lines: Vec<Line> = keys
        .iter()
        .map(|(key, msg)| {
            Line::from(vec![
                Span::styled(format!(" {key:>10}  "), theme.title),
                Span::raw(msg.text(app.lang)),
            ])
        })
        .collect();
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let height = lines.len() as u16 + 2;
    let [popup] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(popup);
    let title = format!(
        " {} · {} ",
        Msg::HelpTitle.text(app.lang),
        Msg::HelpClose.text(app.lang)
    );
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border_focused)
                .title(Line::styled(title, theme.title)),
        ),
        popup,
    );
}
