//! The width-free model that `parse` builds and `flow` lays out.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Alignment, BlockQuoteKind};
use ratatui::style::Style;

/// Inline emphasis marks as bits, so nested emphasis (`***a***`) composes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Marks(u8);

impl Marks {
    pub(crate) const STRONG: Marks = Marks(1);
    pub(crate) const EMPH: Marks = Marks(1 << 1);
    pub(crate) const STRIKE: Marks = Marks(1 << 2);
    pub(crate) const CODE: Marks = Marks(1 << 3);
    pub(crate) const LINK: Marks = Marks(1 << 4);
    /// The ` (url)` that follows a link's text.
    pub(crate) const URL: Marks = Marks(1 << 5);

    pub(crate) fn with(self, other: Marks) -> Marks {
        Marks(self.0 | other.0)
    }

    pub(crate) fn has(self, other: Marks) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Inline content: styled text runs and hard line breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Inline {
    Text { text: String, marks: Marks },
    Break,
}

#[derive(Clone, Debug)]
pub(crate) enum Block {
    Heading {
        level: u8,
        /// Position in `Document::headings`, so layout can fill `heading_lines`.
        index: usize,
        inlines: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    Rule,
    Code(CodeBlock),
    Quote {
        kind: Option<BlockQuoteKind>,
        /// A note's own bold lead (`**meshlab note:**`), taken out of its first paragraph: the
        /// layout shows it as the note's label instead.
        lead: Option<String>,
        blocks: Vec<Block>,
    },
    List(List),
    Table(Table),
}

#[derive(Clone, Debug)]
pub(crate) struct List {
    /// `Some(n)` for an ordered list starting at `n`.
    pub(crate) start: Option<u64>,
    /// Loose lists (items wrapped in paragraphs) get blank lines between items and blocks.
    pub(crate) loose: bool,
    pub(crate) items: Vec<Item>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Item {
    pub(crate) task: Option<bool>,
    pub(crate) blocks: Vec<Block>,
}

pub(crate) type Cell = Vec<Inline>;

#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub(crate) aligns: Vec<Alignment>,
    pub(crate) header: Vec<Cell>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

/// One highlighted code line: byte ranges of the line text with their styles.
pub(crate) type HighlightedLine = Vec<(Range<usize>, Style)>;

#[derive(Clone, Debug)]
pub(crate) struct CodeBlock {
    pub(crate) lang: String,
    /// Display-ready lines: tabs expanded, control characters replaced.
    pub(crate) lines: Vec<String>,
    /// Highlighting is width-free but costly, so it is done once, on the first colour layout.
    pub(crate) highlighted: OnceLock<Option<Vec<HighlightedLine>>>,
}
