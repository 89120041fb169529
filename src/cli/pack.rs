//! `meshlab pack new|validate|build|install|list|remove`, `meshlab submit`, the class form of
//! `meshlab grade`, and how `--pack` names a pack (a folder, an archive, an installed id).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use include_dir::{Dir, include_dir};

use super::{EXIT_BAD_INPUT, print};
use crate::drill::archive;
use crate::drill::class::{self, feedback};
use crate::drill::edition;
use crate::drill::install::{self, PackError};
use crate::drill::pack::{Edition, MANIFEST, Pack, PackManifest, valid_id};
use crate::drill::refusal::Refusal;
use crate::drill::submission::Submission;
use crate::drill::validate;
use crate::i18n::{Lang, Msg};
use crate::limits::MAX_SUBMISSIONS;
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress_file::ProgressFile;
use crate::practice::store;
use crate::settings;

/// `pack new` writes the worked example pack: it is commented and validates as it is.
static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/exercises/example-pack");
const SCAFFOLD_ID: &str = "example-pack";

#[derive(Subcommand, Debug)]
pub enum PackCommand {
    New {
        dir: PathBuf,
    },
    Validate {
        path: PathBuf,
        #[arg(long)]
        strict: bool,
    },
    Build {
        dir: PathBuf,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long)]
        instructor: bool,
    },
    Install {
        path: PathBuf,
    },
    List,
    Remove {
        id: String,
    },
    Schema,
}

#[derive(Args, Debug)]
pub struct SubmitArgs {
    #[arg(long, value_name = "ID")]
    pub pack: String,
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub learner: Option<String>,
}

pub fn localize_pack(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliPack))
        .mut_subcommand("new", |c| c.about(t(Msg::CliPackNew)))
        .mut_subcommand("validate", |c| {
            c.about(t(Msg::CliPackValidate))
                .mut_arg("path", |a| a.help(t(Msg::CliPackPath)))
                .mut_arg("strict", |a| a.help(t(Msg::CliStrict)))
        })
        .mut_subcommand("build", |c| {
            c.about(t(Msg::CliPackBuild))
                .mut_arg("output", |a| a.help(t(Msg::CliOutput)))
                .mut_arg("instructor", |a| a.help(t(Msg::CliInstructor)))
        })
        .mut_subcommand("install", |c| {
            c.about(t(Msg::CliPackInstall))
                .mut_arg("path", |a| a.help(t(Msg::CliPackPath)))
        })
        .mut_subcommand("list", |c| c.about(t(Msg::CliPackList)))
        .mut_subcommand("schema", |c| c.about(t(Msg::CliPackSchema)))
        .mut_subcommand("remove", |c| {
            c.about(t(Msg::CliPackRemove))
                .mut_arg("id", |a| a.help(t(Msg::CliPackId)))
        })
}

pub fn localize_submit(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliSubmit))
        .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
        .mut_arg("output", |a| a.help(t(Msg::CliOutput)))
        .mut_arg("learner", |a| a.help(t(Msg::CliLearner)))
}

fn refuse(lines: &[String], lang: Lang) -> ExitCode {
    for l in lines {
        super::error(l, lang);
    }
    ExitCode::from(EXIT_BAD_INPUT)
}

/// The pack `--pack` names, else the global `--pack-dir`, else the built-in one. A name is a
/// folder or archive when such a path exists, else an installed pack's id.
pub fn load(spec: Option<&str>, default_dir: Option<&Path>, lang: Lang) -> Result<Pack, ExitCode> {
    let result = match (spec, default_dir) {
        (Some(s), _) => resolve(s),
        // `--pack-dir` also takes an installed pack's id, so the TUI opens installed packs.
        (None, Some(dir)) => resolve(&dir.to_string_lossy()),
        (None, None) => Pack::builtin().map_err(PackError::Invalid),
    };
    result.map_err(|e| refuse(&e.lines(lang), lang))
}

fn resolve(spec: &str) -> Result<Pack, PackError> {
    let path = Path::new(spec);
    if path.exists() {
        return from_path(path);
    }
    if valid_id(spec) {
        if let Some(dir) = settings::data_dir().and_then(|d| install::installed_dir(&d, spec)) {
            return from_path(&dir);
        }
        if let Ok(builtin) = Pack::builtin()
            && builtin.manifest.id == spec
        {
            return Ok(builtin);
        }
    }
    Err(Refusal::new(spec, Msg::PackUnknown, &[&spec]).into())
}

fn from_path(path: &Path) -> Result<Pack, PackError> {
    let files = install::read_source(path)?;
    install::load_files(&path.display().to_string(), files)
}

pub fn run_pack(cmd: PackCommand, lang: Lang) -> ExitCode {
    match cmd {
        PackCommand::New { dir } => new(&dir, lang),
        PackCommand::Validate { path, strict } => validate(&path, strict, lang),
        PackCommand::Build {
            dir,
            output,
            instructor,
        } => build(&dir, &output, instructor, lang),
        PackCommand::Install { path } => {
            let Some(data) = settings::data_dir() else {
                return refuse(&[Msg::ProgressNoDataDir.text(lang).to_string()], lang);
            };
            match install::install(&path, &data) {
                Ok(pack) => {
                    let dir = install::packs_dir(&data).join(&pack.manifest.id);
                    let m = &pack.manifest;
                    let line = Msg::PackInstalled
                        .fill(lang, &[&m.id, &m.version, &dir.display().to_string()]);
                    print(&format!("{line}\n"))
                }
                Err(e) => refuse(&e.lines(lang), lang),
            }
        }
        PackCommand::List => list(lang),
        PackCommand::Schema => {
            let schema = schemars::schema_for!(PackManifest);
            match serde_json::to_string_pretty(&schema) {
                Ok(s) => print(&(s + "\n")),
                Err(e) => refuse(&[e.to_string()], lang),
            }
        }
        PackCommand::Remove { id } => {
            let Some(data) = settings::data_dir() else {
                return refuse(&[Msg::ProgressNoDataDir.text(lang).to_string()], lang);
            };
            match install::remove(&data, &id) {
                Ok(_) => print(&format!("{}\n", Msg::PackRemoved.fill(lang, &[&id]))),
                Err(r) => refuse(&[r.text(lang)], lang),
            }
        }
    }
}

fn new(dir: &Path, lang: Lang) -> ExitCode {
    let name = dir.display().to_string();
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return refuse(&[Msg::PackDirNotEmpty.fill(lang, &[&name])], lang);
    }
    // The folder's name becomes the pack's id when it is a valid one.
    let id = dir
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| valid_id(n))
        .unwrap_or("my-pack");
    for (path, bytes) in crate::tree::embedded(&SCAFFOLD) {
        let target = dir.join(&path);
        let bytes = if path == MANIFEST {
            String::from_utf8_lossy(&bytes)
                .replace(
                    &format!("id = \"{SCAFFOLD_ID}\""),
                    &format!("id = \"{id}\""),
                )
                .into_bytes()
        } else {
            bytes.into_owned()
        };
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, bytes));
        if let Err(e) = written {
            return refuse(&[Refusal::io(&target, &e).text(lang)], lang);
        }
    }
    print(&format!("{}\n", Msg::PackCreated.fill(lang, &[&name])))
}

fn validate(path: &Path, strict: bool, lang: Lang) -> ExitCode {
    let name = path.display().to_string();
    // An installed pack's id works too: checking what learners have installed.
    let pack = match resolve(&name) {
        Ok(p) => p,
        Err(PackError::Invalid(errors)) => {
            let mut lines: Vec<String> = errors.iter().map(|e| e.text(lang)).collect();
            lines.push(Msg::PackInvalid.fill(lang, &[&name, &errors.len().to_string()]));
            return refuse(&lines, lang);
        }
        Err(e) => return refuse(&e.lines(lang), lang),
    };
    let warnings = validate::warnings(&pack);
    for w in &warnings {
        eprintln!("{}", w.warning_text(lang));
    }
    let problems = validate::self_test(&pack);
    for p in &problems {
        super::error(&p.text(lang), lang);
    }
    if !problems.is_empty() {
        eprintln!(
            "{}",
            Msg::PackInvalid.fill(lang, &[&name, &problems.len().to_string()])
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    if strict && !warnings.is_empty() {
        eprintln!(
            "{}",
            Msg::ValidateStrict.fill(lang, &[&name, &warnings.len().to_string()])
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    print(&format!(
        "{}\n",
        Msg::PackValid.fill(lang, &[&name, &pack.exercises.len().to_string()])
    ))
}

/// The learners' archive (no answer key), or with `instructor` every file of the folder.
fn build(dir: &Path, output: &Path, instructor: bool, lang: Lang) -> ExitCode {
    let pack = match from_path(dir) {
        Ok(p) => p,
        Err(e) => return refuse(&e.lines(lang), lang),
    };
    // An archive that would not install is not worth building.
    let problems = validate::self_test(&pack);
    if !problems.is_empty() {
        return refuse(&PackError::SelfTest(problems).lines(lang), lang);
    }
    let files = if instructor {
        pack.all_files().clone()
    } else {
        match edition::learners(&pack) {
            Ok(f) => f,
            Err(r) => return refuse(&[r.text(lang)], lang),
        }
    };
    let written = archive::build(&files).and_then(|b| store::write_atomic(output, &b));
    let built = if instructor {
        Msg::PackBuiltInstructor
    } else {
        Msg::PackBuilt
    };
    match written {
        Ok(()) => print(&format!(
            "{}\n",
            built.fill(
                lang,
                &[
                    &output.display().to_string(),
                    &files.len().to_string(),
                    &archive::pack_checksum(&files)
                ]
            )
        )),
        Err(e) => refuse(&[Refusal::io(output, &e).text(lang)], lang),
    }
}

fn list(lang: Lang) -> ExitCode {
    let mut out = String::new();
    let mut row = |id: &str, version: &str, title: &str, place: &str| {
        out.push_str(&format!("{id:<24} {version:<10} {title}  ({place})\n"));
    };
    if let Ok(b) = Pack::builtin() {
        let m = &b.manifest;
        row(
            &m.id,
            &m.version,
            &m.title.get(lang),
            Msg::PackBuiltin.text(lang),
        );
    }
    if let Some(data) = settings::data_dir() {
        for i in install::list(&data) {
            let place = i.path.display().to_string();
            match &i.pack {
                Ok(p) => row(
                    &i.id,
                    &p.manifest.version,
                    &p.manifest.title.get(lang),
                    &place,
                ),
                Err(_) => row(&i.id, "?", Msg::PackBroken.text(lang), &place),
            }
        }
    }
    print(&out)
}

pub fn run_submit(args: SubmitArgs, lang: Lang) -> ExitCode {
    let pack = match load(Some(&args.pack), None, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let Some(data) = settings::data_dir() else {
        return refuse(&[Msg::ProgressNoDataDir.text(lang).to_string()], lang);
    };
    let progress = match ProgressFile::in_dir(&data).load() {
        Ok((p, _)) => p,
        Err(e) => return refuse(&[e.text(lang)], lang),
    };
    let learner = args
        .learner
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_default();
    let sub = Submission::new(&pack, &progress, &learner, SystemClock.now());
    let written = serde_json::to_vec_pretty(&sub)
        .map_err(std::io::Error::other)
        .and_then(|b| store::write_atomic(&args.output, &b));
    match written {
        Ok(()) => print(&format!(
            "{}\n",
            Msg::SubmissionWritten.fill(
                lang,
                &[
                    &args.output.display().to_string(),
                    &sub.answers.len().to_string(),
                    &sub.attempts.len().to_string()
                ]
            )
        )),
        Err(e) => refuse(&[Refusal::io(&args.output, &e).text(lang)], lang),
    }
}

/// The class report's formats.
#[derive(Clone, Copy, Debug)]
pub enum ClassFormat {
    Json,
    Junit,
    Csv,
    Markdown,
}

/// Where the class report goes: its format, a file (else stdout), and a folder for the
/// per-learner feedback files.
pub struct ClassOutput<'a> {
    pub format: ClassFormat,
    pub output: Option<&'a Path>,
    pub feedback: Option<&'a Path>,
}

/// Grades every `*.json` submission in `dir`. The report covers the accepted ones; each
/// rejected one is named on stderr and makes the exit code 2.
pub fn run_class(pack: &Pack, dir: &Path, to: &ClassOutput<'_>, lang: Lang) -> ExitCode {
    let origin = dir.display().to_string();
    // The learners' archive has no answer key: grading a class is the instructor's build's job.
    if pack.manifest.edition == Some(Edition::Learners) {
        return refuse(
            &[Msg::ClassNeedsInstructor.fill(lang, &[&pack.manifest.id])],
            lang,
        );
    }
    let files = match submission_files(dir) {
        Ok(f) => f,
        Err(e) => return refuse(&[Refusal::io(dir, &e).text(lang)], lang),
    };
    if files.is_empty() {
        return refuse(
            &[Refusal::new(&origin, Msg::SubmissionsNone, &[]).text(lang)],
            lang,
        );
    }
    if files.len() > MAX_SUBMISSIONS {
        let r = Refusal::new(&origin, Msg::SubmissionsTooMany, &[&MAX_SUBMISSIONS]);
        return refuse(&[r.text(lang)], lang);
    }
    let mut accepted = Vec::new();
    let mut rejected = 0;
    for path in &files {
        match Submission::load(path, pack) {
            Ok(mut sub) => {
                sub.learner = sub.name(path);
                accepted.push((path.display().to_string(), sub));
            }
            Err(r) => {
                rejected += 1;
                super::error(&r.text(lang), lang);
            }
        }
    }
    let report = class::grade_class(pack, &accepted, lang);
    let text = match to.format {
        ClassFormat::Json => report.json(),
        ClassFormat::Junit => report.junit(),
        ClassFormat::Csv => report.csv(),
        ClassFormat::Markdown => report.markdown(lang),
    };
    if let Some(folder) = to.feedback {
        let catalog = crate::content::Catalog::builtin()
            .ok()
            .map(|c| pack.add_lessons_to(c));
        let written = std::fs::create_dir_all(folder).and_then(|()| {
            report.learners.iter().try_for_each(|l| {
                let text = feedback::markdown(&report, l, pack, catalog.as_ref(), lang);
                store::write_atomic(&folder.join(feedback::file_name(l)), text.as_bytes())
            })
        });
        match written {
            Ok(()) => eprintln!(
                "{}",
                Msg::FeedbackWritten.fill(
                    lang,
                    &[
                        &report.learners.len().to_string(),
                        &folder.display().to_string()
                    ]
                )
            ),
            Err(e) => return refuse(&[Refusal::io(folder, &e).text(lang)], lang),
        }
    }
    let printed = match to.output {
        Some(path) => match store::write_atomic(path, text.as_bytes()) {
            Ok(()) => print(&format!(
                "{}\n",
                Msg::OutputWritten.fill(lang, &[&path.display().to_string()])
            )),
            Err(e) => return refuse(&[Refusal::io(path, &e).text(lang)], lang),
        },
        None => print(&text),
    };
    if rejected > 0 {
        eprintln!(
            "{}",
            Msg::SubmissionsRejected.fill(lang, &[&rejected.to_string()])
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    printed
}

/// Regular `*.json` files directly in `dir`, sorted; links are skipped like in packs.
fn submission_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_file() && path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
        if files.len() > MAX_SUBMISSIONS {
            break;
        }
    }
    files.sort();
    Ok(files)
}
