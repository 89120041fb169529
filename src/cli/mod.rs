//! The command line: parse, dispatch, print, exit codes (0 ok, 1 failed check, 2 bad input).

mod exercise;
mod lesson;
mod pack;
mod progress;
pub mod sim;
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
    #[arg(long, global = true, value_name = "DIR")]
    pub content_dir: Option<PathBuf>,
    #[arg(long, global = true, value_name = "DIR")]
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
    #[command(subcommand)]
    Pack(pack::PackCommand),
    Submit(pack::SubmitArgs),
    #[command(subcommand)]
    Sim(sim::SimCommand),
    Progress(progress::ProgressArgs),
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
        .mut_subcommand("pack", |c| pack::localize_pack(c, lang))
        .mut_subcommand("submit", |c| pack::localize_submit(c, lang))
        .mut_subcommand("sim", |c| sim::localize(c, lang))
        .mut_subcommand("progress", |c| progress::localize(c, lang))
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(t(Msg::CliVersion)),
        );
    localize_chrome(cmd, lang)
}

/// Clap's own words (headings, the help flag) in the chosen language, on every subcommand.
fn localize_chrome(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: Msg| m.text(lang);
    let mut template = format!("{{about-with-newline}}\n{}: {{usage}}\n", t(Msg::CliUsage));
    if cmd.has_subcommands() {
        template += &format!("\n{}:\n{{subcommands}}\n", t(Msg::CliCommands));
    }
    if cmd.get_positionals().next().is_some() {
        template += &format!("\n{}:\n{{positionals}}\n", t(Msg::CliArguments));
    }
    template += &format!("\n{}:\n{{options}}\n", t(Msg::CliOptions));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let mut cmd = cmd
        .help_template(template)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(t(Msg::CliHelp)),
        );
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| localize_chrome(c, lang));
    }
    cmd
}

/// The language asked for before clap has parsed anything, so `--help` can be localized.
fn early_lang(args: &[String], config: &Config) -> Lang {
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).map(String::as_str))?)
            .and_then(Lang::from_code)
    });
    settings::resolve_lang(flag, config)
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => return bad_input(&e.to_string()),
    };
    let matches = match localized_command(early_lang(&args, &config)).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_BAD_INPUT } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let lang = settings::resolve_lang(cli.lang, &config);
    let catalog = || {
        load_catalog(cli.content_dir.as_deref())
            .map_err(|e| bad_input(&format!("{}: {e}", Msg::ContentInvalid.text(lang))))
    };
    let pack_dir = cli.pack_dir.as_deref();
    match cli.command {
        Some(Command::Exercise(cmd)) => exercise::run_exercise(cmd, pack_dir, lang),
        Some(Command::Grade(args)) => exercise::run_grade(args, pack_dir, lang),
        Some(Command::Pack(cmd)) => pack::run_pack(cmd, lang),
        Some(Command::Submit(args)) => pack::run_submit(args, lang),
        Some(Command::Sim(cmd)) => sim::run(cmd, lang),
        Some(Command::Progress(args)) => progress::run(args, lang),
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
            (Ok(c), Ok(packs)) => run_tui(packs.with_lessons(c), packs, lang),
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

fn run_tui(catalog: Catalog, packs: Packs, lang: Lang) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        return bad_input("meshlab: the reader needs a terminal; try `meshlab lesson show 1`");
    }
    let data_dir = settings::data_dir();
    let mut notice = None;
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
    app.notice = notice.clone();
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
