//! The command line: parse, dispatch, print, exit codes (0 ok, 1 failed check, 2 bad input).

/// `println!` for command output: a reader that went away (`meshlab … | head`) is a normal end,
/// not a panic (see [`print`]).
macro_rules! outln {
    () => {{
        let _ = $crate::cli::print("\n");
    }};
    ($($arg:tt)*) => {{
        let _ = $crate::cli::print(&format!("{}\n", format_args!($($arg)*)));
    }};
}
/// `print!` for command output, as [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = $crate::cli::print(&format!($($arg)*));
    }};
}

mod chrome;
mod exercise;
mod glossary;
mod lesson;
mod next;
mod pack;
mod progress;
mod shell;
pub mod sim;
mod sim_cost;
mod sim_probe;
mod sim_run;
mod sim_shell;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::content::Catalog;
use crate::diag::SourceError;
use crate::i18n::{Lang, Msg};
use crate::practice::clock::{Clock, SystemClock};
use crate::practice::progress::Progress;
use crate::practice::progress_file::ProgressFile;
use crate::practice::reading::Reading;
use crate::practice::store::{self, Loaded};
use crate::settings::{self, Config};
use crate::tui;
use crate::tui::packs::Packs;

/// Bad input: a malformed file, an unknown name, a bad flag.
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Parser, Debug)]
#[command(name = "meshlab", version, disable_version_flag = true)]
pub struct Cli {
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    // The authoring flags come before the command (`meshlab --pack-dir P exercise list`):
    // not global, so the help of the commands they do not change does not list them.
    #[arg(long, value_name = "DIR")]
    pub content_dir: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub pack_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(subcommand)]
    Lesson(lesson::LessonCommand),
    #[command(subcommand)]
    Exercise(exercise::ExerciseCommand),
    Grade(exercise::GradeArgs),
    Hint(exercise::HintArgs),
    #[command(subcommand)]
    Pack(pack::PackCommand),
    Submit(pack::SubmitArgs),
    #[command(subcommand)]
    Sim(sim::SimCommand),
    Progress(progress::ProgressArgs),
    Next,
    Completions(shell::CompletionsArgs),
    Man,
    Glossary(glossary::GlossaryArgs),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("expected `id` or `en`, got `{s}`"))
}

/// Help texts come from `i18n`, in the language the flags or environment ask for.
fn localized_command(lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    let cmd = Cli::command()
        .about(t(Msg::CliAbout))
        .mut_arg("lang", |a| a.help(t(Msg::CliLang)))
        .mut_arg("content_dir", |a| a.help(t(Msg::CliContentDir)))
        .mut_arg("pack_dir", |a| a.help(t(Msg::CliPackDirGlobal)))
        .mut_subcommand("lesson", |c| lesson::localize(c, lang))
        .mut_subcommand("exercise", |c| exercise::localize(c, lang))
        .mut_subcommand("grade", |c| exercise::localize_grade(c, lang))
        .mut_subcommand("hint", |c| exercise::localize_hint(c, lang))
        .mut_subcommand("pack", |c| pack::localize_pack(c, lang))
        .mut_subcommand("submit", |c| pack::localize_submit(c, lang))
        .mut_subcommand("sim", |c| sim::localize(c, lang))
        .mut_subcommand("progress", |c| progress::localize(c, lang))
        .mut_subcommand("next", |c| next::localize(c, lang))
        .mut_subcommand("completions", |c| shell::localize_completions(c, lang))
        .mut_subcommand("man", |c| shell::localize_man(c, lang))
        .mut_subcommand("glossary", |c| glossary::localize(c, lang))
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(t(Msg::CliVersion)),
        );
    chrome::localize(cmd, lang)
}

/// The `--lang` flag, read before clap has parsed anything, so `--help` and a config file's
/// problems can be told in it.
fn early_flag(args: &[String]) -> Option<Lang> {
    args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).map(String::as_str))?)
            .and_then(Lang::from_code)
    })
}

/// The config file, or the defaults and why the file was not used. The config only holds
/// preferences, so a broken one never stops a command: the problem is said (with its place)
/// and meshlab goes on with the flags and the environment.
fn config(flag: Option<Lang>) -> (Config, Option<String>) {
    let lang = settings::resolve_lang(flag, &Config::default());
    match Config::load(lang) {
        Ok(c) => (c, None),
        Err(e) => {
            let why = Msg::ConfigIgnored.fill(lang, &[&e.to_string()]);
            (Config::default(), Some(why))
        }
    }
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let flag = early_flag(&args);
    let (config, config_problem) = config(flag);
    let early = settings::resolve_lang(flag, &config);
    let matches = match localized_command(early).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => return ExitCode::from(chrome::report(&e, early)),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return ExitCode::from(chrome::report(&e, early)),
    };
    let lang = settings::resolve_lang(cli.lang, &config);
    let catalog = || {
        load_catalog(cli.content_dir.as_deref())
            .map_err(|e| refuse(&format!("{}: {e}", Msg::ContentInvalid.text(lang)), lang))
    };
    let pack_dir = cli.pack_dir.as_deref();
    // The TUI shows it as its first notice (and prints it on the way out).
    if let (Some(why), Some(_)) = (&config_problem, &cli.command) {
        eprintln!("{why}");
    }
    match cli.command {
        Some(Command::Exercise(cmd)) => exercise::run_exercise(cmd, pack_dir, lang),
        Some(Command::Grade(args)) => exercise::run_grade(args, pack_dir, lang),
        Some(Command::Hint(args)) => exercise::run_hint(args, pack_dir, lang),
        Some(Command::Pack(cmd)) => pack::run_pack(cmd, lang),
        Some(Command::Submit(args)) => pack::run_submit(args, lang),
        Some(Command::Sim(cmd)) => sim::run(cmd, lang),
        Some(Command::Progress(args)) => progress::run(args, lang),
        Some(Command::Next) => match (catalog(), tui_packs(pack_dir, lang)) {
            (Ok(c), Ok(packs)) => next::run(&packs.with_lessons(c), &packs, lang),
            (Err(code), _) | (_, Err(code)) => code,
        },
        Some(Command::Completions(args)) => shell::completions(&args, localized_command(lang)),
        Some(Command::Man) => shell::man(localized_command(lang)),
        Some(Command::Glossary(args)) => glossary::run(args, lang),
        Some(Command::Lesson(cmd)) => {
            // A `--pack-dir` pack's own lessons are read beside the course.
            let pack = pack_dir
                .map(|_| pack::load(None, pack_dir, lang))
                .transpose();
            match (catalog(), pack) {
                (Ok(c), Ok(p)) => {
                    let catalog = match &p {
                        Some(p) => p.add_lessons_to(c),
                        None => c,
                    };
                    lesson::run(cmd, &catalog, lang)
                }
                (Err(code), _) | (_, Err(code)) => code,
            }
        }
        None => match (catalog(), tui_packs(pack_dir, lang)) {
            (Ok(c), Ok(packs)) => run_tui(packs.with_lessons(c), packs, lang, config_problem),
            (Err(code), _) | (_, Err(code)) => code,
        },
    }
}

/// The TUI's drills: the `--pack-dir` pack alone (an instructor trying a pack), else the
/// built-in pack and every installed one.
fn tui_packs(pack_dir: Option<&std::path::Path>, lang: Lang) -> Result<Packs, ExitCode> {
    let first = pack::load(None, pack_dir, lang)?;
    Ok(match pack_dir {
        Some(_) => Packs::new([first]),
        None => Packs::installed(first, settings::data_dir().as_deref()),
    })
}

fn load_catalog(dir: Option<&std::path::Path>) -> Result<Catalog, SourceError> {
    match dir {
        Some(d) => Catalog::from_dir(d),
        None => Catalog::builtin(),
    }
}

/// The TUI; `notice` is what the learner must read first (a config file that was ignored).
fn run_tui(catalog: Catalog, packs: Packs, lang: Lang, notice: Option<String>) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        return bad_input(Msg::ReaderNeedsTerminal.text(lang));
    }
    let data_dir = settings::data_dir();
    let mut notice = notice;
    let reading = match &data_dir {
        None => Reading::default(),
        Some(dir) => match store::load::<Reading>(&dir.join(Reading::FILE)) {
            Ok(Loaded::KeptAside {
                value,
                kept_as,
                problem,
            }) => {
                notice = Some(Msg::StateKeptAside.fill(
                    lang,
                    &[
                        &dir.join(Reading::FILE).display().to_string(),
                        &problem.text(lang),
                        &kept_as.display().to_string(),
                    ],
                ));
                value
            }
            Ok(loaded) => loaded.into_value(),
            Err(e) => {
                notice = Some(Msg::StateSaveFailed.fill(lang, &[&e.to_string()]));
                Reading::default()
            }
        },
    };
    let mut progress = Progress::default();
    let mut attempts: Box<dyn tui::attempts::Attempts> = match &data_dir {
        None => Box::new(tui::attempts::InMemory::new()),
        Some(dir) => {
            let file = ProgressFile::in_dir(dir);
            // Loading now moves an unreadable file aside and says so before the first drill;
            // what it read is the progress screen's start.
            match file.load() {
                Ok((loaded, report)) => {
                    progress = loaded;
                    if let Some(k) = report.kept_aside {
                        notice = Some(k.text(lang));
                    }
                }
                Err(e) => notice = Some(e.text(lang)),
            }
            Box::new(tui::attempts::Kept::new(file, lang))
        }
    };
    // Streak days are the learner's calendar days; without a known offset, UTC days.
    let offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    // Syntax definitions load in the background so the first frame does not wait for them.
    std::thread::spawn(crate::content::render::warm_highlighter);
    let mut app = tui::app::App::new(catalog, lang, settings::color_enabled(), reading)
        .with_packs(packs)
        .with_progress(progress)
        .with_start(SystemClock.now(), offset);
    app.notice = notice.clone().or_else(|| tui::next::resume_notice(&app));
    let result = tui::run(app, data_dir, attempts.as_mut());
    if let Some(n) = notice {
        eprintln!("{n}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meshlab: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bad_input(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Prints an error on stderr in the learner's language: meshlab's own English sentences from
/// code that writes no language (grading, the simulator, a file's location) go through
/// `i18n::messages`.
pub(crate) fn error(text: &str, lang: Lang) {
    eprintln!("{}", crate::i18n::messages::localize(text, lang));
}

/// [`error`], then exit code 2 (bad input).
pub(crate) fn refuse(text: &str, lang: Lang) -> ExitCode {
    error(text, lang);
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Prints to stdout; a closed pipe (`| head`) is a normal end, not an error.
pub(crate) fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meshlab: {e}");
            ExitCode::FAILURE
        }
    }
}
