//! ADR and manifest drills in `update`: the editor's keys, saving, grading and the round trip
//! through `$EDITOR`; for a manifest drill, the probes run again on every save. The file work
//! is the loop's (`Effect::LoadAdr`, `SaveAdr`, `ExternalEditor`); here the draft only changes
//! in memory and asks for it.

use super::super::action::{Action, Effect};
use super::super::app::App;
use super::graded;
use crate::drill::class::answer_extension;
use crate::drill::exercise::Exercise;
use crate::drill::{grade, manifest};
use crate::i18n::Msg;

/// The loop's answers about the draft file. `None` when `action` is not one of them.
pub fn file_result(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let lang = app.lang;
    let editor = app.drill.as_mut().and_then(|d| d.adr.as_mut());
    match action {
        Action::AdrLoaded { text, notice, path } => {
            let mut draft = false;
            if let Some(e) = editor {
                if let Some(text) = text {
                    e.load(text);
                    draft = true;
                }
                e.path.clone_from(path);
            }
            app.notice.clone_from(notice);
            if draft {
                probes_now(app);
            }
        }
        Action::AdrSaved(Ok((text, path))) => {
            let mut saved = Msg::AdrSaved;
            if let Some(e) = editor {
                e.mark_saved(text.clone());
                e.path = Some(path.clone());
                if e.is_manifest() {
                    saved = Msg::ManifestSaved;
                }
            }
            app.notice = Some(saved.fill(lang, &[path]));
            probes_now(app);
        }
        Action::AdrSaved(Err(why)) | Action::AdrEdited(Err(why)) => {
            app.notice = Some(why.clone());
        }
        Action::AdrEdited(Ok(text)) => {
            if let Some(e) = editor {
                e.load(text);
            }
            let ex = app.exercise().cloned()?;
            return Some(grade(app, &ex));
        }
        _ => return None,
    }
    Some(vec![])
}

/// Keys while the editor is open; `None` when it is not (the drill handles the action).
pub fn editor(app: &mut App, ex: &Exercise, action: &Action) -> Option<Vec<Effect>> {
    let e = app.drill.as_mut()?.open_adr()?;
    match action {
        Action::AdrKey(key) => e.key(*key),
        Action::AdrPaste(text) => e.paste(text),
        Action::AdrSection { down } => e.jump_section(*down),
        Action::AdrPreview => e.flipped = !e.flipped,
        Action::Scroll(n) => e.scroll(i16::try_from(*n).unwrap_or(0).saturating_mul(3)),
        // Asked for, a save writes even an untouched template: the file then exists.
        Action::AdrSave => return Some(vec![save_now(app, ex)?]),
        Action::AdrGrade => return Some(grade(app, ex)),
        Action::AdrClose | Action::Back => {
            e.open = false;
            return Some(save(app, ex).into_iter().collect());
        }
        _ => return None,
    }
    Some(vec![])
}

/// Manifest drills: the probes on the draft as it stands (just saved or loaded), for the
/// "probes now" panel. Pure and quick (the drill's cluster is small), so `update` runs it.
fn probes_now(app: &mut App) {
    let Some(ex) = app.exercise().cloned() else {
        return;
    };
    let Some(e) = app.drill.as_ref().and_then(|d| d.adr.as_ref()) else {
        return;
    };
    if !e.is_manifest() {
        return;
    }
    let (text, file) = (e.text(), draft_file(e, &ex));
    let Some(shelved) = app.drill_pack() else {
        return;
    };
    let now = manifest::grade(&shelved.pack, &ex, &file, &text)
        .map_err(|why| crate::i18n::messages::localize(&why.to_string(), app.lang).into_owned());
    if let Some(e) = app.drill.as_mut().and_then(|d| d.adr.as_mut()) {
        e.probes_now = Some(now);
    }
}

/// The name grading errors give the draft: its file, once the loop has said where it is.
fn draft_file(e: &crate::tui::adr_editor::AdrEditor, ex: &Exercise) -> String {
    e.path
        .clone()
        .unwrap_or_else(|| format!("{}.{}", ex.id, answer_extension(ex.kind)))
}

/// Opens the editor (Enter on an ADR drill's prompt).
pub fn open(app: &mut App) {
    if let Some(e) = app.drill.as_mut().and_then(|d| d.adr.as_mut()) {
        e.open = true;
    }
}

/// The id of the open drill's pack (drafts are kept per pack).
fn pack_id(app: &App) -> Option<String> {
    Some(app.drill_pack()?.pack.manifest.id.clone())
}

/// Saves the draft when it has changes (leaving the editor, quitting).
pub fn save(app: &App, ex: &Exercise) -> Option<Effect> {
    let e = app.drill.as_ref()?.adr.as_ref()?;
    e.dirty().then(|| save_now(app, ex)).flatten()
}

/// Saves the draft as it stands, changed or not.
fn save_now(app: &App, ex: &Exercise) -> Option<Effect> {
    let e = app.drill.as_ref()?.adr.as_ref()?;
    Some(Effect::SaveAdr {
        pack: pack_id(app).unwrap_or_default(),
        exercise: ex.id.clone(),
        text: e.text(),
    })
}

/// Grades the ADR (or the manifests) as it stands, saving it first (so the file an error names exists). Graded
/// again, it is a new attempt. A record the grader cannot read opens the editor on it: the
/// problem stays in view with its `line:column`, and the cursor goes to that place.
pub fn grade(app: &mut App, ex: &Exercise) -> Vec<Effect> {
    let mut effects: Vec<Effect> = save_now(app, ex).into_iter().collect();
    let now = app.clock;
    let Some(d) = app.drill.as_mut() else {
        return effects;
    };
    if d.report.is_some() {
        *d = d.retry(now);
    }
    let Some(e) = d.adr.as_ref() else {
        return effects;
    };
    let (text, file) = (e.text(), draft_file(e, ex));
    let Some(shelved) = app.drill_pack() else {
        return effects;
    };
    let result = grade::grade_text(&shelved.pack, ex, &file, &text);
    if let Some(e) = app.drill.as_mut().and_then(|d| d.adr.as_mut()) {
        match &result {
            Ok(_) => {
                e.open = false;
                e.problem = None;
            }
            Err(why) => {
                let why = crate::i18n::messages::localize(&why.to_string(), app.lang).into_owned();
                let problem = Msg::CannotGrade.fill(app.lang, &[&why]);
                if let Some((line, column)) = located_at(&problem, &file) {
                    e.jump(line.saturating_sub(1), column.saturating_sub(1));
                }
                e.open = true;
                e.problem = Some(problem);
                return effects;
            }
        }
    }
    effects.extend(graded(app, ex, result));
    effects
}

/// The 1-based line and column of a `FILE:LINE:COLUMN: …` error about `file`, found in `text`.
fn located_at(text: &str, file: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find(file)? + file.len()..];
    let mut parts = rest.strip_prefix(':')?.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}

/// `$EDITOR` on the draft (saved first by the loop, which has its path).
pub fn external(app: &App, ex: &Exercise) -> Vec<Effect> {
    let Some(e) = app.drill.as_ref().and_then(|d| d.adr.as_ref()) else {
        return vec![];
    };
    vec![Effect::ExternalEditor {
        pack: pack_id(app).unwrap_or_default(),
        exercise: ex.id.clone(),
        text: e.text(),
    }]
}

/// A drill whose saved draft was not asked for yet asks now (once per drill opened).
pub fn ask_for_draft(app: &mut App) -> Option<Effect> {
    let pack = pack_id(app)?;
    let exercise = app.exercise()?.id.clone();
    let e = app.drill.as_mut()?.adr.as_mut().filter(|e| !e.asked)?;
    e.asked = true;
    Some(Effect::LoadAdr { pack, exercise })
}
