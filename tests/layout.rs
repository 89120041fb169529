//! Layout invariants over generated Markdown and over real-looking lessons.

use std::path::Path;

use meshlab::content::render::{Document, RenderOptions, Rendered, layout};
use meshlab::i18n::Lang;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn lines(r: &Rendered) -> Vec<String> {
    r.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// Width as unicode-width sees the whole line and as ratatui places it (per grapheme).
fn widths(text: &str) -> (usize, usize) {
    let per_grapheme = text.graphemes(true).map(UnicodeWidthStr::width).sum();
    (text.width(), per_grapheme)
}

fn assert_fits(r: &Rendered, width: usize) -> Result<(), TestCaseError> {
    for line in &r.lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let (whole, graphemes) = widths(&text);
        prop_assert!(
            whole <= width && graphemes <= width && line.width() <= width,
            "{text:?} is {whole}/{graphemes} columns, wider than {width}"
        );
    }
    Ok(())
}

/// Plain text without whitespace and layout decoration, so a word broken over lines, hanging
/// under a list marker or behind a quote bar still reads as one run of characters.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│┌┐└┘├┤┬┴┼─═•◦▪▌☐☑›".contains(*c))
        .collect()
}

fn sorted(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = squash(text).chars().collect();
    chars.sort_unstable();
    chars
}

/// Characters of sorted `want` that sorted `have` lacks (multiset difference).
fn missing(want: &[char], have: &[char]) -> Vec<char> {
    let mut have = have.iter().peekable();
    let mut out = Vec::new();
    for c in want {
        while have.next_if(|h| *h < c).is_some() {}
        if have.next_if(|h| *h == c).is_none() {
            out.push(*c);
        }
    }
    out
}

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("+++\n")
        && let Some(end) = rest.find("\n+++\n")
    {
        return &rest[end + 5..];
    }
    text
}

// ---------------------------------------------------------------- generated Markdown

/// Words free of Markdown syntax, mixing ASCII, wide CJK, emoji sequences and combining marks.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z0-9]{1,9}",
        1 => "[a-z]{12,40}",
        1 => "[a-z0-9]{1,8}([/-][a-z0-9]{1,12}){1,3}",
        1 => "[中文字符部署网格]{1,6}",
        1 => prop::sample::select(vec!["👍🏽", "👨‍👩‍👧", "🇮🇩", "🚀", "e\u{301}", "ñ", "ﾊﾝｶｸ", "é✓"])
            .prop_map(str::to_owned),
    ]
}

fn words(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 1..max)
}

#[derive(Clone, Debug)]
enum Gen {
    Heading(u8, Vec<String>),
    Paragraph(Vec<String>),
    List(Vec<(usize, Vec<String>)>),
    Quote(Vec<String>),
    Table(Vec<Vec<Vec<String>>>),
    Code(String, Vec<String>),
}

fn block() -> impl Strategy<Value = Gen> {
    prop_oneof![
        (1u8..=4, words(5)).prop_map(|(l, w)| Gen::Heading(l, w)),
        words(40).prop_map(Gen::Paragraph),
        prop::collection::vec((0usize..3, words(12)), 1..6).prop_map(Gen::List),
        words(30).prop_map(Gen::Quote),
        (1usize..6, 1usize..5).prop_flat_map(|(cols, rows)| {
            prop::collection::vec(
                prop::collection::vec(prop::collection::vec(word(), 0..4), cols),
                rows + 1,
            )
            .prop_map(Gen::Table)
        }),
        (
            prop::sample::select(vec!["yaml", "bash", "toml", "text", ""]),
            prop::collection::vec("[ -~中文🚀]{0,120}", 1..6),
        )
            .prop_map(|(lang, lines)| Gen::Code(lang.to_owned(), lines)),
    ]
}

fn emphasise(i: usize, w: &str) -> String {
    match i % 7 {
        1 => format!("**{w}**"),
        3 => format!("*{w}*"),
        5 => format!("`{w}`"),
        _ => w.to_owned(),
    }
}

fn markdown(blocks: &[Gen]) -> String {
    let mut md = String::new();
    for b in blocks {
        match b {
            Gen::Heading(level, w) => {
                md.push_str(&"#".repeat(usize::from(*level)));
                md.push(' ');
                md.push_str(&w.join(" "));
            }
            Gen::Paragraph(w) => {
                let text: Vec<String> =
                    w.iter().enumerate().map(|(i, w)| emphasise(i, w)).collect();
                md.push_str(&text.join(" "));
            }
            Gen::List(items) => {
                let mut depth = 0;
                for (i, (d, w)) in items.iter().enumerate() {
                    // A nested item needs a parent one level up.
                    depth = if i == 0 { 0 } else { (*d).min(depth + 1) };
                    md.push_str(&"  ".repeat(depth));
                    md.push_str("- ");
                    md.push_str(&w.join(" "));
                    md.push('\n');
                }
            }
            Gen::Quote(w) => {
                md.push_str("> ");
                md.push_str(&w.join(" "));
            }
            Gen::Table(rows) => {
                for (i, row) in rows.iter().enumerate() {
                    md.push('|');
                    for cell in row {
                        md.push(' ');
                        md.push_str(&cell.join(" "));
                        md.push_str(" |");
                    }
                    md.push('\n');
                    if i == 0 {
                        md.push('|');
                        for (c, _) in row.iter().enumerate() {
                            md.push_str([":--|", ":-:|", "--:|", "---|"][c % 4]);
                        }
                        md.push('\n');
                    }
                }
            }
            Gen::Code(lang, lines) => {
                md.push_str("```");
                md.push_str(lang);
                md.push('\n');
                for l in lines {
                    md.push_str(l);
                    md.push('\n');
                }
                md.push_str("```");
            }
        }
        md.push_str("\n\n");
    }
    md
}

/// Every word (or, in tables, word fragment) whose text must survive layout.
fn prose_words(blocks: &[Gen]) -> Vec<&str> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Gen::Heading(_, w) | Gen::Paragraph(w) | Gen::Quote(w) => {
                out.extend(w.iter().map(String::as_str))
            }
            Gen::List(items) => {
                out.extend(items.iter().flat_map(|(_, w)| w.iter().map(String::as_str)))
            }
            // Cells side by side interleave their lines, so a word that a narrow column breaks
            // after `/` or `-` is only found piece by piece.
            Gen::Table(rows) => out.extend(
                rows.iter()
                    .flatten()
                    .flatten()
                    .flat_map(|w| w.split_inclusive(['/', '-'])),
            ),
            Gen::Code(..) => {}
        }
    }
    out
}

proptest! {
    #[test]
    fn generated_documents_fit_and_keep_their_text(
        blocks in prop::collection::vec(block(), 1..8),
        width in 1u16..=200,
        color in any::<bool>(),
    ) {
        let md = markdown(&blocks);
        let doc = Document::parse(&md);
        let r = layout(&doc, RenderOptions::new(width, color, Lang::En));
        assert_fits(&r, usize::from(width))?;
        prop_assert_eq!(r.heading_lines.len(), doc.headings().len());
        prop_assert!(r.heading_lines.windows(2).all(|w| w[0] < w[1]));

        let text = r.plain_text();
        if width >= 20 {
            let squashed = squash(&text);
            for w in prose_words(&blocks) {
                prop_assert!(squashed.contains(&squash(w)), "{:?} missing at width {}:\n{}", w, width, text);
            }
        }

        // Code lines are clipped, never wrapped: each appears whole, or as a prefix ending in the
        // clip marker at the full available width.
        let out: Vec<String> = lines(&r);
        let indent = if width > 20 { "  " } else { "" };
        for b in &blocks {
            let Gen::Code(_, code) = b else { continue };
            for c in code.iter().map(|c| c.trim_end()).filter(|c| !c.is_empty()) {
                let found = out.iter().filter_map(|o| o.strip_prefix(indent)).any(|o| {
                    o == c || o.strip_suffix('›').is_some_and(|kept| {
                        // A wide character that does not fit leaves one column unused.
                        let avail = usize::from(width) - indent.len();
                        c.starts_with(kept) && (avail.saturating_sub(1)..=avail).contains(&o.width())
                    })
                });
                prop_assert!(found, "code line {:?} not found whole or clipped at width {}:\n{}", c, width, text);
            }
        }
    }

    #[test]
    fn arbitrary_markdown_never_panics_or_overflows(
        md in "[#*_`>|\\-\\[\\]()!:\\\\\n \t1.xa中👍\u{301}<>~=+]{0,300}",
        width in 0u16..=120,
    ) {
        let r = layout(&Document::parse(&md), RenderOptions::new(width, true, Lang::En));
        assert_fits(&r, usize::from(width.max(1)))?;
        let _ = r.ansi_text();
    }

    /// The reader's layout: code kept whole (the TUI scrolls it sideways). Only the lines the
    /// layout marks as code may be wider than the width, and each holds its code line whole.
    #[test]
    fn whole_code_overflows_only_in_code_lines(
        blocks in prop::collection::vec(block(), 1..8),
        width in 1u16..=120,
        lang in prop::sample::select(Lang::ALL.to_vec()),
    ) {
        let md = markdown(&blocks);
        let r = layout(&Document::parse(&md), RenderOptions::new(width, true, lang).whole_code());
        let out = lines(&r);
        for (i, line) in out.iter().enumerate() {
            let (whole, graphemes) = widths(line);
            prop_assert!(
                r.is_code(i) || (whole <= usize::from(width) && graphemes <= usize::from(width)),
                "line {} {:?} is not code and wider than {}", i, line, width
            );
        }
        prop_assert!(r.code.windows(2).all(|w| w[0].lines.end <= w[1].lines.start), "{:?}", r.code);
        let code: Vec<&String> = out.iter().enumerate().filter(|(i, _)| r.is_code(*i)).map(|(_, l)| l).collect();
        for b in &blocks {
            let Gen::Code(_, lines) = b else { continue };
            for c in lines.iter().map(|c| c.trim_end()).filter(|c| !c.is_empty()) {
                prop_assert!(
                    code.iter().any(|o| o.trim_start() == c.trim_start()),
                    "code line {:?} not whole at width {}", c, width
                );
            }
        }
    }

    #[test]
    fn any_string_is_safe(md in any::<String>(), width in 0u16..=80) {
        let r = layout(&Document::parse(&md), RenderOptions::new(width, false, Lang::En));
        assert_fits(&r, usize::from(width.max(1)))?;
    }
}

// ---------------------------------------------------------------- lessons

fn check_lesson(name: &str, markdown: &str) {
    let doc = Document::parse(strip_front_matter(markdown));
    let reference = sorted(&layout(&doc, RenderOptions::new(200, false, Lang::En)).plain_text());
    for width in 20..=200u16 {
        // Colour changes styles, not text: a few widths suffice for it, keeping this test quick.
        let colors: &[bool] = if width % 40 == 0 {
            &[false, true]
        } else {
            &[false]
        };
        for &color in colors {
            let r = layout(&doc, RenderOptions::new(width, color, Lang::En));
            for line in lines(&r) {
                let (whole, graphemes) = widths(&line);
                assert!(
                    whole <= usize::from(width) && graphemes <= usize::from(width),
                    "{name} at width {width}: {line:?}"
                );
            }
            assert_eq!(r.heading_lines.len(), doc.headings().len(), "{name}");
            // Only code may be cut (lessons keep it within 72 columns): prose and tables keep
            // every character. Wrapped table cells interleave and cards repeat the headers, so
            // this compares multisets: everything in the widest layout is still there.
            if width >= 100 && width % 10 == 0 {
                let missing = missing(&reference, &sorted(&r.plain_text()));
                assert!(
                    missing.is_empty(),
                    "{name} at width {width} lost {missing:?}"
                );
            }
        }
    }
}

#[test]
fn fixture_lessons_fit_every_width() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures") {
        let path = entry.expect("fixture entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            check_lesson(&path.display().to_string(), &text);
            n += 1;
        }
    }
    assert!(n >= 2, "expected the fixture lessons in {}", dir.display());
}

#[test]
fn fixture_lesson_structure() {
    let text = include_str!("fixtures/en-05-linkerd.md");
    let doc = Document::parse(strip_front_matter(text));
    let headings: Vec<(u8, &str)> = doc
        .headings()
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "5. Linkerd: The Deliberately Simple Mesh"),
            (2, "5.1 Data Plane: the micro-proxy"),
            (2, "5.2 Identity and mTLS"),
            (3, "5.2.1 Retries and timeouts"),
            (2, "5.3 Trade-offs"),
        ]
    );
    let r = layout(&doc, RenderOptions::new(100, true, Lang::En));
    let out = lines(&r);
    for (h, &at) in doc.headings().iter().zip(&r.heading_lines) {
        assert_eq!(out[at], h.text);
    }
    assert!(
        out.iter().any(|l| l == "▌ ℹ meshlab note"),
        "the note's label"
    );
    // The five-column table fits at 100 columns as a grid, and becomes cards at 40.
    assert!(out.iter().any(|l| l.starts_with("│ Concern ")));
    let narrow = layout(&doc, RenderOptions::new(40, true, Lang::En)).plain_text();
    assert!(narrow.contains("Concern: Upgrade model"), "{narrow}");
}

/// The real lessons, once they are in this checkout (they are written in parallel);
/// `MESHLAB_LESSONS_DIR` points at another copy of `lessons/part-023`.
#[test]
fn real_lessons_fit_every_width() {
    let dir = std::env::var_os("MESHLAB_LESSONS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/part-023"),
        Into::into,
    );
    let Ok(langs) = std::fs::read_dir(&dir) else {
        println!("skipped: no lessons in {}", dir.display());
        return;
    };
    for lang in langs.flatten() {
        for file in std::fs::read_dir(lang.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).expect("lesson is UTF-8");
                check_lesson(&path.display().to_string(), &text);
            }
        }
    }
}

/// The whole look of a lesson, reviewed once and kept: any change in layout shows up as a diff.
#[test]
fn fixture_lesson_snapshots() {
    let text = include_str!("fixtures/en-05-linkerd.md");
    let doc = Document::parse(strip_front_matter(text));
    for width in [40u16, 72] {
        let r = layout(&doc, RenderOptions::new(width, false, Lang::En));
        insta::assert_snapshot!(format!("en_05_linkerd_width_{width}"), r.plain_text());
    }
}
