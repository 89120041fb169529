//! Label selectors (metav1.LabelSelector): matchLabels AND matchExpressions; empty = everything.

use std::collections::BTreeMap;

pub type Labels = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    In(Vec<String>),
    NotIn(Vec<String>),
    Exists,
    DoesNotExist,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selector {
    pub match_labels: Vec<(String, String)>,
    pub expressions: Vec<(String, Op)>,
}

impl Selector {
    /// A selector from plain `key: value` pairs (Service selectors, Istio workload selectors).
    pub fn from_labels(labels: &Labels) -> Self {
        Selector {
            match_labels: labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            expressions: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.expressions.is_empty()
    }

    /// metav1.LabelSelectorAsSelector: every requirement must hold.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.expressions.iter().all(|(k, op)| match op {
                Op::In(values) => labels.get(k).is_some_and(|v| values.contains(v)),
                // NotIn matches objects without the key (apimachinery selection.Operator NotIn).
                Op::NotIn(values) => labels.get(k).is_none_or(|v| !values.contains(v)),
                Op::Exists => labels.contains_key(k),
                Op::DoesNotExist => !labels.contains_key(k),
            })
    }

    /// Build from the manifest form, validating as the API server does
    /// (ValidateLabelSelectorRequirement). Errors are `path: message`.
    pub fn build(
        match_labels: Option<&Labels>,
        expressions: &[(String, String, Option<Vec<String>>)],
        path: &str,
    ) -> Result<Self, String> {
        let mut sel = Selector {
            match_labels: match_labels
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default(),
            expressions: Vec::new(),
        };
        for (i, (key, operator, values)) in expressions.iter().enumerate() {
            let here = format!("{path}.matchExpressions[{i}]");
            let values = values.clone().unwrap_or_default();
            let op = match operator.as_str() {
                "In" | "NotIn" if values.is_empty() => {
                    return Err(format!(
                        "{here}.values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
                    ));
                }
                "In" => Op::In(values),
                "NotIn" => Op::NotIn(values),
                "Exists" | "DoesNotExist" if !values.is_empty() => {
                    return Err(format!(
                        "{here}.values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
                    ));
                }
                "Exists" => Op::Exists,
                "DoesNotExist" => Op::DoesNotExist,
                other => {
                    return Err(format!(
                        "{here}.operator: Invalid value: \"{other}\": not a valid selector operator"
                    ));
                }
            };
            sel.expressions.push((key.clone(), op));
        }
        Ok(sel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn empty_selector_matches_all() {
        assert!(Selector::default().matches(&labels(&[])));
        assert!(Selector::default().matches(&labels(&[("a", "b")])));
    }

    #[test]
    fn expressions() {
        let exprs = vec![
            (
                "pod".to_owned(),
                "In".to_owned(),
                Some(vec!["a".to_owned()]),
            ),
            ("x".to_owned(), "DoesNotExist".to_owned(), None),
            (
                "env".to_owned(),
                "NotIn".to_owned(),
                Some(vec!["prod".to_owned()]),
            ),
        ];
        let sel = Selector::build(None, &exprs, "spec.podSelector").expect("valid");
        assert!(sel.matches(&labels(&[("pod", "a")])));
        assert!(!sel.matches(&labels(&[("pod", "a"), ("x", "1")])));
        assert!(!sel.matches(&labels(&[("pod", "a"), ("env", "prod")])));
        assert!(!sel.matches(&labels(&[("pod", "b")])));
    }

    #[test]
    fn invalid_operator_and_values() {
        let bad = vec![("k".to_owned(), "In".to_owned(), None)];
        assert!(
            Selector::build(None, &bad, "s")
                .expect_err("In needs values")
                .contains("Required value")
        );
        let bad = vec![("k".to_owned(), "Has".to_owned(), None)];
        assert!(Selector::build(None, &bad, "s").is_err());
    }
}
