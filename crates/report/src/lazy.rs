//! JSON documents written without building them first. A report with
//! 100,000 findings made as one `serde_json::Value` tree held about 1.4 KB
//! per finding on top of the findings themselves (230 MiB peak for a 40 MB
//! JSON report); here the arrays that grow with the scan produce one
//! element at a time while the document is written, and only the parts of
//! constant size are `Value`s.
//!
//! Keys come out in the order a `serde_json::Map` keeps them (sorted), so
//! the bytes are those the `Value` tree gave.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// A JSON value whose large arrays are produced while it is written.
pub enum Lazy<'a> {
    Value(Value),
    Object(BTreeMap<&'a str, Lazy<'a>>),
    Array(Vec<Lazy<'a>>),
    /// Elements made one at a time, each dropped once written.
    Each(Each<'a>),
}

/// An array's length and a way to make its elements, as often as the
/// document is written.
pub struct Each<'a> {
    len: usize,
    elements: Box<dyn Fn() -> Box<dyn Iterator<Item = Value> + 'a> + 'a>,
}

impl<'a> Lazy<'a> {
    /// An object from `(key, value)` pairs in any order.
    pub fn object<const N: usize>(entries: [(&'a str, Lazy<'a>); N]) -> Lazy<'a> {
        Lazy::Object(entries.into_iter().collect())
    }

    /// An array of `len` elements made by `elements` when written.
    pub fn each<I>(len: usize, elements: impl Fn() -> I + 'a) -> Lazy<'a>
    where
        I: Iterator<Item = Value> + 'a,
    {
        Lazy::Each(Each {
            len,
            elements: Box::new(move || Box::new(elements())),
        })
    }

    /// Writes the document as indented JSON and a final newline, as the
    /// CLI and the app's export do.
    pub fn write_pretty(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
    }

    /// The whole tree, for callers that inspect it (tests, small documents).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a JSON value always serializes")
    }
}

impl From<Value> for Lazy<'_> {
    fn from(value: Value) -> Self {
        Lazy::Value(value)
    }
}

impl Serialize for Lazy<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Lazy::Value(value) => value.serialize(serializer),
            Lazy::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            Lazy::Array(elements) => elements.serialize(serializer),
            Lazy::Each(each) => {
                let mut seq = serializer.serialize_seq(Some(each.len))?;
                for element in (each.elements)() {
                    seq.serialize_element(&element)?;
                }
                seq.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_the_bytes_a_value_tree_gives() {
        let numbers = [3, 1, 2];
        let lazy = Lazy::object([
            ("zeta", json!({"b": 1, "a": [true, null]}).into()),
            (
                "alpha",
                Lazy::each(numbers.len(), || {
                    numbers
                        .iter()
                        .map(|n| json!({"n": n, "half": *n as f64 / 2.0}))
                }),
            ),
            (
                "mid",
                Lazy::Array(vec![json!("x").into(), Lazy::object([])]),
            ),
            ("none", Lazy::each(0, std::iter::empty)),
        ]);
        let tree = json!({
            "zeta": {"b": 1, "a": [true, null]},
            "alpha": numbers.iter().map(|n| json!({"n": n, "half": *n as f64 / 2.0})).collect::<Vec<_>>(),
            "mid": ["x", {}],
            "none": [],
        });
        assert_eq!(
            serde_json::to_string_pretty(&lazy).unwrap(),
            serde_json::to_string_pretty(&tree).unwrap()
        );
        assert_eq!(
            serde_json::to_string(&lazy).unwrap(),
            serde_json::to_string(&tree).unwrap()
        );
        // Written twice, the same: the elements are made afresh each time.
        assert_eq!(lazy.to_value(), tree);
        assert_eq!(lazy.to_value(), tree);
    }
}
