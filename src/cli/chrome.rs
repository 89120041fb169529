//! clap's own words in the learner's language: help headings, value lists and defaults, usage
//! placeholders, and the parse errors (`unexpected argument`, `invalid value`, `For more
//! information, try '--help'`), which meshlab writes itself from the error's kind and context.

use std::io::IsTerminal;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Lang, Msg, messages};
use crate::settings;

/// Headings, the help flag, value lists and placeholders in `lang`, on `cmd` and every
/// subcommand.
pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    let mut cmd = localize_tree(cmd, lang);
    if lang != Lang::En {
        // Usage lines are known once the global flags have reached every subcommand.
        cmd.build();
        localize_usage(&mut cmd, lang);
    }
    cmd
}

fn localize_tree(cmd: clap::Command, lang: Lang) -> clap::Command {
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
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd
        .help_template(template)
        .subcommand_value_name(placeholder("COMMAND", lang).unwrap_or("COMMAND"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(t(Msg::CliHelp)),
        );
    for id in args {
        cmd = cmd.mut_arg(id, |a| localize_arg(a, lang));
    }
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| localize_tree(c, lang));
    }
    cmd
}

/// clap writes `[OPTIONS]` into usage lines itself: each built command's usage, rewritten.
fn localize_usage(cmd: &mut clap::Command, lang: Lang) {
    let text = cmd.render_usage().to_string();
    let text = text
        .split_once(": ")
        .map_or(text.as_str(), |(_, rest)| rest);
    let indent = " ".repeat(Msg::CliUsage.text(lang).chars().count() + 2);
    let options = format!("[{}]", Msg::CliPhOptions.text(lang));
    let usage = text
        .lines()
        .map(|l| l.trim().replace("[OPTIONS]", &options))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"));
    *cmd = cmd.clone().override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        localize_usage(sub, lang);
    }
}

/// The argument's placeholder in `lang`, and its possible values and default written by
/// meshlab (clap would write `[possible values: …]` and `[default: …]` in English).
fn localize_arg(arg: clap::Arg, lang: Lang) -> clap::Arg {
    if arg.is_hide_set() || !arg.get_action().takes_values() {
        return arg;
    }
    let names: Vec<clap::builder::Str> = arg
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|n| placeholder(n.as_str(), lang).map_or_else(|| n.clone(), Into::into))
                .collect()
        })
        .unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        help += &format!(
            " [{}: {}]",
            Msg::CliPossibleValues.text(lang),
            values.join(", ")
        );
    }
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help += &format!(" [{}: {}]", Msg::CliDefault.text(lang), defaults.join(", "));
    }
    let mut arg = arg
        .help(help.trim_start().to_string())
        .hide_possible_values(true)
        .hide_default_value(true);
    if !names.is_empty() {
        arg = arg.value_names(names);
    }
    arg
}

/// A placeholder clap shows (`<SECTION>`, `[OPTIONS]`), in `lang`; `None` for the names of
/// fields and flags (`<PORT>`, `<MESH>`, `<ID>`), which read the same in both.
fn placeholder(name: &str, lang: Lang) -> Option<&'static str> {
    let msg = match name {
        "OPTIONS" => Msg::CliPhOptions,
        "COMMAND" => Msg::CliPhCommand,
        "DIR" => Msg::CliPhDir,
        "FILE" => Msg::CliPhFile,
        "LANG" => Msg::CliPhLang,
        "SECTION" => Msg::CliPhSection,
        "WIDTH" => Msg::CliPhWidth,
        "TERM" => Msg::CliPhTerm,
        "NAME" => Msg::CliPhName,
        "SCENARIO" => Msg::CliPhScenario,
        "PACK" => Msg::CliPhPack,
        "KIND" => Msg::CliPhKind,
        "REQUESTS" => Msg::CliPhRequests,
        "COUNT" => Msg::CliPhCount,
        "DELAY_MS" => Msg::CliPhDelay,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// Prints a parse error (or the help or version clap was asked for) in `lang`; returns the
/// exit code: 0 for help and version, 2 for an error.
pub fn report(e: &clap::Error, lang: Lang) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            super::EXIT_BAD_INPUT
        }
        _ => {
            let color = std::io::stderr().is_terminal() && settings::color_enabled();
            eprint!("{}", error_text(e, lang, color));
            super::EXIT_BAD_INPUT
        }
    }
}

/// The error as meshlab words it: what went wrong, a tip when clap has one, the usage line,
/// and where to read more.
pub fn error_text(e: &clap::Error, lang: Lang, color: bool) -> String {
    let (red, off) = if color {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = format!("{red}{}{off} {}", Msg::CliError.text(lang), what(e, lang));
    let mut tips: Vec<String> = Vec::new();
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let quoted = match e.get(kind) {
            Some(ContextValue::String(s)) => vec![quote(s)],
            Some(ContextValue::Strings(v)) => v.iter().map(|s| quote(s)).collect(),
            _ => continue,
        };
        if !quoted.is_empty() {
            tips.push(Msg::CliTipSimilar.fill(lang, &[&quoted.join(", ")]));
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = e.get(ContextKind::Suggested) {
        tips.extend(suggestions.iter().map(|s| suggestion(&s.to_string(), lang)));
    }
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out += &format!("\n  {tip}");
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        out += &format!("\n\n{}: {}", Msg::CliUsage.text(lang), usage.trim_end());
    }
    out += &format!("\n\n{}\n", Msg::CliTryHelp.fill(lang, &["'--help'"]));
    out
}

fn quote(s: &str) -> String {
    format!("'{s}'")
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

/// The first sentence: what clap found wrong.
fn what(e: &clap::Error, lang: Lang) -> String {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let number = |kind| match e.get(kind) {
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let list = |kind, label: Msg| match e.get(kind) {
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!("\n  [{}: {}]", label.text(lang), v.join(", "))
        }
        _ => String::new(),
    };
    match e.kind() {
        ErrorKind::ArgumentConflict => {
            let prior = e.get(ContextKind::PriorArg);
            let (subject, subject_args) = match string(e, ContextKind::InvalidSubcommand) {
                Some(sub) if arg.is_empty() => (Msg::CliErrSubcommandConflict, sub),
                _ => (Msg::CliErrArgConflict, arg),
            };
            match prior {
                Some(ContextValue::String(p)) if p == arg => Msg::CliErrArgTwice.fill(lang, &[arg]),
                Some(ContextValue::String(p)) => subject.fill(lang, &[subject_args, p]),
                Some(ContextValue::Strings(ps)) => {
                    let mut s = Msg::CliErrConflictWith.fill(lang, &[subject_args]);
                    for p in ps {
                        s += &format!("\n  {p}");
                    }
                    s
                }
                _ => Msg::CliErrArgConflictOthers.fill(lang, &[subject_args]),
            }
        }
        ErrorKind::NoEquals => Msg::CliErrNoEquals.fill(lang, &[arg]),
        ErrorKind::InvalidValue if value.is_empty() => Msg::CliErrValueMissing.fill(lang, &[arg]),
        ErrorKind::InvalidValue => {
            Msg::CliErrInvalidValue.fill(lang, &[value, arg])
                + &list(ContextKind::ValidValue, Msg::CliPossibleValues)
        }
        ErrorKind::InvalidSubcommand => Msg::CliErrUnknownSubcommand.fill(
            lang,
            &[string(e, ContextKind::InvalidSubcommand).unwrap_or_default()],
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut s = Msg::CliErrMissingArgs.text(lang).to_string();
            if let Some(ContextValue::Strings(v)) = e.get(ContextKind::InvalidArg) {
                for a in v {
                    s += &format!("\n  {a}");
                }
            }
            s
        }
        ErrorKind::MissingSubcommand => {
            Msg::CliErrMissingSubcommand.fill(
                lang,
                &[string(e, ContextKind::InvalidSubcommand).unwrap_or_default()],
            ) + &list(ContextKind::ValidSubcommand, Msg::CliSubcommands)
        }
        ErrorKind::InvalidUtf8 => Msg::CliErrInvalidUtf8.text(lang).to_string(),
        ErrorKind::TooManyValues => Msg::CliErrTooManyValues.fill(lang, &[value, arg]),
        ErrorKind::TooFewValues => Msg::CliErrTooFewValues.fill(
            lang,
            &[
                &number(ContextKind::MinValues),
                arg,
                &number(ContextKind::ActualNumValues),
            ],
        ),
        ErrorKind::WrongNumberOfValues => Msg::CliErrWrongNumberOfValues.fill(
            lang,
            &[
                &number(ContextKind::ExpectedNumValues),
                arg,
                &number(ContextKind::ActualNumValues),
            ],
        ),
        ErrorKind::ValueValidation => {
            let mut s = Msg::CliErrInvalidValue.fill(lang, &[value, arg]);
            if let Some(source) = std::error::Error::source(e) {
                s += &format!(": {}", messages::localize(&source.to_string(), lang));
            }
            s
        }
        ErrorKind::UnknownArgument => Msg::CliErrUnknownArg.fill(lang, &[arg]),
        // Help, version, I/O and formatting failures carry clap's own text.
        _ => e
            .to_string()
            .trim_start_matches("error: ")
            .trim_end()
            .to_string(),
    }
}

/// clap's ready-made tips, recognised by their shape.
fn suggestion(text: &str, lang: Lang) -> String {
    let quoted: Vec<&str> = text.split('\'').skip(1).step_by(2).collect();
    if text.starts_with("to pass ") && quoted.len() == 2 {
        Msg::CliTipPassAsValue.fill(lang, &[quoted[0], quoted[1]])
    } else if text.starts_with("subcommand ") && quoted.len() == 2 {
        Msg::CliTipRemoveDashes.fill(lang, &[quoted[0]])
    } else if text.ends_with(" exists") && quoted.len() == 1 {
        Msg::CliTipExists.fill(lang, &[quoted[0]])
    } else {
        // A tip this version of clap words otherwise: its own words, marked as a tip.
        Msg::CliTip.fill(lang, &[text])
    }
}
