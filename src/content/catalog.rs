//! The lesson catalog: every part and its sections in both languages, parsed once at start-up.
//!
//! Built-in lessons are embedded in the binary; `--content-dir` reads the same layout from disk so
//! authors see their edits without a rebuild.

use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use super::front_matter;
use super::render::Document;
use crate::diag::SourceError;
use crate::i18n::{Bilingual, Lang};
use crate::tree::{self, Files};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/lessons");

pub use crate::limits::MAX_LESSON_BYTES;

const PART_FILE: &str = "part.toml";

#[derive(Debug)]
pub struct Catalog {
    pub parts: Vec<Part>,
}

#[derive(Debug)]
pub struct Part {
    /// Folder name, e.g. `part-023`.
    pub key: String,
    pub number: u32,
    pub title: Bilingual,
    pub lessons: Vec<Lesson>,
}

/// One section of a part, in both languages.
#[derive(Debug)]
pub struct Lesson {
    /// File stem shared by both languages, e.g. `05-linkerd`.
    pub slug: String,
    pub section: u32,
    pub skills: Vec<String>,
    texts: [LessonText; 2],
}

#[derive(Debug)]
pub struct LessonText {
    pub title: String,
    /// Path relative to the content root, for messages.
    pub file: String,
    pub doc: Document,
}

impl Lesson {
    pub fn text(&self, lang: Lang) -> &LessonText {
        match lang {
            Lang::Id => &self.texts[0],
            Lang::En => &self.texts[1],
        }
    }

    /// `05-linkerd` → `linkerd`.
    pub fn short_slug(&self) -> &str {
        self.slug
            .split_once('-')
            .map_or(self.slug.as_str(), |(_, rest)| rest)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartFile {
    part: u32,
    title: Bilingual,
}

impl Catalog {
    /// The lessons compiled into the binary.
    pub fn builtin() -> Result<Catalog, SourceError> {
        Catalog::from_files(&tree::embedded(&BUILTIN))
    }

    /// Lessons read from `dir` (same layout as `lessons/`).
    pub fn from_dir(dir: &Path) -> Result<Catalog, SourceError> {
        let files = tree::from_disk(dir, |p| p.ends_with(".md") || p.ends_with(PART_FILE))?;
        if files.is_empty() {
            return Err(SourceError {
                file: dir.display().to_string(),
                line: 1,
                column: 1,
                message: "no lesson files found (expected PART/part.toml and PART/{id,en}/*.md)"
                    .into(),
            });
        }
        Catalog::from_files(&files)
    }

    /// Lessons from a tree of files in the `lessons/` layout (an exercise pack's `lessons/`).
    pub fn from_files(files: &Files) -> Result<Catalog, SourceError> {
        let mut parts = Vec::new();
        for (path, bytes) in files {
            let Some(key) = path.strip_suffix(&format!("/{PART_FILE}")) else {
                continue;
            };
            if key.contains('/') {
                continue;
            }
            parts.push(load_part(files, key, path, bytes)?);
        }
        parts.sort_by_key(|p| p.number);
        Ok(Catalog { parts })
    }

    /// This catalog with `other`'s parts beside its own, in part order: a pack's lessons are
    /// read next to the built-in course.
    pub fn merge(mut self, other: Catalog) -> Catalog {
        self.parts.extend(other.parts);
        self.parts.sort_by_key(|p| p.number);
        self
    }

    pub fn lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.parts.iter().flat_map(|p| p.lessons.iter())
    }

    /// Finds a lesson by section number (`5`, `05`), file stem (`05-linkerd`) or slug (`linkerd`).
    pub fn find(&self, query: &str) -> Option<&Lesson> {
        let query = query.trim().trim_end_matches(".md");
        let number = query.parse::<u32>().ok();
        self.lessons()
            .find(|l| Some(l.section) == number || l.slug == query || l.short_slug() == query)
    }
}

fn load_part(files: &Files, key: &str, path: &str, bytes: &[u8]) -> Result<Part, SourceError> {
    let text = SourceError::decode(path, bytes)?;
    let part: PartFile =
        toml::from_str(text).map_err(|e| SourceError::from_toml(path, text, 0, &e))?;
    let stems = |lang: Lang| -> Vec<String> {
        let prefix = format!("{key}/{}/", lang.code());
        files
            .keys()
            .filter_map(|p| p.strip_prefix(&prefix)?.strip_suffix(".md"))
            .filter(|stem| !stem.contains('/'))
            .map(str::to_string)
            .collect()
    };
    let (id_stems, en_stems) = (stems(Lang::Id), stems(Lang::En));
    if let Some(missing) = id_stems
        .iter()
        .find(|s| !en_stems.contains(s))
        .map(|s| (s, Lang::En))
        .or_else(|| {
            en_stems
                .iter()
                .find(|s| !id_stems.contains(s))
                .map(|s| (s, Lang::Id))
        })
    {
        let (stem, lang) = missing;
        return Err(SourceError {
            file: format!("{key}/{}/{stem}.md", lang.code()),
            line: 1,
            column: 1,
            message: "missing: every lesson must exist in both languages".into(),
        });
    }
    let mut lessons = Vec::new();
    for stem in id_stems {
        let read = |lang: Lang| -> Result<(front_matter::FrontMatter, LessonText), SourceError> {
            let file = format!("{key}/{}/{stem}.md", lang.code());
            let bytes = files.get(&file).map(|b| &b[..]).unwrap_or_default();
            if bytes.len() > MAX_LESSON_BYTES {
                return Err(SourceError {
                    file,
                    line: 1,
                    column: 1,
                    message: format!(
                        "lesson file is {} bytes, over the limit of {MAX_LESSON_BYTES}",
                        bytes.len()
                    ),
                });
            }
            let text = SourceError::decode(&file, bytes)?;
            let (front, body) = front_matter::split(&file, text)?;
            let lesson = LessonText {
                title: front.title.clone(),
                doc: Document::parse(body),
                file,
            };
            Ok((front, lesson))
        };
        let (id_front, id_text) = read(Lang::Id)?;
        let (en_front, en_text) = read(Lang::En)?;
        if id_front.section != en_front.section || id_front.skills != en_front.skills {
            return Err(SourceError {
                file: en_text.file,
                line: 2,
                column: 1,
                message: format!(
                    "front matter differs from {}: `section` and `skills` must match",
                    id_text.file
                ),
            });
        }
        lessons.push(Lesson {
            slug: stem,
            section: id_front.section,
            skills: id_front.skills,
            texts: [id_text, en_text],
        });
    }
    Ok(Part {
        key: key.to_string(),
        number: part.part,
        title: part.title,
        lessons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(section: u32, title: &str, body: &str) -> Vec<u8> {
        format!("+++\nsection = {section}\ntitle = \"{title}\"\n+++\n{body}").into_bytes()
    }

    use std::borrow::Cow;

    fn files(entries: &[(&str, Vec<u8>)]) -> Files {
        entries
            .iter()
            .map(|(p, b)| (p.to_string(), Cow::Owned(b.clone())))
            .collect()
    }

    const PART: &[u8] = b"part = 1\n[title]\nid = \"Satu\"\nen = \"One\"\n";

    #[test]
    fn pairs_languages_and_finds_lessons() {
        let f = files(&[
            ("p/part.toml", PART.to_vec()),
            (
                "p/id/01-intro.md",
                lesson(1, "Pengantar", "# 1. Pengantar\n"),
            ),
            ("p/en/01-intro.md", lesson(1, "Intro", "# 1. Intro\n")),
        ]);
        let cat = Catalog::from_files(&f).unwrap();
        assert_eq!(cat.parts.len(), 1);
        let l = cat.find("1").unwrap();
        assert_eq!(l.text(Lang::Id).title, "Pengantar");
        assert_eq!(l.text(Lang::En).title, "Intro");
        assert!(cat.find("intro").is_some() && cat.find("01-intro").is_some());
        assert!(cat.find("2").is_none());
    }

    #[test]
    fn a_lesson_missing_in_one_language_is_an_error() {
        let f = files(&[
            ("p/part.toml", PART.to_vec()),
            ("p/id/01-intro.md", lesson(1, "Pengantar", "x")),
        ]);
        let err = Catalog::from_files(&f).unwrap_err();
        assert_eq!(err.file, "p/en/01-intro.md");
    }

    #[test]
    fn mismatched_section_numbers_are_an_error() {
        let f = files(&[
            ("p/part.toml", PART.to_vec()),
            ("p/id/01-intro.md", lesson(1, "a", "x")),
            ("p/en/01-intro.md", lesson(2, "b", "x")),
        ]);
        assert!(
            Catalog::from_files(&f)
                .unwrap_err()
                .message
                .contains("differs")
        );
    }

    #[test]
    fn builtin_catalog_loads() {
        let cat = Catalog::builtin().unwrap();
        assert_eq!(cat.parts[0].number, 23);
    }
}
