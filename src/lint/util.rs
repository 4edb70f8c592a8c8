//! Small helpers shared by the lint modules.

use crate::tree::{Node, Value};
use regex::Regex;

/// JSON equality of two nodes: spans are ignored, numbers compare by value (`1 == 1.0`),
/// object member order does not matter.
pub fn json_eq(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => {
            x.raw() == y.raw() || matches!((x.as_f64(), y.as_f64()), (Some(p), Some(q)) if p == q)
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.entries
                    .iter()
                    .all(|e| y.get(&e.key).is_some_and(|v| json_eq(&e.value, v)))
        }
        _ => false,
    }
}

/// A hash consistent with [`json_eq`] (for finding duplicates in long enums).
pub fn json_hash(n: &Node, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    match &n.value {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(x) => {
            2u8.hash(h);
            match x.as_f64() {
                // `0.0` and `-0.0` are equal.
                Some(f) => (if f == 0.0 { 0 } else { f.to_bits() }).hash(h),
                None => x.raw().hash(h),
            }
        }
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(items) => {
            (4u8, items.len()).hash(h);
            for i in items {
                json_hash(i, h);
            }
        }
        // Member order does not matter: combine member hashes commutatively.
        Value::Object(o) => {
            let mut acc = 0u64;
            for e in &o.entries {
                let mut sub = rustc_hash::FxHasher::default();
                e.key.hash(&mut sub);
                json_hash(&e.value, &mut sub);
                acc = acc.wrapping_add(std::hash::Hasher::finish(&sub));
            }
            (5u8, o.len(), acc).hash(h);
        }
    }
}

/// A JavaScript regular expression (`body` between the slashes, and its flags) as a Rust
/// regex. Unsupported syntax (look-around, back-references) is an error that says so.
pub fn js_regex(body: &str, flags: &str) -> Result<Regex, String> {
    let mut prefix = String::new();
    for f in flags.chars() {
        match f {
            'i' => prefix.push('i'),
            'm' => prefix.push('m'),
            's' => prefix.push('s'),
            'g' | 'u' | 'y' | 'd' | 'v' => {}
            other => return Err(format!("unknown regular expression flag `{other}`")),
        }
    }
    let body_rs = literal_braces(body);
    let pattern = if prefix.is_empty() {
        body_rs
    } else {
        format!("(?{prefix}){body_rs}")
    };
    Regex::new(&pattern).map_err(|e| {
        let e = e.to_string();
        let hint = if body.contains("(?=") || body.contains("(?!") || body.contains("(?<") {
            " (look-around is not supported)"
        } else {
            ""
        };
        format!(
            "regular expression `{body}` is not supported{hint}: {}",
            e.lines().last().unwrap_or("")
        )
    })
}

/// JavaScript reads a `{` that does not start a quantifier (`{2}`, `{2,}`, `{2,5}`) as a
/// literal brace; Rust's regex wants it escaped.
fn literal_braces(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len() + 4);
    let mut i = 0;
    let mut in_class = false;
    let mut open_quantifier = false;
    while i < bytes.len() {
        let c = body[i..].chars().next().unwrap();
        match c {
            '\\' => {
                let next = body[i + 1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&body[i..i + 1 + next]);
                i += 1 + next;
                continue;
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '{' if !in_class => {
                let rest = &body[i + 1..];
                let end = rest.find('}');
                let quantifier = end.is_some_and(|e| {
                    let inner = &rest[..e];
                    let mut parts = inner.splitn(2, ',');
                    let a = parts.next().unwrap_or("");
                    let b = parts.next();
                    !a.is_empty()
                        && a.bytes().all(|x| x.is_ascii_digit())
                        && b.is_none_or(|b| b.bytes().all(|x| x.is_ascii_digit()))
                });
                if quantifier {
                    open_quantifier = true;
                } else {
                    out.push_str("\\{");
                    i += 1;
                    continue;
                }
            }
            '}' if !in_class => {
                if open_quantifier {
                    open_quantifier = false;
                } else {
                    out.push_str("\\}");
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A pattern as Spectral's `pattern` function takes it: `/body/flags` or a plain pattern.
pub fn pattern_regex(pattern: &str) -> Result<Regex, String> {
    if let Some(rest) = pattern.strip_prefix('/')
        && let Some(end) = rest.rfind('/')
    {
        let flags = &rest[end + 1..];
        if flags.chars().all(|c| c.is_ascii_alphabetic()) {
            return js_regex(&rest[..end], flags);
        }
    }
    js_regex(pattern, "")
}

/// A short rendering of a node for messages: scalars as JSON, containers abbreviated.
pub fn show(node: &Node) -> String {
    match &node.value {
        Value::String(s) => {
            let s: String = if s.chars().count() > 60 {
                s.chars().take(57).chain("...".chars()).collect()
            } else {
                s.clone()
            };
            serde_json::to_string(&s).unwrap_or_default()
        }
        Value::Object(_) => "object".to_string(),
        Value::Array(_) => "array".to_string(),
        _ => node.scalar_text().unwrap_or_default().into_owned(),
    }
}

/// JavaScript truthiness of a node (`false`, `0`, `""` and `null` are falsy).
pub fn truthy(node: &Node) -> bool {
    match &node.value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|v| v != 0.0 && !v.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// The JSON type names a node has (`integer` and `number` for whole numbers).
pub fn json_types(node: &Node) -> &'static [&'static str] {
    match &node.value {
        Value::Null => &["null"],
        Value::Bool(_) => &["boolean"],
        Value::Number(n) => {
            if is_integer(n) {
                &["integer", "number"]
            } else {
                &["number"]
            }
        }
        Value::String(_) => &["string"],
        Value::Array(_) => &["array"],
        Value::Object(_) => &["object"],
    }
}

pub fn is_integer(n: &crate::tree::Number) -> bool {
    n.as_i64().is_some()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, yaml};

    fn n(text: &str) -> Node {
        yaml::parse(text, &Limits::default()).unwrap().root
    }

    #[test]
    fn equality_ignores_spans_order_and_number_spelling() {
        assert!(json_eq(&n("{a: 1, b: [x]}"), &n("{b: [x], a: 1.0}")));
        assert!(!json_eq(&n("{a: 1}"), &n("{a: '1'}")));
        let h = |node: &Node| {
            let mut s = rustc_hash::FxHasher::default();
            json_hash(node, &mut s);
            std::hash::Hasher::finish(&s)
        };
        assert_eq!(h(&n("{a: 1, b: 2}")), h(&n("{b: 2, a: 1.0}")));
    }

    #[test]
    fn js_patterns() {
        assert!(pattern_regex("/^A/i").unwrap().is_match("abc"));
        assert!(pattern_regex("^a/b$").unwrap().is_match("a/b"));
        assert!(pattern_regex("(?=x)").unwrap_err().contains("look-around"));
        assert!(pattern_regex("{}").unwrap().is_match("/a/{}"));
        assert!(pattern_regex("^a{2}$").unwrap().is_match("aa"));
        assert!(pattern_regex("[{]x}").unwrap().is_match("{x}"));
    }
}
