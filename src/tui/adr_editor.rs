//! The text being written in an ADR drill (a text area pre-filled with lesson 17's template)
//! or a manifest drill (pre-filled with the drill's starter skeleton): what was last saved, and
//! how the editor pane is shown. Plain state and small steps; `update` decides when they happen
//! and the loop does the file I/O.

use std::cell::RefCell;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::drill::adr::markdown::Document;
use crate::drill::adr::template::template;
use crate::drill::grade::Report;
use crate::i18n::Lang;
use crate::tui::editor_syntax::{self, Grammar, Highlights};
use crate::tui::theme::SyntaxStyles;

/// From this width the preview fits beside the text (two columns of about 50).
const SIDE_BY_SIDE: u16 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panes {
    Both,
    Text,
    Preview,
}

/// What the editor holds: an ADR (Markdown, previewed as the reader renders it) or a manifest
/// drill's YAML (beside it, the probes as they stood at the last save).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Draft {
    Adr,
    /// The starter skeleton in each language, `[Indonesian, English]`.
    Manifest {
        starter: [String; 2],
    },
}

impl Draft {
    /// The text a draft file that does not exist would hold, in `lang`.
    /// The language the draft is written in.
    fn grammar(&self) -> Grammar {
        match self {
            Draft::Adr => Grammar::Markdown,
            Draft::Manifest { .. } => Grammar::Yaml,
        }
    }

    pub fn template(&self, lang: Lang) -> &str {
        match (self, lang) {
            (Draft::Adr, _) => template(lang),
            (Draft::Manifest { starter }, Lang::Id) => &starter[0],
            (Draft::Manifest { starter }, Lang::En) => &starter[1],
        }
    }
}

#[derive(Clone, Debug)]
pub struct AdrEditor {
    pub draft: Draft,
    area: TextArea<'static>,
    /// The text as last saved or loaded: unsaved changes are the difference.
    saved: String,
    /// The editor pane is showing (else the drill's prompt is).
    pub open: bool,
    /// F2 flips the preview: a wide terminal shows it beside the text unless flipped, a narrow
    /// one shows the text alone unless flipped (then the preview alone).
    pub flipped: bool,
    /// The saved draft was asked for (the loop answers with `Action::AdrLoaded`).
    pub asked: bool,
    /// Where the draft file is kept, once the loop has said (grading errors name it).
    pub path: Option<String>,
    /// Why the last grading could not read the record (`file:line:column: …`); shown in the
    /// editor until the text changes or a grading succeeds.
    pub problem: Option<String>,
    /// Manifest drills: the probes run on the text as last saved (or why it could not be
    /// loaded), for the "probes now" panel.
    pub probes_now: Option<Result<Report, String>>,
    /// The text's tokens as the last frame drew them; drawing takes `&self`, hence the cell.
    highlights: RefCell<Highlights>,
}

impl AdrEditor {
    /// A fresh ADR from the template in `lang`. Nothing is saved yet, so nothing is dirty: the
    /// template is what a draft file that does not exist would hold.
    pub fn new(lang: Lang) -> AdrEditor {
        AdrEditor::for_draft(Draft::Adr, lang)
    }

    /// A fresh draft of `draft`'s kind, from its template in `lang`.
    pub fn for_draft(draft: Draft, lang: Lang) -> AdrEditor {
        let text = draft.template(lang).to_string();
        AdrEditor {
            area: text_area(&text),
            saved: text,
            highlights: RefCell::new(Highlights::new(draft.grammar())),
            draft,
            open: false,
            flipped: false,
            asked: false,
            path: None,
            problem: None,
            probes_now: None,
        }
    }

    /// The editor holds a manifest drill's YAML.
    pub fn is_manifest(&self) -> bool {
        matches!(self.draft, Draft::Manifest { .. })
    }

    /// The whole text, one `\n` after every line (as a Markdown file ends).
    pub fn text(&self) -> String {
        let mut out = self.area.lines().join("\n");
        out.push('\n');
        out
    }

    /// Changes not saved yet.
    pub fn dirty(&self) -> bool {
        self.text() != self.saved
    }

    /// The text now is what the draft file holds.
    pub fn mark_saved(&mut self, text: String) {
        self.saved = text;
    }

    /// Replaces the whole text with `text` as read from the draft file (loaded at the start,
    /// or back from `$EDITOR`); the cursor goes back to the top.
    pub fn load(&mut self, text: &str) {
        self.area = text_area(text);
        self.saved = self.text();
    }

    /// Switching language swaps an untouched template for the other language's; anything the
    /// learner wrote stays as it is.
    pub fn relabel(&mut self, from: Lang, to: Lang) {
        let before = self.draft.template(from);
        let untouched = self.text() == before;
        if untouched && self.saved == before {
            *self = AdrEditor {
                open: self.open,
                flipped: self.flipped,
                asked: self.asked,
                path: self.path.take(),
                problem: self.problem.take(),
                probes_now: self.probes_now.take(),
                ..AdrEditor::for_draft(self.draft.clone(), to)
            };
        }
    }

    /// A key typed into the text (the textarea's own Emacs-style bindings included), with the
    /// habits of most editors on top: Ctrl+Z undoes and Ctrl+Y redoes (beside Ctrl+U and
    /// Ctrl+R), and `↑` `↓` move by line of the text, not by row of the screen, so a wrapped
    /// line never sends an edit to the wrong line. A change to the text retires the problem
    /// the last grading found.
    pub fn key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        let changed = match key.code {
            KeyCode::Char('z') if ctrl => self.area.undo(),
            KeyCode::Char('y') if ctrl => self.area.redo(),
            KeyCode::Up | KeyCode::Down if plain => {
                self.line_step(key.code == KeyCode::Down);
                false
            }
            _ => self.area.input(key),
        };
        if changed {
            self.problem = None;
        }
    }

    /// The cursor one line of the text up or down, in the same column where that line has it.
    fn line_step(&mut self, down: bool) {
        let at = self.area.cursor();
        let (row, col) = (at.0, at.1);
        let target = if down {
            row + 1
        } else {
            match row.checked_sub(1) {
                Some(r) => r,
                None => return,
            }
        };
        if target >= self.area.lines().len() {
            return;
        }
        self.jump(target, col);
    }

    /// The cursor to `row`, `col` of the text (clamped to the text).
    pub fn jump(&mut self, row: usize, col: usize) {
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        self.area.move_cursor(CursorMove::Jump(row, col));
    }

    /// The cursor's line and column in the text, 0-based.
    pub fn cursor(&self) -> (usize, usize) {
        let at = self.area.cursor();
        (at.0, at.1)
    }

    /// Bracketed paste arrives whole; terminals send `\r` for line ends.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if self.area.insert_str(text) {
            self.problem = None;
        }
    }

    pub fn scroll(&mut self, lines: i16) {
        self.area.scroll((lines, 0));
    }

    /// Moves the cursor to the next (or previous) `##` heading, outside code fences.
    pub fn jump_section(&mut self, down: bool) {
        let row = self.area.cursor().0;
        let rows = self.heading_rows();
        let target = if down {
            rows.iter().copied().find(|r| *r > row)
        } else {
            rows.iter().copied().rev().find(|r| *r < row)
        };
        if let Some(target) = target {
            let row = u16::try_from(target).unwrap_or(u16::MAX);
            self.area.move_cursor(CursorMove::Jump(row, 0));
        }
    }

    /// The heading of the section the cursor is in ("" above the first `##`).
    pub fn section(&self) -> String {
        let row = self.area.cursor().0;
        self.heading_rows()
            .into_iter()
            .rfind(|r| *r <= row)
            .and_then(|r| self.area.lines().get(r))
            .map(|l| l.trim_start().trim_start_matches('#').trim().to_string())
            .unwrap_or_default()
    }

    /// How many `##` sections come before the cursor's (0 above the first): the preview scrolls
    /// to the same one.
    pub fn section_index(&self) -> usize {
        let row = self.area.cursor().0;
        self.heading_rows().iter().filter(|r| **r <= row).count()
    }

    /// Rows of the `##` headings, as the grader sees them (fenced code is not a heading).
    fn heading_rows(&self) -> Vec<usize> {
        let text = self.text();
        let doc = Document::parse(&text);
        let starts: Vec<usize> = line_starts(&text);
        doc.sections
            .iter()
            .filter(|s| !s.heading.is_empty())
            .filter_map(|s| starts.binary_search(&s.offset).ok())
            .collect()
    }

    /// What the editor pane shows at `width` columns.
    pub fn panes(&self, width: u16) -> Panes {
        match (width >= SIDE_BY_SIDE, self.flipped) {
            (true, false) => Panes::Both,
            (false, false) | (true, true) => Panes::Text,
            (false, true) => Panes::Preview,
        }
    }

    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Paints the text's syntax over the editor just drawn into `inner` (see
    /// [`editor_syntax::paint`]).
    pub fn highlight(&self, buf: &mut Buffer, inner: Rect, styles: &SyntaxStyles) {
        let mut highlights = self.highlights.borrow_mut();
        editor_syntax::paint(&self.area, &mut highlights, buf, inner, styles);
    }
}

fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    // Grading errors point at `file:line:column`: the numbers make the line easy to find.
    area.set_line_number_style(Style::new().add_modifier(Modifier::DIM));
    // The default underline on the cursor's line is noise under NO_COLOR and in snapshots.
    area.set_cursor_line_style(Style::new());
    area.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
    area
}

/// Byte offset where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(editor: &mut AdrEditor, text: &str) {
        for c in text.chars() {
            editor.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn the_template_is_clean_until_typed_into() {
        let mut e = AdrEditor::new(Lang::En);
        assert!(!e.dirty());
        assert_eq!(e.text(), template(Lang::En));
        typed(&mut e, "x");
        assert!(e.dirty());
        e.mark_saved(e.text());
        assert!(!e.dirty());
    }

    #[test]
    fn section_jumps_land_on_headings_and_skip_fenced_code() {
        let mut e = AdrEditor::new(Lang::En);
        e.load("# T\n\n## Context\n\ntext\n\n```md\n## not a heading\n```\n\n## Decision\n");
        assert_eq!(e.section(), "");
        e.jump_section(true);
        assert_eq!(e.section(), "Context");
        assert_eq!(e.section_index(), 1);
        e.jump_section(true);
        assert_eq!(e.section(), "Decision");
        e.jump_section(true);
        assert_eq!(
            e.section(),
            "Decision",
            "no heading below: the cursor stays"
        );
        e.jump_section(false);
        assert_eq!(e.section(), "Context");
    }

    #[test]
    fn a_paste_keeps_its_lines_whatever_the_line_ends() {
        let mut e = AdrEditor::new(Lang::En);
        e.load("");
        e.paste("a\r\nb\rc\nd");
        assert_eq!(e.text(), "a\nb\nc\nd\n");
    }

    #[test]
    fn switching_language_swaps_only_an_untouched_template() {
        let mut e = AdrEditor::new(Lang::En);
        e.relabel(Lang::En, Lang::Id);
        assert_eq!(e.text(), template(Lang::Id));
        typed(&mut e, "mine ");
        let mine = e.text();
        e.relabel(Lang::Id, Lang::En);
        assert_eq!(e.text(), mine);
    }
}
