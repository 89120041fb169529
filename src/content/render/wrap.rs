//! Greedy word wrap of styled inline text.
//!
//! Lines break at ASCII whitespace only (so a no-break space holds): a path or an identifier
//! (`values-ha.yaml`, `cilium-agent`, `linkerd/linkerd2`) is never split at its `-` or `/`, where
//! a reader would take the piece at the line end for a word of its own. Only a word wider than
//! the whole line must break: a prose word then breaks after a `/` or `-` between letters or
//! digits where it can (a long URL at its slashes), else between grapheme clusters; inline code
//! breaks between grapheme clusters. A word may span several styles (`**mesh**es`), and runs of
//! whitespace collapse to one space.

use ratatui::style::Style;

use super::blocks::{Inline, Marks};
use super::line::{CLIP_MARKER, LineBuf};
use super::theme::Theme;
use super::width::{graphemes, text_width};

/// Inline content resolved to styles, ready to wrap or measure.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Piece<'a> {
    Text(&'a str, Style),
    /// Inline code: an overlong word breaks only between characters.
    Code(&'a str, Style),
    Break,
}

impl<'a> Piece<'a> {
    /// The text, its style, and whether an overlong word may break after `/` and `-`.
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
    /// Part of a word (a word may continue in the next piece, in another style).
    Text(&'a str),
    Space,
}

fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.bytes().next()?;
        // Whitespace is ASCII, never inside a multi-byte character: every split is a boundary.
        let space = first.is_ascii_whitespace();
        let len = rest
            .bytes()
            .position(|b| b.is_ascii_whitespace() != space)
            .unwrap_or(rest.len());
        let (token, tail) = rest.split_at(len);
        rest = tail;
        Some(if space {
            Token::Space
        } else {
            Token::Text(token)
        })
    })
}

/// `word` split after each `/` or `-` that sits between ASCII letters or digits: where an
/// overlong word may break (`TCP/` `UDP`, `https://x.io/` `a`; not `--flag`, not `/metrics`).
fn syllables(word: &str) -> impl Iterator<Item = &str> {
    let bytes = word.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        // The separators are ASCII, so every split below is a char boundary.
        let end = (start..bytes.len())
            .find(|&i| {
                (bytes[i] == b'/' || bytes[i] == b'-')
                    && i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            })
            .map_or(bytes.len(), |i| i + 1);
        let piece = &word[start..end];
        start = end;
        Some(piece)
    })
}

struct Wrapper<'a> {
    width: usize,
    lines: Vec<LineBuf>,
    current: LineBuf,
    /// The word being collected: it may span several styles. `bool`: it may break after `/`, `-`.
    fragment: Vec<(&'a str, Style, bool)>,
    fragment_width: usize,
    /// After whitespace: the next word is preceded by one space in this style.
    gap: Option<Style>,
}

impl<'a> Wrapper<'a> {
    fn flush(&mut self) {
        if self.fragment.is_empty() {
            return;
        }
        // Taken and given back so the buffer's allocation is reused for every word.
        let mut fragment = std::mem::take(&mut self.fragment);
        let w = std::mem::take(&mut self.fragment_width);
        if !self.current.is_empty() {
            let need = w + usize::from(self.gap.is_some());
            if self.current.width() + need <= self.width {
                if let Some(style) = self.gap {
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
        self.gap = None;
        fragment.clear();
        self.fragment = fragment;
    }

    fn push_fragment(&mut self, fragment: &[(&str, Style, bool)]) {
        for (text, style, _) in fragment {
            self.current.push(text, *style);
        }
    }

    /// A word wider than the line, from the start of a line: whole syllables while they fit,
    /// characters of a syllable that cannot fit even on a line of its own.
    fn break_fragment(&mut self, fragment: &[(&str, Style, bool)]) {
        for &(text, style, inner) in fragment {
            let parts: Box<dyn Iterator<Item = &str>> = if inner {
                Box::new(syllables(text))
            } else {
                Box::new(std::iter::once(text))
            };
            for part in parts {
                let w = text_width(part);
                if self.current.width() + w <= self.width {
                    self.current.push_w(part, w, style);
                    continue;
                }
                if w <= self.width {
                    self.new_line();
                    self.current.push_w(part, w, style);
                    continue;
                }
                self.break_characters(part, style);
            }
        }
    }

    fn break_characters(&mut self, text: &str, style: Style) {
        for (g, w) in graphemes(text) {
            if self.current.width() + w > self.width && !self.current.is_empty() {
                self.new_line();
            }
            if w > self.width {
                // A wide character on a one-column line cannot be shown: mark its place.
                self.current.push_w(CLIP_MARKER, 1, style);
            } else {
                self.current.push_w(g, w, style);
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
        gap: None,
    };
    for piece in pieces {
        match piece.parts() {
            None => {
                w.flush();
                w.new_line();
            }
            Some((text, style, inner)) => {
                for token in tokens(text) {
                    match token {
                        Token::Space => {
                            w.flush();
                            if !w.current.is_empty() {
                                w.gap = Some(style);
                            }
                        }
                        Token::Text(t) => {
                            w.fragment.push((t, style, inner));
                            w.fragment_width += text_width(t);
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

/// How wide `pieces` are unwrapped, and how narrow a column can get before it must break inside
/// a word ([`Extent::word`]) or inside a syllable ([`Extent::syllable`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extent {
    /// The widest line.
    pub(crate) line: usize,
    /// The widest word: a column this wide breaks no word.
    pub(crate) word: usize,
    /// The widest piece of a word between `/` or `-` breaks (see `syllables`): a column this
    /// wide breaks words only there.
    pub(crate) syllable: usize,
}

/// Mirrors `wrap`'s rules with an unlimited width.
pub(crate) fn measure(pieces: &[Piece<'_>]) -> Extent {
    let mut m = Measure::default();
    for piece in pieces {
        match piece.parts() {
            None => m.end_line(),
            Some((text, _, inner)) => {
                for token in tokens(text) {
                    match token {
                        Token::Space => m.end_word(true),
                        Token::Text(t) if inner => {
                            for (k, part) in syllables(t).enumerate() {
                                if k > 0 {
                                    m.end_syllable();
                                }
                                m.add(text_width(part));
                            }
                        }
                        Token::Text(t) => m.add(text_width(t)),
                    }
                }
            }
        }
    }
    m.end_line();
    m.extent
}

#[derive(Default)]
struct Measure {
    extent: Extent,
    line: Option<usize>,
    word: Option<usize>,
    syllable: usize,
    /// The next word follows whitespace, so it costs a space.
    spaced: bool,
}

impl Measure {
    fn add(&mut self, width: usize) {
        *self.word.get_or_insert(0) += width;
        self.syllable += width;
    }

    fn end_syllable(&mut self) {
        self.extent.syllable = self.extent.syllable.max(self.syllable);
        self.syllable = 0;
    }

    fn end_word(&mut self, then_space: bool) {
        self.end_syllable();
        if let Some(w) = self.word.take() {
            self.extent.word = self.extent.word.max(w);
            let gap = usize::from(self.spaced);
            self.line = Some(self.line.map_or(w, |l| l + gap + w));
            self.spaced = false;
        }
        if then_space && self.line.is_some() {
            self.spaced = true;
        }
    }

    fn end_line(&mut self) {
        self.end_word(false);
        self.extent.line = self.extent.line.max(self.line.take().unwrap_or(0));
        self.spaced = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(pieces: &[Piece<'_>], width: usize) -> Vec<String> {
        wrap(pieces, width)
            .into_iter()
            .map(|l| l.finish(usize::MAX, Style::new()).to_string())
            .collect()
    }

    #[test]
    fn words_are_split_at_whitespace_only() {
        use Token::{Space, Text};
        let words: Vec<Token<'_>> = tokens("TCP/UDP  non-HTTP\tx").collect();
        assert_eq!(
            words,
            [Text("TCP/UDP"), Space, Text("non-HTTP"), Space, Text("x")]
        );
    }

    #[test]
    fn syllables_end_after_a_separator_between_alphanumerics() {
        fn split(w: &str) -> Vec<&str> {
            syllables(w).collect()
        }
        assert_eq!(split("TCP/UDP"), ["TCP/", "UDP"]);
        assert_eq!(split("https://x.io/a"), ["https://x.io/", "a"]);
        // Not at the edges, not in option dashes or a URL's `//`.
        assert_eq!(split("--proxy"), ["--proxy"]);
        assert_eq!(split("/metrics"), ["/metrics"]);
    }

    #[test]
    fn paths_and_identifiers_stay_whole() {
        let style = Style::new();
        let text = "HA uses values-ha.yaml and cilium-agent";
        // `values-` would fit after "HA uses" at 15 columns; the word moves down whole instead.
        assert_eq!(
            lines(&[Piece::Text(text, style)], 15),
            ["HA uses", "values-ha.yaml", "and", "cilium-agent"]
        );
    }

    #[test]
    fn an_overlong_word_breaks_at_its_slashes_then_characters() {
        let style = Style::new();
        // The first syllable (`https://docs.cilium.io/`) is wider than the line: characters.
        let url = "https://docs.cilium.io/en/stable/network";
        assert_eq!(
            lines(&[Piece::Text(url, style)], 16),
            ["https://docs.cil", "ium.io/en/", "stable/network"]
        );
        // Inline code breaks only between characters.
        assert_eq!(
            lines(&[Piece::Code("charts/linkerd", style)], 8),
            ["charts/l", "inkerd"]
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
            let m = measure(&ps);
            let wrapped = wrap(&ps, m.line.max(1));
            assert_eq!(wrapped.len(), 1, "{text:?} at its natural width");
            assert_eq!(wrapped[0].width(), m.line, "{text:?}");
            // At the widest word nothing is broken mid-word, at the widest syllable nothing
            // mid-syllable: no line exceeds either.
            for at in [m.word, m.syllable] {
                assert!(wrap(&ps, at.max(1)).iter().all(|l| l.width() <= at.max(1)));
            }
        }
        let m = measure(&[Piece::Text("Network/security/observability", style)]);
        assert_eq!((m.line, m.word, m.syllable), (30, 30, 13));
        let m = measure(&[Piece::Code("Network/security/observability", style)]);
        assert_eq!((m.line, m.word, m.syllable), (30, 30, 30));
    }
}
