//! Markdown → width-aware styled lines. (Interim minimal layouter; replaced by the full one.)

use ratatui::text::Line;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
}

#[derive(Debug)]
pub struct Document {
    text: String,
    headings: Vec<Heading>,
}

impl Document {
    pub fn parse(markdown: &str) -> Document {
        let headings = markdown
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(|l| Heading {
                level: l.chars().take_while(|c| *c == '#').count() as u8,
                text: l.trim_start_matches('#').trim().to_string(),
            })
            .collect();
        Document {
            text: markdown.to_string(),
            headings,
        }
    }
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RenderOptions {
    pub width: u16,
    pub color: bool,
}

pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    pub heading_lines: Vec<usize>,
}

impl Rendered {
    pub fn plain_text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }
    pub fn ansi_text(&self) -> String {
        self.plain_text()
    }
}

pub fn layout(doc: &Document, opts: RenderOptions) -> Rendered {
    let mut lines = Vec::new();
    let mut heading_lines = Vec::new();
    let w = opts.width.max(1) as usize;
    for l in doc.text.lines() {
        if l.starts_with('#') {
            heading_lines.push(lines.len());
        }
        let chars: Vec<char> = l.chars().collect();
        if chars.is_empty() {
            lines.push(Line::from(""));
        }
        for chunk in chars.chunks(w) {
            lines.push(Line::from(chunk.iter().collect::<String>()));
        }
    }
    Rendered {
        lines,
        heading_lines,
    }
}

pub fn warm_highlighter() {}
