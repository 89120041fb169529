//! Every tool meshlab simulates is a Go program built on cobra/pflag, and refuses bad
//! arguments in cobra's words: `Error: unknown flag: --foo` (kubectl: `error: …` and a
//! `See 'kubectl get --help' for usage.` line; the others `Run 'istioctl … --help' for
//! usage.`). Each tool's grammar is a clap tree parsed from the words of the line; this module
//! parses with it and turns clap's refusals into those messages, with the flags or commands
//! meshlab supports at that point.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, FromArgMatches};

use super::Output;

/// How a tool words its refusals.
#[derive(Debug, Clone, Copy)]
pub struct Voice {
    /// kubectl writes `error:`; cobra's default is `Error:`.
    pub lowercase: bool,
}

pub const KUBECTL: Voice = Voice { lowercase: true };

/// The subcommand path the words name (`kubectl get`, `istioctl proxy-config secret`).
pub fn path(cmd: &Command, words: &[String]) -> Vec<String> {
    let mut path = vec![cmd.get_name().to_owned()];
    let mut at = cmd;
    for w in words.iter().skip(1) {
        if w.starts_with('-') {
            continue;
        }
        match at.find_subcommand(w) {
            Some(sub) => {
                path.push(sub.get_name().to_owned());
                at = sub;
            }
            None => {
                if at.has_subcommands() {
                    break;
                }
            }
        }
    }
    path
}

fn command_at<'a>(cmd: &'a Command, path: &[String]) -> &'a Command {
    let mut at = cmd;
    for name in path.iter().skip(1) {
        match at.find_subcommand(name) {
            Some(sub) => at = sub,
            None => break,
        }
    }
    at
}

/// The flags and subcommands meshlab supports at `path`, as typed on a command line.
pub fn supported(cmd: &Command, path: &[String]) -> Vec<String> {
    let mut built = cmd.clone();
    built.build();
    let at = command_at(&built, path);
    let mut out: Vec<String> = at
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_owned())
        .collect();
    // Built, the tree carries its global flags (`-n`) into every subcommand, and `--help`.
    for arg in at
        .get_arguments()
        .filter(|a| !a.is_hide_set() && a.get_id() != "help")
    {
        let flag = match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => format!("-{s}/--{l}"),
            (None, Some(l)) => format!("--{l}"),
            (Some(s), None) => format!("-{s}"),
            (None, None) => continue,
        };
        if !out.contains(&flag) {
            out.push(flag);
        }
    }
    out
}

fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        _ => None,
    }
}

/// Parses `words` with the tool's clap tree: the parsed value, or what the real tool prints
/// when it refuses them (`--help` prints the help and succeeds, as in the real tools).
pub fn parse<T: FromArgMatches>(cmd: Command, voice: Voice, words: &[String]) -> Result<T, Output> {
    let matches = cmd.clone().try_get_matches_from(words);
    let err = match matches.and_then(|m| T::from_arg_matches(&m)) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let path = path(&cmd, words);
    let here = path.join(" ");
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let mut at = command_at(&cmd, &path).clone();
            let text = at.render_help().to_string();
            return Err(Output::stdout(text));
        }
        ErrorKind::DisplayVersion => return Err(Output::stdout(err.to_string())),
        _ => {}
    }
    let arg = context(&err, ContextKind::InvalidArg).unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::UnknownArgument => {
            // clap names what it could not place; a word without dashes is an extra argument.
            if let Some(long) = arg.strip_prefix("--") {
                let flag = long.split('=').next().unwrap_or(long);
                format!("unknown flag: --{flag}")
            } else if let Some(short) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
                let first = short.chars().next().unwrap_or('-');
                format!("unknown shorthand flag: '{first}' in -{short}")
            } else {
                format!("unknown command {arg:?} for {here:?}")
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = context(&err, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("unknown command {sub:?} for {here:?}")
        }
        ErrorKind::InvalidValue => {
            let value = context(&err, ContextKind::InvalidValue).unwrap_or_default();
            let flag = arg.split([' ', '=']).next().unwrap_or_default();
            if value.is_empty() {
                format!("flag needs an argument: {flag}")
            } else {
                format!("invalid argument {value:?} for {flag:?} flag")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = context(&err, ContextKind::InvalidArg).unwrap_or_default();
            format!("required argument(s) {missing} not set")
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues => {
            format!("too many arguments for {here:?}")
        }
        ErrorKind::ArgumentConflict => {
            let other = context(&err, ContextKind::PriorArg).unwrap_or_default();
            format!("if any flags in the group [{arg} {other}] are set none of the others can be")
        }
        _ => err
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_owned(),
    };
    Err(refusal(voice, &here, &message, supported(&cmd, &path)))
}

/// The refusal as the tool prints it, with meshlab's `supported` list.
pub fn refusal(voice: Voice, here: &str, message: &str, supported: Vec<String>) -> Output {
    let text = if voice.lowercase {
        format!("error: {message}\nSee '{here} --help' for usage.\n")
    } else {
        format!("Error: {message}\nRun '{here} --help' for usage.\n")
    };
    Output {
        stdout: String::new(),
        stderr: text,
        code: 1,
        supported,
    }
}

/// A runtime error in the tool's words (`Error from server (NotFound): …` is kubectl's own).
pub fn error(voice: Voice, message: &str) -> Output {
    let text = if voice.lowercase {
        format!("error: {message}\n")
    } else {
        format!("Error: {message}\n")
    };
    Output {
        stdout: String::new(),
        stderr: text,
        code: 1,
        supported: Vec::new(),
    }
}
