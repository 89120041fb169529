//! Greedy word wrap of styled inline text.
//!
//! Words break only at ASCII whitespace (so a no-break space holds), a word may span several styles
//! (`**mesh**es`), runs of whitespace collapse to one space, and a word wider than the line is
//! broken between grapheme clusters.

use ratatui::style::Style;

use super::blocks::Inline;
use super::line::LineBuf;
use super::theme::Theme;
use super::width::{graphemes, text_width};

/// Inline content resolved to styles, ready to wrap or measure.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Piece<'a> {
    Text(&'a str, Style),
    Break,
}

pub(crate) fn pieces<'a>(inlines: &'a [Inline], base: Style, theme: &Theme) -> Vec<Piece<'a>> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, marks } => Piece::Text(text, theme.inline(*marks, base)),
            Inline::Break => Piece::Break,
        })
        .collect()
}

fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

/// Splits `text` into alternating whitespace / word segments: `(segment, is_space)`.
fn segments(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let space = is_space(bytes[start]);
        let len = bytes[start..]
            .iter()
            .position(|&b| is_space(b) != space)
            .unwrap_or(bytes.len() - start);
        // ASCII whitespace bytes are never inside a multi-byte character, so these are char
        // boundaries.
        let seg = &text[start..start + len];
        start += len;
        Some((seg, space))
    })
}

struct Wrapper<'a> {
    width: usize,
    lines: Vec<LineBuf>,
    current: LineBuf,
    word: Vec<(&'a str, Style)>,
    word_width: usize,
    space: Option<Style>,
}

impl<'a> Wrapper<'a> {
    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        // Taken and given back so the buffer's allocation is reused for every word.
        let mut word = std::mem::take(&mut self.word);
        let w = std::mem::take(&mut self.word_width);
        if !self.current.is_empty() {
            if self.current.width() + 1 + w <= self.width {
                self.current.push_w(" ", 1, self.space.unwrap_or_default());
                self.push_word(&word);
            } else {
                self.new_line();
            }
        }
        if self.current.is_empty() {
            if w <= self.width {
                self.push_word(&word);
            } else {
                self.break_word(&word);
            }
        }
        self.space = None;
        word.clear();
        self.word = word;
    }

    fn push_word(&mut self, word: &[(&str, Style)]) {
        for (text, style) in word {
            self.current.push(text, *style);
        }
    }

    fn break_word(&mut self, word: &[(&str, Style)]) {
        for (text, style) in word {
            for (g, w) in graphemes(text) {
                if self.current.width() + w > self.width && !self.current.is_empty() {
                    self.new_line();
                }
                if w > self.width {
                    // A wide character on a one-column line cannot be shown: mark its place.
                    self.current.push_w(super::line::CLIP_MARKER, 1, *style);
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
        word: Vec::new(),
        word_width: 0,
        space: None,
    };
    for piece in pieces {
        match *piece {
            Piece::Break => {
                w.flush_word();
                w.new_line();
                w.space = None;
            }
            Piece::Text(text, style) => {
                for (seg, space) in segments(text) {
                    if space {
                        w.flush_word();
                        if !w.current.is_empty() {
                            w.space = Some(style);
                        }
                    } else {
                        w.word.push((seg, style));
                        w.word_width += text_width(seg);
                    }
                }
            }
        }
    }
    w.flush_word();
    w.new_line();
    w.lines
}

/// Widths of `pieces` unwrapped: (widest line, widest word). A column narrower than the widest
/// word would have to break words, which table fitting avoids.
pub(crate) fn measure(pieces: &[Piece<'_>]) -> (usize, usize) {
    let mut m = Measure::default();
    for piece in pieces {
        match *piece {
            Piece::Break => m.end_line(),
            Piece::Text(text, _) => {
                for (seg, space) in segments(text) {
                    if space {
                        m.end_word();
                    } else {
                        *m.word.get_or_insert(0) += text_width(seg);
                    }
                }
            }
        }
    }
    m.end_line();
    (m.widest_line, m.widest_word)
}

/// Mirrors `wrap`'s rules with an unlimited width.
#[derive(Default)]
struct Measure {
    widest_line: usize,
    widest_word: usize,
    line: Option<usize>,
    word: Option<usize>,
}

impl Measure {
    fn end_word(&mut self) {
        if let Some(w) = self.word.take() {
            self.widest_word = self.widest_word.max(w);
            self.line = Some(self.line.map_or(w, |l| l + 1 + w));
        }
    }

    fn end_line(&mut self) {
        self.end_word();
        self.widest_line = self.widest_line.max(self.line.take().unwrap_or(0));
    }
}
