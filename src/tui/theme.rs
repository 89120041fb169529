//! Screen styles. Without colour (`NO_COLOR`) only modifiers remain, so every state stays visible.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub title: Style,
    pub bar: Style,
    pub dim: Style,
    pub selected: Style,
    pub read_mark: Style,
    pub border: Style,
    pub border_focused: Style,
    pub matched: Style,
    pub matched_current: Style,
    pub notice: Style,
    /// A probe that did what the drill expects; a passed drill.
    pub held: Style,
    /// A probe that broke, the hop that stopped a request; a failed drill.
    pub broke: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if !color {
            return Theme {
                title: bold,
                bar: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new().add_modifier(Modifier::DIM),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                read_mark: Style::new(),
                border: Style::new(),
                border_focused: bold,
                matched: Style::new().add_modifier(Modifier::UNDERLINED),
                matched_current: Style::new().add_modifier(Modifier::REVERSED),
                notice: bold,
                held: bold,
                broke: bold,
            };
        }
        Theme {
            title: bold.fg(Color::Cyan),
            bar: Style::new().fg(Color::Black).bg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            selected: Style::new().fg(Color::Black).bg(Color::LightCyan),
            read_mark: Style::new().fg(Color::Green),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            matched_current: Style::new().fg(Color::Black).bg(Color::LightRed),
            notice: bold.fg(Color::Yellow),
            held: bold.fg(Color::Green),
            broke: bold.fg(Color::LightRed),
        }
    }
}
