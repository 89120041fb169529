//! `meshlab sim probe`: load the manifests (or one scenario, with its faults and timeline)
//! once, then evaluate probes one at a time and write each result as soon as it is known.
//! Probes come from the command line, a YAML list, or JSON Lines (one probe per line, from a
//! file or `-`) read as they arrive, so a million probes take no more memory than one; a
//! reader that goes away (`| head`) ends the run quietly. `--at` probes the cluster at a
//! moment: of a scenario's timeline, or of bare manifests, on which only the clocks move.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::sim::{
    Format, ProbeArgs, ProbeSpec, parse_protocol, read_sources, rejected_line, render_result,
    warning_line, yaml_probes,
};
use crate::i18n::{Lang, Msg, trace};
use crate::sim::eval::probe::Probe;
use crate::sim::load::{self, LoadOptions};
use crate::sim::scenario::faulty::Faulty;
use crate::sim::scenario::probes::{RejectedObject, WarningObject};
use crate::sim::scenario::time::Time;
use crate::sim::scenario::timeline::Timeline;

/// Where probes come from.
enum Input {
    /// `--from`/`--to`, or a YAML list (parsed whole: its node limit bounds it).
    Listed(Vec<Probe>),
    /// JSON Lines, read line by line.
    Lines {
        name: String,
        reader: Box<dyn BufRead>,
    },
}

pub(super) fn run(args: &ProbeArgs, lang: Lang) -> ExitCode {
    let input = match input(args) {
        Ok(i) => i,
        Err(e) => return super::refuse(&e, lang),
    };
    let (sim, still) = match target(args, lang) {
        Ok(x) => x,
        Err(e) => return super::refuse(&e, lang),
    };
    let mut out = Writer::new(args.format, lang);
    out.start(&notes(&sim, still, lang));
    let result = match input {
        Input::Listed(probes) => probes.iter().try_for_each(|p| out.probe(&sim, p, "")),
        Input::Lines { name, reader } => lines(&mut out, &sim, &name, reader),
    };
    if let Err(Stop::Bad(e)) = result {
        out.flush();
        return super::refuse(&e, lang);
    }
    out.finish(&sim, &notes(&sim, still, Lang::En));
    ExitCode::SUCCESS
}

/// What the probes are sent to: the manifests as loaded, or one scenario's cluster with its
/// faults, at `--at` on its timeline. With `--at` and no events, a timeline on which only the
/// clocks move, and the moment (`Some`) to say so.
fn target(args: &ProbeArgs, lang: Lang) -> Result<(Faulty, Option<Time>), String> {
    let scenarios: Vec<&String> = args.paths.iter().filter(|p| is_scenario(p)).collect();
    match (scenarios.as_slice(), args.paths.len()) {
        ([], _) => {
            let cluster = read_sources(&args.paths).and_then(|sources| {
                load::load(&sources, &LoadOptions { mesh: args.mesh }).map_err(|e| e.to_string())
            })?;
            Ok(match args.at {
                None => (Faulty::new(cluster, Vec::new()), None),
                Some(at) => (
                    Timeline::still(cluster, Vec::new(), args.mesh).at(at),
                    Some(at),
                ),
            })
        }
        ([one], 1) => {
            if args.mesh.is_some() {
                return Err(Msg::SimProbeScenarioMesh.fill(lang, &[one.as_str()]));
            }
            let (scenario, timeline) = super::sim_run::load_timeline(&PathBuf::from(one))?;
            Ok(match (args.at, scenario.events.is_empty()) {
                // The steady state `sim run` and `sim trace` see.
                (None, true) => (Faulty::new(timeline.into_base(), scenario.faults), None),
                (Some(at), true) => (timeline.at(at), Some(at)),
                (at, false) => (timeline.at(at.unwrap_or_default()), None),
            })
        }
        (many, _) => {
            let names: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
            Err(Msg::SimProbeScenarioAlone.fill(lang, &[&names.join(", ")]))
        }
    }
}

/// What the faults or the moment changed before any request (`still`: the moment of a
/// cluster without events, which changes nothing).
fn notes(sim: &Faulty, still: Option<Time>, lang: Lang) -> Vec<String> {
    sim.notes
        .iter()
        .map(|n| trace::localize(n, lang).into_owned())
        .chain(still.map(|at| Msg::SimProbeStill.fill(lang, &[&at.to_string()])))
        .collect()
}

/// A scenario file (`.toml`), or the name of a built-in scenario that is no file here and no
/// built-in manifest.
fn is_scenario(path: &str) -> bool {
    let p = Path::new(path);
    if p.extension().is_some_and(|e| e == "toml") {
        return true;
    }
    path != "-"
        && !p.exists()
        && super::sim::builtin_manifest(path).is_none()
        && crate::drill::pack::Pack::builtin()
            .is_ok_and(|pack| pack.file(&format!("scenarios/{path}.toml")).is_some())
}

/// Why the run stopped early: bad input (exit 2), or nobody reads any more (a quiet end).
enum Stop {
    Bad(String),
    Closed,
}

fn lines(out: &mut Writer, sim: &Faulty, name: &str, reader: Box<dyn BufRead>) -> Result<(), Stop> {
    for (i, line) in reader.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let line = line.map_err(|e| Stop::Bad(format!("{at}: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let spec: ProbeSpec = serde_json::from_str(&line)
            .map_err(|e| Stop::Bad(format!("{at}:{}: {e}", e.column())))?;
        let probe = spec
            .into_probe()
            .map_err(|e| Stop::Bad(format!("{at}: {e}")))?;
        out.probe(sim, &probe, &at)?;
    }
    Ok(())
}

fn input(args: &ProbeArgs) -> Result<Input, String> {
    match (&args.probes, &args.from, &args.to) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            Err("error: give either --probes FILE or --from/--to, not both".to_owned())
        }
        (Some(file), None, None) => probes_file(file),
        (None, Some(from), Some(to)) => Ok(Input::Listed(vec![Probe {
            from: from.clone(),
            to: to.clone(),
            port: args.port,
            protocol: args.protocol,
            method: args.method.clone(),
            path: args.path.clone(),
            host: args.host.clone(),
            headers: args.headers.clone(),
            query: args.query.clone(),
            delay_ms: args.delay_ms,
            count: args.count.max(1),
        }])),
        (None, _, _) => Err("error: --from and --to are required (or --probes FILE)".to_owned()),
    }
}

/// A probes file: JSON Lines when it is `-`, ends in `.jsonl`/`.ndjson`, or opens with `{`;
/// else a YAML list.
fn probes_file(file: &Path) -> Result<Input, String> {
    let name = file.display().to_string();
    let mut reader: Box<dyn BufRead> = if name == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(file).map_err(|e| format!("{name}: {e}"))?;
        Box::new(BufReader::new(f))
    };
    let jsonl_name = name == "-"
        || file
            .extension()
            .is_some_and(|e| e == "jsonl" || e == "ndjson");
    let opens_with_brace = reader
        .fill_buf()
        .map_err(|e| format!("{name}: {e}"))?
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'{');
    if jsonl_name || opens_with_brace {
        return Ok(Input::Lines { name, reader });
    }
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    yaml_probes(&name, &bytes).map(Input::Listed)
}

/// Writes results as they come, in the chosen format; remembers whether the reader is gone.
struct Writer {
    format: Format,
    lang: Lang,
    first: bool,
    out: std::io::BufWriter<std::io::Stdout>,
}

impl Writer {
    fn new(format: Format, lang: Lang) -> Self {
        Writer {
            format,
            lang,
            first: true,
            out: std::io::BufWriter::new(std::io::stdout()),
        }
    }

    fn write(&mut self, text: &str) -> Result<(), Stop> {
        self.out.write_all(text.as_bytes()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Stop::Closed
            } else {
                Stop::Bad(format!("stdout: {e}"))
            }
        })
    }

    /// The notes first in text (they hold for every result), the JSON object's opening.
    fn start(&mut self, notes: &[String]) {
        let text = match self.format {
            Format::Json => "{\n  \"results\": [".to_owned(),
            Format::Text => notes.iter().map(|n| format!("! {n}\n")).collect(),
        };
        let _ = self.write(&text);
    }

    /// Evaluate one probe and write its result.
    fn probe(&mut self, sim: &Faulty, probe: &Probe, at: &str) -> Result<(), Stop> {
        let result = sim.probe(probe).map_err(|e| {
            Stop::Bad(if at.is_empty() {
                e.to_string()
            } else {
                format!("{at}: {e}")
            })
        })?;
        let text = match self.format {
            Format::Text => render_result(&result, self.lang),
            Format::Json => {
                let json =
                    serde_json::to_string_pretty(&result).map_err(|e| Stop::Bad(e.to_string()))?;
                let sep = if self.first { "\n" } else { ",\n" };
                format!("{sep}    {}", json.replace('\n', "\n    "))
            }
        };
        self.first = false;
        self.write(&text)
    }

    /// What the load said after the results; then the end of the JSON object, with the notes
    /// (in English, as all JSON).
    fn finish(&mut self, sim: &Faulty, notes: &[String]) {
        let cluster = &sim.cluster;
        let rejected: Vec<RejectedObject> = cluster.rejected.iter().map(Into::into).collect();
        let warnings: Vec<WarningObject> = cluster.warnings.iter().map(Into::into).collect();
        let text = match self.format {
            Format::Text => rejected
                .iter()
                .map(|r| rejected_line(r, self.lang))
                .chain(warnings.iter().map(|w| warning_line(w, self.lang)))
                .collect::<String>(),
            Format::Json => {
                let list = |v: serde_json::Value| {
                    serde_json::to_string_pretty(&v)
                        .unwrap_or_default()
                        .replace('\n', "\n  ")
                };
                format!(
                    "{}],\n  \"rejected\": {},\n  \"warnings\": {},\n  \"notes\": {}\n}}\n",
                    if self.first { "" } else { "\n  " },
                    list(serde_json::to_value(&rejected).unwrap_or_default()),
                    list(serde_json::to_value(&warnings).unwrap_or_default()),
                    list(serde_json::to_value(notes).unwrap_or_default()),
                )
            }
        };
        let _ = self.write(&text);
        self.flush();
    }

    fn flush(&mut self) {
        let _ = self.out.flush();
    }
}

impl ProbeSpec {
    pub(super) fn into_probe(self) -> Result<Probe, String> {
        let protocol = self.protocol.as_deref().map(parse_protocol).transpose()?;
        Ok(Probe {
            from: self.from,
            to: self.to,
            port: self.port,
            protocol,
            method: self.method,
            path: self.path,
            host: self.host,
            headers: self.headers.into_iter().collect(),
            query: self.query.into_iter().collect(),
            delay_ms: self.delay_ms,
            count: self.count.unwrap_or(1).max(1),
        })
    }
}
