//! Every lesson exists in both languages with the same structure: headings, tables, code, notes.
//!
//! Code blocks are byte-identical in both languages, except a block whose info string is
//! `markdown template` (lessons/README.md): translated prose in a code block, such as lesson 17's
//! ADR template. Both languages carry it with the same lines and the same headings on the same
//! lines, in the file's own words.

use meshlab::content::Catalog;
use meshlab::content::front_matter;
use meshlab::i18n::Lang;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The ten capabilities of section 2 of the lesson.
const SKILLS: [&str; 10] = [
    "traffic-interception",
    "identity",
    "encryption",
    "authorization",
    "routing",
    "observability",
    "failure-isolation",
    "upgrade-model",
    "resource-tax",
    "portability",
];

/// The info string of a code block that holds translated prose (lessons/README.md).
const TEMPLATE_INFO: [&str; 2] = ["markdown", "template"];

#[derive(Debug, Default, PartialEq)]
struct Shape {
    headings: Vec<u8>,
    /// rows × columns per table (header row counted).
    tables: Vec<(usize, usize)>,
    /// Code blocks (info string, body), templates excepted.
    code: Vec<(String, String)>,
    /// Bodies of the `markdown template` blocks.
    templates: Vec<String>,
    notes: usize,
    lists: usize,
}

/// What a `markdown template` block must keep across languages: its number of lines and, for
/// each Markdown heading, its line and level. Its words are the file's language.
#[derive(Debug, PartialEq)]
struct TemplateShape {
    lines: usize,
    /// (0-based line, level) of every `#` heading line.
    headings: Vec<(usize, usize)>,
}

fn template_shape(body: &str) -> TemplateShape {
    let headings = body
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let level = line.chars().take_while(|c| *c == '#').count();
            let heading = level > 0 && line[level..].starts_with(' ');
            heading.then_some((i, level))
        })
        .collect();
    TemplateShape {
        lines: body.lines().count(),
        headings,
    }
}

fn shape(markdown: &str) -> Shape {
    let mut s = Shape::default();
    let mut code: Option<(String, String)> = None;
    let mut table: Option<(usize, usize, usize)> = None; // rows, max cols, cols in row
    for ev in Parser::new_ext(markdown, Options::all()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => s.headings.push(level as u8),
            Event::Start(Tag::Table(_)) => table = Some((0, 0, 0)),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.2 = 0;
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(t) = table.as_mut() {
                    t.2 += 1;
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.0 += 1;
                    t.1 = t.1.max(t.2);
                }
            }
            Event::End(TagEnd::Table) => {
                let (rows, cols, _) = table.take().unwrap();
                s.tables.push((rows, cols));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => match code.take() {
                Some((lang, body)) if lang.split_whitespace().eq(TEMPLATE_INFO) => {
                    s.templates.push(body)
                }
                Some(block) => s.code.push(block),
                None => {}
            },
            Event::Start(Tag::BlockQuote(Some(BlockQuoteKind::Note))) => s.notes += 1,
            Event::Start(Tag::List(_)) => s.lists += 1,
            _ => {}
        }
    }
    s
}

fn raw(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("lessons")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, body) = front_matter::split(file, &text).unwrap();
    body.to_string()
}

#[test]
fn part_023_has_every_section_of_the_source() {
    let cat = Catalog::builtin().unwrap();
    let part = cat.parts.iter().find(|p| p.number == 23).unwrap();
    let sections: Vec<u32> = part.lessons.iter().map(|l| l.section).collect();
    assert_eq!(
        sections,
        (1..=20).collect::<Vec<_>>(),
        "sections 1-19 and references"
    );
}

#[test]
fn both_languages_have_the_same_structure() {
    let cat = Catalog::builtin().unwrap();
    for lesson in cat.lessons() {
        let id = raw(&lesson.text(Lang::Id).file);
        let en = raw(&lesson.text(Lang::En).file);
        let (a, b) = (shape(&id), shape(&en));
        assert_eq!(a.headings, b.headings, "{}: headings", lesson.slug);
        assert_eq!(a.tables, b.tables, "{}: tables rows×cols", lesson.slug);
        assert_eq!(
            a.code, b.code,
            "{}: code blocks must be byte-identical",
            lesson.slug
        );
        assert_eq!(
            a.templates
                .iter()
                .map(|t| template_shape(t))
                .collect::<Vec<_>>(),
            b.templates
                .iter()
                .map(|t| template_shape(t))
                .collect::<Vec<_>>(),
            "{}: `markdown template` blocks must have the same lines and headings",
            lesson.slug
        );
        assert_eq!(a.notes, b.notes, "{}: meshlab notes", lesson.slug);
        assert_eq!(a.lists, b.lists, "{}: lists", lesson.slug);
        assert_eq!(
            a.headings.first(),
            Some(&1),
            "{}: opens with one # heading",
            lesson.slug
        );
        assert_eq!(
            a.headings.iter().filter(|l| **l == 1).count(),
            1,
            "{}",
            lesson.slug
        );
    }
}

#[test]
fn code_blocks_name_their_language_and_fit_72_columns() {
    let cat = Catalog::builtin().unwrap();
    for lesson in cat.lessons() {
        let en = shape(&raw(&lesson.text(Lang::En).file));
        for (lang, _) in &en.code {
            assert!(
                !lang.is_empty(),
                "{}: a code block without a language",
                lesson.slug
            );
        }
        // Code is the same in both languages; templates are not, so both are measured.
        let id = shape(&raw(&lesson.text(Lang::Id).file));
        let bodies = en.code.iter().map(|(_, body)| body);
        for body in bodies.chain(&en.templates).chain(&id.templates) {
            for line in body.lines() {
                let w = unicode_width::UnicodeWidthStr::width(line);
                assert!(w <= 72, "{}: code line of {w} columns: {line}", lesson.slug);
            }
        }
    }
}

/// The ADR template without the decision block meshlab adds after `## Decision`: the HTML
/// comment that introduces it and the fenced TOML it introduces.
fn without_decision_block(template: &str) -> String {
    let mut out = String::new();
    let (mut skipping, mut fenced, mut blank_after) = (false, false, false);
    for line in template.lines() {
        if line.starts_with("<!--") {
            skipping = true;
        }
        if skipping {
            if line.starts_with("```") {
                skipping = !fenced;
                blank_after = fenced;
                fenced = !fenced;
            }
            continue;
        }
        if std::mem::take(&mut blank_after) && line.is_empty() {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn lesson_17_shows_the_template_an_adr_drill_opens() {
    let cat = Catalog::builtin().unwrap();
    let lesson = cat.lessons().find(|l| l.section == 17).unwrap();
    for lang in [Lang::En, Lang::Id] {
        let templates = shape(&raw(&lesson.text(lang).file)).templates;
        assert_eq!(templates.len(), 1, "{lang:?}: one template in lesson 17");
        let opened = meshlab::drill::adr::template::template(lang);
        assert_ne!(
            without_decision_block(opened),
            opened,
            "a decision block was removed"
        );
        assert_eq!(
            templates[0],
            without_decision_block(opened),
            "lesson 17 ({0}) and assets/adr/template.{0}.md differ",
            lang.code()
        );
    }
}

#[test]
fn skills_come_from_the_ten_capabilities() {
    let cat = Catalog::builtin().unwrap();
    for lesson in cat.lessons() {
        for skill in &lesson.skills {
            assert!(SKILLS.contains(&skill.as_str()), "{}: {skill}", lesson.slug);
        }
    }
}

#[test]
fn the_shape_counter_sees_differences() {
    let a = shape("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```text\nx\n```\n");
    assert_eq!(a.tables, vec![(2, 2)]);
    assert_eq!(a.code, vec![("text".into(), "x\n".into())]);
    let b = shape("# T\n\n| a |\n|---|\n| 1 |\n\n```text\ny\n```\n> [!NOTE]\n> n\n");
    assert_ne!(a.tables, b.tables);
    assert_ne!(a.code, b.code);
    assert_eq!(b.notes, 1);
}

#[test]
fn a_template_block_may_differ_in_words_but_not_in_lines_or_headings() {
    let en = shape("```markdown template\n# ADR\n\n## Context\n\nWe need mTLS.\n```\n");
    let id = shape("```markdown template\n# ADR\n\n## Konteks\n\nKami butuh mTLS.\n```\n");
    assert!(en.code.is_empty(), "a template is not code: {en:?}");
    assert_ne!(en.templates, id.templates);
    let shapes = |s: &Shape| {
        s.templates
            .iter()
            .map(|t| template_shape(t))
            .collect::<Vec<_>>()
    };
    assert_eq!(shapes(&en), shapes(&id));
    assert_eq!(shapes(&en)[0].headings, [(0, 1), (2, 2)]);
    // A heading moved to another line, a line more, or a heading level changed: not the same.
    for other in [
        "```markdown template\n# ADR\n## Konteks\n\nKami butuh mTLS.\n\n```\n",
        "```markdown template\n# ADR\n\n## Konteks\n\nKami butuh\nmTLS.\n```\n",
        "```markdown template\n# ADR\n\n### Konteks\n\nKami butuh mTLS.\n```\n",
    ] {
        assert_ne!(shapes(&en), shapes(&shape(other)), "{other}");
    }
    // Plain `markdown` is code, and code stays byte-identical.
    let plain = shape("```markdown\n# ADR\n```\n");
    assert_eq!(plain.code.len(), 1);
    assert!(plain.templates.is_empty());
}

#[test]
fn the_decision_block_is_all_that_is_left_out() {
    let t = "## Decision\n\nWe choose X.\n\n<!-- keys\n     below -->\n\n```toml\n# mesh = \"x\"\n```\n\n## Scope\n";
    assert_eq!(
        without_decision_block(t),
        "## Decision\n\nWe choose X.\n\n## Scope\n"
    );
}
