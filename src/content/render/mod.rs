//! Markdown → width-aware styled lines.
//!
//! `Document::parse` runs once per lesson and keeps a width-free block model; `layout` turns it
//! into ratatui lines for one width (the caller caches per width). No line is ever wider than the
//! width: prose wraps (at spaces only), tables fit or become cards, and code is clipped, unless
//! the caller asks for code whole ([`Code::Whole`]): then code lines keep every character, and
//! [`Rendered::code`] says which lines they are so the reader can scroll them sideways.

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

use std::ops::Range;

use ratatui::text::Line;

use crate::i18n::Lang;

pub(crate) use highlight::syntaxes;
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
    /// The reader's language: the words that label notes ("Catatan meshlab", "meshlab note").
    pub lang: Lang,
    pub code: Code,
}

impl RenderOptions {
    /// Code clipped to the width: what a pane that cannot scroll sideways needs.
    pub fn new(width: u16, color: bool, lang: Lang) -> RenderOptions {
        RenderOptions {
            width,
            color,
            lang,
            code: Code::Clip,
        }
    }

    /// Code lines kept whole, wider than the width if they are (see [`Code::Whole`]).
    pub fn whole_code(self) -> RenderOptions {
        RenderOptions {
            code: Code::Whole,
            ..self
        }
    }
}

/// What happens to a code line wider than the width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// Cut at the width, the last column showing `›`.
    Clip,
    /// Kept whole: the TUI reader scrolls it sideways, a pipe gets text that can be copied.
    Whole,
}

#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// heading_lines[i] = index in `lines` of the first line of headings()[i].
    pub heading_lines: Vec<usize>,
    /// Each code block's lines, in order: the lines that may be wider than the width under
    /// [`Code::Whole`], and that the reader shifts together when it scrolls sideways.
    pub code: Vec<CodeLines>,
}

/// The lines of one code block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLines {
    pub lines: Range<usize>,
    /// Columns of quote bars, list indents and the code indent before the code itself: they
    /// stay in place when the code scrolls sideways.
    pub prefix: usize,
}

impl Rendered {
    /// The prefix width of line `i` if it belongs to a code block.
    pub fn code_prefix(&self, i: usize) -> Option<usize> {
        let at = self.code.partition_point(|c| c.lines.end <= i);
        self.code
            .get(at)
            .filter(|c| c.lines.contains(&i))
            .map(|c| c.prefix)
    }

    /// Whether line `i` belongs to a code block.
    pub fn is_code(&self, i: usize) -> bool {
        self.code_prefix(i).is_some()
    }
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
    )
    .with(opts.lang, opts.code);
    flow.blocks(&doc.blocks, true);
    flow.finish()
}

#[cfg(test)]
mod tests;
