//! Layout cost of a Part-023-sized set of lessons (DESIGN.md §9: whole Part 023, both languages,
//! width 100, ≤ 5 ms). Uses the real lessons when they are in the checkout (or in
//! `MESHLAB_LESSONS_DIR`), else 20 copies of each fixture lesson (two languages × 20 sections).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use meshlab::content::render::{Document, RenderOptions, layout, warm_highlighter};
use meshlab::i18n::Lang;

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("+++\n")
        && let Some(end) = rest.find("\n+++\n")
    {
        return &rest[end + 5..];
    }
    text
}

/// Each lesson's Markdown and its language (`id/` files are Indonesian).
fn markdown_files(dir: &Path) -> Vec<(Lang, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            let lang = if path.parent().is_some_and(|p| p.ends_with("id"))
                || path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("id-"))
            {
                Lang::Id
            } else {
                Lang::En
            };
            out.push((lang, strip_front_matter(&text).to_owned()));
        }
    }
    out
}

fn lessons() -> Vec<(Lang, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("MESHLAB_LESSONS_DIR")
        .map_or_else(|| root.join("lessons/part-023"), Into::into);
    let real = markdown_files(&dir);
    if !real.is_empty() {
        return real;
    }
    let fixtures = markdown_files(&root.join("tests/fixtures"));
    (0..20).flat_map(|_| fixtures.iter().cloned()).collect()
}

fn bench(c: &mut Criterion) {
    warm_highlighter();
    let texts = lessons();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    println!("{} lessons, {} KiB of Markdown", texts.len(), bytes / 1024);
    let docs: Vec<(Lang, Document)> = texts
        .iter()
        .map(|(lang, t)| (*lang, Document::parse(t)))
        .collect();
    // The reader's options: colour, the lesson's language, code kept whole for sideways scrolling.
    let opts = |width: u16, lang: Lang| RenderOptions::new(width, true, lang).whole_code();
    // The first colour layout highlights the code and caches it in the document.
    for (lang, doc) in &docs {
        layout(doc, opts(100, *lang));
    }
    c.bench_function("parse all lessons", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(_, t)| Document::parse(t).headings().len())
                .sum::<usize>()
        })
    });
    c.bench_function("layout all lessons, width 100", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(lang, d)| layout(d, opts(100, *lang)).lines.len())
                .sum::<usize>()
        })
    });
    c.bench_function("layout all lessons, width 40", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(lang, d)| layout(d, opts(40, *lang)).lines.len())
                .sum::<usize>()
        })
    });
    c.bench_function("parse + first colour layout (highlighting)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(lang, t)| layout(&Document::parse(t), opts(100, *lang)).lines.len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
