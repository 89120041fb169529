//! The loader's contract (`docs/simulator.md`), enforced over every field of every kind:
//! - the field table in `docs/simulator-fields.md` is what the serde types say;
//! - no object silently accepts keys it does not list (a typo is rejected, as the API server
//!   rejects it), except catch-alls that are inert by declaration (a status);
//! - a field the code does not read is declared inert or unmodeled (never dropped);
//! - setting any unmodeled field of any kind raises a warning that names it, and setting any
//!   inert field raises nothing (checked on `tests/fixtures/contract/samples.yaml`, one rich
//!   object per kind).

use std::path::Path;

use meshlab::sim::load::fields::{self, FieldClass};
use meshlab::sim::load::yaml::{self, Node, Value as Y};
use meshlab::sim::load::{self as sim_load, LoadOptions, Source};
use meshlab::sim::model::Warn;
use serde_json::{Map, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_field_table_in_the_docs_is_what_the_code_reads() {
    let path = root().join("docs/simulator-fields.md");
    let want = fields::markdown();
    if std::env::var_os("MESHLAB_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/simulator-fields.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/simulator-fields.md is out of date: run `MESHLAB_UPDATE_DOCS=1 cargo test --test loader_contract` and review the diff"
    );
}

#[test]
fn every_object_refuses_keys_it_does_not_list() {
    let (_, open) = fields::fields();
    assert!(
        open.is_empty(),
        "these objects accept unknown keys (add `deny_unknown_fields`, or a catch-all typed `Inert`): {open:?}"
    );
}

/// Serde fields named `_x` are the ones the converter does not read (rustc's dead-code lint
/// catches every other unread field): each must be declared `Inert` or `Unmodeled`, or be a
/// header the dispatcher reads (`apiVersion`, `kind`), or an object made only of such fields.
#[test]
fn fields_the_converter_does_not_read_are_declared() {
    let dir = root().join("src/sim/load");
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/sim/load") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        for (n, line) in text.lines().enumerate() {
            let Some(decl) = line.trim().strip_prefix("pub _") else {
                continue;
            };
            let Some((name, ty)) = decl.split_once(':') else {
                continue;
            };
            let ty = ty.trim().trim_end_matches(',');
            let declared = ty.contains("Inert") || ty.contains("Unmodeled");
            let header = (name == "api_version" || name == "kind") && ty == "String";
            let container = name == "spec" && ty == "NodeSpec";
            if !(declared || header || container) {
                bad.push(format!("{}:{}: _{name}: {ty}", path.display(), n + 1));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "unread fields that are neither inert nor unmodeled:\n{}",
        bad.join("\n")
    );
    // The one container above holds nothing but declared fields.
    let (all, _) = fields::fields();
    let node_spec: Vec<_> = all
        .iter()
        .filter(|f| f.kind == "core/Node" && f.path.starts_with("spec."))
        .collect();
    assert!(!node_spec.is_empty());
    assert!(
        node_spec.iter().all(|f| f.class != FieldClass::Modeled),
        "{node_spec:?}"
    );
}

fn to_json(node: &Node) -> Value {
    match &node.value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Int(i) => Value::from(*i),
        Y::Float(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        Y::Str(s) => Value::String(s.clone()),
        Y::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Y::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), to_json(v)))
                .collect(),
        ),
    }
}

/// The samples, keyed `group/Kind` as the field table names kinds.
fn samples() -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/contract/samples.yaml"))
        .expect("samples");
    yaml::parse_documents(&text)
        .expect("samples parse")
        .iter()
        .map(|doc| {
            let v = to_json(doc);
            let api = v["apiVersion"].as_str().unwrap_or_default();
            let group = api.rsplit_once('/').map_or("core", |(g, _)| g);
            (
                format!("{group}/{}", v["kind"].as_str().unwrap_or_default()),
                v,
            )
        })
        .collect()
}

/// Set `path` (`spec.ports[].x`, `data.*`) to `value`, making intermediate objects and using
/// (or making) the first element of each list.
fn set(doc: &mut Value, path: &str, value: Value) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut at = doc;
    for (i, part) in parts.iter().enumerate() {
        let (key, list) = match part.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (*part, false),
        };
        let key = if key == "*" { "meshlab-any-key" } else { key };
        let last = i + 1 == parts.len();
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        let obj = at.as_object_mut().expect("object");
        if last && !list {
            obj.insert(key.to_owned(), value);
            return;
        }
        let next = obj.entry(key.to_owned()).or_insert_with(|| {
            if list {
                Value::Array(vec![Value::Object(Map::new())])
            } else {
                Value::Object(Map::new())
            }
        });
        at = if list {
            if !next.is_array() || next.as_array().is_some_and(Vec::is_empty) {
                *next = Value::Array(vec![Value::Object(Map::new())]);
            }
            let first = next
                .as_array_mut()
                .and_then(|a| a.first_mut())
                .expect("element");
            if last {
                *first = value;
                return;
            }
            first
        } else {
            next
        };
    }
}

fn load(doc: &Value) -> meshlab::sim::model::Cluster {
    let text = serde_json::to_string(doc).expect("json");
    sim_load::load(
        &[Source {
            name: "sample.json".to_owned(),
            bytes: text.into_bytes(),
        }],
        &LoadOptions::default(),
    )
    .expect("a sample with one field set still parses")
}

/// What loading a sample says, less the namespace the samples never declare.
fn said(c: &meshlab::sim::model::Cluster) -> Vec<String> {
    c.warnings
        .iter()
        .filter(|w| !w.to_string().contains("is not declared"))
        .map(ToString::to_string)
        .chain(c.rejected.iter().map(ToString::to_string))
        .collect()
}

/// Kinds whose serde types do not yet follow their CRD's shape closely enough for this test
/// to place every field; each entry says why, and goes with the fix.
const PENDING: &[(&str, &str)] = &[];

#[test]
fn every_unmodeled_field_warns_and_every_inert_field_is_silent() {
    let samples = samples();
    let (all, _) = fields::fields();
    let mut problems = Vec::new();
    let mut kinds: Vec<&str> = all.iter().map(|f| f.kind.as_str()).collect();
    kinds.dedup();
    for kind in kinds {
        if PENDING.iter().any(|(k, _)| *k == kind) {
            continue;
        }
        let of_kind: Vec<&Value> = samples
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, v)| v)
            .collect();
        if of_kind.is_empty() {
            problems.push(format!(
                "{kind}: no sample in tests/fixtures/contract/samples.yaml"
            ));
            continue;
        }
        for f in all
            .iter()
            .filter(|f| f.kind == kind && f.class != FieldClass::Modeled)
        {
            // The field must behave as declared on at least one sample of its kind (a field
            // may need a sibling that another sample of the kind leaves out).
            let mut seen = Vec::new();
            let ok = of_kind
                .iter()
                .any(|sample| match check(sample, &f.path, f.class) {
                    Ok(()) => true,
                    Err(e) => {
                        seen.push(e);
                        false
                    }
                });
            if !ok {
                problems.push(format!(
                    "{kind} `{}` ({}): {}",
                    f.path,
                    f.class.as_str(),
                    seen.join(" | ")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Set `path` on `sample` and check that the loader adds exactly what `class` promises.
fn check(sample: &Value, path: &str, class: FieldClass) -> Result<(), String> {
    let loaded = load(sample);
    if !loaded.rejected.is_empty() {
        return Err(format!(
            "the sample itself is rejected: {:?}",
            loaded.rejected
        ));
    }
    let base = said(&loaded);
    let mut doc = sample.clone();
    set(&mut doc, path, Value::Bool(true));
    let c = load(&doc);
    // What setting the field added to what the sample already says.
    let mut out = said(&c);
    for line in &base {
        if let Some(i) = out.iter().position(|o| o == line) {
            out.remove(i);
        }
    }
    let field = path.replace("[]", "[0]").replace('*', "meshlab-any-key");
    match class {
        FieldClass::Unmodeled => {
            let named = c
                .warnings
                .iter()
                .any(|w| matches!(&w.warn, Warn::Unmodeled { field: got } if *got == field));
            if named && out.len() == 1 {
                Ok(())
            } else {
                Err(format!("want one warning naming `{field}`, got {out:?}"))
            }
        }
        FieldClass::Inert if out.is_empty() => Ok(()),
        FieldClass::Inert => Err(format!("inert, yet {out:?}")),
        FieldClass::Modeled => Ok(()),
    }
}

#[test]
fn a_misspelt_field_rejects_its_object_and_names_where() {
    for (kind, sample) in samples() {
        let mut doc = sample.clone();
        set(&mut doc, "meshlabNoSuchField", Value::Bool(true));
        let c = load(&doc);
        assert!(
            c.rejected
                .iter()
                .any(|r| r.reason.contains("unknown field `meshlabNoSuchField`")),
            "{kind}: {:?}",
            c.rejected
        );
    }
}
