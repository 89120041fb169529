//! `meshlab exercise list|show|schema|inspect` and `meshlab grade` (one answer, or a class).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};

use super::pack::{self, ClassFormat};
use super::{EXIT_BAD_INPUT, print};
use crate::content::render::{self, Document, RenderOptions};
use crate::diag::SourceError;
use crate::drill::exercise::{Exercise, Kind};
use crate::drill::explain;
use crate::drill::grade::{self, Report};
use crate::drill::pack::Pack;
use crate::drill::{adr, manifest, variant};
use crate::i18n::{Lang, Msg, console, trace};
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::hints_seen::HintsSeen;
use crate::practice::progress::{Draft, Id};
use crate::practice::progress_file::ProgressFile;
use crate::practice::review_variant;
use crate::settings;
use crate::sim::tools;
use time::OffsetDateTime;

/// The grade's exit code when the answer was graded and failed.
const EXIT_FAILED: u8 = 1;

#[derive(Subcommand, Debug)]
pub enum ExerciseCommand {
    List {
        #[arg(long, value_name = "PACK")]
        pack: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
    },
    Show {
        id: String,
        #[arg(long, value_name = "PACK")]
        pack: Option<String>,
        #[arg(long, value_name = "N")]
        variant: Option<u64>,
    },
    Schema,
    /// Write an answer template for the drill to the current folder.
    Start {
        id: String,
        #[arg(long, value_name = "PACK")]
        pack: Option<String>,
        #[arg(long, value_name = "N")]
        variant: Option<u64>,
    },
    /// Run an investigation command against a drill's cluster.
    Inspect {
        id: String,
        #[arg(long, value_name = "PACK")]
        pack: Option<String>,
        #[arg(long, value_name = "N")]
        variant: Option<u64>,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        command: Vec<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    EnforcementPoint,
    Diagnose,
    RetryBudget,
    MeshSelection,
    AdoptionOrder,
    Audit,
    Adr,
    Manifest,
    Cost,
    Debugging,
}

impl KindArg {
    fn kind(self) -> Kind {
        match self {
            KindArg::EnforcementPoint => Kind::EnforcementPoint,
            KindArg::Diagnose => Kind::Diagnose,
            KindArg::RetryBudget => Kind::RetryBudget,
            KindArg::MeshSelection => Kind::MeshSelection,
            KindArg::AdoptionOrder => Kind::AdoptionOrder,
            KindArg::Audit => Kind::Audit,
            KindArg::Adr => Kind::Adr,
            KindArg::Manifest => Kind::Manifest,
            KindArg::Cost => Kind::Cost,
            KindArg::Debugging => Kind::Debugging,
        }
    }
}

/// `meshlab grade ID --answer FILE` grades one answer; `meshlab grade --submissions DIR`
/// grades a class. One command, because both are "grade against this pack with the engine".
#[derive(Args, Debug)]
pub struct GradeArgs {
    #[arg(
        required_unless_present = "submissions",
        conflicts_with = "submissions"
    )]
    pub id: Option<String>,
    #[arg(long, value_name = "FILE", requires = "id")]
    pub answer: Option<PathBuf>,
    #[arg(long, value_name = "PACK")]
    pub pack: Option<String>,
    #[arg(long, value_name = "DIR")]
    pub submissions: Option<PathBuf>,
    /// text, json, junit for one answer; json, junit, csv, markdown for a class.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[arg(short, long, value_name = "FILE", requires = "submissions")]
    pub output: Option<PathBuf>,
    #[arg(long, value_name = "DIR", requires = "submissions")]
    pub feedback: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
    Csv,
    Markdown,
}

pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliExercise))
        .mut_subcommand("list", |c| {
            c.about(t(Msg::CliExerciseList))
                .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
                .mut_arg("kind", |a| a.help(t(Msg::CliKind)))
        })
        .mut_subcommand("show", |c| {
            c.about(t(Msg::CliExerciseShow))
                .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
                .mut_arg("variant", |a| a.help(t(Msg::CliVariant)))
        })
        .mut_subcommand("schema", |c| c.about(t(Msg::CliExerciseSchema)))
        .mut_subcommand("start", |c| {
            c.about(t(Msg::CliExerciseStart))
                .mut_arg("id", |a| a.help(t(Msg::CliExerciseId)))
                .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
                .mut_arg("variant", |a| a.help(t(Msg::CliVariant)))
        })
        .mut_subcommand("inspect", |c| {
            c.about(t(Msg::CliExerciseInspect))
                .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
                .mut_arg("variant", |a| a.help(t(Msg::CliVariant)))
                .mut_arg("command", |a| a.help(t(Msg::CliInspectCommand)))
        })
}

pub fn localize_grade(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliGrade))
        .mut_arg("id", |a| a.help(t(Msg::CliExerciseId)))
        .mut_arg("answer", |a| a.help(t(Msg::CliAnswer)))
        .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
        .mut_arg("format", |a| a.help(t(Msg::CliFormat)))
        .mut_arg("submissions", |a| a.help(t(Msg::CliSubmissions)))
        .mut_arg("output", |a| a.help(t(Msg::CliOutput)))
        .mut_arg("feedback", |a| a.help(t(Msg::CliFeedback)))
}

fn report_errors(errors: &[SourceError], lang: Lang) -> ExitCode {
    for e in errors {
        super::error(&e.to_string(), lang);
    }
    ExitCode::from(EXIT_BAD_INPUT)
}

/// `default_pack` is the global `--pack-dir`, used where a command has no `--pack` of its own.
pub fn run_exercise(cmd: ExerciseCommand, default_pack: Option<&Path>, lang: Lang) -> ExitCode {
    match cmd {
        ExerciseCommand::List { pack, kind } => {
            let pack = match pack::load(pack.as_deref(), default_pack, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let mut out = String::new();
            for ex in pack
                .exercises
                .iter()
                .filter(|e| kind.is_none_or(|k| k.kind() == e.kind))
            {
                out.push_str(&format!(
                    "{:<36} {:<18} {}  {}\n",
                    ex.id,
                    kind_name(ex.kind),
                    "★".repeat(usize::from(ex.difficulty)),
                    ex.title.get(lang)
                ));
            }
            print(&out)
        }
        ExerciseCommand::Show { id, pack, variant } => {
            let pack = match pack::load(pack.as_deref(), default_pack, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match pack.exercise(&id) {
                Some(ex) => print(&show(ex, variant.unwrap_or(0), lang)),
                None => unknown(&id, &pack, lang),
            }
        }
        ExerciseCommand::Inspect {
            id,
            pack,
            variant,
            command,
        } => {
            let pack = match pack::load(pack.as_deref(), None, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let Some(ex) = pack.exercise(&id) else {
                return unknown(&id, &pack, lang);
            };
            // The cluster of the variant asked: its faults, its workloads.
            let ex = &variant::resolve(ex, variant.unwrap_or(0));
            let lab = match grade::investigate(&pack, ex) {
                Ok((sim, traffic)) => tools::Lab::new(sim, traffic, ex.extras()),
                Err(e) => return super::refuse(&e.to_string(), lang),
            };
            if command.is_empty() {
                let mut out = String::new();
                if let Some(note) = ex.investigation.as_ref().and_then(|i| i.note.as_ref()) {
                    out.push_str(&format!(
                        "{} {}\n\n",
                        Msg::ConsoleDrillNote.text(lang),
                        note.get(lang)
                    ));
                }
                out.push_str(&console::help(lang));
                out.push('\n');
                return print(&out);
            }
            inspect(&lab, &command, lang)
        }
        ExerciseCommand::Start { id, pack, variant } => {
            let pack = match pack::load(pack.as_deref(), default_pack, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match pack.exercise(&id) {
                Some(ex) => {
                    let seed = variant.unwrap_or_else(|| review_seed(&pack, ex));
                    start(&pack, ex, seed, lang)
                }
                None => unknown(&id, &pack, lang),
            }
        }
        ExerciseCommand::Schema => {
            let schema = schemars::schema_for!(Exercise);
            match serde_json::to_string_pretty(&schema) {
                Ok(s) => print(&(s + "\n")),
                Err(e) => {
                    eprintln!("meshlab: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Runs one command line (already split by the shell: each word is kept whole) and prints what
/// the tool printed; meshlab's own notes go to stderr in `lang`.
pub(crate) fn inspect(lab: &tools::Lab, command: &[String], lang: Lang) -> ExitCode {
    match tools::run_words(lab, command) {
        tools::Reply::Ran(out) => {
            eprint!("{}", out.stderr);
            out!("{}", out.stdout);
            if let Some(s) = console::supported(lang, &out.supported) {
                eprintln!("{s}");
            }
            ExitCode::from(out.code)
        }
        tools::Reply::Meshlab(tools::Note::Help) => print(&(console::help(lang) + "\n")),
        tools::Reply::Meshlab(note) => {
            eprintln!("{}", console::note(lang, &note));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn unknown(id: &str, pack: &Pack, lang: Lang) -> ExitCode {
    let mut msg = Msg::UnknownExercise.fill(lang, &[id]);
    for ex in &pack.exercises {
        msg.push_str(&format!("\n  {}", ex.id));
    }
    eprintln!("{msg}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// The drill as variant `seed` asks it (0: as written), with how to answer from the shell.
pub(crate) fn show(ex: &Exercise, seed: u64, lang: Lang) -> String {
    let seed = if variant::varies(ex) { seed } else { 0 };
    let ex = &variant::resolve(ex, seed);
    let mut md = format!(
        "# {}\n\n{}\n",
        ex.title.get(lang),
        for_shell(&ex.prompt.get(lang), &ex.id, seed)
    );
    if !ex.choices.is_empty() {
        md.push_str(&format!("\n## {}\n\n", Msg::Choices.text(lang)));
        for c in &ex.choices {
            md.push_str(&format!("- `{}` — {}\n", c.id, c.label.get(lang)));
        }
    }
    if !ex.fixes.is_empty() {
        md.push_str(&format!("\n## {}\n\n", Msg::Fixes.text(lang)));
        for f in &ex.fixes {
            md.push_str(&format!("- `{}` — {}\n", f.id, f.label.get(lang)));
        }
    }
    if let Some(a) = &ex.adoption {
        md.push_str(&format!("\n## {}\n\n", Msg::Phases.text(lang)));
        for p in &a.phases {
            md.push_str(&format!("- `{}` — {}\n", p.id, p.label.get(lang)));
        }
    }
    if let Some(a) = &ex.audit {
        md.push_str(&format!("\n## {}\n\n", Msg::AuditIdentity.text(lang)));
        for i in &a.identities {
            md.push_str(&format!("- `{i}`\n"));
        }
        md.push_str(&format!("\n## {}\n\n", Msg::AuditEvidence.text(lang)));
        for e in &a.evidence {
            let id = serde_json::to_value(e)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            md.push_str(&format!("- `{id}` — {}\n", e.label(lang)));
        }
    }
    // ADR drills: what the simulator checks and how the prose is scored, before writing.
    if !ex.requirements.is_empty() {
        md.push_str(&format!(
            "\n## {}\n\n",
            Msg::AdrRequirementsHeading.text(lang)
        ));
        for r in &ex.requirements {
            md.push_str(&format!("- {}\n", r.label.get(lang)));
        }
    }
    if !ex.rubric.is_empty() {
        md.push_str(&format!("\n## {}\n\n", Msg::AdrRubricHeading.text(lang)));
        for r in &ex.rubric {
            let points = Msg::AdrPoints.fill(lang, &[&r.points.to_string()]);
            md.push_str(&format!("- {} ({points})\n", r.label.get(lang)));
        }
    }
    md.push_str(&answer_section(ex, seed, lang));
    let doc = Document::parse(&md);
    let width = crossterm::terminal::size().map_or(80, |(w, _)| w.min(100));
    render::layout(&doc, RenderOptions::new(width, false, lang)).plain_text() + "\n"
}

/// A prompt's investigation commands (`meshlab exercise inspect ID …`) for variant `seed`:
/// they must look at the variant's cluster.
fn for_shell(prompt: &str, id: &str, seed: u64) -> String {
    if seed == 0 {
        return prompt.to_string();
    }
    let shell = format!("meshlab exercise inspect {id} ");
    prompt.replace(&shell, &format!("{shell}--variant {seed} "))
}

/// A seed for `meshlab exercise start`: the variant a review of a drill passed before asks,
/// the one the TUI and `meshlab next` show ([`review_variant`]); otherwise the drill as
/// written.
fn review_seed(pack: &Pack, ex: &Exercise) -> u64 {
    if !variant::varies(ex) {
        return 0;
    }
    let Some(dir) = settings::data_dir() else {
        return 0;
    };
    ProgressFile::in_dir(&dir).load().map_or(0, |(p, _)| {
        review_variant::seed(&p, &pack.manifest.id, ex, SystemClock.now())
    })
}

/// How to answer from the shell: the keys to write (or the ADR to write), the template
/// command and the grade command.
fn answer_section(ex: &Exercise, seed: u64, lang: Lang) -> String {
    let mut md = format!("\n## {}\n\n", Msg::AnswerHeading.text(lang));
    if ex.kind == Kind::Adr {
        md.push_str(&format!("{}\n\n", Msg::AnswerAdr.text(lang)));
    } else if ex.kind == Kind::Manifest {
        md.push_str(&format!("{}\n\n", Msg::AnswerManifest.text(lang)));
    } else {
        md.push_str(&format!(
            "{}\n\n```toml\n{}```\n\n",
            Msg::AnswerKeys.text(lang),
            answer_keys(ex, seed, lang)
        ));
    }
    let file = answer_file(ex);
    md.push_str(&format!(
        "{}\n",
        Msg::AnswerStart.fill(
            lang,
            &[
                &format!("`meshlab exercise start {}{}`", ex.id, variant_flag(seed)),
                &format!("`meshlab grade {} --answer {file}`", ex.id)
            ]
        )
    ));
    md
}

/// The file `meshlab exercise start` writes: the ADR itself, the manifests, or the answer's
/// TOML.
fn answer_file(ex: &Exercise) -> String {
    format!(
        "{}.{}",
        ex.id,
        crate::drill::class::answer_extension(ex.kind)
    )
}

/// ` --variant N` for a variant, nothing for the drill as written.
fn variant_flag(seed: u64) -> String {
    if seed == 0 {
        String::new()
    } else {
        format!(" --variant {seed}")
    }
}

/// The answer's keys with their possible values, as TOML to fill in; an answer to a variant
/// says which (the grader grades that variant).
fn answer_keys(ex: &Exercise, seed: u64, lang: Lang) -> String {
    let keys = kind_keys(ex, lang);
    if seed == 0 || keys.is_empty() {
        keys
    } else {
        format!("variant = {seed}\n{keys}")
    }
}

/// The answer's keys for `ex`'s kind.
fn kind_keys(ex: &Exercise, lang: Lang) -> String {
    let ids = |ids: Vec<&str>| {
        ids.iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    match ex.kind {
        Kind::EnforcementPoint | Kind::MeshSelection => format!(
            "choice = \"\"  # {}\n",
            ids(ex.choices.iter().map(|c| c.id.as_str()).collect())
        ),
        Kind::Diagnose => format!(
            "choice = \"\"  # {}\nfix = \"\"     # {}\n",
            ids(ex.choices.iter().map(|c| c.id.as_str()).collect()),
            ids(ex.fixes.iter().map(|f| f.id.as_str()).collect())
        ),
        Kind::RetryBudget => "number = 0\n".to_string(),
        Kind::Cost => format!(
            "number = 0  # {}\n",
            match ex.cost.as_ref().map(|c| c.quantity) {
                Some(crate::drill::cost::Quantity::MemoryMb) => "MB",
                _ => "millicores",
            }
        ),
        Kind::AdoptionOrder => {
            let phases: Vec<String> = ex
                .adoption
                .iter()
                .flat_map(|a| &a.phases)
                .map(|p| format!("\"{}\"", p.id))
                .collect();
            format!("order = [{}]\n", phases.join(", "))
        }
        Kind::Audit => {
            let (identities, evidence) = ex.audit.as_ref().map_or((Vec::new(), Vec::new()), |a| {
                let evidence = a
                    .evidence
                    .iter()
                    .filter_map(|e| serde_json::to_value(e).ok()?.as_str().map(str::to_string))
                    .collect();
                (a.identities.clone(), evidence)
            });
            format!(
                "verdict = \"\"   # \"allowed\" | \"denied\"\nidentity = \"\"  # {}\nevidence = \"\"  # {}\n",
                ids(identities.iter().map(String::as_str).collect()),
                ids(evidence.iter().map(String::as_str).collect())
            )
        }
        // One finding per question, the question as a comment above it.
        Kind::Debugging => ex
            .questions
            .iter()
            .map(|q| {
                format!(
                    "\n# {}\n[[findings]]\nquestion = \"{}\"\ncommand = \"\"\nfact = \"\"\n",
                    q.text.get(lang),
                    q.id
                )
            })
            .collect(),
        Kind::Adr | Kind::Manifest => String::new(),
    }
}

/// `meshlab exercise start ID`: the answer template of variant `seed` in the current folder,
/// never over a file that is already there.
fn start(pack: &Pack, ex: &Exercise, seed: u64, lang: Lang) -> ExitCode {
    let seed = if variant::varies(ex) { seed } else { 0 };
    let ex = &variant::resolve(ex, seed);
    let file = answer_file(ex);
    let text = match ex.kind {
        Kind::Adr => adr::template::template(lang).to_string(),
        Kind::Manifest => manifest::starter(pack, ex, lang),
        _ => format!(
            "# {}\n# {}\n{}",
            ex.title.get(lang),
            Msg::AnswerTemplateNote.fill(
                lang,
                &[&format!(
                    "meshlab exercise show {}{}",
                    ex.id,
                    variant_flag(seed)
                )]
            ),
            answer_keys(ex, seed, lang)
        ),
    };
    let path = Path::new(&file);
    if path.exists() {
        eprintln!("{}", Msg::AnswerExists.fill(lang, &[&file]));
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    if let Err(e) = crate::practice::store::write_atomic(path, text.as_bytes()) {
        eprintln!("{}", crate::tree::io_error(path, e));
        return ExitCode::FAILURE;
    }
    let mut said = Msg::AnswerWritten.fill(
        lang,
        &[&file, &format!("meshlab grade {} --answer {file}", ex.id)],
    );
    if seed != 0 {
        let show = format!("meshlab exercise show {} --variant {seed}", ex.id);
        said = format!(
            "{}\n{said}",
            Msg::VariantAsked.fill(lang, &[&seed.to_string(), &show])
        );
    }
    print(&format!("{said}\n"))
}

pub fn run_grade(args: GradeArgs, default_pack: Option<&Path>, lang: Lang) -> ExitCode {
    let pack = match pack::load(args.pack.as_deref(), default_pack, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if let Some(dir) = &args.submissions {
        let format = match args.format.unwrap_or(Format::Json) {
            Format::Json => ClassFormat::Json,
            Format::Junit => ClassFormat::Junit,
            Format::Csv => ClassFormat::Csv,
            Format::Markdown | Format::Text => ClassFormat::Markdown,
        };
        let to = pack::ClassOutput {
            format,
            output: args.output.as_deref(),
            feedback: args.feedback.as_deref(),
        };
        return pack::run_class(&pack, dir, &to, lang);
    }
    let (Some(id), Some(answer_path)) = (&args.id, &args.answer) else {
        eprintln!("{}", Msg::GradeNeedsAnswer.text(lang));
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    let Some(ex) = pack.exercise(id) else {
        return unknown(id, &pack, lang);
    };
    let file = answer_path.display().to_string();
    let bytes = match std::fs::read(answer_path) {
        Err(e) => return report_errors(&[crate::tree::io_error(answer_path, e)], lang),
        Ok(bytes) => bytes,
    };
    let text = match SourceError::decode(&file, &bytes) {
        Ok(t) => t.to_string(),
        Err(e) => return report_errors(&[e], lang),
    };
    let started = SystemClock.now();
    // An ADR drill's answer is the ADR itself; every error already says file:line:column.
    let graded = grade::grade_text(&pack, ex, &file, &text);
    let report = match graded {
        Ok(r) => r,
        Err(e) => return super::refuse(&e.to_string(), lang),
    };
    let text_out = match args.format.unwrap_or(Format::Text) {
        Format::Text => report_text(&report, lang),
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Junit => junit(&report, lang),
        f @ (Format::Csv | Format::Markdown) => {
            let name = format!("{f:?}").to_lowercase();
            eprintln!("{}", Msg::FormatBatchOnly.fill(lang, &[&name]));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    record(&pack, ex, &report, started, text, lang);
    let printed = print(&text_out);
    if printed != ExitCode::SUCCESS {
        return printed;
    }
    if report.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    }
}

/// Keeps the graded answer in the progress file, like a drill done in the TUI, so that
/// `meshlab submit` can hand it in. No data directory means nothing to keep; a failed save is
/// said on stderr but does not change the verdict.
fn record(
    pack: &Pack,
    ex: &Exercise,
    report: &Report,
    started: OffsetDateTime,
    answer: String,
    lang: Lang,
) {
    let Some(dir) = settings::data_dir() else {
        return;
    };
    let (Some(drill), Some(pack_id)) = (Id::new(ex.id.clone()), Id::new(pack.manifest.id.clone()))
    else {
        return;
    };
    // Hints read with `meshlab hint` count in this attempt, as the TUI counts them.
    let seen_path = dir.join(HintsSeen::FILE);
    let mut seen = crate::practice::store::load::<HintsSeen>(&seen_path)
        .map(|l| l.into_value())
        .unwrap_or_default();
    let hints = seen.take(pack_id.as_str(), drill.as_str());
    // The variant answered, as the answer says (ADR and manifest answers are not TOML).
    let variant = toml::from_str::<crate::drill::exercise::Answer>(&answer)
        .ok()
        .and_then(|a| a.variant)
        .filter(|s| *s != 0 && variant::varies(ex));
    let draft = Draft {
        drill,
        pack: pack_id,
        skills: ex.skills.clone(),
        started,
        score: report.grade,
        passed: report.passed,
        hints: hints.clone(),
        answer,
        variant,
    };
    match ProgressFile::in_dir(&dir).update(|p| {
        p.record(draft, &SystemClock);
    }) {
        Ok(_) if !hints.is_empty() => {
            // Counted now: they are not counted again by the next grade.
            if let Err(e) = crate::practice::store::save(&seen_path, &seen) {
                eprintln!("{}", crate::tree::io_error(&seen_path, e));
            }
        }
        Ok(_) => {}
        Err(e) => eprintln!("{}", Msg::GradeNotRecorded.fill(lang, &[&e.text(lang)])),
    }
}

/// `meshlab hint ID [N]`: the hints up to rung N (default: the next one not read yet),
/// recorded so the next `meshlab grade` of the drill counts them.
#[derive(Args, Debug)]
pub struct HintArgs {
    pub id: String,
    pub n: Option<u8>,
    #[arg(long, value_name = "PACK")]
    pub pack: Option<String>,
    #[arg(long, value_name = "N")]
    pub variant: Option<u64>,
}

pub fn localize_hint(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    cmd.about(t(Msg::CliHint))
        .mut_arg("id", |a| a.help(t(Msg::CliExerciseId)))
        .mut_arg("n", |a| a.help(t(Msg::CliHintN)))
        .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
        .mut_arg("variant", |a| a.help(t(Msg::CliVariant)))
}

pub fn run_hint(args: HintArgs, default_pack: Option<&Path>, lang: Lang) -> ExitCode {
    let pack = match pack::load(args.pack.as_deref(), default_pack, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let Some(ex) = pack.exercise(&args.id) else {
        return unknown(&args.id, &pack, lang);
    };
    // The hints of the variant asked: they speak of its workloads.
    let ex = &variant::resolve(ex, args.variant.unwrap_or(0));
    let total = ex.hints.len();
    if total == 0 {
        return print(&format!("{}\n", Msg::HintNone.text(lang)));
    }
    let dir = settings::data_dir();
    let path = dir.as_ref().map(|d| d.join(HintsSeen::FILE));
    let mut seen = path
        .as_ref()
        .and_then(|p| crate::practice::store::load::<HintsSeen>(p).ok())
        .map(|l| l.into_value())
        .unwrap_or_default();
    let pack_id = &pack.manifest.id;
    let read = seen.of(pack_id, &ex.id).len();
    let upto = match args.n {
        Some(n) if n == 0 || usize::from(n) > total => {
            eprintln!(
                "{}",
                Msg::HintOutOfRange.fill(lang, &[&n.to_string(), &total.to_string()])
            );
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        Some(n) => usize::from(n),
        None => (read + 1).min(total),
    };
    let mut out = String::new();
    for (i, hint) in ex.hints.iter().take(upto).enumerate() {
        let label = Msg::HintLabel.fill(lang, &[&(i + 1).to_string(), &total.to_string()]);
        out.push_str(&format!("{label} {}\n", hint.get(lang)));
    }
    seen.read(pack_id, &ex.id, u8::try_from(upto).unwrap_or(u8::MAX));
    match &path {
        Some(p) => match crate::practice::store::save(p, &seen) {
            Ok(()) => out.push_str(&format!(
                "{}\n",
                Msg::HintRecorded
                    .fill(lang, &[&seen.of(pack_id, &ex.id).len().to_string(), &ex.id])
            )),
            Err(e) => eprintln!("{}", crate::tree::io_error(p, e)),
        },
        None => eprintln!("{}", Msg::ProgressNoDataDir.text(lang)),
    }
    print(&out)
}

/// The report as a learner reads it: the verdict, each probe, and why.
pub fn report_text(r: &Report, lang: Lang) -> String {
    let verdict = if r.passed {
        Msg::GradePass
    } else {
        Msg::GradeFail
    };
    let mut out = format!(
        "{} — {}, {}\n",
        r.exercise,
        verdict.text(lang),
        Msg::GradeScore.fill(lang, &[&r.grade.to_string()])
    );
    for line in explain::report_lines(r, lang) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// JUnit XML: one test case per probe (or one for a numeric drill), for CI dashboards.
fn junit(r: &Report, lang: Lang) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut cases = String::new();
    let mut failures = 0;
    let mut case = |name: &str, failure: Option<String>| {
        cases.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\">",
            esc(&r.exercise),
            esc(name)
        ));
        if let Some(msg) = failure {
            failures += 1;
            cases.push_str(&format!("<failure message=\"{}\"/>", esc(&msg)));
        }
        cases.push_str("</testcase>\n");
    };
    for req in r.adr().into_iter().flat_map(|a| &a.requirements) {
        let observed = || trace::localize(&req.observed, lang).into_owned();
        case(&req.name, (!req.held).then(observed));
    }
    if r.probes.is_empty() && r.adr().is_none() {
        let failure = (!r.passed).then(|| Msg::GradeScore.fill(lang, &[&r.grade.to_string()]));
        case(&r.exercise, failure);
    }
    for p in &r.probes {
        let failure = (!p.held).then(|| {
            Msg::ProbeBroke.fill(
                lang,
                &[
                    explain::expect_word(p.expected, lang),
                    explain::verdict_word(p.verdict, lang),
                ],
            )
        });
        case(&p.name, failure);
    }
    let tests = (r.probes.len() + r.adr().map_or(0, |a| a.requirements.len())).max(1);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\">\n{cases}</testsuite>\n",
        esc(&r.exercise)
    )
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::EnforcementPoint => "enforcement-point",
        Kind::Diagnose => "diagnose",
        Kind::RetryBudget => "retry-budget",
        Kind::MeshSelection => "mesh-selection",
        Kind::AdoptionOrder => "adoption-order",
        Kind::Audit => "audit",
        Kind::Adr => "adr",
        Kind::Manifest => "manifest",
        Kind::Cost => "cost",
        Kind::Debugging => "debugging",
    }
}
