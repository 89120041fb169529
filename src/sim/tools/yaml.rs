//! An object as `kubectl -o yaml` writes it: kubectl turns the object into JSON and that into
//! YAML with `sigs.k8s.io/yaml` (go-yaml v2), so keys come sorted, a list under a key is not
//! indented further, strings that would read as another type are double-quoted, strings a
//! plain scalar cannot hold are single-quoted, and JSON is printed with four-space indents
//! (cli-runtime `pkg/printers/json.go`: `json.MarshalIndent(obj, "", "    ")`).

use serde_json::Value;

/// The value as a YAML document (ends with a newline).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

/// The value as `kubectl -o json` prints it.
pub fn to_json(value: &Value) -> String {
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if serde::Serialize::serialize(value, &mut ser).is_err() {
        return String::new();
    }
    let mut s = String::from_utf8(buf).unwrap_or_default();
    s.push('\n');
    s
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        out.push_str(&string(k));
        out.push(':');
        write_child(out, v, indent, false);
    }
}

fn write_seq(out: &mut String, items: &[Value], indent: usize) {
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        out.push('-');
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push(' ');
                write_map(out, m, indent + 2);
            }
            Value::Array(a) if !a.is_empty() => {
                out.push(' ');
                write_seq(out, a, indent + 2);
            }
            other => {
                out.push(' ');
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

/// What follows `key:`: a scalar on the same line, or a nested block on the next ones.
fn write_child(out: &mut String, v: &Value, indent: usize, _in_seq: bool) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            pad(out, indent + 2);
            write_map(out, m, indent + 2);
        }
        // go-yaml v2 does not indent a list under its key.
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            pad(out, indent);
            write_seq(out, a, indent);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// A string would read back as something else (YAML 1.1 booleans, numbers, null).
fn ambiguous(s: &str) -> bool {
    const WORDS: [&str; 22] = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes",
        "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    ];
    WORDS.contains(&s)
        || s == "OFF"
        || s == "y"
        || s == "n"
        || s.parse::<f64>().is_ok()
        // A timestamp would read back as one (YAML 1.1 `!!timestamp`).
        || time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
        || (s.starts_with("0x") && i64::from_str_radix(&s[2..], 16).is_ok())
}

fn plain_allowed(s: &str) -> bool {
    let first = s.chars().next().unwrap_or(' ');
    !(s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains(['\n', '\t']))
}

fn string(s: &str) -> String {
    if ambiguous(s) {
        format!("\"{s}\"")
    } else if plain_allowed(s) {
        s.to_owned()
    } else if !s.contains(['\n', '\t']) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kubectl_layout() {
        let v = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "payment-0", "labels": {"app": "payment", "version": "1"}},
            "spec": {"containers": [{"name": "payment", "ports": [{"containerPort": 8080}]}]},
        });
        assert_eq!(
            to_yaml(&v),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: payment\n    version: \"1\"\n  name: payment-0\nspec:\n  containers:\n  - name: payment\n    ports:\n    - containerPort: 8080\n"
        );
    }

    #[test]
    fn strings_are_quoted_when_they_must_be() {
        assert_eq!(string("true"), "\"true\"");
        assert_eq!(string(""), "\"\"");
        assert_eq!(string("*"), "'*'");
        assert_eq!(string("{\"a\":1}"), "'{\"a\":1}'");
        assert_eq!(string("a: b"), "'a: b'");
        assert_eq!(string("plain/text-1"), "plain/text-1");
    }

    #[test]
    fn json_uses_four_spaces() {
        assert_eq!(
            to_json(&json!({"a": [1]})),
            "{\n    \"a\": [\n        1\n    ]\n}\n"
        );
    }
}
