//! `meshlab exercise list|show|schema|inspect` and `meshlab grade` (one answer, or a class).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};

use super::pack::{self, ClassFormat};
use super::{EXIT_BAD_INPUT, print};
use crate::content::render::{self, Document, RenderOptions};
use crate::diag::SourceError;
use crate::drill::exercise::{Answer, Exercise, Kind};
use crate::drill::grade::{self, Report};
use crate::drill::pack::Pack;
use crate::drill::{adr, explain};
use crate::i18n::{Lang, Msg, console, trace};
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress::{Draft, Id};
use crate::practice::progress_file::ProgressFile;
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
    },
    Schema,
    /// Run an investigation command against a drill's cluster.
    Inspect {
        id: String,
        #[arg(long, value_name = "PACK")]
        pack: Option<String>,
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
        })
        .mut_subcommand("schema", |c| c.about(t(Msg::CliExerciseSchema)))
        .mut_subcommand("inspect", |c| {
            c.about(t(Msg::CliExerciseInspect))
                .mut_arg("pack", |a| a.help(t(Msg::CliPackRef)))
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
}

fn report_errors(errors: &[SourceError]) -> ExitCode {
    for e in errors {
        eprintln!("{e}");
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
        ExerciseCommand::Show { id, pack } => {
            let pack = match pack::load(pack.as_deref(), default_pack, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match pack.exercise(&id) {
                Some(ex) => print(&show(ex, lang)),
                None => unknown(&id, &pack, lang),
            }
        }
        ExerciseCommand::Inspect { id, pack, command } => {
            let pack = match pack::load(pack.as_deref(), None, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let Some(ex) = pack.exercise(&id) else {
                return unknown(&id, &pack, lang);
            };
            let lab = match grade::investigate(&pack, ex) {
                Ok((sim, traffic)) => tools::Lab::new(sim, traffic, ex.extras()),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(EXIT_BAD_INPUT);
                }
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
            print!("{}", out.stdout);
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

fn show(ex: &Exercise, lang: Lang) -> String {
    let mut md = format!("# {}\n\n{}\n", ex.title.get(lang), ex.prompt.get(lang));
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
    md.push_str(&format!(
        "\n{}\n",
        Msg::AnswerWith.fill(lang, &[&format!("`{}`", ex.id)])
    ));
    let doc = Document::parse(&md);
    let width = crossterm::terminal::size().map_or(80, |(w, _)| w.min(100));
    render::layout(
        &doc,
        RenderOptions {
            width,
            color: false,
        },
    )
    .plain_text()
        + "\n"
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
        return pack::run_class(&pack, dir, format, args.output.as_deref(), lang);
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
        Err(e) => return report_errors(&[crate::tree::io_error(answer_path, e)]),
        Ok(bytes) => bytes,
    };
    let text = match SourceError::decode(&file, &bytes) {
        Ok(t) => t.to_string(),
        Err(e) => return report_errors(&[e]),
    };
    let started = SystemClock.now();
    // An ADR drill's answer is the ADR itself; its errors already say file:line:column.
    let graded = if ex.kind == Kind::Adr {
        adr::grade(&pack, ex, &file, &text).map_err(|e| e.to_string())
    } else {
        let answer: Answer = match toml::from_str(&text) {
            Ok(a) => a,
            Err(e) => return report_errors(&[SourceError::from_toml(&file, &text, 0, &e)]),
        };
        grade::grade(&pack, ex, &answer).map_err(|e| format!("{file}: {e}"))
    };
    let report = match graded {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
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
    let draft = Draft {
        drill,
        pack: pack_id,
        skills: ex.skills.clone(),
        started,
        score: report.grade,
        passed: report.passed,
        hints: Vec::new(),
        answer,
    };
    if let Err(e) = ProgressFile::in_dir(&dir).update(|p| {
        p.record(draft, &SystemClock);
    }) {
        eprintln!("{}", Msg::GradeNotRecorded.fill(lang, &[&e.text(lang)]));
    }
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
    if let Some(n) = r.expected_number {
        out.push_str(&format!(
            "  {}\n",
            Msg::RetryWorstCase.fill(lang, &[&n.to_string()])
        ));
    }
    for line in explain::detail_lines(r, lang) {
        out.push_str(&format!("  {line}\n"));
    }
    for p in &r.probes {
        let mark = if p.held { "✓" } else { "✗" };
        let outcome = explain::probe_outcome(p, lang);
        out.push_str(&format!("  {mark} {}: {outcome}\n", p.name));
        if let Some(line) = explain::placement_line(p, lang) {
            out.push_str(&format!("      {line}\n"));
        }
        if !p.held {
            out.push_str(&format!(
                "      {}: {}\n",
                Msg::Why.text(lang),
                p.why.get(lang)
            ));
        }
    }
    for f in &r.feedback {
        out.push_str(&format!("{}: {}\n", Msg::Feedback.text(lang), f.get(lang)));
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
    }
}
