//! The glossary (`assets/glossary.toml`) is well formed, lists terms the course really uses, and
//! the Indonesian lessons follow it: no `id/` lesson uses a rendering the glossary avoids.

use std::path::{Path, PathBuf};

use meshlab::content::glossary::{Glossary, Term};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn glossary() -> &'static Glossary {
    Glossary::builtin().expect("assets/glossary.toml parses")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The Indonesian lessons (`MESHLAB_LESSONS_DIR` points at another copy of `lessons/part-023`).
fn id_lessons() -> Vec<PathBuf> {
    let dir = std::env::var_os("MESHLAB_LESSONS_DIR")
        .map_or_else(|| root().join("lessons/part-023"), PathBuf::from);
    files(&dir.join("id"), "md")
}

/// Whether `phrase` occurs in `text` as whole words, case-insensitively (`kebijakan` in
/// "Kebijakan ALLOW", not in "kebijakannya"'s stem of another word).
fn occurs(text: &str, phrase: &str) -> bool {
    let text = text.to_lowercase();
    let phrase = phrase.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(&phrase).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + phrase.len()..].chars().next())
    })
}

/// The prose of a Markdown file, line by line (1-based numbers): front matter, fenced code,
/// inline code, link targets and bare URLs blanked out, since code and addresses stay as they are.
fn prose_lines(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    let mut front = markdown.starts_with("+++");
    for (i, line) in markdown.lines().enumerate() {
        if i == 0 && front {
            continue;
        }
        if front {
            front = line != "+++";
            continue;
        }
        let bare = line.trim_start_matches(['>', ' ']);
        if bare.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        out.push((i + 1, strip_code_and_urls(line)));
    }
    out
}

fn strip_code_and_urls(line: &str) -> String {
    // Inline code: every other backtick-delimited piece.
    let mut text: String = line
        .split('`')
        .enumerate()
        .map(|(i, piece)| if i % 2 == 0 { piece } else { " " })
        .collect::<Vec<_>>()
        .join(" ");
    // Link targets `](…)` and bare URLs.
    while let Some(start) = text.find("](") {
        let end = text[start..]
            .find(')')
            .map_or(text.len(), |e| start + e + 1);
        text.replace_range(start..end, " ");
    }
    text.split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every avoided rendering found in `markdown`: (line, avoided phrase, the term).
fn violations<'g>(markdown: &str, terms: &'g [Term]) -> Vec<(usize, &'g str, &'g str)> {
    let mut out = Vec::new();
    for (line, text) in prose_lines(markdown) {
        for term in terms {
            for avoid in &term.avoid {
                if occurs(&text, avoid) {
                    out.push((line, avoid.as_str(), term.en.as_str()));
                }
            }
        }
    }
    out
}

#[test]
fn indonesian_lessons_use_no_avoided_rendering() {
    let terms = &glossary().terms;
    let lessons = id_lessons();
    assert!(lessons.len() >= 19, "the id/ lessons: {lessons:?}");
    let mut found = Vec::new();
    for path in &lessons {
        let text = std::fs::read_to_string(path).expect("lesson is UTF-8");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (line, avoid, term) in violations(&text, terms) {
            found.push((name.clone(), line, avoid, term));
        }
    }
    let unexpected: Vec<String> = found
        .iter()
        .map(|(file, line, avoid, term)| {
            format!("id/{file}:{line}: “{avoid}” — the glossary renders “{term}” otherwise")
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "renderings assets/glossary.toml avoids:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn the_check_sees_prose_and_skips_code() {
    let terms = &glossary().terms;
    let md = "+++\ntitle = \"kebijakan\"\n+++\n\n# Kebijakan L7\n\nLalu lintas dan `kebijakan`.\n\n\
              ```yaml\nkebijakan: x\n```\n\nLihat [policy](https://x.io/kebijakan) atau \
              https://kebijakan.example.\n\n> Titik penegakan.\n";
    let found: Vec<(usize, &str)> = violations(md, terms)
        .into_iter()
        .map(|(line, avoid, _)| (line, avoid))
        .collect();
    assert_eq!(
        found,
        [
            (5, "kebijakan"),
            (7, "lalu lintas"),
            (15, "titik penegakan")
        ]
    );
    // Whole words only.
    assert!(!occurs("kebijakannya", "kebijakan"));
    assert!(occurs("(Kebijakan)", "kebijakan"));
}

#[test]
fn glossary_is_sorted_complete_and_consistent() {
    let terms = &glossary().terms;
    let keys: Vec<String> = terms.iter().map(|t| t.en.to_lowercase()).collect();
    for pair in keys.windows(2) {
        assert!(pair[0] < pair[1], "not sorted or duplicated: {pair:?}");
    }
    let one_line = |s: &str| !s.trim().is_empty() && !s.contains('\n') && s.trim() == s;
    for t in terms {
        assert!(one_line(&t.en) && one_line(&t.id), "{t:?}");
        assert!(
            one_line(&t.definition.id) && one_line(&t.definition.en),
            "{}: a one-line definition in both languages",
            t.en
        );
        assert_ne!(t.definition.id, t.definition.en, "{}: translated", t.en);
        // A rendering is either the decision or avoided, never both, for any term.
        for avoid in &t.avoid {
            for other in terms {
                let named = [&other.en, &other.id].into_iter().chain(&other.also);
                assert!(
                    named.into_iter().all(|n| !n.eq_ignore_ascii_case(avoid)),
                    "{}: “{avoid}” is avoided but names {}",
                    t.en,
                    other.en
                );
            }
        }
    }
}

/// Every term is one the course uses (or its plural): in the English lessons or the built-in
/// drills.
#[test]
fn every_term_is_used_by_the_course() {
    let mut text = String::new();
    for path in files(&root().join("lessons/part-023/en"), "md")
        .into_iter()
        .chain(files(&root().join("exercises/part-023"), "toml"))
    {
        text.push_str(&std::fs::read_to_string(&path).expect("UTF-8"));
        text.push('\n');
    }
    let unused: Vec<&str> = glossary()
        .terms
        .iter()
        .filter(|t| !occurs(&text, &t.en) && !occurs(&text, &format!("{}s", t.en)))
        .map(|t| t.en.as_str())
        .collect();
    assert!(unused.is_empty(), "terms the course never uses: {unused:?}");
}
