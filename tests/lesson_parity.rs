//! Every lesson exists in both languages with the same structure: headings, tables, code, notes.

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

#[derive(Debug, Default, PartialEq)]
struct Shape {
    headings: Vec<u8>,
    /// rows × columns per table (header row counted).
    tables: Vec<(usize, usize)>,
    code: Vec<(String, String)>,
    notes: usize,
    lists: usize,
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
            Event::End(TagEnd::CodeBlock) => s.code.extend(code.take()),
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
        for (lang, body) in shape(&raw(&lesson.text(Lang::En).file)).code {
            assert!(
                !lang.is_empty(),
                "{}: a code block without a language",
                lesson.slug
            );
            for line in body.lines() {
                let w = unicode_width::UnicodeWidthStr::width(line);
                assert!(w <= 72, "{}: code line of {w} columns: {line}", lesson.slug);
            }
        }
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
