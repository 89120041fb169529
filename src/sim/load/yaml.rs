//! A YAML tree where every node keeps its line and column, and a serde `Deserializer` over it.
//!
//! serde-saphyr's YAML event parser (granit) reads the text; the tree is built from its events
//! (alias budget, depth limit, duplicate keys are errors); the typed per-kind structs then
//! deserialize from this tree, so every error names the field path (`spec.ingress[0].from[0]`)
//! and the position of the node that caused it.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// One YAML node with its 1-based position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: u64,
    pub column: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The value under `key` when this node is a mapping with a string key `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A syntax error from the YAML parser, or a typed-deserialization error from the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub message: String,
    /// Field path such as `spec.ingress[0].from`; empty for the document root.
    pub path: String,
    pub line: u64,
    pub column: u64,
    /// The field is not part of the kind's schema.
    pub unknown_field: bool,
    located: bool,
}

impl DeError {
    fn at(mut self, node: &Node, path: &Path<'_>) -> Self {
        if !self.located {
            self.located = true;
            self.line = node.line;
            self.column = node.column;
            self.path = path.to_string();
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            path: String::new(),
            line: 0,
            column: 0,
            unknown_field: false,
            located: false,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        // The API server refuses unknown fields (strict field validation, kubectl's default).
        let mut e = Self::custom(if expected.is_empty() {
            format!("unknown field `{field}`")
        } else {
            format!(
                "unknown field `{field}`, expected one of: {}",
                expected.join(", ")
            )
        });
        e.unknown_field = true;
        e
    }
}

/// Most YAML nodes one input may produce once aliases are expanded (refuses alias bombs).
pub const MAX_YAML_NODES: usize = 1_000_000;
/// Deepest YAML nesting accepted.
pub const MAX_YAML_DEPTH: usize = 256;

enum Frame {
    Seq(Vec<Node>, u64, u64, usize),
    /// Entries, a key waiting for its value, position, anchor id.
    Map(Vec<(Node, Node)>, Option<Node>, u64, u64, usize),
}

/// meshlab's sentence around the YAML parser's (or the deserializer's) own words, which stay as
/// they were written; `i18n::messages` shows the sentence in Indonesian.
pub fn yaml_problem(parser: &str) -> String {
    format!("cannot read the YAML (YAML parser: {})", parser.trim())
}

fn syntax_error(message: String, line: u64, column: u64) -> DeError {
    let mut e = <DeError as de::Error>::custom(message);
    e.line = line;
    e.column = column;
    e.located = true;
    e
}

fn count_nodes(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

/// YAML 1.2 core schema for plain scalars: null, booleans, integers, floats, else a string.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(i) = text.parse::<i64>()
    {
        return Value::Int(i);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if float_like && let Ok(x) = text.parse::<f64>() {
        return Value::Float(x);
    }
    Value::Str(text.to_owned())
}

/// Parse a multi-document YAML text into spanned trees. Empty documents are skipped. Plain
/// scalars resolve by the YAML 1.2 core schema (`y`, `on`, `yes` stay strings); duplicate
/// keys, alias bombs (over a million nodes) and nesting deeper than 256 are errors.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, DeError> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: Vec<Option<(Node, usize)>> = Vec::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            syntax_error(yaml_problem(&e.info()), m.line() as u64, m.col() as u64 + 1)
        })?;
        let (line, column) = (span.start.line() as u64, span.start.col() as u64 + 1);
        let finished: Option<(Node, usize)> = match event {
            Event::DocumentStart(..) => {
                anchors.clear();
                root = None;
                None
            }
            Event::DocumentEnd => {
                if let Some(doc) = root.take()
                    && doc.value != Value::Null
                {
                    docs.push(doc);
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                let is_str_tag = tag.as_ref().is_some_and(|t| t.core_suffix() == Some("str"));
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    resolve_plain(&value)
                } else {
                    Value::Str(value.into_owned())
                };
                Some((
                    Node {
                        value,
                        line,
                        column,
                    },
                    anchor,
                ))
            }
            Event::Alias(id) => {
                let Some(Some((node, size))) = anchors.get(id) else {
                    return Err(syntax_error(
                        "alias to an unknown anchor".to_owned(),
                        line,
                        column,
                    ));
                };
                // Count the expansion before copying it (alias bombs stop here).
                nodes += size;
                if nodes > MAX_YAML_NODES {
                    return Err(syntax_error(
                        format!(
                            "more than {MAX_YAML_NODES} YAML nodes (the limit MAX_YAML_NODES): the input is too large, or its aliases expand too far"
                        ),
                        line,
                        column,
                    ));
                }
                Some((
                    Node {
                        line,
                        column,
                        ..node.clone()
                    },
                    0,
                ))
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), line, column, anchor));
                None
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Frame::Map(Vec::new(), None, line, column, anchor));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(items, l, c, anchor)) => Some((
                    Node {
                        value: Value::Seq(items),
                        line: l,
                        column: c,
                    },
                    anchor,
                )),
                Some(Frame::Map(entries, _, l, c, anchor)) => Some((
                    Node {
                        value: Value::Map(entries),
                        line: l,
                        column: c,
                    },
                    anchor,
                )),
                None => None,
            },
            _ => None,
        };
        if stack.len() > MAX_YAML_DEPTH {
            return Err(syntax_error(
                format!("nesting deeper than {MAX_YAML_DEPTH} levels"),
                line,
                column,
            ));
        }
        let Some((node, anchor)) = finished else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_YAML_NODES {
            return Err(syntax_error(
                format!(
                    "more than {MAX_YAML_NODES} YAML nodes (the limit MAX_YAML_NODES): the input is too large, or its aliases expand too far"
                ),
                line,
                column,
            ));
        }
        if anchor > 0 {
            if anchors.len() <= anchor {
                anchors.resize(anchor + 1, None);
            }
            if let Some(slot) = anchors.get_mut(anchor) {
                *slot = Some((node.clone(), count_nodes(&node)));
            }
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, pending, ..)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    if entries.iter().any(|(k, _)| k.value == node.value) {
                        return Err(syntax_error(
                            format!("duplicate mapping key: {}", key_text(&node)),
                            node.line,
                            node.column,
                        ));
                    }
                    *pending = Some(node);
                }
            },
        }
    }
    Ok(docs)
}

/// Deserialize a typed value from a node; errors carry the path below `root`. Every
/// [`Unmodeled`] field present in the input is listed with its path and position, so the
/// loader can warn about each one (the loader's contract, `docs/simulator.md`).
pub fn from_node<T: de::DeserializeOwned>(node: &Node) -> Result<Typed<T>, DeError> {
    let found = Found::default();
    let value = T::deserialize(NodeDe {
        node,
        path: &Path::Root,
        found: &found,
    })?;
    Ok(Typed {
        value,
        unmodeled: found.0.into_inner(),
    })
}

/// A typed value and the unmodeled fields the input set.
#[derive(Debug)]
pub struct Typed<T> {
    pub value: T,
    pub unmodeled: Vec<FieldAt>,
}

/// A field of the input: its path (`spec.http[0].mirror`) and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAt {
    pub path: String,
    pub line: u64,
    pub column: u64,
}

/// The unmodeled fields met while deserializing one document.
#[derive(Default)]
struct Found(std::cell::RefCell<Vec<FieldAt>>);

/// The name the [`Unmodeled`] type asks this deserializer for, so it can record the field.
const UNMODELED: &str = "$meshlab::Unmodeled";

/// A field of the real API that could change a request's outcome and that meshlab does not
/// model: accepted, and reported by the loader with its position (contract (e)). Never used
/// for a field that cannot change an outcome: that is [`Inert`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unmodeled;

impl<'de> de::Deserialize<'de> for Unmodeled {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Unmodeled;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            // This loader's deserializer records the field and answers with a unit.
            fn visit_unit<E: de::Error>(self) -> Result<Unmodeled, E> {
                Ok(Unmodeled)
            }
            // Any other deserializer: accept whatever is there.
            fn visit_newtype_struct<D: de::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Unmodeled, D::Error> {
                <de::IgnoredAny as de::Deserialize>::deserialize(d).map(|_| Unmodeled)
            }
        }
        d.deserialize_newtype_struct(UNMODELED, V)
    }
}

impl schemars::JsonSchema for Unmodeled {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Unmodeled".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Accepted, not modeled: the loader warns when it is set."
        })
    }
}

/// A field that cannot change a request's outcome (a description, a certificate reference, a
/// status, scheduling hints meshlab has no use for): accepted and ignored (contract (d)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inert;

impl<'de> de::Deserialize<'de> for Inert {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <de::IgnoredAny as de::Deserialize>::deserialize(d).map(|_| Inert)
    }
}

impl schemars::JsonSchema for Inert {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Inert".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Accepted and ignored: it cannot change a request's outcome."
        })
    }
}

/// Field path, built on the stack while descending.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                if matches!(parent, Path::Root) {
                    write!(f, "{key}")
                } else {
                    write!(f, "{parent}.{key}")
                }
            }
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

struct NodeDe<'a> {
    node: &'a Node,
    path: &'a Path<'a>,
    found: &'a Found,
}

impl NodeDe<'_> {
    fn invalid_type(&self, exp: &dyn de::Expected) -> DeError {
        <DeError as de::Error>::custom(format!("expected {exp}, found {}", self.node.type_name()))
            .at(self.node, self.path)
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(x) => visitor.visit_f64(*x),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
                path: self.path,
                found: self.found,
            }),
            Value::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                pending: None,
                path: self.path,
                found: self.found,
            }),
        };
        result.map_err(|e| e.at(self.node, self.path))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.value == Value::Null {
            visitor.visit_none()
        } else {
            let (node, path) = (self.node, self.path);
            visitor
                .visit_some(self)
                .map_err(|e: DeError| e.at(node, path))
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => visitor
                .visit_str(s)
                .map_err(|e: DeError| e.at(self.node, self.path)),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(_) => self.deserialize_any(visitor),
            // Like Kubernetes' JSON decoding: null is the zero value, an empty list.
            Value::Null => visitor
                .visit_seq(SeqDe {
                    items: [].iter(),
                    index: 0,
                    path: self.path,
                    found: self.found,
                })
                .map_err(|e| e.at(self.node, self.path)),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(_) => self.deserialize_any(visitor),
            // null is the zero value: an empty mapping (required fields still missing).
            Value::Null => visitor
                .visit_map(MapDe {
                    entries: [].iter(),
                    pending: None,
                    path: self.path,
                    found: self.found,
                })
                .map_err(|e| e.at(self.node, self.path)),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => {
                let de: de::value::StrDeserializer<'_, DeError> = s.as_str().into_deserializer();
                visitor
                    .visit_enum(de)
                    .map_err(|e: DeError| e.at(self.node, self.path))
            }
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (node, path) = (self.node, self.path);
        if name == UNMODELED {
            self.found.0.borrow_mut().push(FieldAt {
                path: path.to_string(),
                line: node.line,
                column: node.column,
            });
            return visitor.visit_unit();
        }
        visitor
            .visit_newtype_struct(self)
            .map_err(|e: DeError| e.at(node, path))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
    path: &'a Path<'a>,
    found: &'a Found,
}

impl<'de> SeqAccess<'de> for SeqDe<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        seed.deserialize(NodeDe {
            node,
            path: &path,
            found: self.found,
        })
        .map(Some)
        .map_err(|e| e.at(node, &path))
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    pending: Option<&'a (Node, Node)>,
    path: &'a Path<'a>,
    found: &'a Found,
}

fn key_text(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Null => "null".to_owned(),
        Value::Seq(_) | Value::Map(_) => "<complex key>".to_owned(),
    }
}

impl<'de> MapAccess<'de> for MapDe<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some(entry);
        let key = key_text(&entry.0);
        let path = Path::Key(self.path, &key);
        // Keys deserialize from their text so that `80: x` can key a string map.
        let de: de::value::StrDeserializer<'_, DeError> = key.as_str().into_deserializer();
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| e.at(&entry.0, &path))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(entry) = self.pending.take() else {
            return Err(<DeError as de::Error>::custom("value requested before key"));
        };
        let key = key_text(&entry.0);
        let path = Path::Key(self.path, &key);
        seed.deserialize(NodeDe {
            node: &entry.1,
            path: &path,
            found: self.found,
        })
        .map_err(|e| e.at(&entry.1, &path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        port: u16,
        #[serde(default)]
        labels: BTreeMap<String, String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        items: Vec<Inner>,
    }

    fn one(text: &str) -> Node {
        let mut docs = parse_documents(text).expect("parses");
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    #[test]
    fn positions_and_multi_documents() {
        let docs = parse_documents("a: 1\n---\n\n---\nb:\n  c: x\n").expect("parses");
        assert_eq!(docs.len(), 2, "the empty document is skipped");
        let c = docs[1].get("b").and_then(|b| b.get("c")).expect("b.c");
        assert_eq!((c.line, c.column), (6, 6));
        assert_eq!(c.as_str(), Some("x"));
    }

    #[test]
    fn typed_values_deserialize() {
        let node = one("items:\n  - port: 80\n    labels: {app: web}\n");
        let outer = from_node::<Outer>(&node).expect("valid").value;
        assert_eq!(outer.items.len(), 1);
        assert_eq!(outer.items[0].port, 80);
        assert_eq!(
            outer.items[0].labels.get("app").map(String::as_str),
            Some("web")
        );
    }

    #[test]
    fn unknown_field_names_path_and_position() {
        let node = one("items:\n  - port: 80\n  - port: 81\n    bogus: 1\n");
        let err = from_node::<Outer>(&node).expect_err("bogus is unknown");
        assert!(err.unknown_field);
        assert_eq!(err.path, "items[1].bogus");
        assert_eq!((err.line, err.column), (4, 5));
    }

    #[test]
    fn wrong_type_is_located() {
        let node = one("items:\n  - port: eighty\n");
        let err = from_node::<Outer>(&node).expect_err("string is not a port");
        assert_eq!(err.path, "items[0].port");
        assert_eq!(err.line, 2);
        assert!(!err.unknown_field);
    }

    #[test]
    fn null_collections_are_empty() {
        let node = one("items:\n  - port: 80\n    labels: null\n");
        let outer = from_node::<Outer>(&node).expect("null labels").value;
        assert!(outer.items[0].labels.is_empty());
        let node = one("items: ~\n");
        assert!(
            from_node::<Outer>(&node)
                .expect("null list")
                .value
                .items
                .is_empty()
        );
    }

    #[test]
    fn syntax_error_has_position() {
        let err = parse_documents("a: [1, 2\nb: 3\n").expect_err("unclosed flow sequence");
        assert!(err.line >= 1, "{err:?}");
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn yaml_1_2_booleans() {
        let node = one("a: y\nb: on\nc: true\n");
        assert_eq!(node.get("a").and_then(Node::as_str), Some("y"));
        assert_eq!(node.get("b").and_then(Node::as_str), Some("on"));
        assert_eq!(node.get("c").map(|n| &n.value), Some(&Value::Bool(true)));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        assert!(parse_documents("a: 1\na: 2\n").is_err());
    }
}
