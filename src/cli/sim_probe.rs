//! `meshlab sim probe`: load the manifests once, then evaluate probes one at a time and write
//! each result as soon as it is known. Probes come from the command line, a YAML list, or JSON
//! Lines (one probe per line, from a file or `-`) read as they arrive, so a million probes
//! take no more memory than one; a reader that goes away (`| head`) ends the run quietly.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use super::sim::{
    Format, ProbeArgs, ProbeSpec, parse_protocol, read_sources, rejected_line, render_result,
    warning_line, yaml_probes,
};
use crate::i18n::Lang;
use crate::sim::eval::probe::{self, Probe};
use crate::sim::load::{self, LoadOptions};
use crate::sim::model::Cluster;
use crate::sim::scenario::probes::{RejectedObject, WarningObject};

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
    let cluster = match read_sources(&args.paths).and_then(|sources| {
        load::load(&sources, &LoadOptions { mesh: args.mesh }).map_err(|e| e.to_string())
    }) {
        Ok(c) => c,
        Err(e) => return super::refuse(&e, lang),
    };
    let mut out = Writer::new(args.format, lang);
    out.start();
    let result = match input {
        Input::Listed(probes) => probes.iter().try_for_each(|p| out.probe(&cluster, p, "")),
        Input::Lines { name, reader } => lines(&mut out, &cluster, &name, reader),
    };
    if let Err(Stop::Bad(e)) = result {
        out.flush();
        return super::refuse(&e, lang);
    }
    out.finish(&cluster);
    ExitCode::SUCCESS
}

/// Why the run stopped early: bad input (exit 2), or nobody reads any more (a quiet end).
enum Stop {
    Bad(String),
    Closed,
}

fn lines(
    out: &mut Writer,
    cluster: &Cluster,
    name: &str,
    reader: Box<dyn BufRead>,
) -> Result<(), Stop> {
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
        out.probe(cluster, &probe, &at)?;
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

    fn start(&mut self) {
        if self.format == Format::Json {
            let _ = self.write("{\n  \"results\": [");
        }
    }

    /// Evaluate one probe and write its result.
    fn probe(&mut self, cluster: &Cluster, probe: &Probe, at: &str) -> Result<(), Stop> {
        let result = probe::run(cluster, probe).map_err(|e| {
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

    /// What the load said, after the results; then the end of the JSON object.
    fn finish(&mut self, cluster: &Cluster) {
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
                    "{}],\n  \"rejected\": {},\n  \"warnings\": {}\n}}\n",
                    if self.first { "" } else { "\n  " },
                    list(serde_json::to_value(&rejected).unwrap_or_default()),
                    list(serde_json::to_value(&warnings).unwrap_or_default()),
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
