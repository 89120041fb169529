//! Styles of every rendered element, in one place.
//!
//! Colours are named ANSI colours so they follow the user's terminal palette; only inline code
//! and code blocks use RGB, to match the syntect theme. With colour off (NO_COLOR) `paint` strips
//! every foreground and background and keeps the modifiers, so structure stays visible.

use pulldown_cmark::BlockQuoteKind;
use ratatui::style::{Color, Modifier, Style};

use super::blocks::Marks;
use crate::i18n::{Lang, Msg};

/// base16-ocean.dark's foreground: unhighlighted code matches highlighted code.
const CODE_FG: Color = Color::Rgb(0xc0, 0xc5, 0xce);
const INLINE_CODE_FG: Color = Color::Rgb(0xeb, 0xcb, 0x8b);
const INLINE_CODE_BG: Color = Color::Rgb(0x34, 0x3d, 0x46);

#[derive(Clone, Copy, Debug)]
pub(crate) struct Theme {
    color: bool,
}

impl Theme {
    pub(crate) fn new(color: bool) -> Theme {
        Theme { color }
    }

    pub(crate) fn color(self) -> bool {
        self.color
    }

    fn paint(self, style: Style) -> Style {
        if self.color {
            style
        } else {
            Style {
                fg: None,
                bg: None,
                ..style
            }
        }
    }

    /// Levels differ by modifier as well as colour, so they stay distinct without colour.
    pub(crate) fn heading(self, level: u8) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.paint(match level {
            1 => bold.fg(Color::Cyan),
            2 => bold.fg(Color::Green).add_modifier(Modifier::UNDERLINED),
            3 => bold.fg(Color::Yellow),
            _ => bold.fg(Color::Blue).add_modifier(Modifier::ITALIC),
        })
    }

    pub(crate) fn inline(self, marks: Marks, base: Style) -> Style {
        let mut style = base;
        if marks.has(Marks::STRONG) {
            style = style.add_modifier(Modifier::BOLD);
        }
        if marks.has(Marks::EMPH) {
            style = style.add_modifier(Modifier::ITALIC);
        }
        if marks.has(Marks::STRIKE) {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        if marks.has(Marks::LINK) {
            style = style.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED);
        }
        if marks.has(Marks::URL) {
            style = style.add_modifier(Modifier::DIM);
        }
        if marks.has(Marks::CODE) {
            style = if self.color {
                style.fg(INLINE_CODE_FG).bg(INLINE_CODE_BG)
            } else {
                // Without colours, reverse video is what still sets code apart from prose.
                style.add_modifier(Modifier::REVERSED)
            };
        }
        self.paint(style)
    }

    pub(crate) fn bullet(self) -> Style {
        self.paint(Style::new().fg(Color::Yellow))
    }

    pub(crate) fn quote_bar(self) -> Style {
        self.paint(Style::new().fg(Color::DarkGray))
    }

    pub(crate) fn note_bar(self, kind: BlockQuoteKind) -> Style {
        self.paint(Style::new().fg(kind_color(kind)))
    }

    pub(crate) fn note_label(self, kind: BlockQuoteKind) -> Style {
        self.paint(
            Style::new()
                .fg(kind_color(kind))
                .add_modifier(Modifier::BOLD),
        )
    }

    pub(crate) fn rule(self) -> Style {
        self.paint(Style::new().fg(Color::DarkGray))
    }

    pub(crate) fn border(self) -> Style {
        self.paint(Style::new().fg(Color::DarkGray))
    }

    pub(crate) fn table_header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub(crate) fn card_key(self) -> Style {
        self.paint(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD))
    }

    pub(crate) fn code(self) -> Style {
        self.paint(Style::new().fg(CODE_FG))
    }

    pub(crate) fn clip_marker(self) -> Style {
        self.paint(Style::new().fg(Color::DarkGray))
    }
}

fn kind_color(kind: BlockQuoteKind) -> Color {
    match kind {
        BlockQuoteKind::Note => Color::Blue,
        BlockQuoteKind::Tip => Color::Green,
        BlockQuoteKind::Important => Color::Magenta,
        BlockQuoteKind::Warning => Color::Yellow,
        BlockQuoteKind::Caution => Color::Red,
    }
}

/// The symbol before a note's label.
pub(crate) fn kind_symbol(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "ℹ",
        BlockQuoteKind::Tip => "✱",
        BlockQuoteKind::Important => "❢",
        BlockQuoteKind::Warning => "⚠",
        BlockQuoteKind::Caution => "✖",
    }
}

/// A note's label in the reader's language: a meshlab note is called so in either language
/// whatever its lead says ("Catatan meshlab" / "meshlab note"); another lead is the author's own
/// word and stays; a note without one is named for its kind.
pub(crate) fn note_label(kind: BlockQuoteKind, lead: Option<&str>, lang: Lang) -> &str {
    let meshlab = |l: &str| {
        [Lang::Id, Lang::En]
            .iter()
            .any(|&other| l.eq_ignore_ascii_case(Msg::NoteMeshlab.text(other)))
    };
    match lead {
        Some(l) if meshlab(l) => Msg::NoteMeshlab.text(lang),
        Some(l) => l,
        None => match kind {
            BlockQuoteKind::Note => Msg::NoteKindNote,
            BlockQuoteKind::Tip => Msg::NoteKindTip,
            BlockQuoteKind::Important => Msg::NoteKindImportant,
            BlockQuoteKind::Warning => Msg::NoteKindWarning,
            BlockQuoteKind::Caution => Msg::NoteKindCaution,
        }
        .text(lang),
    }
}
