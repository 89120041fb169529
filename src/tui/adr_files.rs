//! The loop's side of ADR drills: the draft file in the data directory (read, written
//! atomically, an unreadable one kept aside) and the round trip through `$EDITOR`.

use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use super::action::Action;
use super::terminal::TerminalGuard;
use crate::i18n::{Lang, Msg};
use crate::practice::store;

/// `DATA/adr/PACK/EXERCISE.EXT` (`md` for an ADR, `yaml` for a manifest drill); `None` without
/// a data directory or for an id that is not one plain path component (ids are validated by
/// the pack loader; this keeps a file name from ever leaving the directory).
pub fn draft_path(
    data_dir: Option<&Path>,
    pack: &str,
    exercise: &str,
    ext: &str,
) -> Option<PathBuf> {
    let plain = |s: &str| {
        let mut parts = Path::new(s).components();
        matches!(parts.next(), Some(Component::Normal(_))) && parts.next().is_none()
    };
    (plain(pack) && plain(exercise))
        .then(|| data_dir.map(|d| d.join("adr").join(pack).join(format!("{exercise}.{ext}"))))
        .flatten()
}

/// The saved draft: its text, `None` when there is none yet. A draft that cannot be read as
/// UTF-8 is renamed aside (never overwritten by the template) and reported.
pub fn load(path: Option<&Path>, lang: Lang) -> Action {
    let Some(path) = path else {
        return Action::AdrLoaded {
            text: None,
            notice: None,
            path: None,
        };
    };
    let shown = Some(path.display().to_string());
    let nothing = Action::AdrLoaded {
        text: None,
        notice: None,
        path: shown.clone(),
    };
    let problem = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                return Action::AdrLoaded {
                    text: Some(text),
                    notice: None,
                    path: shown,
                };
            }
            Err(e) => e.utf8_error().to_string(),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => return nothing,
        Err(e) => e.to_string(),
    };
    let aside = aside_name(path);
    let message = match std::fs::rename(path, &aside) {
        Ok(()) => Msg::AdrKeptAside.fill(
            lang,
            &[
                &path.display().to_string(),
                &problem,
                &aside.display().to_string(),
            ],
        ),
        // Not even renamed: leave it where it is and say why; saving would replace it, so
        // the message names the file.
        Err(e) => Msg::AdrSaveFailed.fill(lang, &[&path.display().to_string(), &e.to_string()]),
    };
    Action::AdrLoaded {
        text: None,
        notice: Some(message),
        path: shown,
    }
}

/// `x.md` → `x.md.unreadable` (or `.unreadable-2`, … when that exists already).
fn aside_name(path: &Path) -> PathBuf {
    let mut n = 1;
    loop {
        let mut name = OsString::from(path.as_os_str());
        name.push(if n == 1 {
            ".unreadable".to_string()
        } else {
            format!(".unreadable-{n}")
        });
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// Writes the draft atomically (a kill mid-save leaves the old draft or the new one).
pub fn save(path: Option<&Path>, text: String, lang: Lang) -> Action {
    let Some(path) = path else {
        return Action::AdrSaved(Err(Msg::AdrNoDataDir.text(lang).to_string()));
    };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| store::write_atomic(path, text.as_bytes()));
    match written {
        Ok(()) => Action::AdrSaved(Ok((text, path.display().to_string()))),
        Err(e) => Action::AdrSaved(Err(
            Msg::AdrSaveFailed.fill(lang, &[&path.display().to_string(), &e.to_string()])
        )),
    }
}

/// Saves the draft, runs `$VISUAL`/`$EDITOR` (else `vi`) on it with the terminal handed over,
/// takes the terminal back and reads the draft again. Without a data directory the draft goes
/// through a temporary file.
pub fn edit(
    guard: &mut TerminalGuard,
    path: Option<&Path>,
    text: &str,
    ext: &str,
    lang: Lang,
) -> Action {
    let temp;
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => match tempfile::Builder::new()
            .suffix(&format!(".{ext}"))
            .tempfile()
        {
            Ok(t) => {
                temp = t;
                temp.path().to_path_buf()
            }
            Err(e) => return Action::AdrEdited(Err(e.to_string())),
        },
    };
    if let Action::AdrSaved(Err(why)) = save(Some(&path), text.to_string(), lang) {
        return Action::AdrEdited(Err(why));
    }
    let editor = editor_command();
    let status = guard.suspended(|| command(&editor, &path).status());
    let reread = |path: &Path| -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|e| e.utf8_error().to_string())
    };
    match status {
        Ok(Ok(s)) if s.success() => Action::AdrEdited(reread(&path)),
        Ok(Ok(s)) => {
            // Whatever the editor wrote is kept, but a failed edit is not graded.
            let why = Msg::AdrEditorExit.fill(lang, &[&s.to_string()]);
            match reread(&path) {
                Ok(text) => Action::AdrLoaded {
                    text: Some(text),
                    notice: Some(why),
                    path: Some(path.display().to_string()),
                },
                Err(e) => Action::AdrEdited(Err(format!("{why}: {e}"))),
            }
        }
        Ok(Err(e)) | Err(e) => Action::AdrEdited(Err(
            Msg::AdrEditorFailed.fill(lang, &[&editor, &e.to_string()])
        )),
    }
}

fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// `$EDITOR` may carry arguments (`code --wait`), so the shell splits it, as git does; the
/// file name is passed as an argument, never spliced into the command line.
#[cfg(unix)]
fn command(editor: &str, path: &Path) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("meshlab")
        .arg(path);
    c
}

#[cfg(not(unix))]
fn command(editor: &str, path: &Path) -> Command {
    let mut c = Command::new(editor);
    c.arg(path);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_path_never_leaves_the_data_directory() {
        let data = Path::new("/data");
        assert_eq!(
            draft_path(Some(data), "part-023", "adr-linkerd", "md"),
            Some(PathBuf::from("/data/adr/part-023/adr-linkerd.md"))
        );
        assert_eq!(
            draft_path(Some(data), "part-023", "mf-netpol-ns", "yaml"),
            Some(PathBuf::from("/data/adr/part-023/mf-netpol-ns.yaml"))
        );
        for (pack, exercise) in [
            ("..", "x"),
            ("p", "../x"),
            ("/abs", "x"),
            ("p", "a/b"),
            ("", "x"),
        ] {
            assert_eq!(
                draft_path(Some(data), pack, exercise, "md"),
                None,
                "{pack} {exercise}"
            );
        }
        assert_eq!(draft_path(None, "p", "x", "md"), None);
    }

    #[test]
    fn saved_then_loaded_is_the_same_text_and_no_file_is_no_draft() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("adr/p/x.md");
        assert_eq!(
            load(Some(&path), Lang::En),
            Action::AdrLoaded {
                text: None,
                notice: None,
                path: Some(path.display().to_string()),
            }
        );
        let Action::AdrSaved(Ok((text, shown))) = save(Some(&path), "# ADR\n".into(), Lang::En)
        else {
            panic!("not saved");
        };
        assert_eq!(
            (text.as_str(), shown),
            ("# ADR\n", path.display().to_string())
        );
        assert_eq!(
            load(Some(&path), Lang::En),
            Action::AdrLoaded {
                text: Some("# ADR\n".into()),
                notice: None,
                path: Some(path.display().to_string()),
            }
        );
    }

    #[test]
    fn an_unreadable_draft_is_kept_aside_with_its_bytes_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        let bytes = b"# ADR \xff\xfe\n";
        std::fs::write(&path, bytes).unwrap();
        let Action::AdrLoaded {
            text: None,
            notice: Some(notice),
            ..
        } = load(Some(&path), Lang::En)
        else {
            panic!("loaded an unreadable draft");
        };
        let aside = dir.path().join("x.md.unreadable");
        assert!(notice.contains("x.md.unreadable"), "{notice}");
        assert_eq!(std::fs::read(&aside).unwrap(), bytes);
        assert!(!path.exists(), "the template never overwrites it");
        // A second unreadable draft does not replace the first one kept aside.
        std::fs::write(&path, bytes).unwrap();
        load(Some(&path), Lang::En);
        assert!(dir.path().join("x.md.unreadable-2").exists());
    }

    #[test]
    fn without_a_data_directory_saving_says_so() {
        let Action::AdrSaved(Err(why)) = save(None, String::new(), Lang::Id) else {
            panic!("saved nowhere");
        };
        assert!(why.contains("direktori data"), "{why}");
    }
}
