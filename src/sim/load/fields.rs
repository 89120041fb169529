//! The loader's contract as a table: for every kind meshlab reads, every field of its schema
//! and what the loader does with it — `modeled` (it changes the answer as in a real
//! cluster), `inert` (it cannot change a request's outcome: accepted silently), `unmodeled`
//! (accepted with a warning naming its position). Built from the serde types themselves, so
//! the table cannot drift from the code; `docs/simulator-fields.md` is this table, and a test
//! keeps them equal.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use super::registry::{self, Read};

/// What the loader does with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldClass {
    Modeled,
    Inert,
    Unmodeled,
}

impl FieldClass {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldClass::Modeled => "modeled",
            FieldClass::Inert => "inert",
            FieldClass::Unmodeled => "unmodeled",
        }
    }
}

/// One field of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// `group/Kind` (`core/Service` for the core group).
    pub kind: String,
    /// `spec.ports[].targetPort`; `*` stands for any key of a map.
    pub path: String,
    pub class: FieldClass,
}

/// A schema object that accepts keys it does not list: only a status-like catch-all typed
/// [`super::yaml::Inert`] may, every other object refuses unknown fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenObject {
    pub kind: String,
    pub path: String,
}

/// Every field of every modeled kind, and the objects that would accept unknown keys.
pub fn fields() -> (Vec<Field>, Vec<OpenObject>) {
    let mut out = Vec::new();
    let mut open = Vec::new();
    for kind in registry::all() {
        let Read::Modeled { schema, .. } = kind.read else {
            continue;
        };
        let mut generator = SchemaSettings::draft2020_12().into_generator();
        let root = schema(&mut generator).to_value();
        let defs = generator
            .definitions()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<serde_json::Map<_, _>>();
        let name = format!(
            "{}/{}",
            if kind.group.is_empty() {
                "core"
            } else {
                kind.group
            },
            kind.kind
        );
        let mut walk = Walk {
            kind: &name,
            defs: &defs,
            fields: &mut out,
            open: &mut open,
            depth: 0,
            within: Vec::new(),
        };
        walk.value(&root, "");
    }
    (out, open)
}

struct Walk<'a> {
    kind: &'a str,
    defs: &'a serde_json::Map<String, Value>,
    fields: &'a mut Vec<Field>,
    open: &'a mut Vec<OpenObject>,
    depth: usize,
    /// The definitions being walked: a recursive type (a ServiceProfile's `all`/`any`/`not`
    /// conditions) is listed once, not again inside itself.
    within: Vec<String>,
}

impl Walk<'_> {
    /// The class a schema stands for, when it is one of the two markers.
    fn marker(&self, v: &Value) -> Option<FieldClass> {
        let target = v.get("$ref")?.as_str()?.rsplit('/').next()?;
        match target {
            "Inert" => Some(FieldClass::Inert),
            "Unmodeled" => Some(FieldClass::Unmodeled),
            _ => None,
        }
    }

    /// Record the field at `path` and walk into it.
    fn field(&mut self, v: &Value, path: &str) {
        let class = self.marker(v).or_else(|| {
            // `Option<Marker>` is `anyOf: [marker, null]`.
            v.get("anyOf")?
                .as_array()?
                .iter()
                .find_map(|alt| self.marker(alt))
        });
        self.fields.push(Field {
            kind: self.kind.to_owned(),
            path: path.to_owned(),
            class: class.unwrap_or(FieldClass::Modeled),
        });
        if class.is_none() {
            self.value(v, path);
        }
    }

    fn value(&mut self, v: &Value, path: &str) {
        if self.depth > 32 {
            return;
        }
        self.depth += 1;
        if let Some(target) = v.get("$ref").and_then(Value::as_str) {
            let name = target.rsplit('/').next().unwrap_or_default();
            if let Some(def) = self.defs.get(name)
                && !self.within.iter().any(|w| w == name)
            {
                self.within.push(name.to_owned());
                self.value(def, path);
                self.within.pop();
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for alt in v.get(key).and_then(Value::as_array).into_iter().flatten() {
                self.value(alt, path);
            }
        }
        if let Some(items) = v.get("items") {
            self.value(items, &format!("{path}[]"));
        }
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (key, prop) in props {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                self.field(prop, &child);
            }
            match v.get("additionalProperties") {
                Some(Value::Bool(false)) => {}
                Some(extra) if self.marker(extra) == Some(FieldClass::Inert) => {
                    self.fields.push(Field {
                        kind: self.kind.to_owned(),
                        path: format!("{path}.*"),
                        class: FieldClass::Inert,
                    });
                }
                _ => self.open.push(OpenObject {
                    kind: self.kind.to_owned(),
                    path: path.to_owned(),
                }),
            }
        } else if let Some(extra) = v.get("additionalProperties").filter(|e| e.is_object()) {
            // A map (labels, data): its values under `*`.
            self.value(extra, &format!("{path}.*"));
        }
        self.depth -= 1;
    }
}

/// The name of the definition a schema stands for (through `Option`'s `anyOf` and a list's
/// `items`), if it is one.
fn type_name(v: &Value) -> Option<String> {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().map(str::to_owned);
    }
    if let Some(items) = v.get("items") {
        return type_name(items).map(|t| format!("{t}[]"));
    }
    v.get("anyOf")?.as_array()?.iter().find_map(type_name)
}

/// The table as Markdown: which serde type each kind reads as, then every type's fields with
/// what the loader does with each (a modeled field of a named type points at its section).
pub fn markdown() -> String {
    let mut kinds = Vec::new();
    // One generator for every kind: two types of the same name get distinct definitions.
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    for kind in registry::all() {
        let Read::Modeled { schema, .. } = kind.read else {
            continue;
        };
        let root = schema(&mut generator).to_value();
        let group = if kind.group.is_empty() {
            "core"
        } else {
            kind.group
        };
        kinds.push((
            format!("{group}/{}", kind.kind),
            type_name(&root).unwrap_or_default(),
        ));
    }
    let types: std::collections::BTreeMap<String, Value> = generator
        .definitions()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut out = String::from(
        "# What meshlab reads, field by field\n\n\
         Generated from the loader's serde types by `meshlab sim fields`; `cargo test` fails \
         when this file and the code disagree. The contract is in `docs/simulator.md`:\n\n\
         - `modeled`: it changes the answer as it does in a real cluster;\n\
         - `inert`: it cannot change a request's outcome, and is accepted silently;\n\
         - `unmodeled`: it could change an answer and meshlab does not model it: it is \
         accepted with a warning naming its file, line and column;\n\
         - a field not listed is unknown to the API: the object is rejected, as the API \
         server's strict field validation rejects it.\n\n\
         ## Kinds\n\n| kind | read as |\n|---|---|\n",
    );
    for (kind, ty) in &kinds {
        out.push_str(&format!("| {kind} | [{ty}](#{}) |\n", ty.to_lowercase()));
    }
    for (name, def) in &types {
        let Some(props) = def.get("properties").and_then(Value::as_object) else {
            continue;
        };
        out.push_str(&format!("\n## {name}\n\n| field | meshlab |\n|---|---|\n"));
        for (key, prop) in props {
            let class = match type_name(prop).as_deref() {
                Some("Inert") => "inert".to_owned(),
                Some("Unmodeled") => "unmodeled".to_owned(),
                Some(t) if types.contains_key(t.trim_end_matches("[]")) => {
                    format!(
                        "modeled → [{t}](#{})",
                        t.trim_end_matches("[]").to_lowercase()
                    )
                }
                _ => "modeled".to_owned(),
            };
            out.push_str(&format!("| `{key}` | {class} |\n"));
        }
        if let Some(extra) = def.get("additionalProperties").filter(|e| e.is_object()) {
            let class = if type_name(extra).as_deref() == Some("Inert") {
                "inert"
            } else {
                "modeled"
            };
            out.push_str(&format!("| any other key | {class} |\n"));
        }
    }
    out
}
