//! `meshlab sim shell SCENARIO|MANIFESTS...`: the investigation console outside a drill. It
//! reads command lines from stdin and answers them like `meshlab exercise inspect` does, over a
//! scenario (its faults applied, its traffic already sent) or over the learner's own
//! manifests; `probe` sends a request, which the observability tools then show.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use super::sim::{read_sources, render_text};
use super::sim_run;
use crate::i18n::{Lang, Msg, console};
use crate::sim::eval::probe::Probe;
use crate::sim::load::{self, LoadOptions};
use crate::sim::model::mesh::Profile;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::probes::Report;
use crate::sim::tools::{self, Extras, Lab, Note, Reply};

#[derive(Debug, clap::Args)]
pub struct ShellArgs {
    /// One scenario, or manifest files and folders.
    #[arg(required = true)]
    pub sources: Vec<String>,
    /// Mesh profile for namespaces whose labels say nothing else (manifests only).
    #[arg(long, value_parser = parse_profile)]
    pub mesh: Option<Profile>,
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    Profile::parse(s).ok_or_else(|| {
        format!(
            "unknown mesh profile {s:?} (one of {})",
            Profile::ALL.join(", ")
        )
    })
}

/// `probe` inside the shell: `meshlab sim probe`'s request flags.
#[derive(Debug, Parser)]
#[command(
    name = "probe",
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct ShellProbe {
    #[arg(long)]
    from: String,
    #[arg(long)]
    to: String,
    #[arg(long)]
    port: Option<u16>,
    #[arg(long)]
    method: Option<String>,
    #[arg(long)]
    path: Option<String>,
    #[arg(long)]
    host: Option<String>,
    #[arg(short = 'H', long = "header")]
    headers: Vec<String>,
}

/// The cluster: a scenario when one source names one, else manifests.
fn lab(args: &ShellArgs) -> Result<(String, Lab), String> {
    if let [one] = args.sources.as_slice() {
        let looks_like_scenario = one.ends_with(".toml") || !Path::new(one).exists();
        if looks_like_scenario {
            match sim_run::load(Path::new(one)) {
                Ok((scenario, sim)) => return Ok((one.clone(), Lab::of_scenario(sim, &scenario))),
                Err(e) if one.ends_with(".toml") => return Err(e),
                Err(_) => {}
            }
        }
    }
    let sources = read_sources(&args.sources)?;
    let cluster =
        load::load(&sources, &LoadOptions { mesh: args.mesh }).map_err(|e| e.to_string())?;
    for w in &cluster.warnings {
        eprintln!("{w}");
    }
    for r in &cluster.rejected {
        eprintln!("{r}");
    }
    Ok((
        args.sources.join(" "),
        Lab::new(
            Faulty::new(cluster, Vec::new()),
            Vec::new(),
            Extras::default(),
        ),
    ))
}

pub fn run(args: ShellArgs, lang: Lang) -> ExitCode {
    let (name, mut lab) = match lab(&args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!(
                "{}",
                Msg::SimShellUnknownScenario.fill(lang, &[&args.sources.join(" "), &e])
            );
            return ExitCode::from(2);
        }
    };
    let interactive = std::io::stdin().is_terminal();
    eprintln!("{}", Msg::SimShellBanner.fill(lang, &[&name]));
    let mut transcript = String::new();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        if interactive {
            out!("$ ");
            let _ = std::io::stdout().flush();
        }
        let Some(Ok(line)) = lines.next() else {
            break;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if matches!(line, "exit" | "quit") {
            break;
        }
        transcript.push_str(&format!("$ {line}\n"));
        let words = match tools::words::split(line) {
            Ok(w) => w,
            Err(_) => {
                let msg = console::note(lang, &Note::Unclosed);
                eprintln!("{msg}");
                transcript.push_str(&msg);
                transcript.push('\n');
                continue;
            }
        };
        let out = match words.first().map(String::as_str) {
            Some("probe") => probe(&mut lab, &words, lang),
            Some("save") => match words.get(1) {
                Some(file) => match std::fs::write(file, &transcript) {
                    Ok(()) => (String::new(), Msg::ConsoleSaved.fill(lang, &[file]) + "\n"),
                    Err(e) => (
                        String::new(),
                        Msg::ConsoleSaveFailed.fill(lang, &[file, &e.to_string()]) + "\n",
                    ),
                },
                None => (String::new(), "save FILE\n".to_owned()),
            },
            _ => match tools::run_words(&lab, &words) {
                Reply::Ran(o) => {
                    let mut err = o.stderr;
                    if let Some(s) = console::supported(lang, &o.supported) {
                        err.push_str(&s);
                        err.push('\n');
                    }
                    (o.stdout, err)
                }
                Reply::Meshlab(Note::Help) => {
                    let mut h = console::help(lang);
                    h.push_str("\n  probe --from CLIENT --to TARGET [--port N] [--method M] [--path P]\n  save FILE\n  exit\n");
                    (h, String::new())
                }
                Reply::Meshlab(note) => (String::new(), console::note(lang, &note) + "\n"),
            },
        };
        eprint!("{}", out.1);
        out!("{}", out.0);
        let _ = std::io::stdout().flush();
        transcript.push_str(&out.1);
        transcript.push_str(&out.0);
    }
    ExitCode::SUCCESS
}

/// `probe …`: evaluates the request on the faulty cluster, prints the verdict and trace, and
/// adds it to the traffic the tools report on.
fn probe(lab: &mut Lab, words: &[String], lang: Lang) -> (String, String) {
    let args = match ShellProbe::try_parse_from(words) {
        Ok(a) => a,
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or_default().to_owned();
            return (
                String::new(),
                format!("{first}\n{}\n", Msg::SimShellProbeUsage.text(lang)),
            );
        }
    };
    let mut headers = Vec::new();
    for h in &args.headers {
        match h.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() => {
                headers.push((k.trim().to_owned(), v.trim().to_owned()))
            }
            _ => {
                return (
                    String::new(),
                    format!("header {h:?} is not `Name: value`\n"),
                );
            }
        }
    }
    let p = Probe {
        from: args.from,
        to: args.to,
        port: args.port,
        method: args.method,
        path: args.path,
        host: args.host,
        headers,
        count: 1,
        ..Probe::default()
    };
    match lab.sim.probe(&p) {
        Ok(result) => {
            let report = Report {
                results: vec![result],
                rejected: Vec::new(),
                warnings: Vec::new(),
            };
            lab.send(p);
            (render_text(&report, lang), String::new())
        }
        Err(e) => (String::new(), format!("{e}\n")),
    }
}
