//! Unit tests of the layouter through its public API, plus the table fitting arithmetic.

use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::table::fit;
use super::*;
use crate::i18n::Lang;

fn render(md: &str, width: u16) -> Rendered {
    layout(
        &Document::parse(md),
        RenderOptions::new(width, true, Lang::En),
    )
}

fn plain(md: &str, width: u16) -> String {
    render(md, width).plain_text()
}

fn line_text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn assert_fits(r: &Rendered, width: usize) {
    for line in &r.lines {
        let text = line_text(line);
        assert!(text.width() <= width, "{:?} wider than {width}", text);
    }
}

#[test]
fn table_at_natural_width() {
    let md = "| Mesh | Proxy |\n|---|---|\n| Linkerd | Rust |\n| Istio | Envoy |\n";
    assert_eq!(
        plain(md, 80),
        "┌─────────┬───────┐\n\
         │ Mesh    │ Proxy │\n\
         ├─────────┼───────┤\n\
         │ Linkerd │ Rust  │\n\
         │ Istio   │ Envoy │\n\
         └─────────┴───────┘"
    );
}

#[test]
fn fit_shrinks_the_widest_column_first() {
    // Natural widths fit: unchanged.
    assert_eq!(fit(&[10, 30], &[5, 8], 40), Some(vec![10, 30]));
    // 10 columns too many: only the widest gives way.
    assert_eq!(fit(&[10, 30], &[5, 8], 30), Some(vec![10, 20]));
    // Both capped at the same level once they are equal.
    assert_eq!(fit(&[20, 30], &[5, 5], 30), Some(vec![15, 15]));
    // Never below the longest word.
    assert_eq!(fit(&[20, 30], &[18, 5], 30), Some(vec![18, 12]));
    // Minimums do not fit: no grid.
    assert_eq!(fit(&[20, 30], &[18, 15], 30), None);
}

#[test]
fn table_shrinks_and_wraps_inside_cells() {
    let md = "| Key | Description |\n|---|---|\n\
              | retries | the proxy retries a failed request up to three times |\n\
              | timeout | per try |\n";
    let r = render(md, 30);
    assert_fits(&r, 30);
    // The widest column gave way; the long cell wraps, and wrapped rows get separators.
    assert_eq!(
        r.plain_text(),
        "┌─────────┬──────────────────┐\n\
         │ Key     │ Description      │\n\
         ├─────────┼──────────────────┤\n\
         │ retries │ the proxy        │\n\
         │         │ retries a failed │\n\
         │         │ request up to    │\n\
         │         │ three times      │\n\
         ├─────────┼──────────────────┤\n\
         │ timeout │ per try          │\n\
         └─────────┴──────────────────┘"
    );
}

#[test]
fn table_falls_back_to_cards_when_too_narrow() {
    let md =
        "| Mesh | Data plane |\n|---|---|\n| Linkerd | micro-proxy sidecar |\n| Cilium | eBPF |\n";
    let text = plain(md, 16);
    assert!(!text.contains('┌'), "{text}");
    assert_eq!(
        text,
        "Mesh: Linkerd\n\
         Data plane:\n\
         micro-proxy\n\
         sidecar\n\
         ────────────────\n\
         Mesh: Cilium\n\
         Data plane: eBPF"
    );
}

#[test]
fn table_columns_keep_their_alignment() {
    let md = "| L | C | R |\n|:--|:-:|--:|\n| a | b | c |\n| long | wider | widest |\n";
    let text = plain(md, 80);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[3], "│ a    │   b   │      c │");
    assert_eq!(lines[1], "│ L    │   C   │      R │");
}

#[test]
fn table_header_is_bold() {
    let r = render("| H |\n|---|\n| v |\n", 40);
    let header = &r.lines[1];
    let h = header
        .spans
        .iter()
        .find(|s| s.content.contains('H'))
        .expect("header span");
    assert!(h.style.add_modifier.contains(Modifier::BOLD));
    let v = r.lines[3]
        .spans
        .iter()
        .find(|s| s.content.contains('v'))
        .expect("cell span");
    assert!(!v.style.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn nested_lists_hang_and_indent_by_two() {
    let md = "- alpha beta gamma delta\n  - inner one two three\n    - deepest\n- omega\n";
    assert_eq!(
        plain(md, 16),
        "• alpha beta\n  gamma delta\n  ◦ inner one\n    two three\n    ▪ deepest\n• omega"
    );
}

#[test]
fn ordered_lists_keep_start_and_align_numbers() {
    let md = "8. eight\n9. nine\n10. ten\n";
    assert_eq!(plain(md, 40), " 8. eight\n 9. nine\n10. ten");
}

#[test]
fn task_lists_show_boxes() {
    assert_eq!(plain("- [ ] todo\n- [x] done\n", 40), "☐ todo\n☑ done");
}

#[test]
fn loose_lists_get_blank_lines() {
    assert_eq!(plain("- one\n\n- two\n", 40), "• one\n\n• two");
}

#[test]
fn heading_lines_point_at_heading_text() {
    let md = "# Title that wraps at a narrow width\n\nIntro text.\n\n## Sub\n\n> ### Quoted heading\n\n- item\n\n  #### In a list\n";
    let doc = Document::parse(md);
    let headings: Vec<_> = doc
        .headings()
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "Title that wraps at a narrow width"),
            (2, "Sub"),
            (3, "Quoted heading"),
            (4, "In a list")
        ]
    );
    for width in [12, 40, 100] {
        let r = layout(&doc, RenderOptions::new(width, false, Lang::En));
        assert_eq!(r.heading_lines.len(), 4);
        let lines: Vec<String> = r.lines.iter().map(line_text).collect();
        for (h, &at) in doc.headings().iter().zip(&r.heading_lines) {
            let first_word = h.text.split(' ').next().unwrap_or_default();
            assert!(
                lines[at].contains(first_word),
                "{:?} at {at}: {:?}",
                h.text,
                lines[at]
            );
        }
    }
}

#[test]
fn headings_are_separated_and_styled_per_level() {
    let r = render("# One\n\ntext\n\n## Two\n### Three\n", 20);
    assert_eq!(
        r.plain_text(),
        "One\n════════════════════\n\ntext\n\nTwo\n\nThree"
    );
    let style = |i: usize| r.lines[i].spans[0].style;
    assert_ne!(style(0), style(r.heading_lines[1]));
    assert_ne!(style(r.heading_lines[1]), style(r.heading_lines[2]));
    assert!(style(0).add_modifier.contains(Modifier::BOLD));
}

#[test]
fn no_color_has_no_colours_but_keeps_modifiers() {
    let md = "# H\n\n**bold** `code` [link](http://x) ~~gone~~\n\n> [!NOTE]\n> note\n\n| a |\n|---|\n| b |\n\n```yaml\nkey: value\n```\n";
    let r = layout(
        &Document::parse(md),
        RenderOptions::new(60, false, Lang::En),
    );
    let mut modifiers = Modifier::empty();
    for span in r.lines.iter().flat_map(|l| &l.spans) {
        assert_eq!((span.style.fg, span.style.bg), (None, None), "{span:?}");
        modifiers |= span.style.add_modifier;
    }
    for m in [
        Modifier::BOLD,
        Modifier::UNDERLINED,
        Modifier::CROSSED_OUT,
        Modifier::REVERSED,
    ] {
        assert!(modifiers.contains(m), "{m:?} lost");
    }
    assert!(!r.ansi_text().contains("38;"), "no foreground codes");
}

#[test]
fn yaml_is_highlighted_in_several_colours() {
    let md =
        "```yaml\napiVersion: v1\nkind: Service # a comment\nspec:\n  ports: [80, \"http\"]\n```\n";
    let r = render(md, 80);
    let colours: std::collections::HashSet<Color> = r
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .filter_map(|s| s.style.fg)
        .collect();
    assert!(colours.len() > 1, "{colours:?}");
}

#[test]
fn toml_and_bash_have_grammars_and_text_does_not() {
    let fgs = |md: &str| -> usize {
        let r = render(md, 80);
        r.lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter_map(|s| s.style.fg)
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    assert!(fgs("```toml\n[pack]\nname = \"x\" # c\n```\n") > 1);
    assert!(fgs("```bash\nkubectl get pods -n \"$NS\" # list\n```\n") > 1);
    assert_eq!(fgs("```text\nkind: Service # not yaml\n```\n"), 1);
}

#[test]
fn code_is_clipped_not_wrapped() {
    let long = "x".repeat(50);
    let md = format!("```text\n{long}\nshort\n```\n");
    let text = plain(&md, 30);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], format!("  {}›", "x".repeat(27)));
    assert_eq!(lines[1], "  short");
}

#[test]
fn code_tabs_expand_to_tab_stops() {
    assert_eq!(plain("```\na\tb\n\tc\n```\n", 40), "  a   b\n      c");
}

#[test]
fn note_has_bar_and_label() {
    let md = "> [!NOTE]\n> **meshlab note:** retries multiply: 48 attempts, not 18.\n";
    let r = render(md, 30);
    let text = r.plain_text();
    // The lead becomes the label line, so the body does not say it twice.
    assert_eq!(
        text,
        "▌ ℹ meshlab note\n▌ retries multiply: 48\n▌ attempts, not 18."
    );
    let bar = &r.lines[1].spans[0];
    assert_eq!(bar.content, "▌ ");
    assert_eq!(bar.style.fg, Some(Color::Blue));
    // A plain quote looks different.
    assert_eq!(plain("> quoted\n", 30), "│ quoted");
}

#[test]
fn note_labels_speak_the_readers_language() {
    let show = |md: &str, lang: Lang| {
        layout(&Document::parse(md), RenderOptions::new(40, false, lang)).plain_text()
    };
    let id = "> [!NOTE]\n> **Catatan meshlab:** retry berlipat.\n";
    assert_eq!(show(id, Lang::Id), "▌ ℹ Catatan meshlab\n▌ retry berlipat.");
    // A meshlab note is called so in the reader's language, whatever its lead says.
    assert_eq!(show(id, Lang::En), "▌ ℹ meshlab note\n▌ retry berlipat.");
    // A note without a lead is named for its kind; an author's own lead stays, colon outside
    // the bold too.
    assert_eq!(
        show("> [!WARNING]\n> Hati-hati.\n", Lang::Id),
        "▌ ⚠ Peringatan\n▌ Hati-hati."
    );
    assert_eq!(
        show("> [!TIP]\n> **Lab**: try it.\n", Lang::En),
        "▌ ✱ Lab\n▌ try it."
    );
    // Only a bold lead that ends in a colon is a label.
    assert_eq!(
        show("> [!NOTE]\n> **Bold** words.\n", Lang::En),
        "▌ ℹ Note\n▌ Bold words."
    );
}

#[test]
fn links_show_url_unless_it_is_the_text() {
    let r = render(
        "See [the docs](https://linkerd.io/2) and <https://istio.io>.",
        80,
    );
    assert_eq!(
        r.plain_text(),
        "See the docs (https://linkerd.io/2) and https://istio.io."
    );
    let spans = &r.lines[0].spans;
    let text = spans
        .iter()
        .find(|s| s.content == "the docs")
        .expect("link text span");
    assert!(text.style.add_modifier.contains(Modifier::UNDERLINED));
    let url = spans
        .iter()
        .find(|s| s.content.contains("(https://linkerd.io/2)"))
        .expect("url span");
    assert!(url.style.add_modifier.contains(Modifier::DIM));
}

#[test]
fn emphasis_keeps_its_style_across_wrapped_lines() {
    let r = render("plain **bold words that wrap over lines** end", 12);
    let bold_lines = r
        .lines
        .iter()
        .filter(|l| {
            l.spans
                .iter()
                .any(|s| s.style.add_modifier.contains(Modifier::BOLD))
        })
        .count();
    assert!(bold_lines >= 3, "{:?}", r.lines);
}

#[test]
fn inline_code_is_distinct() {
    let r = render("run `kubectl get pods` now", 80);
    let code = r.lines[0]
        .spans
        .iter()
        .find(|s| s.content == "kubectl get pods")
        .expect("code span");
    assert!(code.style.bg.is_some() && code.style.fg.is_some());
}

#[test]
fn wide_characters_wrap_by_columns() {
    // Each ideograph is two columns: six fit in twelve.
    let r = render("中文字符中文字符中文字符", 12);
    assert_eq!(r.plain_text(), "中文字符中文\n字符中文字符");
    assert_fits(&r, 12);
    let r = render("e\u{301}e\u{301}e\u{301}", 3);
    assert_eq!(r.lines.len(), 1, "combining marks take no column");
}

#[test]
fn breaks_soft_and_hard() {
    assert_eq!(
        plain("one\ntwo  \nthree\\\nfour", 80),
        "one two\nthree\nfour"
    );
}

#[test]
fn rule_spans_the_width() {
    assert_eq!(plain("a\n\n---\n\nb", 5), "a\n\n─────\n\nb");
}

#[test]
fn tiny_widths_never_panic_or_overflow() {
    let md = "# Heading\n\n- > quote in a list with `code` and 中文\n\n| a | b |\n|---|---|\n| 中 | d |\n\n```yaml\nk: v\n```\n";
    for width in 0..=6u16 {
        let r = render(md, width);
        assert_fits(&r, usize::from(width.max(1)));
        assert!(!r.lines.is_empty());
    }
}

#[test]
fn deep_nesting_is_flattened_not_a_stack_overflow() {
    let md = ">".repeat(50_000) + " deep";
    let r = render(&md, 40);
    assert_fits(&r, 40);
    assert!(r.plain_text().contains("deep"));
    let md = "- ".repeat(20_000) + "x";
    let r = render(&md, 40);
    assert_fits(&r, 40);
}

#[test]
fn control_characters_do_not_reach_the_terminal() {
    let text = plain("a\u{1b}[31mb \u{202E}x\n\n```\nc\u{1b}d\u{2066}\n```\n", 40);
    assert!(
        !text.contains(['\u{1b}', '\u{202E}', '\u{2066}']),
        "{text:?}"
    );
    assert_eq!(text.matches('\u{FFFD}').count(), 4, "{text:?}");
}

#[test]
fn ansi_text_wraps_styles_in_sgr_and_matches_plain() {
    let r = render("**bold** plain", 40);
    let ansi = r.ansi_text();
    assert!(ansi.starts_with("\x1b[0;1mbold\x1b[0m plain"), "{ansi:?}");
    let stripped: String = strip_sgr(&ansi);
    assert_eq!(stripped, r.plain_text());
}

fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn html_comments_are_hidden() {
    assert_eq!(plain("<!-- author note -->\n\ntext", 40), "text");
}

#[test]
fn documents_can_be_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Document>();
    send_sync::<Rendered>();
}

#[test]
fn warming_on_another_thread_then_highlighting() {
    std::thread::spawn(warm_highlighter)
        .join()
        .expect("warm-up thread");
    let r = render("```toml\nkey = 1\n```\n", 40);
    assert!(r.lines[0].spans.iter().any(|s| s.style.fg.is_some()));
}

#[test]
fn prose_and_inline_code_break_only_at_spaces() {
    assert_eq!(plain("aaaa non-HTTP", 9), "aaaa\nnon-HTTP");
    assert_eq!(plain("aaaa `non-HTTP`", 9), "aaaa\nnon-HTTP");
    // A path moves to the next line whole rather than leave `values-` behind.
    assert_eq!(
        plain("The HA values use Fail (values-ha.yaml).", 28),
        "The HA values use Fail\n(values-ha.yaml)."
    );
}

#[test]
fn hard_breaks_keep_a_quoted_question_on_its_lines() {
    // Section 15's question: a backslash or two trailing spaces end each line.
    let md = "> At 2026-07-01T10:00:00Z,\\\n> was service A allowed to call service B,  \n\
              > under which identity?\n";
    assert_eq!(
        plain(md, 80),
        "│ At 2026-07-01T10:00:00Z,\n│ was service A allowed to call service B,\n│ under which identity?"
    );
    // Without hard breaks the lines are one paragraph, as Markdown says.
    assert_eq!(plain("> one\n> two\n", 80), "│ one two");
}

#[test]
fn whole_code_keeps_long_lines_and_marks_them() {
    let long = format!(
        "meshlab sim probe lab {}--mesh istio-sidecar",
        "x ".repeat(30)
    );
    let md = format!("Intro text.\n\n```bash\n{long}\nshort\n```\n\nAfter.\n");
    let doc = Document::parse(&md);
    let whole = layout(&doc, RenderOptions::new(40, false, Lang::En).whole_code());
    let text = whole.plain_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[2], format!("  {long}"), "kept whole, indent included");
    assert_eq!(
        whole.code,
        vec![CodeLines {
            lines: 2..4,
            prefix: 2
        }]
    );
    assert!(whole.is_code(2) && whole.is_code(3));
    assert!(!whole.is_code(0) && !whole.is_code(4) && !whole.is_code(5));
    // Everything that is not code still fits.
    for (i, line) in whole.lines.iter().enumerate() {
        assert!(whole.is_code(i) || line.width() <= 40, "{i}: {line}");
    }
    // Clipped, the same block ends at the width with the marker.
    let clipped = layout(&doc, RenderOptions::new(40, false, Lang::En)).plain_text();
    assert!(clipped.lines().all(|l| l.width() <= 40), "{clipped}");
    assert!(clipped.lines().nth(2).is_some_and(|l| l.ends_with('›')));
}
