//! Syntax highlighting of fenced code with syntect (onig) and two-face's syntax set, which adds
//! TOML to syntect's defaults. Loading takes milliseconds, so it happens once (`OnceLock`), ideally
//! on a background thread at start-up via `warm_highlighter`.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use two_face::theme::EmbeddedThemeName;

use super::blocks::HighlightedLine;

struct Highlighter {
    syntaxes: SyntaxSet,
    theme: Theme,
}

fn highlighter() -> &'static Highlighter {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    HIGHLIGHTER.get_or_init(|| Highlighter {
        syntaxes: two_face::syntax::extra_newlines(),
        theme: two_face::theme::extra()
            .get(EmbeddedThemeName::Base16OceanDark)
            .clone(),
    })
}

/// The syntax set the reader highlights code with, for the editor to use the same grammars.
pub(crate) fn syntaxes() -> &'static SyntaxSet {
    &highlighter().syntaxes
}

/// Loads the syntax set and theme and compiles the YAML grammar (onig compiles lazily), so the
/// first lesson with code renders without a visible pause.
pub fn warm_highlighter() {
    // The result is irrelevant: only the side effect of loading and compiling matters.
    let _ = highlight("yaml", &["warm: [up, 1]".to_owned()]);
}

fn syntax<'a>(syntaxes: &'a SyntaxSet, lang: &str) -> Option<&'a SyntaxReference> {
    let token = match lang {
        "" | "text" | "txt" | "plain" | "plaintext" | "diagram" => return None,
        "shell" | "console" | "sh" | "zsh" | "shell-session" => "bash",
        "yml" => "yaml",
        other => other,
    };
    syntaxes.find_syntax_by_token(token)
}

/// Highlights `lines`; `None` for plain text, unknown languages, or a grammar error (the block
/// is then shown in the plain code style rather than half-highlighted).
pub(crate) fn highlight(lang: &str, lines: &[String]) -> Option<Vec<HighlightedLine>> {
    let hl = highlighter();
    let syntax = syntax(&hl.syntaxes, lang)?;
    let mut state = HighlightLines::new(syntax, &hl.theme);
    let mut out = Vec::with_capacity(lines.len());
    let mut buf = String::new();
    for line in lines {
        // The set is the "newlines" variant: grammars expect each line to end with '\n'.
        buf.clear();
        buf.push_str(line);
        buf.push('\n');
        let regions = state.highlight_line(&buf, &hl.syntaxes).ok()?;
        let mut start = 0;
        let mut spans = Vec::with_capacity(regions.len());
        for (style, text) in regions {
            let end = (start + text.len()).min(line.len());
            if end > start {
                spans.push((start..end, convert(style)));
            }
            start += text.len();
        }
        out.push(spans);
    }
    Some(out)
}

fn convert(style: syntect::highlighting::Style) -> Style {
    let fg = style.foreground;
    let mut out = Style::new().fg(Color::Rgb(fg.r, fg.g, fg.b));
    if style.font_style.contains(FontStyle::BOLD) {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.font_style.contains(FontStyle::ITALIC) {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.font_style.contains(FontStyle::UNDERLINE) {
        out = out.add_modifier(Modifier::UNDERLINED);
    }
    out
}
