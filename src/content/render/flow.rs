//! Lays blocks out top to bottom at one width.
//!
//! Containers (quotes, list items) contribute a prefix to every line inside them: a quote bar on
//! each line, a list marker on an item's first line and a hanging indent on the rest. Content is
//! wrapped to what the prefixes leave over.

use pulldown_cmark::BlockQuoteKind;
use ratatui::style::Style;
use ratatui::text::Line;

use super::blocks::{Block, CodeBlock, List};
use super::highlight::highlight;
use super::line::LineBuf;
use super::theme::{Theme, kind_symbol, note_label};
use super::wrap::{pieces, wrap};
use super::{Code, CodeLines, Rendered, table};
use crate::i18n::Lang;

const BULLETS: [&str; 3] = ["•", "◦", "▪"];
/// Code blocks are indented this much when the width leaves room for it.
const CODE_INDENT: &str = "  ";
const CODE_INDENT_MIN_WIDTH: usize = 20;

struct Prefix {
    /// Shown on the first line only (a list marker), else `rest`.
    first: Option<(String, Style)>,
    rest: (String, Style),
    width: usize,
    used: bool,
}

pub(crate) struct Flow {
    theme: Theme,
    width: usize,
    lang: Lang,
    code_mode: Code,
    lines: Vec<Line<'static>>,
    heading_lines: Vec<usize>,
    code: Vec<CodeLines>,
    prefixes: Vec<Prefix>,
    prefix_width: usize,
    list_depth: usize,
}

impl Flow {
    pub(crate) fn new(theme: Theme, width: usize, headings: usize) -> Flow {
        Flow {
            theme,
            width: width.max(1),
            lang: Lang::En,
            code_mode: Code::Clip,
            lines: Vec::new(),
            heading_lines: vec![0; headings],
            code: Vec::new(),
            prefixes: Vec::new(),
            prefix_width: 0,
            list_depth: 0,
        }
    }

    /// The language of the labels, and what to do with code wider than the width.
    pub(crate) fn with(self, lang: Lang, code_mode: Code) -> Flow {
        Flow {
            lang,
            code_mode,
            ..self
        }
    }

    pub(crate) fn finish(self) -> Rendered {
        Rendered {
            lines: self.lines,
            heading_lines: self.heading_lines,
            code: self.code,
        }
    }

    /// Columns left for content inside the current prefixes (at least 1).
    fn avail(&self) -> usize {
        self.width.saturating_sub(self.prefix_width).max(1)
    }

    fn push_prefix(&mut self, first: Option<(String, Style)>, rest: (String, Style)) {
        let width = super::width::text_width(&rest.0);
        self.prefix_width += width;
        self.prefixes.push(Prefix {
            first,
            rest,
            width,
            used: false,
        });
    }

    fn pop_prefix(&mut self) {
        if let Some(p) = self.prefixes.pop() {
            self.prefix_width -= p.width;
        }
    }

    fn emit(&mut self, content: LineBuf) {
        self.emit_within(content, self.width);
    }

    /// Emits a line, clipped to `max` columns (prefixes included) as a last guard.
    fn emit_within(&mut self, content: LineBuf, max: usize) {
        let mut line = LineBuf::default();
        for p in &mut self.prefixes {
            let (text, style) = match (&p.first, p.used) {
                (Some(first), false) => first,
                _ => &p.rest,
            };
            p.used = true;
            line.push_w(text, p.width, *style);
        }
        line.append(content);
        self.lines.push(line.finish(max, self.theme.clip_marker()));
    }

    fn blank(&mut self) {
        self.emit(LineBuf::default());
    }

    /// `gap`: a blank line between consecutive blocks (everywhere but inside tight list items).
    pub(crate) fn blocks(&mut self, blocks: &[Block], gap: bool) {
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 && gap {
                self.blank();
            }
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                index,
                inlines,
            } => {
                if let Some(slot) = self.heading_lines.get_mut(*index) {
                    *slot = self.lines.len();
                }
                let style = self.theme.heading(*level);
                let ps = pieces(inlines, style, &self.theme);
                for line in wrap(&ps, self.avail()) {
                    self.emit(line);
                }
                if *level == 1 {
                    self.rule("═", style);
                }
            }
            Block::Paragraph(inlines) => {
                let ps = pieces(inlines, Style::new(), &self.theme);
                for line in wrap(&ps, self.avail()) {
                    self.emit(line);
                }
            }
            Block::Rule => self.rule("─", self.theme.rule()),
            Block::Code(code) => self.code(code),
            Block::Quote { kind, lead, blocks } => self.quote(*kind, lead.as_deref(), blocks),
            Block::List(list) => self.list(list),
            Block::Table(t) => {
                for line in table::layout(t, self.avail(), &self.theme) {
                    self.emit(line);
                }
            }
        }
    }

    fn rule(&mut self, text: &str, style: Style) {
        let mut line = LineBuf::default();
        line.repeat(text, self.avail(), style);
        self.emit(line);
    }

    fn code(&mut self, code: &CodeBlock) {
        let indent = self.avail() > CODE_INDENT_MIN_WIDTH;
        if indent {
            self.push_prefix(None, (CODE_INDENT.to_owned(), Style::new()));
        }
        // Whole code is never cut: the reader scrolls it, a pipe keeps it for copying.
        let (avail, max) = match self.code_mode {
            Code::Clip => (self.avail(), self.width),
            Code::Whole => (usize::MAX, usize::MAX),
        };
        let first = self.lines.len();
        let plain = self.theme.code();
        let marker = self.theme.clip_marker();
        let highlighted = if self.theme.color() {
            code.highlighted
                .get_or_init(|| highlight(&code.lang, &code.lines))
                .as_ref()
        } else {
            None
        };
        for (i, text) in code.lines.iter().enumerate() {
            let mut line = LineBuf::default();
            match highlighted.and_then(|h| h.get(i)) {
                Some(spans) => line.push_clipped(
                    spans
                        .iter()
                        .map(|(range, style)| (text.get(range.clone()).unwrap_or(""), *style)),
                    avail,
                    marker,
                ),
                None => line.push_clipped(std::iter::once((text.as_str(), plain)), avail, marker),
            }
            self.emit_within(line, max);
        }
        self.code.push(CodeLines {
            lines: first..self.lines.len(),
            prefix: self.prefix_width,
        });
        if indent {
            self.pop_prefix();
        }
    }

    fn quote(&mut self, kind: Option<BlockQuoteKind>, lead: Option<&str>, blocks: &[Block]) {
        let bar = match kind {
            Some(k) => ("▌ ".to_owned(), self.theme.note_bar(k)),
            None => ("│ ".to_owned(), self.theme.quote_bar()),
        };
        self.push_prefix(None, bar);
        if let Some(k) = kind {
            // "ℹ Catatan meshlab": a word in the reader's language, not a symbol alone.
            let style = self.theme.note_label(k);
            let label = format!("{} {}", kind_symbol(k), note_label(k, lead, self.lang));
            for line in wrap(&[super::wrap::Piece::Text(&label, style)], self.avail()) {
                self.emit(line);
            }
        }
        if blocks.is_empty() && kind.is_none() {
            self.blank();
        }
        self.blocks(blocks, true);
        self.pop_prefix();
    }

    fn list(&mut self, list: &List) {
        let last = list
            .start
            .map(|s| s.saturating_add(list.items.len().saturating_sub(1) as u64));
        let number_width = last.map_or(0, |n| n.to_string().len());
        let bullet = BULLETS[self.list_depth % BULLETS.len()];
        self.list_depth += 1;
        for (i, item) in list.items.iter().enumerate() {
            if i > 0 && list.loose {
                self.blank();
            }
            let check = item.task.map(|done| if done { "☑ " } else { "☐ " });
            let marker = match list.start {
                Some(start) => {
                    let n = start.saturating_add(i as u64);
                    format!("{n:>number_width$}. {}", check.unwrap_or(""))
                }
                None => check.map_or_else(|| format!("{bullet} "), str::to_owned),
            };
            let indent = " ".repeat(super::width::text_width(&marker));
            self.push_prefix(Some((marker, self.theme.bullet())), (indent, Style::new()));
            let before = self.lines.len();
            self.blocks(&item.blocks, list.loose);
            if self.lines.len() == before {
                // An empty item still shows its marker.
                self.blank();
            }
            self.pop_prefix();
        }
        self.list_depth -= 1;
    }
}
