//! Syntax highlighting in the drill editor: YAML for manifest drills, Markdown for ADRs.
//!
//! ratatui-textarea draws the text itself (wrapping, scrolling, line numbers, cursor and
//! selection) and has no way to style a token, so the editor is drawn as before and its text
//! is painted afterwards ([`paint`]): every cell the textarea left unstyled takes the style of
//! the token its character belongs to, found with `TextArea::screen_to_data` (the mapping a
//! mouse click uses, so it follows wrapping and tabs exactly as the textarea draws them). The
//! cursor, the selection and the line numbers carry styles of their own and are left alone.
//!
//! A grammar reads the text from the top (a block scalar or a code fence changes how the lines
//! below it read), so [`Highlights`] keeps each line's tokens with the grammar's state after
//! it: an edit re-reads from the first changed line, and only as far down as the screen shows.

use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui_textarea::TextArea;
use syntect::highlighting::ScopeSelectors;
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};

use crate::content::render::syntaxes;
use crate::tui::theme::SyntaxStyles;

/// The language of the editor's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grammar {
    Yaml,
    Markdown,
}

impl Grammar {
    fn syntax(self, set: &SyntaxSet) -> Option<&SyntaxReference> {
        set.find_syntax_by_token(match self {
            Grammar::Yaml => "yaml",
            Grammar::Markdown => "md",
        })
    }
}

/// What a piece of text is, as far as its style goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// A mapping key (`kind:`).
    Key,
    String,
    /// Numbers, `true`/`false`/`null`.
    Constant,
    Comment,
    /// Structure: `-` items, `---`, anchors, aliases, tags, block scalar indicators, list
    /// bullets and quote marks in Markdown.
    Mark,
    Heading,
    Strong,
    Emphasis,
    /// Inline and fenced code (the Markdown grammar does not read the YAML in a fence).
    Code,
    Link,
}

/// Which scopes each token covers. The most specific match wins: a YAML key is a plain
/// scalar inside `entity.name.tag`.
const SELECTORS: [(&str, Token); 10] = [
    ("entity.name.tag", Token::Key),
    ("string", Token::String),
    ("constant.numeric, constant.language", Token::Constant),
    ("comment", Token::Comment),
    (
        "punctuation.definition.block.sequence, entity.other.document, \
         storage.type.tag-handle, keyword.control, entity.name.other.anchor, \
         variable.other.alias, punctuation.definition.list_item, \
         punctuation.definition.blockquote, markup.list.numbered.bullet",
        Token::Mark,
    ),
    ("markup.heading", Token::Heading),
    ("markup.bold", Token::Strong),
    ("markup.italic", Token::Emphasis),
    ("markup.raw", Token::Code),
    ("markup.underline.link, meta.link.inline", Token::Link),
];

fn selectors() -> &'static [(ScopeSelectors, Token)] {
    static SELECTORS_PARSED: OnceLock<Vec<(ScopeSelectors, Token)>> = OnceLock::new();
    SELECTORS_PARSED.get_or_init(|| {
        SELECTORS
            .iter()
            .map(|(s, t)| {
                let s = ScopeSelectors::from_str(s).expect("the selectors above are well formed");
                (s, *t)
            })
            .collect()
    })
}

fn classify(stack: &ScopeStack) -> Option<Token> {
    let mut best = None;
    for (selector, token) in selectors() {
        if let Some(power) = selector.does_match(stack.as_slice())
            && best.is_none_or(|(p, _)| power > p)
        {
            best = Some((power, *token));
        }
    }
    best.map(|(_, t)| t)
}

#[derive(Clone, Debug)]
struct Line {
    text: String,
    /// Tokens by range of characters (the textarea counts columns in characters).
    tokens: Vec<(Range<usize>, Token)>,
    /// The grammar's state after the line: where the next line starts reading.
    after: (ParseState, ScopeStack),
}

/// The tokens of the text's first lines, kept between frames.
#[derive(Clone, Debug)]
pub struct Highlights {
    grammar: Grammar,
    lines: Vec<Line>,
}

impl Highlights {
    pub fn new(grammar: Grammar) -> Highlights {
        Highlights {
            grammar,
            lines: Vec::new(),
        }
    }

    /// Brings the tokens of lines `..upto` up to date with `text`, re-reading from the first
    /// line that changed. A line the grammar cannot read (it never should) and those below it
    /// stay plain rather than half right.
    pub fn update(&mut self, text: &[String], upto: usize) {
        let same = self
            .lines
            .iter()
            .zip(text)
            .take_while(|(known, now)| known.text == **now)
            .count();
        self.lines.truncate(same);
        let upto = upto.min(text.len());
        if same >= upto {
            return;
        }
        let set = syntaxes();
        let Some(syntax) = self.grammar.syntax(set) else {
            return;
        };
        let (mut parse, mut stack) = match self.lines.last() {
            Some(line) => line.after.clone(),
            None => (ParseState::new(syntax), ScopeStack::new()),
        };
        let mut buf = String::new();
        for text in &text[same..upto] {
            // The set is the "newlines" variant: grammars expect each line to end with '\n'.
            buf.clear();
            buf.push_str(text);
            buf.push('\n');
            let Some(tokens) = line_tokens(&buf, text.len(), &mut parse, &mut stack, set) else {
                return;
            };
            self.lines.push(Line {
                text: text.clone(),
                tokens,
                after: (parse.clone(), stack.clone()),
            });
        }
    }

    /// The token at character `col` of line `row`, if it is highlighted (and read already).
    pub fn token_at(&self, row: usize, col: usize) -> Option<Token> {
        let line = self.lines.get(row)?;
        line.tokens
            .iter()
            .find(|(range, _)| range.contains(&col))
            .map(|(_, t)| *t)
    }
}

/// The tokens of one line (`line` ends with '\n', which is not part of any token; `len` is the
/// length without it), the grammar's state carried on to the next line.
fn line_tokens(
    line: &str,
    len: usize,
    parse: &mut ParseState,
    stack: &mut ScopeStack,
    set: &SyntaxSet,
) -> Option<Vec<(Range<usize>, Token)>> {
    let ops = parse.parse_line(line, set).ok()?;
    let mut tokens: Vec<(Range<usize>, Token)> = Vec::new();
    // Byte and character offsets of where the current region starts.
    let (mut byte, mut char) = (0, 0);
    let mut region = |to: usize, stack: &ScopeStack, byte: &mut usize, char: &mut usize| {
        let to = to.min(len);
        if to <= *byte {
            return;
        }
        let end = *char + line[*byte..to].chars().count();
        if let Some(token) = classify(stack) {
            match tokens.last_mut() {
                Some((range, last)) if *last == token && range.end == *char => range.end = end,
                _ => tokens.push((*char..end, token)),
            }
        }
        (*byte, *char) = (to, end);
    };
    for (at, op) in ops {
        region(at, stack, &mut byte, &mut char);
        stack.apply(&op).ok()?;
    }
    region(len, stack, &mut byte, &mut char);
    Some(tokens)
}

/// Paints the tokens over the text `area` drew into `inner` (the rectangle it was just
/// rendered in). Only cells the textarea left in the terminal's own style are painted: the
/// cursor, the selection and the line numbers keep theirs.
pub fn paint(
    area: &TextArea,
    highlights: &mut Highlights,
    buf: &mut Buffer,
    inner: Rect,
    styles: &SyntaxStyles,
) {
    if inner.is_empty() || area.lines().is_empty() {
        return;
    }
    let (top, _) = area.scroll_offset();
    let top = usize::from(top);
    let gutter = area.line_number_width();
    let rows = usize::from(inner.height);
    let bottom = area.screen_to_data(top + rows - 1, 0).0;
    highlights.update(area.lines(), bottom + 1);
    let mut previous_start = None;
    for y in 0..inner.height {
        let row = top + usize::from(y);
        let start = area.screen_to_data(row, 0);
        // `screen_to_data` clamps a row below the text to the last one: that row was drawn.
        if previous_start == Some(start) {
            break;
        }
        previous_start = Some(start);
        let line = start.0;
        // Where this screen row's part of the line ends: where the next row's starts if the
        // line goes on there, else at the line's end.
        let next = area.screen_to_data(row + 1, 0);
        let end = if next.0 == line && next != start {
            next.1
        } else {
            usize::MAX
        };
        for x in gutter..inner.width {
            let at = area.screen_to_data(row, usize::from(x - gutter));
            if at.0 != line || at.1 >= end {
                continue;
            }
            let Some(token) = highlights.token_at(line, at.1) else {
                continue;
            };
            let cell = &mut buf[(inner.x + x, inner.y + y)];
            let plain =
                cell.fg == Color::Reset && cell.bg == Color::Reset && cell.modifier.is_empty();
            if plain {
                cell.set_style(styles.of(token));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Theme;
    use ratatui::style::Modifier;

    fn tokens_of(grammar: Grammar, text: &str) -> Vec<Vec<(Range<usize>, Token)>> {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut h = Highlights::new(grammar);
        h.update(&lines, lines.len());
        h.lines.into_iter().map(|l| l.tokens).collect()
    }

    fn token(grammar: Grammar, text: &str, row: usize, word: &str) -> Option<Token> {
        let line = text.lines().nth(row).unwrap();
        let col = line[..line.find(word).unwrap()].chars().count();
        let tokens = tokens_of(grammar, text);
        tokens[row]
            .iter()
            .find(|(r, _)| r.contains(&col))
            .map(|(_, t)| *t)
    }

    const MANIFEST: &str = "# who may call payment\nkind: NetworkPolicy\nmetadata:\n  name: \"allow-web\"\nspec:\n  - port: 8080\n";

    #[test]
    fn a_key_a_string_and_a_comment_get_different_styles() {
        let key = token(Grammar::Yaml, MANIFEST, 1, "kind");
        let string = token(Grammar::Yaml, MANIFEST, 3, "\"allow-web\"");
        let comment = token(Grammar::Yaml, MANIFEST, 0, "who");
        assert_eq!(key, Some(Token::Key));
        assert_eq!(string, Some(Token::String));
        assert_eq!(comment, Some(Token::Comment));
        assert_eq!(
            token(Grammar::Yaml, MANIFEST, 5, "8080"),
            Some(Token::Constant)
        );
        assert_eq!(token(Grammar::Yaml, MANIFEST, 5, "-"), Some(Token::Mark));
        for color in [true, false] {
            let styles = Theme::new(color).syntax;
            let [k, s, c] = [Token::Key, Token::String, Token::Comment].map(|t| styles.of(t));
            assert!(
                k != s && s != c && k != c,
                "color {color}: {k:?} {s:?} {c:?}"
            );
        }
    }

    #[test]
    fn markdown_headings_and_code_are_read_as_such() {
        let adr = "# Title\n\n## Decision\n\nUse `ztunnel`.\n\n```yaml\nkind: Gateway\n```\n";
        assert_eq!(
            token(Grammar::Markdown, adr, 2, "Decision"),
            Some(Token::Heading)
        );
        assert_eq!(
            token(Grammar::Markdown, adr, 4, "ztunnel"),
            Some(Token::Code)
        );
        assert_eq!(token(Grammar::Markdown, adr, 4, "Use"), None);
        assert_eq!(token(Grammar::Markdown, adr, 7, "kind"), Some(Token::Code));
    }

    #[test]
    fn an_edit_rereads_from_the_changed_line_on() {
        let mut lines: Vec<String> = ["a: |", "  b: c", "d: e"].map(String::from).to_vec();
        let mut h = Highlights::new(Grammar::Yaml);
        h.update(&lines, 3);
        // Inside a block scalar `b:` is text, not a key.
        assert_ne!(h.token_at(1, 2), Some(Token::Key));
        lines[0] = "a: x".into();
        h.update(&lines, 3);
        assert_eq!(h.token_at(1, 2), Some(Token::Key));
        assert_eq!(h.token_at(2, 0), Some(Token::Key));
    }

    #[test]
    fn only_lines_down_to_the_screen_are_read() {
        let lines: Vec<String> = (0..50).map(|i| format!("k{i}: v")).collect();
        let mut h = Highlights::new(Grammar::Yaml);
        h.update(&lines, 10);
        assert_eq!(h.lines.len(), 10);
        assert_eq!(h.token_at(20, 0), None);
        h.update(&lines, 30);
        assert_eq!(h.token_at(20, 0), Some(Token::Key));
    }

    #[test]
    fn no_token_style_hides_its_text() {
        let all = [
            Token::Key,
            Token::String,
            Token::Constant,
            Token::Comment,
            Token::Mark,
            Token::Heading,
            Token::Strong,
            Token::Emphasis,
            Token::Code,
            Token::Link,
        ];
        for color in [true, false] {
            let styles = Theme::new(color).syntax;
            for t in all {
                let s = styles.of(t);
                assert!(!s.add_modifier.contains(Modifier::HIDDEN), "{t:?}");
                if !color {
                    assert_eq!((s.fg, s.bg), (None, None), "{t:?} without colour");
                }
            }
        }
    }
}
