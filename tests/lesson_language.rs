//! Every Indonesian lesson reads as Indonesian (issue 16, item 1).
//!
//! Two rules, checked per section against its English twin:
//! - at least nine in ten prose lines outside code blocks and tables (headings, paragraphs, list
//!   items, quotes, notes) carry a common Indonesian function word;
//! - no `id/` prose block is a copy of an `en/` one, and the front-matter titles differ. An English
//!   quotation may stay English only when it is marked as one: a block quote whose introducing
//!   paragraph names it a quotation ("kutipan", "dikutip", "mengutip").
//!
//! A "line" is one prose block as Markdown parses it. Blocks of fewer than three words, once
//! inline code and numbering are set aside, are names, labels or commands (`**Gejala:**`,
//! `## 8.2 Model Upgrade`, `` `GatewayClass` ``) and are not counted.

use std::ops::RangeInclusive;

use meshlab::content::Catalog;
use meshlab::content::front_matter;
use meshlab::i18n::Lang;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Common Indonesian function words (TRANSLATION.md), matched as whole words, any case.
const FUNCTION_WORDS: [&str; 31] = [
    "yang", "dan", "untuk", "dengan", "tidak", "di", "ke", "dari", "ini", "itu", "adalah", "atau",
    "pada", "akan", "bisa", "harus", "jika", "karena", "sebagai", "lebih", "tetapi", "juga",
    "saat", "oleh", "dalam", "bukan", "apa", "kapan", "mana", "setiap", "hanya",
];

/// Words that, in the paragraph right before a block quote, mark the quote as a quotation.
const QUOTATION_MARKERS: [&str; 3] = ["kutipan", "dikutip", "mengutip"];

/// The share of counted lines that must carry a function word.
const MIN_SHARE: f64 = 0.9;

/// Blocks with fewer words are names, labels or commands.
const MIN_WORDS: usize = 3;

/// One prose block: a heading, a paragraph or the text of a list item.
#[derive(Debug)]
struct Prose {
    /// 1-based line in the file.
    line: usize,
    /// The text as the reader shows it (inline code included), whitespace collapsed.
    text: String,
    /// Lower-case words outside inline code.
    words: Vec<String>,
    /// Inside a block quote introduced as a quotation.
    quotation: bool,
}

impl Prose {
    fn counted(&self) -> bool {
        self.words.len() >= MIN_WORDS && !self.quotation
    }

    fn has_function_word(&self) -> bool {
        self.words
            .iter()
            .any(|w| FUNCTION_WORDS.contains(&w.as_str()))
    }

    fn introduces_quotation(&self) -> bool {
        self.words
            .iter()
            .any(|w| QUOTATION_MARKERS.contains(&w.as_str()))
    }
}

/// What the two rules found in one section.
#[derive(Debug, Default)]
struct Verdict {
    counted: usize,
    indonesian: usize,
    /// Counted lines without a function word.
    foreign: Vec<(usize, String)>,
    /// Blocks (or the title) identical to the English file.
    copied: Vec<(usize, String)>,
}

impl Verdict {
    fn share(&self) -> f64 {
        if self.counted == 0 {
            1.0
        } else {
            self.indonesian as f64 / self.counted as f64
        }
    }

    fn passes(&self) -> bool {
        self.share() >= MIN_SHARE && self.copied.is_empty()
    }
}

/// Lower-case words of `text`; a hyphenated word (`di-inject`) stays one word.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['-', '\'', '’']).to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// The prose blocks of a Markdown body; `first_line` is the file line the body starts on.
fn prose(markdown: &str, first_line: usize) -> Vec<Prose> {
    let line_of = |offset: usize| first_line + markdown[..offset].matches('\n').count();
    let mut out = Vec::new();
    // Open blocks, innermost last: (line, text, words text).
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let (mut in_code, mut in_table) = (false, false);
    let mut quote_depth = 0usize;
    let mut quotation_depth: Option<usize> = None;
    let mut previous_introduces_quotation = false;
    for (event, range) in Parser::new_ext(markdown, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::BlockQuote(kind)) => {
                quote_depth += 1;
                // A meshlab note is never a quotation: it must be translated.
                if kind.is_none() && previous_introduces_quotation && quotation_depth.is_none() {
                    quotation_depth = Some(quote_depth);
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if quotation_depth == Some(quote_depth) {
                    quotation_depth = None;
                }
                quote_depth -= 1;
            }
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item) if !in_table => {
                open.push((line_of(range.start), String::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) if !in_table => {
                let Some((line, text, plain)) = open.pop() else {
                    continue;
                };
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if text.is_empty() {
                    continue;
                }
                let block = Prose {
                    line,
                    text,
                    words: words(&plain),
                    quotation: quotation_depth.is_some(),
                };
                previous_introduces_quotation = quote_depth == 0 && block.introduces_quotation();
                out.push(block);
            }
            Event::Text(t) if !in_code && !in_table => {
                if let Some((_, text, plain)) = open.last_mut() {
                    text.push_str(&t);
                    plain.push_str(&t);
                }
            }
            Event::Code(c) if !in_table => {
                if let Some((_, text, plain)) = open.last_mut() {
                    text.push_str(&c);
                    plain.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text, plain)) = open.last_mut() {
                    text.push(' ');
                    plain.push(' ');
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|p| p.line);
    out
}

/// Both rules over one Indonesian body and its English twin.
fn check(id: &str, id_first_line: usize, en: &str) -> Verdict {
    let english: Vec<String> = prose(en, 1).into_iter().map(|p| p.text).collect();
    let mut v = Verdict::default();
    for block in prose(id, id_first_line) {
        if !block.counted() {
            continue;
        }
        v.counted += 1;
        if block.has_function_word() {
            v.indonesian += 1;
        } else {
            v.foreign.push((block.line, block.text.clone()));
        }
        if english.contains(&block.text) {
            v.copied.push((block.line, block.text));
        }
    }
    v
}

/// A lesson file's body and the file line it starts on.
fn body(file: &str) -> (String, usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("lessons")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, body) = front_matter::split(file, &text).unwrap();
    let first_line = 1 + text[..text.len() - body.len()].matches('\n').count();
    (body.to_string(), first_line)
}

/// What is wrong with the Indonesian text of one section, in words a translator can act on.
fn section_problems(section: u32) -> Vec<String> {
    let cat = Catalog::builtin().unwrap();
    let lesson = cat
        .lessons()
        .find(|l| l.section == section)
        .unwrap_or_else(|| panic!("no lesson for section {section}"));
    let (id, en) = (lesson.text(Lang::Id), lesson.text(Lang::En));
    let (id_body, first_line) = body(&id.file);
    let (en_body, _) = body(&en.file);
    let mut v = check(&id_body, first_line, &en_body);
    if id.title == en.title {
        v.copied.insert(0, (3, format!("title = {:?}", id.title)));
    }
    if v.passes() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let share = v.share();
    if share < MIN_SHARE {
        out.push(format!(
            "{}: {} of {} prose lines ({:.0}%) carry an Indonesian function word, {:.0}% needed; without one:",
            id.file,
            v.indonesian,
            v.counted,
            share * 100.0,
            MIN_SHARE * 100.0
        ));
        out.extend(v.foreign.iter().map(|(l, t)| format!("  line {l}: {t}")));
    }
    if !v.copied.is_empty() {
        out.push(format!(
            "{}: identical to the English file (not marked as a quotation):",
            id.file
        ));
        out.extend(v.copied.iter().map(|(l, t)| format!("  line {l}: {t}")));
    }
    out
}

/// Fails, naming every section, file line and text that is not yet Indonesian.
fn assert_sections_read_as_indonesian(sections: RangeInclusive<u32>) {
    let problems: Vec<String> = sections.flat_map(section_problems).collect();
    assert!(
        problems.is_empty(),
        "Indonesian lessons still read as English:\n{}",
        problems.join("\n")
    );
}

#[test]
fn sections_1_to_19_read_as_indonesian() {
    assert_sections_read_as_indonesian(1..=19);
}

#[test]
fn an_english_section_fails_and_names_its_lines() {
    let en = "# 8. Real Trade-offs\n\nNeither is objectively simpler. They require different expertise.\n\n- update node agents and proxies;\n- fewer workload restarts;\n";
    let v = check(en, 10, en);
    assert!(!v.passes());
    assert_eq!(v.counted, 3, "{v:?}");
    assert_eq!(v.indonesian, 0);
    assert_eq!(
        v.foreign.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        [12, 14, 15]
    );
    assert_eq!(v.copied.len(), 3);
}

#[test]
fn an_indonesian_section_passes() {
    let en = "# 8. Real Trade-offs\n\nNeither is objectively simpler. They require different expertise.\n\n- fewer workload restarts;\n";
    let id = "# 8. Trade-off yang Nyata\n\nTidak ada yang secara objektif lebih sederhana. Keduanya butuh keahlian berbeda.\n\n- lebih sedikit restart workload;\n";
    let v = check(id, 1, en);
    assert!(v.passes(), "{v:?}");
    assert_eq!((v.counted, v.indonesian), (3, 3));
}

#[test]
fn code_tables_and_short_labels_do_not_count() {
    let md = "**Symptom:**\n\n## 8.2 Upgrade Model\n\n`kubectl get pods -n payments`\n\n| Model | Isolation and efficiency per node |\n|---|---|\n| Sidecar | Stronger per-workload isolation here |\n\n```text\nEach workload has its own proxy and its own config.\n```\n";
    let v = check(md, 1, "");
    assert_eq!(v.counted, 0, "{v:?}");
    assert!(v.passes());
}

#[test]
fn one_english_line_in_ten_is_tolerated_two_are_not() {
    let id_line = "- proxy berjalan di samping aplikasi;\n";
    let en_line = "- proxy runs next to the app;\n";
    let nine = format!("{}{en_line}", id_line.repeat(9));
    assert!(check(&nine, 1, "").passes());
    let eight = format!("{}{}", id_line.repeat(8), en_line.repeat(2));
    let v = check(&eight, 1, "");
    assert!(!v.passes());
    assert_eq!(v.foreign.len(), 2);
}

#[test]
fn a_marked_quotation_may_stay_english_an_unmarked_one_may_not() {
    let quote = "> Every workload that is expected to be in mesh must be provably in mesh.\n";
    let en = format!("**Invariant:**\n\n{quote}");
    let marked = format!("Kutipan requirement aslinya dalam bahasa Inggris:\n\n{quote}");
    assert!(check(&marked, 1, &en).passes());
    let unmarked = format!("**Invariant:**\n\n{quote}");
    let v = check(&unmarked, 1, &en);
    assert!(!v.passes());
    assert_eq!(v.copied.len(), 1);
    // A meshlab note is never a quotation, even after a marker.
    let note = format!("Kutipan dari catatan:\n\n> [!NOTE]\n{quote}");
    assert!(!check(&note, 1, &en).passes());
}

#[test]
fn function_words_match_whole_words_only() {
    // "di-inject", "dianggap", "Ketika" and "Item" contain "di" or "ke" but are not those words.
    let block = &prose("Pod di-inject dianggap Ketika Item restart.\n", 1)[0];
    assert!(!block.has_function_word(), "{block:?}");
    let block = &prose("Pod DI node restart.\n", 1)[0];
    assert!(block.has_function_word());
    // Inline code is not prose: `dan` inside it does not count, nor do its words.
    let block = &prose("restart `dan` workloads\n", 1)[0];
    assert_eq!(block.words, ["restart", "workloads"]);
}
