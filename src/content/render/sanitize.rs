//! Text made safe for a terminal: no control character from a lesson reaches the screen, where
//! an escape sequence could restyle or move the cursor, and tabs (whose width the terminal
//! decides) become spaces.

use std::borrow::Cow;

use super::width::char_width;

const TAB_STOP: usize = 4;

/// Control characters, and the bidirectional overrides that make a terminal show text in another
/// order than it is stored ("Trojan Source").
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Inline text: whitespace controls become spaces (wrapping treats them alike); other control
/// characters become U+FFFD so no escape sequence reaches the terminal.
pub(crate) fn sanitize_inline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Code line: tabs expand to the next multiple of `TAB_STOP` columns, so aligned source stays
/// aligned; other control characters become U+FFFD.
pub(crate) fn sanitize_code_line(line: &str) -> String {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if !line.chars().any(is_unsafe) {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = TAB_STOP - column % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', n));
            column += n;
        } else {
            out.push(if is_unsafe(c) { '\u{FFFD}' } else { c });
            column += char_width(c);
        }
    }
    out
}
