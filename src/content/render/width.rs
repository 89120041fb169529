//! Terminal column widths.
//!
//! Widths are summed per grapheme cluster, which is how ratatui's buffer places text; ASCII (most
//! lesson text) takes a fast path because every printable ASCII byte is one column.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns that `text` occupies. Control characters never reach here (the parser replaces them).
pub(crate) fn text_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.graphemes(true).map(UnicodeWidthStr::width).sum()
    }
}

pub(crate) fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Grapheme clusters of `text` with their widths.
pub(crate) fn graphemes(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.graphemes(true).map(|g| (g, UnicodeWidthStr::width(g)))
}
