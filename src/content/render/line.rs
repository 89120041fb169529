//! A line under construction: spans merged by style, with its width kept up to date.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::width::{graphemes, text_width};

/// Marks the last visible column of clipped text.
pub(crate) const CLIP_MARKER: &str = "›";

#[derive(Clone, Debug, Default)]
pub(crate) struct LineBuf {
    spans: Vec<Span<'static>>,
    width: usize,
}

impl LineBuf {
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub(crate) fn push(&mut self, text: &str, style: Style) {
        self.push_w(text, text_width(text), style);
    }

    /// Pushes text whose width the caller already knows; a run of equal style extends the last span
    /// instead of allocating a new one.
    pub(crate) fn push_w(&mut self, text: &str, width: usize, style: Style) {
        if text.is_empty() {
            return;
        }
        self.width += width;
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.spans.push(Span::styled(text.to_owned(), style)),
        }
    }

    pub(crate) fn pad(&mut self, columns: usize, style: Style) {
        const SPACES: &str = "                                                                ";
        let mut left = columns;
        while left > 0 {
            let n = left.min(SPACES.len());
            self.push_w(&SPACES[..n], n, style);
            left -= n;
        }
    }

    pub(crate) fn repeat(&mut self, text: &str, times: usize, style: Style) {
        if times > 0 {
            self.push_w(&text.repeat(times), text_width(text) * times, style);
        }
    }

    /// Moves `other`'s spans over, merging only at the seam.
    pub(crate) fn append(&mut self, other: LineBuf) {
        self.width += other.width;
        let mut spans = other.spans.into_iter();
        if let (Some(last), Some(first)) = (self.spans.last_mut(), spans.as_slice().first())
            && last.style == first.style
        {
            last.content.to_mut().push_str(&first.content);
            spans.next();
        }
        self.spans.extend(spans);
    }

    /// Appends `segments`, cut to `max` columns; if anything was cut, the last visible column holds
    /// `CLIP_MARKER` so the reader knows the line goes on.
    pub(crate) fn push_clipped<'a, I>(&mut self, segments: I, max: usize, marker: Style)
    where
        I: Iterator<Item = (&'a str, Style)> + Clone,
    {
        let total: usize = segments.clone().map(|(t, _)| text_width(t)).sum();
        if total <= max {
            for (text, style) in segments {
                self.push(text, style);
            }
            return;
        }
        if max == 0 {
            return;
        }
        let budget = max - 1;
        let mut used = 0;
        'outer: for (text, style) in segments {
            for (g, w) in graphemes(text) {
                if used + w > budget {
                    break 'outer;
                }
                used += w;
                self.push_w(g, w, style);
            }
        }
        self.push_w(CLIP_MARKER, 1, marker);
    }

    /// Drops trailing spaces (blank quote lines keep only their bar) and clips to `max` columns as a
    /// last guard for prefixes wider than a tiny terminal.
    pub(crate) fn finish(mut self, max: usize, marker: Style) -> Line<'static> {
        while let Some(last) = self.spans.last_mut() {
            let kept = last.content.trim_end_matches(' ').len();
            let removed = last.content.len() - kept;
            self.width = self.width.saturating_sub(removed);
            if kept == 0 {
                self.spans.pop();
            } else {
                last.content.to_mut().truncate(kept);
                break;
            }
        }
        if self.width > max {
            let mut clipped = LineBuf::default();
            clipped.push_clipped(
                self.spans.iter().map(|s| (s.content.as_ref(), s.style)),
                max,
                marker,
            );
            return Line::from(clipped.spans);
        }
        Line::from(self.spans)
    }
}
