//! The loop's side of the investigation console: each drill's command history in the data
//! directory (`DATA/console/PACK/EXERCISE.history`, one command per line, written atomically
//! like the progress store; an unreadable file is kept aside, never overwritten), and saved
//! transcripts (`DATA/console/PACK/EXERCISE-YYYYMMDD-HHMMSS.txt`).

use std::path::{Path, PathBuf};

use super::action::Action;
use super::console::MAX_HISTORY;
use crate::i18n::{Lang, Msg};
use crate::practice::store;

/// `DATA/console/PACK/EXERCISE.EXT`; `None` without a data directory or for an id that is not
/// one plain path component (as ADR drafts, so a name never leaves the directory).
pub fn path(data_dir: Option<&Path>, pack: &str, exercise: &str, ext: &str) -> Option<PathBuf> {
    let base = super::adr_files::draft_path(data_dir, pack, exercise, "md")?;
    let dir = data_dir?.join("console").join(pack);
    let stem = base.file_stem()?.to_owned();
    let mut name = stem;
    name.push(ext);
    Some(dir.join(name))
}

/// The saved history, oldest first (empty when there is none). A file that is not UTF-8 is
/// renamed aside and reported.
pub fn load_history(path: Option<&Path>, lang: Lang) -> Action {
    let empty = Action::ConsoleHistory {
        lines: Vec::new(),
        notice: None,
    };
    let Some(path) = path else {
        return empty;
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return empty,
        Err(e) => {
            return Action::ConsoleHistory {
                lines: Vec::new(),
                notice: Some(
                    Msg::ConsoleSaveFailed
                        .fill(lang, &[&path.display().to_string(), &e.to_string()]),
                ),
            };
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let mut lines: Vec<String> = text
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect();
            let extra = lines.len().saturating_sub(MAX_HISTORY);
            lines.drain(..extra);
            Action::ConsoleHistory {
                lines,
                notice: None,
            }
        }
        Err(e) => {
            let mut aside = path.as_os_str().to_owned();
            aside.push(".unreadable");
            let aside = PathBuf::from(aside);
            let notice = match std::fs::rename(path, &aside) {
                Ok(()) => Msg::ConsoleHistoryAside.fill(
                    lang,
                    &[
                        &path.display().to_string(),
                        &e.utf8_error().to_string(),
                        &aside.display().to_string(),
                    ],
                ),
                Err(io) => Msg::ConsoleSaveFailed
                    .fill(lang, &[&path.display().to_string(), &io.to_string()]),
            };
            Action::ConsoleHistory {
                lines: Vec::new(),
                notice: Some(notice),
            }
        }
    }
}

/// Writes `lines` atomically; a failure is reported, not fatal (the console goes on).
pub fn save_history(path: Option<&Path>, lines: &[String], lang: Lang) -> Option<String> {
    let path = path?;
    let mut text = lines.join("\n");
    text.push('\n');
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| store::write_atomic(path, text.as_bytes()));
    written
        .err()
        .map(|e| Msg::ConsoleSaveFailed.fill(lang, &[&path.display().to_string(), &e.to_string()]))
}

/// Writes a transcript next to the history: where it went, or why it could not.
pub fn save_transcript(path: Option<&Path>, text: &str, lang: Lang) -> Action {
    let Some(path) = path else {
        return Action::ConsoleSaved(Err(Msg::ConsoleNoDataDir.text(lang).to_owned()));
    };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| store::write_atomic(path, text.as_bytes()));
    Action::ConsoleSaved(match written {
        Ok(()) => Ok(path.display().to_string()),
        Err(e) => {
            Err(Msg::ConsoleSaveFailed.fill(lang, &[&path.display().to_string(), &e.to_string()]))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_round_trips_and_stays_in_the_data_dir() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = path(Some(dir.path()), "part-023", "dx-a", ".history").expect("a path");
        assert!(p.starts_with(dir.path().join("console").join("part-023")));
        assert!(path(Some(dir.path()), "..", "x", ".history").is_none());
        assert_eq!(
            save_history(Some(&p), &["kubectl get pods -A".into()], Lang::En),
            None
        );
        match load_history(Some(&p), Lang::En) {
            Action::ConsoleHistory { lines, notice } => {
                assert_eq!(lines, ["kubectl get pods -A"]);
                assert_eq!(notice, None);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unreadable_history_is_kept_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = path(Some(dir.path()), "pk", "ex", ".history").expect("a path");
        std::fs::create_dir_all(p.parent().expect("dir")).expect("mkdir");
        std::fs::write(&p, [0xff, 0xfe, b'\n']).expect("write");
        match load_history(Some(&p), Lang::En) {
            Action::ConsoleHistory { lines, notice } => {
                assert!(lines.is_empty());
                assert!(notice.is_some_and(|n| n.contains("unreadable")));
            }
            other => panic!("{other:?}"),
        }
        assert!(!p.exists());
        let mut aside = p.as_os_str().to_owned();
        aside.push(".unreadable");
        assert!(PathBuf::from(aside).exists(), "the old file is kept");
    }
}
