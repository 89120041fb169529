//! Markdown → width-aware styled lines.
//!
//! `Document::parse` runs once per lesson and keeps a width-free block model; `layout` turns it
//! into ratatui lines for one width (the caller caches per width). No line is ever wider than the
//! width: prose wraps, tables fit or become cards, code is clipped.

mod ansi;
mod blocks;
mod flow;
mod highlight;
mod line;
mod parse;
mod sanitize;
mod table;
mod theme;
mod width;
mod wrap;

use ratatui::text::Line;

pub use highlight::warm_highlighter;

/// Parsed once, width-free. Front matter is already stripped by the caller.
#[derive(Clone, Debug, Default)]
pub struct Document {
    blocks: Vec<blocks::Block>,
    headings: Vec<Heading>,
}

impl Document {
    pub fn parse(markdown: &str) -> Document {
        let (blocks, headings) = parse::parse(markdown);
        Document { blocks, headings }
    }

    /// Every heading in document order.
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RenderOptions {
    /// Terminal columns; 0 is treated as 1.
    pub width: u16,
    /// `false` (NO_COLOR): no foreground or background colours, modifiers only.
    pub color: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// heading_lines[i] = index in `lines` of the first line of headings()[i].
    pub heading_lines: Vec<usize>,
}

impl Rendered {
    /// Lines joined by '\n', no styling, trailing spaces trimmed.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let start = out.len();
            for span in &line.spans {
                out.push_str(&span.content);
            }
            let kept = out[start..].trim_end_matches(' ').len();
            out.truncate(start + kept);
        }
        out
    }

    /// Like `plain_text`, with SGR escape codes for the styles.
    pub fn ansi_text(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            ansi::push_line(&mut out, line);
        }
        out
    }
}

pub fn layout(doc: &Document, opts: RenderOptions) -> Rendered {
    let mut flow = flow::Flow::new(
        theme::Theme::new(opts.color),
        usize::from(opts.width),
        doc.headings.len(),
    );
    flow.blocks(&doc.blocks, true);
    let (lines, heading_lines) = flow.finish();
    Rendered {
        lines,
        heading_lines,
    }
}

#[cfg(test)]
mod tests;
