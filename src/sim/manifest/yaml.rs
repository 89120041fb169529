//! A YAML tree where every node keeps its line and column, and a serde `Deserializer` over it.
//!
//! serde-saphyr parses the text (budgets refuse alias bombs and deep nesting, duplicate keys are
//! errors); the typed per-kind structs then deserialize from this tree, so every error names the
//! field path (`spec.ingress[0].from[0]`) and the position of the node that caused it.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

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

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(d)?;
        Ok(Node {
            value: spanned.value,
            line: spanned.referenced.line(),
            column: spanned.referenced.column(),
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(node) = seq.next_element::<Node>()? {
            items.push(node);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
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
    /// The field is not part of meshlab's supported subset of the kind.
    pub unsupported_field: bool,
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
            unsupported_field: false,
            located: false,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let mut e = Self::custom(if expected.is_empty() {
            format!("field `{field}` is not supported by meshlab")
        } else {
            format!(
                "field `{field}` is not supported by meshlab (supported here: {})",
                expected.join(", ")
            )
        });
        e.unsupported_field = true;
        e
    }
}

/// Parse a multi-document YAML text. Empty documents are skipped. Scalars resolve by the YAML
/// 1.2 core schema (`y`, `on`, `yes` stay strings; only `true`/`false` are booleans).
pub fn parse_documents(text: &str) -> Result<Vec<Node>, DeError> {
    let options = serde_saphyr::options! { with_snippet: false, strict_booleans: true };
    serde_saphyr::from_str_multiple_with_options::<Node, Vec<Node>>(text, options).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((0, 0), |loc| (loc.line(), loc.column()));
        let mut err = <DeError as de::Error>::custom(strip_location(&e.to_string()));
        err.line = line;
        err.column = column;
        err.located = true;
        err
    })
}

/// serde-saphyr renders `message at line L, column C`; the caller prints `file:L:C:` itself.
fn strip_location(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered).trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first.to_owned(),
    }
}

/// Deserialize a typed value from a node; errors carry the path below `root`.
pub fn from_node<T: de::DeserializeOwned>(node: &Node) -> Result<T, DeError> {
    T::deserialize(NodeDe {
        node,
        path: &Path::Root,
    })
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
            }),
            Value::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                pending: None,
                path: self.path,
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
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (node, path) = (self.node, self.path);
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
        seed.deserialize(NodeDe { node, path: &path })
            .map(Some)
            .map_err(|e| e.at(node, &path))
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    pending: Option<&'a (Node, Node)>,
    path: &'a Path<'a>,
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
        })
        .map_err(|e| e.at(&entry.1, &path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        port: u16,
        #[serde(default)]
        labels: BTreeMap<String, String>,
    }

    #[derive(Debug, Deserialize)]
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
        let outer = from_node::<Outer>(&node).expect("valid");
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
        assert!(err.unsupported_field);
        assert_eq!(err.path, "items[1].bogus");
        assert_eq!((err.line, err.column), (4, 5));
    }

    #[test]
    fn wrong_type_is_located() {
        let node = one("items:\n  - port: eighty\n");
        let err = from_node::<Outer>(&node).expect_err("string is not a port");
        assert_eq!(err.path, "items[0].port");
        assert_eq!(err.line, 2);
        assert!(!err.unsupported_field);
    }

    #[test]
    fn null_collections_are_empty() {
        let node = one("items:\n  - port: 80\n    labels: null\n");
        let outer = from_node::<Outer>(&node).expect("null labels");
        assert!(outer.items[0].labels.is_empty());
        let node = one("items: ~\n");
        assert!(
            from_node::<Outer>(&node)
                .expect("null list")
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
