//! Greedy word wrap of styled inline text.
//!
//! Lines break at ASCII whitespace (so a no-break space holds) and, inside a prose word, after a
//! `/` or `-` between letters or digits (`TCP/UDP`, `non-HTTP`, URL paths): tables of such terms
//! then fit far narrower columns. Inline code never breaks there: `retries-` at a line end would
//! read as a different command. A word may span several styles (`**mesh**es`), runs of whitespace
//! collapse to one space, and a fragment wider than the line is broken between grapheme clusters.

use ratatui::style::Style;

use super::blocks::{Inline, Marks};
use super::line::{CLIP_MARKER, LineBuf};
use super::theme::Theme;
use super::width::{graphemes, text_width};

/// Inline content resolved to styles, ready to wrap or measure.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Piece<'a> {
    Text(&'a str, Style),
    /// Inline code: breaks only at whitespace.
    Code(&'a str, Style),
    Break,
}

impl<'a> Piece<'a> {
    /// The text, its style, and whether it may break inside words.
    fn parts(self) -> Option<(&'a str, Style, bool)> {
        match self {
            Piece::Text(t, s) => Some((t, s, true)),
            Piece::Code(t, s) => Some((t, s, false)),
            Piece::Break => None,
        }
    }
}

pub(crate) fn pieces<'a>(inlines: &'a [Inline], base: Style, theme: &Theme) -> Vec<Piece<'a>> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, marks } if marks.has(Marks::CODE) => {
                Piece::Code(text, theme.inline(*marks, base))
            }
            Inline::Text { text, marks } => Piece::Text(text, theme.inline(*marks, base)),
            Inline::Break => Piece::Break,
        })
        .collect()
}

/// What a piece of text is made of, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// Part of a word; `true` when a line may break right after it.
    Text(&'a str, bool),
    Space,
}

/// `inner`: whether words may break after `/` and `-`.
fn tokens(text: &str, inner: bool) -> impl Iterator<Item = Token<'_>> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = bytes.get(start..).filter(|r| !r.is_empty())?;
        if rest[0].is_ascii_whitespace() {
            let len = rest
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            start += len;
            return Some(Token::Space);
        }
        // The separators and whitespace are ASCII, never inside a multi-byte character, so every
        // index below is a char boundary.
        let mut end = rest.len();
        let mut breaks = false;
        for i in 0..rest.len() {
            let b = rest[i];
            if b.is_ascii_whitespace() {
                end = i;
                break;
            }
            let between_alnum = i > 0
                && rest[i - 1].is_ascii_alphanumeric()
                && rest.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if inner && (b == b'/' || b == b'-') && between_alnum {
                end = i + 1;
                breaks = true;
                break;
            }
        }
        let token = Token::Text(&text[start..start + end], breaks);
        start += end;
        Some(token)
    })
}

/// How the next fragment attaches to the line so far.
#[derive(Clone, Copy)]
enum Gap {
    /// Line start: nothing.
    None,
    /// After whitespace: one space in this style.
    Space(Style),
    /// Inside a word, after a break opportunity: nothing, but the line may break here.
    Joined,
}

struct Wrapper<'a> {
    width: usize,
    lines: Vec<LineBuf>,
    current: LineBuf,
    /// The fragment being collected: it may span several styles.
    fragment: Vec<(&'a str, Style)>,
    fragment_width: usize,
    gap: Gap,
}

impl<'a> Wrapper<'a> {
    fn flush(&mut self) {
        if self.fragment.is_empty() {
            return;
        }
        // Taken and given back so the buffer's allocation is reused for every fragment.
        let mut fragment = std::mem::take(&mut self.fragment);
        let w = std::mem::take(&mut self.fragment_width);
        if !self.current.is_empty() {
            let (space, need) = match self.gap {
                Gap::Space(style) => (Some(style), w + 1),
                Gap::None | Gap::Joined => (None, w),
            };
            if self.current.width() + need <= self.width {
                if let Some(style) = space {
                    self.current.push_w(" ", 1, style);
                }
                self.push_fragment(&fragment);
            } else {
                self.new_line();
            }
        }
        if self.current.is_empty() {
            if w <= self.width {
                self.push_fragment(&fragment);
            } else {
                self.break_fragment(&fragment);
            }
        }
        self.gap = Gap::None;
        fragment.clear();
        self.fragment = fragment;
    }

    fn push_fragment(&mut self, fragment: &[(&str, Style)]) {
        for (text, style) in fragment {
            self.current.push(text, *style);
        }
    }

    fn break_fragment(&mut self, fragment: &[(&str, Style)]) {
        for (text, style) in fragment {
            for (g, w) in graphemes(text) {
                if self.current.width() + w > self.width && !self.current.is_empty() {
                    self.new_line();
                }
                if w > self.width {
                    // A wide character on a one-column line cannot be shown: mark its place.
                    self.current.push_w(CLIP_MARKER, 1, *style);
                } else {
                    self.current.push_w(g, w, *style);
                }
            }
        }
    }

    fn new_line(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.lines.push(line);
    }
}

/// Wraps `pieces` to `width` columns (at least 1). Always returns at least one line.
pub(crate) fn wrap(pieces: &[Piece<'_>], width: usize) -> Vec<LineBuf> {
    let mut w = Wrapper {
        width: width.max(1),
        lines: Vec::new(),
        current: LineBuf::default(),
        fragment: Vec::new(),
        fragment_width: 0,
        gap: Gap::None,
    };
    for piece in pieces {
        match piece.parts() {
            None => {
                w.flush();
                w.new_line();
            }
            Some((text, style, inner)) => {
                for token in tokens(text, inner) {
                    match token {
                        Token::Space => {
                            w.flush();
                            if !w.current.is_empty() {
                                w.gap = Gap::Space(style);
                            }
                        }
                        Token::Text(t, breaks) => {
                            w.fragment.push((t, style));
                            w.fragment_width += text_width(t);
                            if breaks {
                                w.flush();
                                w.gap = Gap::Joined;
                            }
                        }
                    }
                }
            }
        }
    }
    w.flush();
    w.new_line();
    w.lines
}

/// Widths of `pieces` unwrapped: (widest line, widest unbreakable fragment). A column narrower
/// than the widest fragment would have to break it mid-word, which table fitting avoids.
pub(crate) fn measure(pieces: &[Piece<'_>]) -> (usize, usize) {
    let mut m = Measure::default();
    for piece in pieces {
        match piece.parts() {
            None => m.end_line(),
            Some((text, _, inner)) => {
                for token in tokens(text, inner) {
                    match token {
                        Token::Space => m.end_fragment(true),
                        Token::Text(t, breaks) => {
                            *m.fragment.get_or_insert(0) += text_width(t);
                            if breaks {
                                m.end_fragment(false);
                            }
                        }
                    }
                }
            }
        }
    }
    m.end_line();
    (m.widest_line, m.widest_fragment)
}

/// Mirrors `wrap`'s rules with an unlimited width.
#[derive(Default)]
struct Measure {
    widest_line: usize,
    widest_fragment: usize,
    line: Option<usize>,
    fragment: Option<usize>,
    /// The next fragment follows whitespace, so it costs a space.
    spaced: bool,
}

impl Measure {
    fn end_fragment(&mut self, then_space: bool) {
        if let Some(w) = self.fragment.take() {
            self.widest_fragment = self.widest_fragment.max(w);
            let gap = usize::from(self.spaced);
            self.line = Some(self.line.map_or(w, |l| l + gap + w));
            self.spaced = false;
        }
        if then_space && self.line.is_some() {
            self.spaced = true;
        }
    }

    fn end_line(&mut self) {
        self.end_fragment(false);
        self.widest_line = self.widest_line.max(self.line.take().unwrap_or(0));
        self.spaced = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Token<'_>> {
        tokens(text, true).collect()
    }

    #[test]
    fn breaks_after_slash_and_hyphen_between_alphanumerics() {
        use Token::{Space, Text};
        assert_eq!(
            words("TCP/UDP non-HTTP"),
            [
                Text("TCP/", true),
                Text("UDP", false),
                Space,
                Text("non-", true),
                Text("HTTP", false)
            ]
        );
        // Not at the edges, not in option dashes or a URL's `//`.
        assert_eq!(words("--proxy"), [Text("--proxy", false)]);
        assert_eq!(words("/metrics"), [Text("/metrics", false)]);
        assert_eq!(
            words("https://x.io/a"),
            [Text("https://x.io/", true), Text("a", false)]
        );
    }

    #[test]
    fn measure_agrees_with_wrap() {
        let style = Style::new();
        for text in [
            "a b  c",
            "Network/security/observability integration",
            "x- -y a-b / c",
            "",
        ] {
            let ps = [Piece::Text(text, style)];
            let (line, fragment) = measure(&ps);
            let wrapped = wrap(&ps, line.max(1));
            assert_eq!(wrapped.len(), 1, "{text:?} at its natural width");
            assert_eq!(wrapped[0].width(), line, "{text:?}");
            // At the widest fragment nothing is broken mid-fragment: no line exceeds it.
            assert!(
                wrap(&ps, fragment.max(1))
                    .iter()
                    .all(|l| l.width() <= fragment.max(1))
            );
        }
        assert_eq!(
            measure(&[Piece::Text("Network/security/observability", style)]),
            (30, 13)
        );
        assert_eq!(
            measure(&[Piece::Code("Network/security/observability", style)]),
            (30, 30)
        );
    }
}
