//! Screen styles. Without colour (`NO_COLOR`) only modifiers remain, so every state stays visible.

use ratatui::style::{Color, Modifier, Style};

use crate::tui::editor_syntax::Token;

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
    /// Highlighted YAML and Markdown in the drill editor.
    pub syntax: SyntaxStyles,
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
                syntax: SyntaxStyles::new(false),
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
            syntax: SyntaxStyles::new(true),
        }
    }
}

/// The editor's token styles. Named colours, like the rest of the screen, so they follow the
/// terminal's palette; without colour keys stay bold and comments dim, so a manifest's shape
/// still shows.
#[derive(Clone, Copy, Debug)]
pub struct SyntaxStyles {
    key: Style,
    string: Style,
    constant: Style,
    comment: Style,
    mark: Style,
    heading: Style,
    code: Style,
    link: Style,
}

impl SyntaxStyles {
    fn new(color: bool) -> SyntaxStyles {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        if !color {
            return SyntaxStyles {
                key: bold,
                string: Style::new(),
                constant: Style::new(),
                comment: dim,
                mark: Style::new(),
                heading: bold,
                code: Style::new(),
                link: underlined,
            };
        }
        SyntaxStyles {
            key: Style::new().fg(Color::LightBlue),
            string: Style::new().fg(Color::Green),
            constant: Style::new().fg(Color::Magenta),
            comment: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            mark: Style::new().fg(Color::Yellow),
            heading: bold.fg(Color::Cyan),
            code: Style::new().fg(Color::Yellow),
            link: underlined.fg(Color::Blue),
        }
    }

    pub fn of(&self, token: Token) -> Style {
        match token {
            Token::Key => self.key,
            Token::String => self.string,
            Token::Constant => self.constant,
            Token::Comment => self.comment,
            Token::Mark => self.mark,
            Token::Heading => self.heading,
            // Markdown's own emphasis, the same with or without colour.
            Token::Strong => Style::new().add_modifier(Modifier::BOLD),
            Token::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
            Token::Code => self.code,
            Token::Link => self.link,
        }
    }
}
