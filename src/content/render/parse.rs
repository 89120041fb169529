//! pulldown-cmark events → the width-free block model.
//!
//! The builder keeps an explicit stack instead of recursing, and stops nesting containers beyond
//! `MAX_DEPTH`: Markdown is user input, and a file of ten thousand `>` must neither overflow the
//! stack here nor in layout (or in `Drop`), so deeper containers are flattened into their parent.

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::Heading;
use super::blocks::{Block, Cell, CodeBlock, Inline, Item, List, Marks, Table};
use super::sanitize::{sanitize_code_line, sanitize_inline};

use crate::limits::MAX_MARKDOWN_DEPTH as MAX_DEPTH;

pub(crate) fn parse(markdown: &str) -> (Vec<Block>, Vec<Heading>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    builder.finish()
}

enum Frame {
    Quote {
        kind: Option<BlockQuoteKind>,
        blocks: Vec<Block>,
    },
    List(List),
    Item {
        item: Item,
        /// A paragraph directly inside an item means the list is loose.
        para: bool,
    },
}

#[derive(Default)]
struct TableBuild {
    table: Table,
    row: Vec<Cell>,
}

#[derive(Default)]
struct Builder {
    root: Vec<Block>,
    frames: Vec<Frame>,
    /// One entry per open container tag: whether it pushed a frame (false when flattened).
    opened: Vec<bool>,
    headings: Vec<Heading>,
    inlines: Vec<Inline>,
    strong: u32,
    emph: u32,
    strike: u32,
    /// Open links/images: destination and where their text starts in `inlines`.
    links: Vec<(String, usize)>,
    code: Option<(String, String)>,
    html: Option<String>,
    table: Option<TableBuild>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        if let Some((_, text)) = &mut self.code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.end_code(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, Marks::default()),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t, Marks::CODE)
            }
            Event::Html(t) => match &mut self.html {
                Some(html) => html.push_str(&t),
                None => self.inline_html(&t),
            },
            Event::InlineHtml(t) => self.inline_html(&t),
            Event::FootnoteReference(t) => self.text(&format!("[^{t}]"), Marks::default()),
            Event::SoftBreak => self.text(" ", Marks::default()),
            Event::HardBreak => self.inlines.push(Inline::Break),
            Event::Rule => {
                self.flush_implicit();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => match self.frames.last_mut() {
                Some(Frame::Item { item, .. }) if self.inlines.is_empty() => item.task = Some(done),
                _ => self.text(if done { "[x] " } else { "[ ] " }, Marks::default()),
            },
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_implicit();
                if let Some(Frame::Item { para, .. }) = self.frames.last_mut() {
                    *para = true;
                }
            }
            Tag::Heading { .. } => self.flush_implicit(),
            Tag::BlockQuote(kind) => self.open(Frame::Quote {
                kind,
                blocks: Vec::new(),
            }),
            Tag::CodeBlock(kind) => {
                self.flush_implicit();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_implicit();
                self.html = Some(String::new());
            }
            Tag::List(start) => self.open(Frame::List(List {
                start,
                loose: false,
                items: Vec::new(),
            })),
            Tag::Item => self.open(Frame::Item {
                item: Item::default(),
                para: false,
            }),
            Tag::Table(aligns) => {
                self.flush_implicit();
                self.table = Some(TableBuild {
                    table: Table {
                        aligns,
                        ..Table::default()
                    },
                    row: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                }
            }
            Tag::Emphasis => self.emph += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push((dest_url.to_string(), self.inlines.len()));
            }
            // Not enabled in the parser options; their content still flows as text.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                let inlines = std::mem::take(&mut self.inlines);
                self.push_block(Block::Paragraph(inlines));
            }
            TagEnd::Heading(level) => {
                let inlines = std::mem::take(&mut self.inlines);
                let index = self.headings.len();
                self.headings.push(Heading {
                    level: level as u8,
                    text: heading_text(&inlines),
                });
                self.push_block(Block::Heading {
                    level: level as u8,
                    index,
                    inlines,
                });
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close(),
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    // Comments are authors' notes to themselves, not lesson text.
                    if !html.trim_start().starts_with("<!--") {
                        self.push_block(code_block("html".to_owned(), &html));
                    }
                }
            }
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inlines);
                if let Some(t) = &mut self.table {
                    t.row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.table.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table(t.table));
                }
            }
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.end_link(),
            _ => {}
        }
    }

    fn end_code(&mut self) {
        if let Some((lang, text)) = self.code.take() {
            self.push_block(code_block(lang, &text));
        }
    }

    fn end_link(&mut self) {
        let Some((url, start)) = self.links.pop() else {
            return;
        };
        let text: String = self
            .inlines
            .get(start..)
            .unwrap_or_default()
            .iter()
            .filter_map(|i| match i {
                Inline::Text { text, .. } => Some(text.as_str()),
                Inline::Break => None,
            })
            .collect();
        let bare = url.strip_prefix("mailto:").unwrap_or(&url);
        if !url.is_empty() && text != url && text != bare {
            self.push_text(&format!(" ({url})"), Marks::URL);
        }
    }

    fn marks(&self) -> Marks {
        let mut m = Marks::default();
        if self.strong > 0 {
            m = m.with(Marks::STRONG);
        }
        if self.emph > 0 {
            m = m.with(Marks::EMPH);
        }
        if self.strike > 0 {
            m = m.with(Marks::STRIKE);
        }
        if !self.links.is_empty() {
            m = m.with(Marks::LINK);
        }
        m
    }

    fn text(&mut self, text: &str, extra: Marks) {
        let marks = self.marks().with(extra);
        self.push_text(text, marks);
    }

    fn push_text(&mut self, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        let clean = sanitize_inline(text);
        if let Some(Inline::Text {
            text: last,
            marks: m,
        }) = self.inlines.last_mut()
            && *m == marks
        {
            last.push_str(&clean);
            return;
        }
        self.inlines.push(Inline::Text {
            text: clean.into_owned(),
            marks,
        });
    }

    fn inline_html(&mut self, html: &str) {
        let tag: String = html
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            // GFM tables have no other way to break a line inside a cell.
            self.inlines.push(Inline::Break);
        } else if !html.trim_start().starts_with("<!--") {
            self.text(html, Marks::default());
        }
    }

    /// Inline content outside a paragraph (tight list items) becomes a paragraph of its own.
    fn flush_implicit(&mut self) {
        if !self.inlines.is_empty() && self.table.is_none() {
            let inlines = std::mem::take(&mut self.inlines);
            self.push_block(Block::Paragraph(inlines));
        }
    }

    fn open(&mut self, frame: Frame) {
        self.flush_implicit();
        let push = self.frames.len() < MAX_DEPTH;
        if push {
            self.frames.push(frame);
        }
        self.opened.push(push);
    }

    fn close(&mut self) {
        self.flush_implicit();
        if !self.opened.pop().unwrap_or(false) {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Quote { kind, mut blocks } => {
                let lead = kind.and_then(|_| take_lead(&mut blocks));
                self.push_block(Block::Quote { kind, lead, blocks })
            }
            Frame::List(list) => self.push_block(Block::List(list)),
            Frame::Item { item, para } => match self.frames.last_mut() {
                Some(Frame::List(list)) => {
                    list.loose |= para;
                    list.items.push(item);
                }
                // Unreachable with balanced events; keep the content rather than lose it.
                _ => self.push_block(Block::List(List {
                    start: None,
                    loose: para,
                    items: vec![item],
                })),
            },
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.frames.last_mut() {
            None => self.root.push(block),
            Some(Frame::Quote { blocks, .. }) => blocks.push(block),
            Some(Frame::Item { item, .. }) => item.blocks.push(block),
            // Only when an item was flattened away at the depth limit.
            Some(Frame::List(list)) => match list.items.last_mut() {
                Some(item) => item.blocks.push(block),
                None => list.items.push(Item {
                    task: None,
                    blocks: vec![block],
                }),
            },
        }
    }

    fn finish(mut self) -> (Vec<Block>, Vec<Heading>) {
        self.end_code();
        self.flush_implicit();
        while !self.opened.is_empty() {
            self.close();
        }
        (self.root, self.headings)
    }
}

/// Takes a note's bold lead ending in a colon (`**meshlab note:**` or `**Tip**:`) out of its
/// first paragraph, with the space after it, and returns it without the colon.
fn take_lead(blocks: &mut Vec<Block>) -> Option<String> {
    let Some(Block::Paragraph(inlines)) = blocks.first_mut() else {
        return None;
    };
    let Some(Inline::Text { text, marks }) = inlines.first() else {
        return None;
    };
    if !marks.has(Marks::STRONG) {
        return None;
    }
    let (lead, colon_outside) = match text.trim_end().strip_suffix(':') {
        Some(lead) => (lead.trim().to_owned(), false),
        None => match inlines.get(1) {
            Some(Inline::Text { text: next, .. }) if next.starts_with(':') => {
                (text.trim().to_owned(), true)
            }
            _ => return None,
        },
    };
    if lead.is_empty() {
        return None;
    }
    inlines.remove(0);
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        let rest = if colon_outside { &text[1..] } else { &text[..] };
        *text = rest.trim_start().to_owned();
        if text.is_empty() {
            inlines.remove(0);
        }
    }
    if inlines.is_empty() {
        blocks.remove(0);
    }
    Some(lead)
}

fn heading_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text: t, marks } if !marks.has(Marks::URL) => text.push_str(t),
            Inline::Text { .. } => {}
            Inline::Break => text.push(' '),
        }
    }
    text
}

fn code_block(lang: String, text: &str) -> Block {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let lines = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(sanitize_code_line).collect()
    };
    Block::Code(CodeBlock {
        lang,
        lines,
        highlighted: std::sync::OnceLock::new(),
    })
}
