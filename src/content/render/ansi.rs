//! Styled lines → text with SGR escape codes, for `meshlab` output to a pipe or a pager.

use std::fmt::Write;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

pub(crate) fn push_line(out: &mut String, line: &Line<'_>) {
    let mut styled = false;
    for span in &line.spans {
        if span.content.is_empty() {
            continue;
        }
        let sgr = sgr(span.style);
        if sgr.is_empty() {
            if styled {
                out.push_str("\x1b[0m");
                styled = false;
            }
        } else {
            // Reset first so nothing leaks from the previous span.
            let _ = write!(out, "\x1b[0;{sgr}m");
            styled = true;
        }
        out.push_str(&span.content);
    }
    if styled {
        out.push_str("\x1b[0m");
    }
}

fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    const MODIFIERS: [(Modifier, &str); 7] = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    for (modifier, code) in MODIFIERS {
        if style.add_modifier.contains(modifier) {
            codes.push(code.to_owned());
        }
    }
    if let Some(fg) = style.fg {
        codes.push(color(fg, false));
    }
    if let Some(bg) = style.bg {
        codes.push(color(bg, true));
    }
    codes.join(";")
}

fn color(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    let named = |n: u8| (base + n).to_string();
    let bright = |n: u8| (base + 60 + n).to_string();
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
    }
}
